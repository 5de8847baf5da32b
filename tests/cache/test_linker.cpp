#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "base/integrity.h"
#include "cache/linker.h"
#include "cache/store.h"
#include "tests/cache/tarball_maker.h"

using namespace lode;
using namespace lode::test;
using Kind = TarEntry::Kind;

namespace {

struct LinkWorld {
  TempDir dir = *TempDir::create();
  Store store = *Store::open(dir.path() / "cache");
  fs::path project = dir.path() / "project";
  StoredPackage package;

  LinkWorld() {
    std::string tgz = make_tarball({{Kind::kFile, "package/package.json", "{\"name\":\"demo\"}"},
                                    {Kind::kFile, "package/lib/deep/index.js", "module.exports = 1;\n"},
                                    {Kind::kFile, "package/bin/run", "#!/bin/sh\n", 0755}});
    Integrity integrity = compute_integrity(HashAlgorithm::kSha512, tgz).value();
    auto unpacked = store.unpack(tgz, integrity.store_key(), "demo.tgz");
    REQUIRE(unpacked);
    package = *store.record(*unpacked, integrity.to_string(), "demo", "1.0.0", 1000);
    fs::create_directories(project / "scratch");
  }

  LinkRequest request(const fs::path& target, const fs::path& scratch) {
    LinkRequest request;
    request.source = store.package_dir(package.key);
    request.files = &package.files;
    request.target = target;
    request.scratch = scratch;
    return request;
  }
};

uint32_t mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("a package is linked from the store through a scratch folder or in place", "[cache]") {
  LinkWorld world;
  LinkCapabilities capabilities;
  LinkStats stats;
  fs::path via_scratch = world.project / "a";
  fs::path in_place = world.project / "b";
  REQUIRE(link_package(world.request(via_scratch, world.project / "scratch"), capabilities, stats));
  REQUIRE(link_package(world.request(in_place, {}), capabilities, stats));
  for (const fs::path& folder : {via_scratch, in_place}) {
    CHECK(read_file(folder / "lib/deep/index.js") == "module.exports = 1;\n");
    CHECK(mode_of(folder / "bin/run") == 0755);
    CHECK((mode_of(folder) & 0555) == 0555);  // readable by all, whatever mkdtemp made
  }
  CHECK(fs::is_empty(world.project / "scratch"));
  CHECK(stats.reflinked + stats.hardlinked + stats.copied == 6);
}

TEST_CASE("a package that cannot be linked leaves nothing at its target", "[cache]") {
  LinkWorld world;
  LinkCapabilities capabilities;
  LinkStats stats;
  // A file the list names but the store lost: linking fails part-way.
  std::vector<StoredFile> files = world.package.files;
  files.push_back({"zzz/missing.js", 0644, 1, std::string(32, 'x')});
  for (const fs::path& scratch : {world.project / "scratch", fs::path()}) {
    LinkRequest request = world.request(world.project / "pkg", scratch);
    request.files = &files;
    Result<void> linked = link_package(request, capabilities, stats);
    REQUIRE_FALSE(linked);
    CHECK(linked.error().subject.ends_with("zzz/missing.js"));
    CHECK_FALSE(fs::exists(world.project / "pkg"));
  }
  CHECK(fs::is_empty(world.project / "scratch"));
  // In place, an existing target is refused rather than merged into.
  fs::create_directories(world.project / "taken");
  CHECK_FALSE(link_package(world.request(world.project / "taken", {}), capabilities, stats));
  CHECK(fs::exists(world.project / "taken"));
}

TEST_CASE("a package is linked in parts once its folders are made", "[cache]") {
  LinkWorld world;
  LinkCapabilities capabilities;
  LinkStats stats;
  LinkRequest request = world.request(world.project / "parts", {});
  REQUIRE(make_package_folders(request));
  CHECK(fs::is_directory(world.project / "parts/lib/deep"));
  CHECK(fs::is_directory(world.project / "parts/bin"));
  CHECK_FALSE(fs::exists(world.project / "parts/package.json"));  // folders only
  std::span<const StoredFile> files(world.package.files);
  // The parts in any order, as the workers finish them.
  REQUIRE(link_package_files(request, files.subspan(2), capabilities, stats));
  REQUIRE(link_package_files(request, files.first(2), capabilities, stats));
  CHECK(read_file(world.project / "parts/lib/deep/index.js") == "module.exports = 1;\n");
  CHECK(mode_of(world.project / "parts/bin/run") == 0755);
  CHECK(stats.reflinked + stats.hardlinked + stats.copied == 3);
  // A part naming a file the store lost fails, naming it; an existing target is refused.
  std::vector<StoredFile> lost = {{"zzz.js", 0644, 1, std::string(32, 'x')}};
  Result<void> linked = link_package_files(request, lost, capabilities, stats);
  REQUIRE_FALSE(linked);
  CHECK(linked.error().subject.ends_with("zzz.js"));
  CHECK_FALSE(make_package_folders(request));
  CHECK(fs::exists(world.project / "parts/package.json"));
}

TEST_CASE("files of nested folders are all linked, in whatever order the list has them", "[cache]") {
  TempDir dir = *TempDir::create();
  Store store = *Store::open(dir.path() / "cache");
  // a/ holds two runs (split by a/b/ and by a file at the root), a/b/ one of three; "ab/x"
  // shares a/'s prefix but not its folder.
  std::vector<TarEntry> entries;
  std::vector<std::string> paths = {"a/1.js", "a/2.js", "a/3.js", "a/b/1.js", "a/b/2.js", "a/b/3.js",
                                    "top.js", "a/4.js", "a/5.js", "a/6.js", "ab/x.js", "a/7.js"};
  for (const std::string& path : paths) entries.push_back({Kind::kFile, "package/" + path, "// " + path + "\n"});
  std::string tgz = make_tarball(entries);
  Integrity integrity = compute_integrity(HashAlgorithm::kSha512, tgz).value();
  auto unpacked = store.unpack(tgz, integrity.store_key(), "runs.tgz");
  REQUIRE(unpacked);
  StoredPackage package = *store.record(*unpacked, integrity.to_string(), "runs", "1.0.0", 1000);
  REQUIRE(package.files.size() == paths.size());
  LinkRequest request;
  request.source = store.package_dir(package.key);
  request.files = &package.files;
  request.target = dir.path() / "project" / "runs";
  fs::create_directories(request.target.parent_path());
  LinkCapabilities capabilities;
  LinkStats stats;
  REQUIRE(link_package(request, capabilities, stats));
  CHECK(stats.hardlinked + stats.reflinked + stats.copied == paths.size());
  for (const std::string& path : paths) {
    INFO(path);
    CHECK(read_file(request.target / path) == "// " + path + "\n");
    struct stat linked {}, stored {};
    REQUIRE(::stat((request.target / path).c_str(), &linked) == 0);
    REQUIRE(::stat((request.source / path).c_str(), &stored) == 0);
    if (stats.hardlinked > 0) CHECK(linked.st_ino == stored.st_ino);
  }
  // A folder that cannot be entered fails naming the whole path of the file.
  fs::remove_all(request.target);
  fs::rename(request.source / "a" / "b", dir.path() / "moved");
  auto failed = link_package(request, capabilities, stats);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().subject.find("a/b/1.js") != std::string::npos);
  CHECK_FALSE(fs::exists(request.target));
  fs::rename(dir.path() / "moved", request.source / "a" / "b");
}
