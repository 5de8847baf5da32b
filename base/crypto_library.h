// OpenSSL's message digests as integrity checks use them, loaded at run time on first use
// rather than linked (see base/shared_library.h): libcrypto's relocations cost ~2.4 ms of
// every start, and most commands (an install from the store, add of a stored package,
// lode x of a cached one) never hash anything.
#pragma once

#include <openssl/evp.h>

#include <memory>

#include "base/error.h"
#include "base/shared_library.h"

namespace lode {

struct CryptoLibrary {
  SharedLibrary library;
  decltype(&::EVP_MD_CTX_new) md_ctx_new = nullptr;
  decltype(&::EVP_MD_CTX_free) md_ctx_free = nullptr;
  decltype(&::EVP_DigestInit_ex) digest_init = nullptr;
  decltype(&::EVP_DigestUpdate) digest_update = nullptr;
  decltype(&::EVP_DigestFinal_ex) digest_final = nullptr;
  decltype(&::EVP_sha1) sha1 = nullptr;
  decltype(&::EVP_sha256) sha256 = nullptr;
  decltype(&::EVP_sha384) sha384 = nullptr;
  decltype(&::EVP_sha512) sha512 = nullptr;

  // Loads libcrypto and binds every function above. Fails when the library or a symbol is
  // missing, naming it and the Debian package to install.
  static Result<std::unique_ptr<CryptoLibrary>> load();

  explicit CryptoLibrary(SharedLibrary loaded) : library(std::move(loaded)) {}
};

// libcrypto, loaded and bound by the first call from any thread; later calls return the
// same one, or the same error (naming the library and the Debian package to install).
// Process-wide on purpose: a loaded shared library is process state whatever holds it,
// and hashing happens in corners (a worker unpacking a tarball) no context reaches.
Result<const CryptoLibrary*> crypto_library();

}  // namespace lode
