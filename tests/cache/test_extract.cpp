#include <sys/stat.h>

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "base/crc32c.h"
#include "base/integrity.h"
#include "cache/extract.h"
#include "tests/cache/tarball_maker.h"

using namespace lode;
using namespace lode::test;
using Kind = TarEntry::Kind;

namespace {

// libarchive, loaded once for this test program.
const ArchiveLibrary& libarchive() {
  static LazyArchiveLibrary library;
  Result<const ArchiveLibrary*> loaded = library.get();
  REQUIRE(loaded);
  return **loaded;
}

unsigned mode_of(const fs::path& path) {
  struct stat info;
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

}  // namespace

TEST_CASE("a package unpacks without its first path component, modes normalised", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  std::string tgz = make_tarball({
      {Kind::kDirectory, "node-sass/", "", 0700},
      {Kind::kFile, "node-sass/package.json", "{\"name\":\"x\"}", 0600},
      {Kind::kFile, "node-sass/bin/cli.js", "#!/usr/bin/env node\n", 0700},
      {Kind::kFile, "./node-sass/lib/deep/a.js", "a", 0666},
  });
  auto result = extract_tarball(libarchive(), tgz, dir->path(), "test.tgz");
  REQUIRE(result);
  CHECK(result->skipped.empty());
  REQUIRE(result->files.size() == 3);
  CHECK(result->files[0].path == "package.json");
  CHECK(result->files[1].path == "bin/cli.js");
  CHECK(result->files[1].mode == 0755);
  CHECK(result->files[2].path == "lib/deep/a.js");
  CHECK(result->files[2].checksum == crc32c_bytes("a"));
  CHECK(result->unpacked_size == 12 + 20 + 1);
  CHECK(mode_of(dir->path() / "package.json") == 0644);
  CHECK(mode_of(dir->path() / "bin/cli.js") == 0755);
  CHECK(mode_of(dir->path() / "lib/deep") == 0755);
  CHECK(read_file(dir->path() / "lib/deep/a.js") == "a");
}

TEST_CASE("paths that escape the package are refused", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path inside = dir->path() / "pkg";
  fs::create_directories(inside);
  std::string tgz = make_tarball({
      {Kind::kFile, "package/package.json", "{}"},
      {Kind::kFile, "package/../../escaped.txt", "evil"},
      {Kind::kFile, "/etc/lode-evil", "evil"},
      {Kind::kFile, "package/a/../../up.txt", "evil"},
      {Kind::kFile, "toplevel.txt", "outside the package folder"},
  });
  auto result = extract_tarball(libarchive(), tgz, inside, "evil.tgz");
  REQUIRE(result);
  CHECK(result->files.size() == 1);
  CHECK(result->skipped.size() == 4);
  CHECK_FALSE(fs::exists(dir->path() / "escaped.txt"));
  CHECK_FALSE(fs::exists(dir->path() / "up.txt"));
  CHECK_FALSE(fs::exists("/etc/lode-evil"));
  std::string reason;
  CHECK_FALSE(safe_entry_path("package/x/../../y", reason));
  CHECK(reason == "path with '..' refused");
  CHECK(safe_entry_path("package//a/./b", reason) == "a/b");
}

TEST_CASE("links are not extracted, so none can redirect a later write", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path inside = dir->path() / "pkg";
  fs::create_directories(inside);
  std::string tgz = make_tarball({
      {Kind::kSymlink, "package/escape", "", 0777, "../.."},
      {Kind::kFile, "package/escape/owned.txt", "evil"},
      {Kind::kSymlink, "package/abs", "", 0777, "/etc/passwd"},
      {Kind::kFile, "package/real.txt", "real"},
      {Kind::kHardlink, "package/hard", "", 0644, "/etc/passwd"},
      {Kind::kFifo, "package/fifo"},
  });
  auto result = extract_tarball(libarchive(), tgz, inside, "links.tgz");
  REQUIRE(result);
  CHECK_FALSE(fs::is_symlink(inside / "escape"));
  CHECK_FALSE(fs::exists(dir->path() / "owned.txt"));
  CHECK_FALSE(fs::exists(inside / "abs"));
  CHECK_FALSE(fs::exists(inside / "hard"));
  CHECK_FALSE(fs::exists(inside / "fifo"));
  CHECK(read_file(inside / "real.txt") == "real");
  CHECK(result->skipped.size() == 4);
}

TEST_CASE("a path given twice keeps its last content", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  auto result = extract_tarball(libarchive(), make_tarball({{Kind::kFile, "p/a.txt", "first"}, {Kind::kFile, "p/a.txt", "second!"}}),
                                dir->path(), "dup.tgz");
  REQUIRE(result);
  REQUIRE(result->files.size() == 1);
  CHECK(result->files[0].size == 7);
  CHECK(result->unpacked_size == 7);
  CHECK(read_file(dir->path() / "a.txt") == "second!");
}

TEST_CASE("data that is not a tarball is a kParse error naming the source", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  auto garbage = extract_tarball(libarchive(), "this is not gzip at all", dir->path(), "http://r/x.tgz");
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().code == ErrorCode::kParse);
  CHECK(garbage.error().subject == "http://r/x.tgz");
  std::string tgz = make_tarball({{Kind::kFile, "package/big.txt", std::string(100000, 'x')}});
  auto truncated = extract_tarball(libarchive(), std::string_view(tgz).substr(0, tgz.size() / 2), dir->path(), "cut.tgz");
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().code == ErrorCode::kParse);
}

TEST_CASE("a tarball streamed in pieces from another thread unpacks as one held in memory", "[cache]") {
  std::string content;
  for (int i = 0; content.size() < 300000; ++i) content += std::to_string(i * 7919) + ",";
  std::string tgz = make_tarball({{Kind::kFile, "package/package.json", "{}"},
                                  {Kind::kFile, "package/lib/data.txt", content}});
  auto feed = [&](TarballStream& stream, size_t piece) {
    return std::thread([&stream, &tgz, piece] {
      for (size_t at = 0; at < tgz.size(); at += piece) stream.push(std::string_view(tgz).substr(at, piece));
      stream.close();
    });
  };
  for (size_t piece : {size_t{1}, size_t{1000}, size_t{16384}}) {
    auto dir = TempDir::create();
    REQUIRE(dir);
    TarballStream stream;
    std::thread producer = feed(stream, piece);
    auto result = extract_tarball_stream(libarchive(), stream, dir->path(), "stream.tgz");
    producer.join();
    REQUIRE(result);
    REQUIRE(result->files.size() == 2);
    CHECK(result->files[1].path == "lib/data.txt");
    CHECK(read_file(dir->path() / "lib/data.txt") == content);
  }
}

TEST_CASE("an abandoned stream fails the extraction, even once all entries are out", "[cache]") {
  std::string tgz = make_tarball({{Kind::kFile, "package/index.js", "x"}});
  for (bool all_pushed : {false, true}) {
    auto dir = TempDir::create();
    REQUIRE(dir);
    TarballStream stream;
    stream.push(std::string_view(tgz).substr(0, all_pushed ? tgz.size() : tgz.size() / 3));
    // The producer's check of the whole download failed: nothing it fed may count.
    std::thread producer([&stream] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      stream.abandon();
    });
    auto result = extract_tarball_stream(libarchive(), stream, dir->path(), "abandoned.tgz");
    producer.join();
    REQUIRE_FALSE(result);
    CHECK(result.error().code == ErrorCode::kParse);
    CHECK(result.error().subject == "abandoned.tgz");
  }
}
