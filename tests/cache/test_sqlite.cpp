// The SQLite wrapper: statements are kept for reuse without carrying bindings, rows or
// locks from one use to the next.
#include <catch2/catch.hpp>

#include "base/fs.h"
#include "cache/sqlite.h"

using namespace lode;

namespace {

Database open_in(const TempDir& dir) {
  Result<Database> db = Database::open(dir.path() / "test.sqlite");
  REQUIRE(db);
  return std::move(*db);
}

}  // namespace

TEST_CASE("a statement prepared again comes back reset, bindings cleared", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  Database db = open_in(*dir);
  {
    Result<Statement> first = db.prepare("SELECT ?1");
    REQUIRE(first);
    first->bind(1, int64_t{5});
    REQUIRE(first->step().value());
    CHECK(first->column_int(0) == 5);
  }
  Result<Statement> again = db.prepare("SELECT ?1");
  REQUIRE(again);
  REQUIRE(again->step().value());
  CHECK(again->column_is_null(0));
}

TEST_CASE("the same SQL may be in use twice at once", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  Database db = open_in(*dir);
  REQUIRE(db.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)"));
  const char* sql = "SELECT x FROM t ORDER BY x";
  Result<Statement> outer = db.prepare(sql);
  REQUIRE(outer);
  REQUIRE(outer->step().value());
  {
    Result<Statement> inner = db.prepare(sql);
    REQUIRE(inner);
    REQUIRE(inner->step().value());
    CHECK(inner->column_int(0) == 1);
  }
  // The outer walk was not disturbed by the inner one.
  REQUIRE(outer->step().value());
  CHECK(outer->column_int(0) == 2);
}

TEST_CASE("a kept statement holds no read: another connection's write is seen", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  Database reader = open_in(*dir);
  Database writer = open_in(*dir);
  REQUIRE(reader.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)"));
  const char* sql = "SELECT count(*) FROM t";
  {
    // Stepped once and dropped mid-read.
    Result<Statement> count = reader.prepare(sql);
    REQUIRE(count);
    REQUIRE(count->step().value());
    CHECK(count->column_int(0) == 2);
  }
  REQUIRE(writer.exec("INSERT INTO t VALUES (3)"));
  Result<Transaction> write = Transaction::begin(reader);
  REQUIRE(write);
  Result<Statement> count = reader.prepare(sql);
  REQUIRE(count);
  REQUIRE(count->step().value());
  CHECK(count->column_int(0) == 3);
}

TEST_CASE("a held read snapshot serves reads, and gives way to writes and transactions", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  Database reader = open_in(*dir);
  Database writer = open_in(*dir);
  REQUIRE(reader.exec("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)"));
  auto count = [&reader] {
    Result<Statement> query = reader.prepare("SELECT count(*) FROM t");
    REQUIRE(query);
    REQUIRE(query->step().value());
    return query->column_int(0);
  };
  REQUIRE(reader.hold_read_snapshot());
  CHECK(count() == 1);
  REQUIRE(writer.exec("INSERT INTO t VALUES (2)"));
  CHECK(count() == 1);  // still the held snapshot
  reader.release_read_snapshot();
  CHECK(count() == 2);
  // A write of its own ends the snapshot instead of failing.
  REQUIRE(reader.hold_read_snapshot());
  Result<Statement> insert = reader.prepare("INSERT INTO t VALUES (3)");
  REQUIRE(insert);
  REQUIRE(insert->run());
  CHECK(count() == 3);
  // So does a transaction.
  REQUIRE(reader.hold_read_snapshot());
  Result<Transaction> write = Transaction::begin(reader);
  REQUIRE(write);
  REQUIRE(reader.exec("INSERT INTO t VALUES (4)"));
  REQUIRE(write->commit());
  CHECK(count() == 4);
}

TEST_CASE("a database is created unsynced, then synced like any other", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  for (int open = 0; open < 2; ++open) {  // created, then opened again
    Database db = open_in(*dir);
    Result<Statement> synchronous = db.prepare("PRAGMA synchronous");
    REQUIRE(synchronous);
    REQUIRE(synchronous->step().value());
    CHECK(synchronous->column_int(0) == 1);  // NORMAL
    Result<Statement> journal = db.prepare("PRAGMA journal_mode");
    REQUIRE(journal);
    REQUIRE(journal->step().value());
    CHECK(journal->column_text(0) == "wal");
  }
}

TEST_CASE("a database's setup runs before it is returned, and its failure is the open's", "[cache]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "set-up.sqlite";
  int runs = 0;
  auto setup = [&runs](Database& db) -> Result<void> {
    ++runs;
    return db.exec("CREATE TABLE IF NOT EXISTS t (x INTEGER)");
  };
  {
    Result<Database> created = Database::open(path, setup);
    REQUIRE(created);
    CHECK(created->exec("INSERT INTO t VALUES (1)"));
  }
  REQUIRE(Database::open(path, setup));
  CHECK(runs == 2);
  Result<Database> refused = Database::open(path, [](Database&) -> Result<void> {
    return fail(ErrorCode::kConfig, "schema from the future", "set-up.sqlite");
  });
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "schema from the future");
}

TEST_CASE("a transaction begun inside another is a savepoint: it rolls back alone", "[cache]") {
  TempDir dir = *TempDir::create();
  Database db = open_in(dir);
  REQUIRE(db.exec("CREATE TABLE t (v INTEGER)"));
  auto outer = Transaction::begin(db);
  REQUIRE(outer);
  CHECK(db.in_transaction());
  {
    auto kept = Transaction::begin(db);
    REQUIRE(kept);
    REQUIRE(db.exec("INSERT INTO t VALUES (1)"));
    REQUIRE(kept->commit());
  }
  {
    auto dropped = Transaction::begin(db);
    REQUIRE(dropped);
    REQUIRE(db.exec("INSERT INTO t VALUES (2)"));
  }  // not committed: rolled back to where it began
  CHECK(db.in_transaction());
  REQUIRE(outer->commit());
  CHECK_FALSE(db.in_transaction());
  auto rows = db.prepare("SELECT group_concat(v) FROM t");
  REQUIRE(rows);
  REQUIRE(*rows->step());
  CHECK(rows->column_text(0) == "1");
}
