#include <catch2/catch.hpp>

#include "base/encoding.h"
#include "base/integrity.h"

using namespace lode;

TEST_CASE("SRI strings parse; the strongest hash wins", "[base]") {
  Integrity abc512 = compute_integrity(HashAlgorithm::kSha512, "abc").value();
  Integrity abc1 = compute_integrity(HashAlgorithm::kSha1, "abc").value();
  CHECK(hex_encode(abc1.digest) == "a9993e364706816aba3e25717850c26c9cd0d89d");  // FIPS 180 vector
  auto parsed = parse_integrity(abc1.to_string() + " " + abc512.to_string());
  REQUIRE(parsed);
  CHECK(parsed->algorithm == HashAlgorithm::kSha512);
  CHECK(*parsed == abc512);
  CHECK(parse_integrity("  " + abc512.to_string() + "?opt  ") == abc512);
  CHECK_FALSE(parse_integrity("md5-abc"));
  CHECK_FALSE(parse_integrity("sha512-tooshort"));
  CHECK_FALSE(parse_integrity(""));
}

TEST_CASE("a hex shasum is a sha1 integrity", "[base]") {
  auto parsed = integrity_from_shasum("a9993e364706816aba3e25717850c26c9cd0d89d");
  REQUIRE(parsed);
  CHECK(*parsed == compute_integrity(HashAlgorithm::kSha1, "abc").value());
  CHECK(parsed->store_key() == "sha1-a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK_FALSE(integrity_from_shasum("xyz"));
}

TEST_CASE("the incremental hasher equals the one-shot digest and restarts", "[base]") {
  Hasher hasher = Hasher::create(HashAlgorithm::kSha256).value();
  hasher.update("hello ");
  hasher.update("world");
  std::string first = hasher.finish();
  CHECK(first == compute_integrity(HashAlgorithm::kSha256, "hello world").value().digest);
  hasher.update("hello world");
  CHECK(hasher.finish() == first);
}
