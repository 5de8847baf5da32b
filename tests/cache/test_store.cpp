#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "base/integrity.h"
#include "cache/store.h"
#include "tests/cache/tarball_maker.h"

using namespace lode;
using namespace lode::test;
using Kind = TarEntry::Kind;

namespace {

struct StoreWorld {
  TempDir dir = *TempDir::create();
  Store store = *Store::open(dir.path() / "cache");
  std::string tgz = make_tarball({{Kind::kFile, "package/package.json", "{\"name\":\"demo\"}"},
                                  {Kind::kFile, "package/index.js", "module.exports = 1;\n"}});
  Integrity integrity = compute_integrity(HashAlgorithm::kSha512, tgz).value();

  StoredPackage add() {
    auto unpacked = store.unpack(tgz, integrity.store_key(), "demo.tgz");
    REQUIRE(unpacked);
    auto recorded = store.record(*unpacked, integrity.to_string(), "demo", "1.0.0", 1000);
    REQUIRE(recorded);
    return *recorded;
  }

  // The store opened again as an install from a lockfile opens it.
  Store reopened() { return *Store::open(store.root(), IndexOpening::kWhenNeeded); }
};

// The package `key`, which must be found in `store`.
StoredPackage require_found(Store& store, const std::string& key, FileList files) {
  auto found = store.find(key, files);
  REQUIRE(found);
  REQUIRE(found->has_value());
  return std::move(**found);
}

}  // namespace

TEST_CASE("a tarball goes into the store whole and is found by key", "[cache]") {
  StoreWorld world;
  std::string key = world.integrity.store_key();
  CHECK_FALSE(world.store.find(key, FileList::kOmit)->has_value());
  StoredPackage stored = world.add();
  CHECK(stored.file_count == 2);
  fs::path dir = world.store.package_dir(key);
  CHECK(dir.parent_path().parent_path() == world.store.root() / "store" / "v1");
  CHECK(read_file(dir / "index.js") == "module.exports = 1;\n");
  auto found = world.store.find(key, FileList::kInclude);
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->integrity == world.integrity.to_string());
  CHECK((*found)->files.size() == 2);
  CHECK((*found)->file_count == 2);
  CHECK((*(*world.store.index())->packages())[0].name == "demo");
  // Nothing is left behind in tmp/.
  CHECK(fs::is_empty(world.store.root() / "tmp"));
}

TEST_CASE("when another process stored the key first, its copy stays", "[cache]") {
  StoreWorld world;
  std::string key = world.integrity.store_key();
  fs::create_directories(world.store.package_dir(key));
  REQUIRE(write_file_atomic(world.store.package_dir(key) / "marker", "theirs"));
  auto unpacked = world.store.unpack(world.tgz, key, "demo.tgz");
  REQUIRE(unpacked);
  CHECK(read_file(world.store.package_dir(key) / "marker") == "theirs");
}

TEST_CASE("a package whose folder vanished is not found", "[cache]") {
  StoreWorld world;
  world.add();
  fs::remove_all(world.store.package_dir(world.integrity.store_key()));
  CHECK_FALSE(world.store.find(world.integrity.store_key(), FileList::kOmit)->has_value());
}

TEST_CASE("a stored package is found through its list file, without opening the index", "[cache]") {
  StoreWorld world;
  std::string key = world.integrity.store_key();
  world.add();
  REQUIRE(fs::exists(world.store.package_dir(key) / kListFile));
  Store reopened = world.reopened();
  StoredPackage found = require_found(reopened, key, FileList::kEncoded);
  CHECK(found.file_count == 2);
  CHECK(decode_file_list(found.encoded_files)->size() == 2);
  CHECK(found.integrity == world.integrity.to_string());
  CHECK(found.used_at > 0);
  auto present = reopened.find(key, FileList::kOmit);
  REQUIRE(present);
  CHECK(present->has_value());
  CHECK_FALSE(reopened.index_is_open());
  // Absent from the store: only the index can say so.
  CHECK_FALSE(reopened.find("sha512-00", FileList::kOmit)->has_value());
  CHECK(reopened.index_is_open());
}

TEST_CASE("a store that holds nothing opens its index at once, unless the cache is new", "[cache]") {
  TempDir dir = *TempDir::create();
  Store fresh = *Store::open(dir.path() / "cache", IndexOpening::kNow);
  CHECK(fresh.was_new());
  CHECK_FALSE(fresh.index_is_open());
  // Nothing can be found in a new cache, and it is not looked for.
  CHECK_FALSE(fresh.find("sha512-00", FileList::kOmit)->has_value());
  CHECK_FALSE(fresh.find_document("http://r/", "demo")->has_value());
  CHECK_FALSE(fresh.index_is_open());
  // What it puts there itself is found.
  auto body = std::make_shared<std::string>("encoded");
  REQUIRE(fresh.put_document(CachedDocument{"http://r/", "demo", "", "", "", 1, -1}, *body, body));
  REQUIRE(fresh.index_is_open());
  auto found = fresh.find_document("http://r/", "demo");
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->body == "encoded");
  Store emptied = *Store::open(dir.path() / "cache", IndexOpening::kWhenNeeded);
  CHECK_FALSE(emptied.was_new());
  CHECK(emptied.index_is_open());
}

TEST_CASE("a package stored without a list file is found through the index, and gets one", "[cache]") {
  StoreWorld world;
  std::string key = world.integrity.store_key();
  world.add();
  fs::path list = world.store.package_dir(key) / kListFile;
  fs::remove(list);
  CHECK(require_found(world.store, key, FileList::kOmit).name == "demo");  // from the index
  REQUIRE(fs::exists(list));
  Store reopened = world.reopened();
  CHECK(require_found(reopened, key, FileList::kInclude).files.size() == 2);
  CHECK_FALSE(reopened.index_is_open());
}

TEST_CASE("a list file that names another package does not count", "[cache]") {
  StoreWorld world;
  std::string key = world.integrity.store_key();
  world.add();
  fs::path list = world.store.package_dir(key) / kListFile;
  std::string content = *read_file(list);
  content.replace(content.find(key), key.size(), "sha512-" + std::string(128, 'a'));
  REQUIRE(write_file_atomic(list, content));
  Store reopened = world.reopened();
  CHECK(require_found(reopened, key, FileList::kInclude).name == "demo");
  CHECK(reopened.index_is_open());
  CHECK(*read_file(list) == content);  // not ours to replace
}

TEST_CASE("a package that ships a file named like the list file keeps it", "[cache]") {
  StoreWorld world;
  world.tgz = make_tarball({{Kind::kFile, "package/package.json", "{\"name\":\"demo\"}"},
                            {Kind::kFile, std::string("package/") + std::string(kListFile), "mine"}});
  world.integrity = compute_integrity(HashAlgorithm::kSha512, world.tgz).value();
  std::string key = world.integrity.store_key();
  world.add();
  CHECK(read_file(world.store.package_dir(key) / kListFile) == "mine");
  Store reopened = world.reopened();
  CHECK(require_found(reopened, key, FileList::kInclude).files.size() == 2);
  CHECK(read_file(world.store.package_dir(key) / kListFile) == "mine");
}

TEST_CASE("touching packages renews their use time in the index and on their list files", "[cache]") {
  StoreWorld world;
  std::string key = world.integrity.store_key();
  world.add();  // used_at = 1000 in the index
  std::vector<std::string> keys = {key};
  REQUIRE(world.store.touch_packages(keys, 5000));
  CHECK((*(*world.store.index())->packages())[0].used_at == 5000);
  CHECK((*world.store.find(key, FileList::kOmit))->used_at == 5000);
}

TEST_CASE("verify drops packages whose files were changed or removed", "[cache]") {
  StoreWorld world;
  world.add();
  auto clean = world.store.verify();
  REQUIRE(clean);
  CHECK(clean->packages_checked == 1);
  CHECK(clean->files_checked == 2);
  CHECK(clean->packages_removed == 0);
  // An in-place edit through a hard link in some node_modules changes the store's copy.
  REQUIRE(write_file_atomic(world.store.package_dir(world.integrity.store_key()) / "index.js", "tampered"));
  auto damaged = world.store.verify();
  REQUIRE(damaged);
  CHECK(damaged->packages_removed == 1);
  REQUIRE(damaged->problems.size() == 1);
  CHECK(damaged->problems[0] == "demo@1.0.0: index.js was modified");
  CHECK_FALSE(fs::exists(world.store.package_dir(world.integrity.store_key())));
  CHECK((*world.store.index())->packages()->empty());
}

TEST_CASE("verify still checks files recorded with SHA-256 by an older lode", "[cache]") {
  StoreWorld world;
  auto unpacked = world.store.unpack(world.tgz, world.integrity.store_key(), "demo.tgz");
  REQUIRE(unpacked);
  fs::path dir = world.store.package_dir(world.integrity.store_key());
  for (StoredFile& file : unpacked->extraction.files) {
    CHECK(file.checksum.size() == 4);  // CRC-32C now
    file.checksum = compute_integrity(HashAlgorithm::kSha256, *read_file(dir / file.path)).value().digest;
  }
  REQUIRE(world.store.record(*unpacked, world.integrity.to_string(), "demo", "1.0.0", 1000));
  auto clean = world.store.verify();
  REQUIRE(clean);
  CHECK(clean->files_checked == 2);
  CHECK(clean->packages_removed == 0);
  REQUIRE(write_file_atomic(dir / "index.js", "module.exports = 2;\n"));  // same size
  auto damaged = world.store.verify();
  REQUIRE(damaged);
  CHECK(damaged->packages_removed == 1);
}

TEST_CASE("clean removes unused packages, or everything", "[cache]") {
  StoreWorld world;
  world.add();  // used_at = 1000
  auto recent = world.store.clean(500);
  REQUIRE(recent);
  CHECK(recent->packages_removed == 0);
  auto old = world.store.clean(2000);
  REQUIRE(old);
  CHECK(old->packages_removed == 1);
  CHECK(old->bytes_freed > 0);
  world.add();
  REQUIRE((*world.store.index())->put_document({"http://r/", "demo", "x", "", "", 1, -1}));
  auto all = world.store.clean(std::nullopt);
  REQUIRE(all);
  CHECK(all->packages_removed == 1);
  CHECK(all->documents_removed == 1);
}

TEST_CASE("the store lock excludes a second holder", "[cache]") {
  StoreWorld world;
  auto first = world.store.try_lock("sha512-x");
  REQUIRE(first);
  REQUIRE(first->has_value());
  auto second = world.store.try_lock("sha512-x");
  REQUIRE(second);
  CHECK_FALSE(second->has_value());
}

TEST_CASE("the index's checkpoint goes to a process that waits until the store is closed", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path cache = dir->path() / "cache";
  fs::path marker = dir->path() / "checkpointer-ran";
  ProcessSpec checkpointer;
  // Reads its stdin to the end, as `lode cache checkpoint --wait-for-stdin` does.
  checkpointer.argv = {"/bin/sh", "-c", "cat >/dev/null; echo ran > \"$1\"", "sh", marker.string()};
  checkpointer.stdout_mode = Stdio::kNull;
  checkpointer.stderr_mode = Stdio::kNull;
  std::string tgz = make_tarball({{Kind::kFile, "package/package.json", "{\"name\":\"demo\"}"}});
  std::string key = compute_integrity(HashAlgorithm::kSha512, tgz)->store_key();
  {
    auto store = Store::open(cache);
    REQUIRE(store);
    store->defer_checkpoints(DeferredCheckpoint::kAnotherProcess);
    auto nothing_written = store->start_checkpointer(checkpointer);
    REQUIRE(nothing_written);
    CHECK_FALSE(*nothing_written);
    auto unpacked = store->unpack(tgz, key, "demo.tgz");
    REQUIRE(unpacked);
    REQUIRE(store->record(*unpacked, "sha512-x", "demo", "1.0.0", 1000));
    auto started = store->start_checkpointer(checkpointer);
    REQUIRE(started);
    CHECK(*started);
    CHECK_FALSE(*store->start_checkpointer(checkpointer));  // one is enough
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(fs::exists(marker));  // the store is still open
  }
  for (int waited = 0; waited < 1000 && !fs::exists(marker); ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(fs::exists(marker));
  // Closing the last connection left the log to the checkpointer.
  CHECK(fs::file_size(cache / "index.sqlite-wal") > 0);
}
