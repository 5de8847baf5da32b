// The index's writer thread: what is posted is committed by flush(), a failing write is
// reported there and loses only itself.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <string>

#include "base/integrity.h"
#include "cache/index_writer.h"
#include "cache/store.h"
#include "tests/cache/tarball_maker.h"

using namespace lode;
using namespace lode::test;

namespace {

CachedDocument document_named(const std::string& name) {
  return CachedDocument{"http://r/", name, "body of " + name, "", "", 100, -1};
}

}  // namespace

TEST_CASE("writes posted to the writer are seen by other connections once flushed", "[cache]") {
  TempDir dir = *TempDir::create();
  fs::path file = dir.path() / "index.sqlite";
  CacheIndex reader = *CacheIndex::open(file);
  std::atomic<int> opened = 0;
  IndexWriter writer([&] {
    ++opened;
    return CacheIndex::open(file);
  });
  CHECK(opened == 0);  // nothing to write yet: no thread, no connection
  for (int i = 0; i < 50; ++i) {
    writer.post([i](CacheIndex& index) { return index.put_document(document_named("p" + std::to_string(i))); });
  }
  REQUIRE(writer.flush());
  CHECK(opened == 1);
  CHECK(reader.documents()->size() == 50);
  auto found = reader.find_document("http://r/", "p49");
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->body == "body of p49");
}

TEST_CASE("writes that come one by one are gathered into one commit", "[cache]") {
  TempDir dir = *TempDir::create();
  fs::path file = dir.path() / "index.sqlite";
  IndexWriter writer([&] { return CacheIndex::open(file); });
  // As downloads end during an install: a write every millisecond, each one a wake-up
  // for a writer that commits whatever it finds queued.
  for (int i = 0; i < 20; ++i) {
    writer.post([i](CacheIndex& index) { return index.put_document(document_named("p" + std::to_string(i))); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(writer.flush());
  // One, unless this thread was held up past kGatherTime (20 ms of posts against 100).
  CHECK(writer.commits() <= 2);
  CacheIndex reader = *CacheIndex::open(file);
  CHECK(reader.documents()->size() == 20);
}

TEST_CASE("a failing write is told by flush and rolls back alone", "[cache]") {
  TempDir dir = *TempDir::create();
  fs::path file = dir.path() / "index.sqlite";
  IndexWriter writer([&] { return CacheIndex::open(file); });
  writer.post([](CacheIndex& index) { return index.put_document(document_named("before")); });
  writer.post([](CacheIndex& index) -> Result<void> {
    // Half a write, then a failure: the half must not stay.
    if (auto half = index.put_document(document_named("half")); !half) return half;
    return index.database().exec("INSERT INTO no_such_table VALUES (1)");
  });
  writer.post([](CacheIndex& index) -> Result<void> {
    // Inside its own transaction, as put_package is.
    auto transaction = Transaction::begin(index.database());
    if (!transaction) return std::unexpected(transaction.error());
    if (auto put = index.put_document(document_named("after")); !put) return put;
    return transaction->commit();
  });
  auto flushed = writer.flush();
  REQUIRE_FALSE(flushed);
  CHECK(flushed.error().message.starts_with("cannot record 1 entry in the cache index: "));
  CHECK(writer.flush());  // told once
  CacheIndex reader = *CacheIndex::open(file);
  CHECK(reader.find_document("http://r/", "before")->has_value());
  CHECK_FALSE(reader.find_document("http://r/", "half")->has_value());
  CHECK(reader.find_document("http://r/", "after")->has_value());
}

TEST_CASE("a writer that cannot open its connection fails every write it was given", "[cache]") {
  IndexWriter writer([] { return Result<CacheIndex>(fail(ErrorCode::kIo, "disk gone", "/x/index.sqlite")); });
  writer.post([](CacheIndex&) -> Result<void> { return {}; });
  writer.post([](CacheIndex&) -> Result<void> { return {}; });
  auto flushed = writer.flush();
  REQUIRE_FALSE(flushed);
  CHECK(flushed.error().message == "cannot record 2 entries in the cache index: disk gone");
  CHECK(flushed.error().subject == "/x/index.sqlite");
}

TEST_CASE("a store writing in the background finds what it recorded, through the index too", "[cache]") {
  TempDir dir = *TempDir::create();
  Store store = *Store::open(dir.path() / "cache");
  store.write_in_background();
  std::string tgz = make_tarball({{TarEntry::Kind::kFile, "package/package.json", "{\"name\":\"demo\"}"}});
  Integrity integrity = compute_integrity(HashAlgorithm::kSha512, tgz).value();
  std::string key = integrity.store_key();
  auto unpacked = store.unpack(tgz, key, "demo.tgz");
  REQUIRE(unpacked);
  REQUIRE(store.record(*unpacked, integrity.to_string(), "demo", "1.0.0", 1000));
  // Without its list file the package is found only through the index, which must
  // have the row by then.
  fs::remove(store.package_dir(key) / kListFile);
  auto found = store.find(key, FileList::kInclude);
  REQUIRE(found);
  REQUIRE(found->has_value());
  CHECK((*found)->name == "demo");
  CHECK((*found)->files.size() == 1);

  auto owner = std::make_shared<std::string>("encoded body");
  REQUIRE(store.put_document(CachedDocument{"http://r/", "demo", "", "", "", 100, -1}, *owner, owner));
  REQUIRE(store.renew_document("http://r/", "demo", 200, 60));
  REQUIRE(store.flush_writes());
  auto document = (*store.index())->find_document("http://r/", "demo");
  REQUIRE(document);
  REQUIRE(document->has_value());
  CHECK((*document)->body == "encoded body");
  CHECK((*document)->fetched_at == 200);
}
