#include <catch2/catch.hpp>

#include "cache/index.h"

using namespace lode;

TEST_CASE("documents are stored, found, renewed and removed", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  auto index = CacheIndex::open(dir->path() / "index.sqlite");
  REQUIRE(index);
  auto none = index->find_document("http://r/", "x");
  REQUIRE(none);
  CHECK_FALSE(none->has_value());
  CachedDocument doc{"http://r/", "x", std::string("bin\0ary", 7), "\"e\"", "", 100, 300};
  REQUIRE(index->put_document(doc));
  auto found = index->find_document("http://r/", "x");
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->body == std::string("bin\0ary", 7));
  CHECK((*found)->etag == "\"e\"");
  CHECK((*found)->max_age == 300);
  REQUIRE(index->renew_document("http://r/", "x", 200, -1));
  CHECK((*index->find_document("http://r/", "x"))->fetched_at == 200);
  CHECK_FALSE(index->find_document("http://other/", "x")->has_value());  // per registry
  CHECK(index->documents()->size() == 1);
  CHECK(index->remove_documents() == 1);
}

TEST_CASE("packages are stored with their file lists and use times", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  auto index = CacheIndex::open(dir->path() / "index.sqlite");
  REQUIRE(index);
  StoredPackage package;
  package.key = "sha512-aa";
  package.integrity = "sha512-qq==";
  package.name = "left-pad";
  package.version = "1.3.0";
  package.file_count = 2;
  package.used_at = 10;
  package.files = {{"index.js", 0644, 10, std::string(32, 'a')}, {"bin/x", 0755, 3, std::string(32, 'b')}};
  REQUIRE(index->put_package(package));
  auto with_files = index->find_package("sha512-aa", FileList::kInclude);
  REQUIRE(with_files);
  REQUIRE(with_files->has_value());
  CHECK((*with_files)->files.size() == 2);
  CHECK((*with_files)->files[1].mode == 0755);
  CHECK((*index->find_package("sha512-aa", FileList::kOmit))->files.empty());
  auto encoded = index->find_package("sha512-aa", FileList::kEncoded);
  REQUIRE(encoded);
  REQUIRE(encoded->has_value());
  CHECK((*encoded)->files.empty());
  auto decoded = decode_file_list((*encoded)->encoded_files);
  REQUIRE(decoded);
  REQUIRE(decoded->size() == 2);
  CHECK((*decoded)[0].path == "index.js");
  CHECK((*decoded)[1].mode == 0755);
  std::vector<std::string> keys = {"sha512-aa"};
  REQUIRE(index->touch_packages(keys, 99));
  CHECK((*index->find_package("sha512-aa", FileList::kOmit))->used_at == 99);
  REQUIRE(index->remove_package("sha512-aa"));
  CHECK_FALSE(index->find_package("sha512-aa", FileList::kInclude)->has_value());
  CHECK(index->packages()->empty());
}

TEST_CASE("the write-ahead log is copied into the index from another thread", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "index.sqlite";
  auto index = CacheIndex::open(path);
  REQUIRE(index);
  std::uintmax_t before = fs::file_size(path);
  for (int i = 0; i < 200; ++i) {
    CachedDocument doc{"http://r/", "pkg-" + std::to_string(i), std::string(2000, 'x'), "", "", 100, 300};
    REQUIRE(index->put_document(doc));
  }
  CHECK(fs::file_size(path) == before);  // the writes are in the log
  index->checkpoint_in_background().get();
  CHECK(fs::file_size(path) > before + 200 * 2000);
  CHECK(index->documents()->size() == 200);  // and this connection still reads them
}

TEST_CASE("deferred checkpoints leave every write in the log until asked", "[cache]") {
  // Past 4 MB of log SQLite copies it into the file on the committing thread (syncing
  // both); deferred, the log keeps growing until checkpoint_in_background().
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "index.sqlite";
  auto index = CacheIndex::open(path);
  REQUIRE(index);
  REQUIRE(index->defer_checkpoints());
  std::uintmax_t before = fs::file_size(path);
  for (int i = 0; i < 100; ++i) {
    CachedDocument doc{"http://r/", "pkg-" + std::to_string(i), std::string(100000, 'x'), "", "", 100, 300};
    REQUIRE(index->put_document(doc));
  }
  CHECK(fs::file_size(path) == before);
  CHECK(fs::file_size(path.string() + "-wal") > 100 * 100000);
  index->checkpoint_in_background().get();
  CHECK(fs::file_size(path) > before + 100 * 100000);
}

TEST_CASE("checkpoints deferred to another process: the log outlives the connection until checkpoint()", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "index.sqlite";
  fs::path log = path.string() + "-wal";
  {
    auto index = CacheIndex::open(path);
    REQUIRE(index);
    REQUIRE(index->defer_checkpoints(DeferredCheckpoint::kAnotherProcess));
    for (int i = 0; i < 20; ++i) {
      REQUIRE(index->put_document({"http://r/", "pkg-" + std::to_string(i), std::string(10000, 'x'), "", "", 100, 300}));
    }
  }
  // Closed as the last connection, yet nothing was copied: the file alone holds no document.
  REQUIRE(fs::exists(log));
  CHECK(fs::file_size(log) > 20 * 10000);
  auto documents_in_file_alone = [&] {
    auto copy = TempDir::create();
    REQUIRE(copy);
    fs::copy_file(path, copy->path() / "index.sqlite");
    auto alone = CacheIndex::open(copy->path() / "index.sqlite");
    REQUIRE(alone);
    return alone->documents()->size();
  };
  CHECK(documents_in_file_alone() == 0);

  auto counts = CacheIndex::checkpoint(path);
  REQUIRE(counts);
  CHECK(counts->log_pages > 20);
  CHECK(counts->copied_pages == counts->log_pages);
  CHECK(documents_in_file_alone() == 20);
  // The log stays, restarted with one small commit (its first, which syncs its header):
  // the next writer appends to it rather than restarting it.
  REQUIRE(fs::exists(log));
  CHECK(fs::file_size(log) < 20 * 10000);
  auto again = CacheIndex::open(path);
  REQUIRE(again);
  CHECK(again->documents()->size() == 20);
}

TEST_CASE("checkpoint() of a missing index copies nothing and creates nothing", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  auto counts = CacheIndex::checkpoint(dir->path() / "index.sqlite");
  REQUIRE(counts);
  CHECK(counts->log_pages == 0);
  CHECK(fs::is_empty(dir->path()));
}

TEST_CASE("checkpoint() leaves to another connection's open read what it still reads", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "index.sqlite";
  auto writer = CacheIndex::open(path);
  REQUIRE(writer);
  REQUIRE(writer->defer_checkpoints(DeferredCheckpoint::kAnotherProcess));
  auto reader = CacheIndex::open(path);
  REQUIRE(reader);
  REQUIRE(reader->database().hold_read_snapshot());
  REQUIRE(reader->documents());  // the snapshot is taken by the first read
  REQUIRE(writer->put_document({"http://r/", "late", std::string(1000, 'x'), "", "", 100, 300}));
  // The reader's snapshot predates the write: it cannot be copied yet, and nobody waits.
  auto counts = CacheIndex::checkpoint(path);
  REQUIRE(counts);
  CHECK(counts->copied_pages < counts->log_pages);
  reader->database().release_read_snapshot();
  auto later = CacheIndex::checkpoint(path);
  REQUIRE(later);
  CHECK(later->copied_pages == later->log_pages);
}

TEST_CASE("an index from a newer lode is refused with a hint", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  {
    auto db = Database::open(dir->path() / "index.sqlite");
    REQUIRE(db);
    REQUIRE(db->exec("PRAGMA user_version = 99"));
  }
  auto index = CacheIndex::open(dir->path() / "index.sqlite");
  REQUIRE_FALSE(index);
  CHECK(index.error().message.find("newer lode") != std::string::npos);
}

TEST_CASE("a file that is not a database is a clear error", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  REQUIRE(write_file_atomic(dir->path() / "index.sqlite", std::string(4096, 'z')));
  auto index = CacheIndex::open(dir->path() / "index.sqlite");
  REQUIRE_FALSE(index);
  CHECK(index.error().subject == (dir->path() / "index.sqlite").string());
  CHECK(index.error().hint.find("lode cache clean") != std::string::npos);
}

TEST_CASE("file lists survive their encoding; corrupt ones do not decode", "[cache]") {
  std::vector<StoredFile> files = {{"a", 0644, 1, "h"}, {"dir/b", 0755, 2, "hh"}};
  auto decoded = decode_file_list(encode_file_list(files));
  REQUIRE(decoded);
  CHECK(decoded->size() == 2);
  CHECK((*decoded)[1].path == "dir/b");
  CHECK_FALSE(decode_file_list("LFL1\x05"));
}
