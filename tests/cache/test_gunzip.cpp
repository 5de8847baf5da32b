// base/gunzip.h, and the store's use of it for tarballs libdeflate cannot inflate whole.
#include <catch2/catch.hpp>

#include "base/integrity.h"
#include "base/gunzip.h"
#include "cache/store.h"
#include "tests/cache/tarball_maker.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;
using Kind = TarEntry::Kind;

namespace {

const DeflateLibrary& deflate_library() {
  static LazyDeflateLibrary library;
  Result<const DeflateLibrary*> loaded = library.get();
  REQUIRE(loaded);
  return **loaded;
}

}  // namespace

TEST_CASE("one gzip member is inflated whole; anything else is left to the caller", "[cache]") {
  const DeflateLibrary& deflate = deflate_library();
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + "\n";
  std::string packed = gzip(text);
  InflateBuffer buffer;
  std::optional<std::string_view> decoded = gunzip_one_member(deflate, packed, 1 << 20, buffer);
  REQUIRE(decoded);
  CHECK(*decoded == text);
  // The buffer is reused for a smaller one, and grows for a larger one.
  CHECK(gunzip_one_member(deflate, gzip("small"), 1 << 20, buffer) == "small");
  std::string large(5 << 20, 'x');
  CHECK(gunzip_one_member(deflate, gzip(large), 8 << 20, buffer) == large);

  CHECK_FALSE(gunzip_one_member(deflate, packed + gzip("more"), 1 << 20, buffer));  // two members
  CHECK_FALSE(gunzip_one_member(deflate, packed, text.size() - 1, buffer));         // over the limit
  CHECK_FALSE(gunzip_one_member(deflate, text, 1 << 20, buffer));                   // not gzip
  std::string corrupt = packed;
  corrupt[corrupt.size() / 2] ^= 0x55;
  CHECK_FALSE(gunzip_one_member(deflate, corrupt, 1 << 20, buffer));
  std::string lying = packed;  // a trailer that understates the size
  lying[lying.size() - 4] = static_cast<char>(lying[lying.size() - 4] - 1);
  CHECK_FALSE(gunzip_one_member(deflate, lying, 1 << 20, buffer));
  CHECK_FALSE(gunzip_one_member(deflate, packed.substr(0, packed.size() / 2), 1 << 20, buffer));  // cut short
}

TEST_CASE("a tarball of two gzip members is still unpacked into the store", "[cache]") {
  TempDir dir = *TempDir::create();
  Store store = *Store::open(dir.path() / "cache");
  // The tar split in two and each half gzipped: what libdeflate leaves to libarchive.
  std::string tgz = make_tarball({{Kind::kFile, "package/package.json", "{\"name\":\"split\"}"},
                                  {Kind::kFile, "package/index.js", std::string(50000, 'a')}});
  InflateBuffer buffer;
  std::optional<std::string_view> tar = gunzip_one_member(deflate_library(), tgz, 1 << 20, buffer);
  REQUIRE(tar);
  std::string two_members = gzip(tar->substr(0, 700)) + gzip(tar->substr(700));
  Integrity integrity = compute_integrity(HashAlgorithm::kSha512, two_members).value();
  Result<UnpackedPackage> unpacked = store.unpack(two_members, integrity.store_key(), "split.tgz");
  REQUIRE(unpacked);
  CHECK(read_file(store.package_dir(integrity.store_key()) / "index.js") == std::string(50000, 'a'));
  // And a corrupt one is refused with libarchive's words, naming the tarball.
  std::string corrupt = tgz;
  corrupt[corrupt.size() / 2] ^= 0x55;
  Result<UnpackedPackage> refused = store.unpack(corrupt, "sha512-00", "corrupt.tgz");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().subject == "corrupt.tgz");
}
