#include "cache/sqlite.h"

#include "cache/sqlite_library.h"

#include <string>
#include <unordered_map>
#include <utility>

namespace lode {

// What a Database's statements share with it: the idle prepared statements by their SQL
// text (one per text: a second statement of the same SQL, prepared while the first was in
// use, is finalized when it goes), and whether a held read snapshot is open.
struct ConnectionState {
  const SqliteLibrary* api = nullptr;
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> idle;
  bool holding_read = false;

  ~ConnectionState() {
    for (auto& [sql, statement] : idle) api->finalize(statement);
  }
  // Ends a held read snapshot, so that a write (or a transaction) can start.
  void end_held_read() {
    if (!holding_read) return;
    holding_read = false;
    api->exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
};

namespace {

Error sqlite_error(const SqliteLibrary& api, sqlite3* db, const std::string& path, std::string_view what) {
  int code = db ? api.errcode(db) : SQLITE_ERROR;
  std::string message = std::string(what) + ": " + (db ? api.errmsg(db) : "out of memory");
  std::string hint;
  if (code == SQLITE_FULL) hint = "free some disk space and run the command again";
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
    hint = "the cache index is damaged; `lode cache clean` starts it afresh";
  }
  if (code == SQLITE_BUSY) hint = "another lode process holds the cache; try again";
  return Error{ErrorCode::kIo, message, path, hint};
}

}  // namespace

Statement::Statement(Statement&& other) noexcept
    : statement_(other.statement_), path_(other.path_), cache_(other.cache_) {
  other.statement_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    statement_ = other.statement_;
    path_ = other.path_;
    cache_ = other.cache_;
    other.statement_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() {
  if (!statement_) return;
  sqlite3_stmt* statement = std::exchange(statement_, nullptr);
  // A reset ends the statement's read, so a kept statement holds no lock.
  cache_->api->reset(statement);
  cache_->api->clear_bindings(statement);
  if (cache_->idle.try_emplace(cache_->api->sql(statement), statement).second) return;
  cache_->api->finalize(statement);
}

Statement& Statement::bind(int index, std::string_view text) {
  cache_->api->bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  cache_->api->bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  cache_->api->bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  cache_->api->bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::step() {
  // A write ends a held read snapshot first (Database::hold_read_snapshot()).
  if (cache_->holding_read && !cache_->api->stmt_readonly(statement_)) cache_->end_held_read();
  int rc = cache_->api->step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return std::unexpected(
      sqlite_error(*cache_->api, cache_->api->db_handle(statement_), *path_, "cache index query failed"));
}

Result<void> Statement::run() {
  while (true) {
    Result<bool> row = step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return {};
  }
}

void Statement::reset() {
  cache_->api->reset(statement_);
  cache_->api->clear_bindings(statement_);
}

int64_t Statement::column_int(int index) const { return cache_->api->column_int64(statement_, index); }

std::string_view Statement::column_text(int index) const {
  const unsigned char* text = cache_->api->column_text(statement_, index);
  if (!text) return {};
  return std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(cache_->api->column_bytes(statement_, index)));
}

std::string_view Statement::column_blob(int index) const {
  const void* bytes = cache_->api->column_blob(statement_, index);
  if (!bytes) return {};
  return std::string_view(static_cast<const char*>(bytes), static_cast<size_t>(cache_->api->column_bytes(statement_, index)));
}

bool Statement::column_is_null(int index) const { return cache_->api->column_type(statement_, index) == SQLITE_NULL; }

Database::Database(const SqliteLibrary* api, sqlite3* db, std::string path)
    : api_(api),
      db_(db),
      path_(std::make_unique<std::string>(std::move(path))),
      cache_(std::make_unique<ConnectionState>()) {
  cache_->api = api;
  cache_->db = db;
}

Database::Database(Database&& other) noexcept
    : api_(other.api_), db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
  other.db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    cache_.reset();
    if (db_) api_->close_v2(db_);
    api_ = other.api_;
    db_ = other.db_;
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
    other.db_ = nullptr;
  }
  return *this;
}

Database::~Database() {
  cache_.reset();  // kept statements are finalized before the handle closes
  if (db_) api_->close_v2(db_);
}

Error Database::error(std::string_view what) const { return sqlite_error(*api_, db_, *path_, what); }

Result<Database> Database::open(const fs::path& path, const std::function<Result<void>(Database&)>& setup,
                                IfMissing if_missing) {
  Result<const SqliteLibrary*> api = sqlite_library();
  if (!api) return std::unexpected(api.error());
  std::error_code missing;
  bool creating = fs::file_size(path, missing) == 0 || missing;
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (if_missing == IfMissing::kCreate) flags |= SQLITE_OPEN_CREATE;
  int rc = (*api)->open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(*api, raw, path.string());
  if (rc != SQLITE_OK) return std::unexpected(db.error("cannot open the cache index"));
  // Readers never block the writer and vice versa; a writer waits up to 30 s for another.
  db.api_->busy_timeout(raw, 30000);
  // A new, empty file has nothing to lose: switching it to WAL and creating its schema need
  // not sync it (the WAL's first commit alone synced it and its folder: 1.5-9 ms here, at
  // the start of an install into a new cache). The setting below restores syncing for
  // everything after.
  if (creating) {
    if (auto unsynced = db.exec("PRAGMA synchronous=OFF"); !unsynced) return std::unexpected(unsynced.error());
  }
  // Switching a new database to WAL needs an exclusive lock and answers SQLITE_BUSY
  // without waiting when another process is creating the same file: try again briefly.
  for (int attempt = 0;; ++attempt) {
    int rc = db.api_->exec(raw, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) break;
    if (rc != SQLITE_BUSY || attempt == 200) return std::unexpected(db.error("cannot open the cache index"));
    db.api_->sleep(25);
  }
  if (setup) {
    if (auto done = setup(db); !done) return std::unexpected(done.error());
  }
  for (std::string_view pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    if (auto done = db.exec(pragma); !done) return std::unexpected(done.error());
  }
  return db;
}

Result<void> Database::exec(std::string_view sql) {
  cache_->end_held_read();  // exec runs writes and pragmas
  std::string text(sql);
  char* message = nullptr;
  int rc = api_->exec(db_, text.c_str(), nullptr, nullptr, &message);
  api_->free(message);
  if (rc != SQLITE_OK) return std::unexpected(error("cache index statement failed"));
  return {};
}

Result<void> Database::keep_log_on_close() {
  if (api_->db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, static_cast<int*>(nullptr)) != SQLITE_OK) {
    return std::unexpected(error("cannot configure the cache index connection"));
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto kept = cache_->idle.find(key); kept != cache_->idle.end()) {
    sqlite3_stmt* statement = kept->second;
    cache_->idle.erase(kept);
    return Statement(statement, path_.get(), cache_.get());
  }
  sqlite3_stmt* statement = nullptr;
  int rc = api_->prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                            nullptr);
  if (rc != SQLITE_OK) return std::unexpected(error("cannot prepare cache index query"));
  return Statement(statement, path_.get(), cache_.get());
}

int64_t Database::changes() const { return api_->changes64(db_); }

namespace {

// Runs one row-less statement through the statement cache.
Result<void> run_kept(Database& db, std::string_view sql) {
  Result<Statement> statement = db.prepare(sql);
  if (!statement) return std::unexpected(statement.error());
  return statement->run();
}

}  // namespace

Result<void> Database::hold_read_snapshot() {
  if (cache_->holding_read || !api_->get_autocommit(db_)) return {};  // held, or inside a transaction
  if (auto started = run_kept(*this, "BEGIN"); !started) return started;
  cache_->holding_read = true;
  return {};
}

void Database::release_read_snapshot() { cache_->end_held_read(); }

bool Database::in_transaction() const { return !api_->get_autocommit(db_); }

// Inside another transaction (a batch of writes, cache/index_writer.h) a transaction is a
// savepoint: it commits into the outer one, or rolls back alone. One name serves every
// level: SQLite's RELEASE and ROLLBACK TO take the innermost savepoint of that name.
constexpr std::string_view kSavepoint = "SAVEPOINT lode_nested";
constexpr std::string_view kReleaseSavepoint = "RELEASE lode_nested";
constexpr std::string_view kRollbackSavepoint = "ROLLBACK TO lode_nested";

Result<Transaction> Transaction::begin(Database& db) {
  db.release_read_snapshot();
  bool nested = db.in_transaction();
  if (auto started = run_kept(db, nested ? kSavepoint : "BEGIN IMMEDIATE"); !started) {
    return std::unexpected(started.error());
  }
  return Transaction(&db, nested);
}

Result<Transaction> Transaction::begin_read(Database& db) {
  db.release_read_snapshot();
  bool nested = db.in_transaction();
  if (auto started = run_kept(db, nested ? kSavepoint : "BEGIN"); !started) return std::unexpected(started.error());
  return Transaction(&db, nested);
}

Transaction::~Transaction() {
  if (!db_) return;
  if (!nested_) {
    (void)run_kept(*db_, "ROLLBACK");
    return;
  }
  (void)run_kept(*db_, kRollbackSavepoint);
  (void)run_kept(*db_, kReleaseSavepoint);
}

Result<void> Transaction::commit() {
  Database* db = db_;
  db_ = nullptr;
  return run_kept(*db, nested_ ? kReleaseSavepoint : "COMMIT");
}

}  // namespace lode
