#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "base/fs.h"

using namespace lode;

TEST_CASE("read_file reports missing files as kNotFound with the path", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  auto missing = read_file(dir->path() / "nope.json");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
  CHECK(missing.error().subject == (dir->path() / "nope.json").string());
}

TEST_CASE("read_file reads files of many chunks, and ones that report no size", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  std::string big;
  for (int i = 0; big.size() < 300000; ++i) big += "line " + std::to_string(i) + "\n";
  REQUIRE(write_file_atomic(dir->path() / "big.txt", big));
  CHECK(read_file(dir->path() / "big.txt").value() == big);
  REQUIRE(write_file_atomic(dir->path() / "empty.txt", ""));
  CHECK(read_file(dir->path() / "empty.txt").value().empty());
  // /proc files say they are empty and are not.
  CHECK(read_file("/proc/self/status").value().find("Name:") != std::string::npos);
}

TEST_CASE("write_file_atomic replaces content and sets the mode", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path file = dir->path() / "a.txt";
  REQUIRE(write_file_atomic(file, "first"));
  REQUIRE(write_file_atomic(file, "second", {.mode = fs::perms::owner_read | fs::perms::owner_write}));
  CHECK(read_file(file) == "second");
  struct stat info;
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  // No temporary files are left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir->path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("write_file_atomic leaves the old file when it cannot write", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path file = dir->path() / "missing-dir" / "a.txt";
  auto written = write_file_atomic(file, "x");
  REQUIRE_FALSE(written);
  CHECK(written.error().code == ErrorCode::kIo);
  CHECK(written.error().subject == file.string());
}

TEST_CASE("find_upwards finds the nearest ancestor holding a name", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  REQUIRE(ensure_directories(dir->path() / "a" / "b" / "c"));
  REQUIRE(write_file_atomic(dir->path() / "a" / "package.json", "{}"));
  CHECK(find_upwards(dir->path() / "a" / "b" / "c", "package.json") == dir->path() / "a");
  CHECK_FALSE(find_upwards(dir->path() / "a" / "b", "no-such-file-anywhere.lode").has_value());
}

TEST_CASE("TempDir removes its tree unless released", "[base]") {
  fs::path kept;
  fs::path removed;
  {
    auto first = TempDir::create();
    auto second = TempDir::create();
    REQUIRE(first);
    REQUIRE(second);
    REQUIRE(write_file_atomic(first->path() / "f", "x"));
    removed = first->path();
    kept = second->release();
  }
  CHECK_FALSE(fs::exists(removed));
  CHECK(fs::exists(kept));
  fs::remove_all(kept);
}
