// Content checksums: Subresource Integrity strings ("sha512-<base64>", as registries
// publish them in dist.integrity), npm's older hex sha1 "shasum", and an incremental
// hasher (OpenSSL EVP, loaded on first use: base/crypto_library.h) so a tarball is
// verified while it streams in.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"

namespace lode {

enum class HashAlgorithm { kSha1, kSha256, kSha384, kSha512 };

std::string_view hash_algorithm_name(HashAlgorithm algorithm);  // "sha512"

struct Integrity {
  HashAlgorithm algorithm = HashAlgorithm::kSha512;
  std::string digest;  // raw bytes

  // "sha512-<base64>"
  std::string to_string() const;
  // "sha512-<hex>": a file-name-safe key for the content-addressed store.
  std::string store_key() const;
  bool operator==(const Integrity&) const = default;
};

// Parses an SRI string. With several hashes ("sha512-... sha1-..."), the strongest
// supported one is kept. Fails (kParse) when no entry is a valid sha1/256/384/512 hash.
Result<Integrity> parse_integrity(std::string_view sri);

// The integrity of a 40-digit hex sha1 shasum. Fails (kParse) on anything else.
Result<Integrity> integrity_from_shasum(std::string_view hex);

// Incremental hashing: update() with each chunk, finish() once.
class Hasher {
 public:
  // A hasher for `algorithm`. Fails only when libcrypto cannot be loaded.
  static Result<Hasher> create(HashAlgorithm algorithm);
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  ~Hasher();

  void update(std::string_view bytes);
  // The raw digest; the hasher starts over afterwards.
  std::string finish();
  // Drops what was fed so far (a download that restarts).
  void reset();
  HashAlgorithm algorithm() const { return algorithm_; }

 private:
  struct State;
  Hasher(HashAlgorithm algorithm, std::unique_ptr<State> state);
  HashAlgorithm algorithm_;
  std::unique_ptr<State> state_;
};

// The digest of `bytes` with `algorithm`. Fails only when libcrypto cannot be loaded.
Result<Integrity> compute_integrity(HashAlgorithm algorithm, std::string_view bytes);

}  // namespace lode
