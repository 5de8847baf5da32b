// A thin RAII wrapper over SQLite (loaded on first use, cache/sqlite_library.h): a
// database handle and prepared statements, with errors as values that name the database
// file. Used by the cache index only.
//
// Prepared statements are kept for reuse: when a Statement goes, it is reset and handed
// back to its Database, and the next prepare() of the same SQL takes it again instead of
// compiling the SQL anew (an install asks the same few queries hundreds of times).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/fs.h"

struct sqlite3;
struct sqlite3_stmt;

namespace lode {

struct ConnectionState;
struct SqliteLibrary;

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL's ?1, ?2...
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Advances: true when a row is available, false when done.
  Result<bool> step();
  // Runs to completion (for statements that return no rows).
  Result<void> run();
  // Clears bindings and rewinds, so the statement can be used again.
  void reset();

  int64_t column_int(int index) const;
  std::string_view column_text(int index) const;
  std::string_view column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* statement, const std::string* path, ConnectionState* cache)
      : statement_(statement), path_(path), cache_(cache) {}
  // Resets the statement and gives it back to the cache (or finalizes it).
  void release();
  sqlite3_stmt* statement_ = nullptr;
  const std::string* path_ = nullptr;
  ConnectionState* cache_ = nullptr;
};

// What Database::open does when the file is not there.
enum class IfMissing { kCreate, kFail };

class Database {
 public:
  // Opens (creating if needed) the database at `path` in WAL mode with a busy timeout,
  // so several lode processes can share it. `setup` (the schema's creation or migration)
  // runs before it is returned; on a new file, unsynced like the switch to WAL.
  static Result<Database> open(const fs::path& path, const std::function<Result<void>(Database&)>& setup = {},
                               IfMissing if_missing = IfMissing::kCreate);
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs SQL that returns no rows (several statements allowed).
  Result<void> exec(std::string_view sql);
  // A statement for one SQL statement: a kept one when this SQL was prepared before and
  // is not in use, else newly compiled. Statements must not outlive their Database.
  Result<Statement> prepare(std::string_view sql);
  int64_t changes() const;
  const std::string& path() const { return *path_; }
  // Closing this connection will not copy the write-ahead log into the database file even
  // when it is the last one open (SQLite does by default, syncing both files): another
  // process is to. Fails when SQLite refuses the setting.
  Result<void> keep_log_on_close();

  // Holds one read snapshot for the queries that follow, so that a burst of hundreds of
  // lookups takes SQLite's read lock once; no-op inside a transaction. A write, or the
  // start of a Transaction, ends it first (so it never blocks the caller's own writes);
  // release_read_snapshot() ends it explicitly.
  Result<void> hold_read_snapshot();
  void release_read_snapshot();
  // Whether a transaction (or a held read snapshot) is open on this connection.
  bool in_transaction() const;

 private:
  Database(const SqliteLibrary* api, sqlite3* db, std::string path);
  Error error(std::string_view what) const;

  const SqliteLibrary* api_ = nullptr;
  sqlite3* db_ = nullptr;
  // Heap-allocated so statements can point at them across moves of the Database.
  std::unique_ptr<std::string> path_;
  std::unique_ptr<ConnectionState> cache_;
};

// BEGIN IMMEDIATE ... COMMIT (or BEGIN ... for reads), rolled back if not committed (on
// error paths). A read transaction keeps one snapshot and one lock for many queries.
// Begun inside another transaction, it is a savepoint of that one.
class Transaction {
 public:
  static Result<Transaction> begin(Database& db);
  static Result<Transaction> begin_read(Database& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_), nested_(other.nested_) { other.db_ = nullptr; }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  Transaction(Database* db, bool nested) : db_(db), nested_(nested) {}
  Database* db_;
  bool nested_;  // a savepoint inside another transaction
};

}  // namespace lode
