#include "base/crypto_library.h"

namespace lode {

// The SONAME lode was built against (Debian 12's libssl3).
constexpr const char* kCryptoSoname = "libcrypto.so.3";

Result<std::unique_ptr<CryptoLibrary>> CryptoLibrary::load() {
  Result<SharedLibrary> library = SharedLibrary::open(kCryptoSoname, "libssl3");
  if (!library) return std::unexpected(library.error());
  auto crypto = std::make_unique<CryptoLibrary>(std::move(*library));
  const SharedLibrary& lib = crypto->library;
  for (Result<void> bound : {lib.bind(crypto->md_ctx_new, "EVP_MD_CTX_new"),
                             lib.bind(crypto->md_ctx_free, "EVP_MD_CTX_free"),
                             lib.bind(crypto->digest_init, "EVP_DigestInit_ex"),
                             lib.bind(crypto->digest_update, "EVP_DigestUpdate"),
                             lib.bind(crypto->digest_final, "EVP_DigestFinal_ex"),
                             lib.bind(crypto->sha1, "EVP_sha1"),
                             lib.bind(crypto->sha256, "EVP_sha256"),
                             lib.bind(crypto->sha384, "EVP_sha384"),
                             lib.bind(crypto->sha512, "EVP_sha512")}) {
    if (!bound) return std::unexpected(bound.error());
  }
  return crypto;
}

Result<const CryptoLibrary*> crypto_library() {
  static LazyLibrary<CryptoLibrary> library;
  return library.get();
}

}  // namespace lode
