#include "base/integrity.h"

#include "base/crypto_library.h"
#include "base/encoding.h"
#include "base/strings.h"

namespace lode {

namespace {

const EVP_MD* digest_of(const CryptoLibrary& crypto, HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha1: return crypto.sha1();
    case HashAlgorithm::kSha256: return crypto.sha256();
    case HashAlgorithm::kSha384: return crypto.sha384();
    case HashAlgorithm::kSha512: return crypto.sha512();
  }
  return crypto.sha512();
}

size_t digest_size(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha1: return 20;
    case HashAlgorithm::kSha256: return 32;
    case HashAlgorithm::kSha384: return 48;
    case HashAlgorithm::kSha512: return 64;
  }
  return 64;
}

std::optional<HashAlgorithm> algorithm_named(std::string_view name) {
  if (name == "sha1") return HashAlgorithm::kSha1;
  if (name == "sha256") return HashAlgorithm::kSha256;
  if (name == "sha384") return HashAlgorithm::kSha384;
  if (name == "sha512") return HashAlgorithm::kSha512;
  return std::nullopt;
}

}  // namespace

struct Hasher::State {
  explicit State(const CryptoLibrary& library) : crypto(library), context(library.md_ctx_new()) {}
  ~State() { crypto.md_ctx_free(context); }
  const CryptoLibrary& crypto;
  EVP_MD_CTX* context;
};

std::string_view hash_algorithm_name(HashAlgorithm algorithm) {
  switch (algorithm) {
    case HashAlgorithm::kSha1: return "sha1";
    case HashAlgorithm::kSha256: return "sha256";
    case HashAlgorithm::kSha384: return "sha384";
    case HashAlgorithm::kSha512: return "sha512";
  }
  return "sha512";
}

std::string Integrity::to_string() const {
  return std::string(hash_algorithm_name(algorithm)) + "-" + base64_encode(digest);
}

std::string Integrity::store_key() const {
  return std::string(hash_algorithm_name(algorithm)) + "-" + hex_encode(digest);
}

Result<Integrity> parse_integrity(std::string_view sri) {
  std::optional<Integrity> best;
  for (std::string_view entry : split(trim(sri), ' ')) {
    entry = trim(entry);
    // SRI allows options after '?'; registries do not use them.
    entry = entry.substr(0, entry.find('?'));
    size_t dash = entry.find('-');
    if (dash == std::string_view::npos) continue;
    auto algorithm = algorithm_named(entry.substr(0, dash));
    if (!algorithm) continue;
    auto digest = base64_decode(entry.substr(dash + 1));
    if (!digest || digest->size() != digest_size(*algorithm)) continue;
    if (!best || *algorithm > best->algorithm) best = Integrity{*algorithm, std::move(*digest)};
  }
  if (!best) return fail(ErrorCode::kParse, "invalid integrity string", std::string(sri));
  return *best;
}

Result<Integrity> integrity_from_shasum(std::string_view hex) {
  auto digest = hex_decode(trim(hex));
  if (!digest || digest->size() != 20) return fail(ErrorCode::kParse, "invalid sha1 shasum", std::string(hex));
  return Integrity{HashAlgorithm::kSha1, std::move(*digest)};
}

Result<Hasher> Hasher::create(HashAlgorithm algorithm) {
  Result<const CryptoLibrary*> crypto = crypto_library();
  if (!crypto) return std::unexpected(crypto.error());
  Hasher hasher(algorithm, std::make_unique<State>(**crypto));
  hasher.reset();
  return hasher;
}

Hasher::Hasher(HashAlgorithm algorithm, std::unique_ptr<State> state) : algorithm_(algorithm), state_(std::move(state)) {}

Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;
Hasher::~Hasher() = default;

void Hasher::update(std::string_view bytes) {
  state_->crypto.digest_update(state_->context, bytes.data(), bytes.size());
}

std::string Hasher::finish() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  state_->crypto.digest_final(state_->context, digest, &length);
  reset();
  return std::string(reinterpret_cast<char*>(digest), length);
}

void Hasher::reset() { state_->crypto.digest_init(state_->context, digest_of(state_->crypto, algorithm_), nullptr); }

Result<Integrity> compute_integrity(HashAlgorithm algorithm, std::string_view bytes) {
  Result<Hasher> hasher = Hasher::create(algorithm);
  if (!hasher) return std::unexpected(hasher.error());
  hasher->update(bytes);
  return Integrity{algorithm, hasher->finish()};
}

}  // namespace lode
