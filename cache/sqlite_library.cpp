#include "cache/sqlite_library.h"

namespace lode {

// The SONAME lode was built against (Debian 12's libsqlite3-0).
constexpr const char* kSqliteSoname = "libsqlite3.so.0";

Result<std::unique_ptr<SqliteLibrary>> SqliteLibrary::load() {
  Result<SharedLibrary> library = SharedLibrary::open(kSqliteSoname, "libsqlite3-0");
  if (!library) return std::unexpected(library.error());
  std::unique_ptr<SqliteLibrary> sqlite(new SqliteLibrary(std::move(*library)));
  const SharedLibrary& lib = sqlite->library;
  for (Result<void> bound : {lib.bind(sqlite->open_v2, "sqlite3_open_v2"),
                             lib.bind(sqlite->close_v2, "sqlite3_close_v2"),
                             lib.bind(sqlite->busy_timeout, "sqlite3_busy_timeout"),
                             lib.bind(sqlite->db_config, "sqlite3_db_config"),
                             lib.bind(sqlite->exec, "sqlite3_exec"),
                             lib.bind(sqlite->free, "sqlite3_free"),
                             lib.bind(sqlite->sleep, "sqlite3_sleep"),
                             lib.bind(sqlite->errcode, "sqlite3_errcode"),
                             lib.bind(sqlite->errmsg, "sqlite3_errmsg"),
                             lib.bind(sqlite->get_autocommit, "sqlite3_get_autocommit"),
                             lib.bind(sqlite->changes64, "sqlite3_changes64"),
                             lib.bind(sqlite->prepare_v3, "sqlite3_prepare_v3"),
                             lib.bind(sqlite->finalize, "sqlite3_finalize"),
                             lib.bind(sqlite->reset, "sqlite3_reset"),
                             lib.bind(sqlite->clear_bindings, "sqlite3_clear_bindings"),
                             lib.bind(sqlite->sql, "sqlite3_sql"),
                             lib.bind(sqlite->stmt_readonly, "sqlite3_stmt_readonly"),
                             lib.bind(sqlite->db_handle, "sqlite3_db_handle"),
                             lib.bind(sqlite->step, "sqlite3_step"),
                             lib.bind(sqlite->bind_text, "sqlite3_bind_text"),
                             lib.bind(sqlite->bind_int64, "sqlite3_bind_int64"),
                             lib.bind(sqlite->bind_blob64, "sqlite3_bind_blob64"),
                             lib.bind(sqlite->bind_null, "sqlite3_bind_null"),
                             lib.bind(sqlite->column_int64, "sqlite3_column_int64"),
                             lib.bind(sqlite->column_text, "sqlite3_column_text"),
                             lib.bind(sqlite->column_blob, "sqlite3_column_blob"),
                             lib.bind(sqlite->column_bytes, "sqlite3_column_bytes"),
                             lib.bind(sqlite->column_type, "sqlite3_column_type")}) {
    if (!bound) return std::unexpected(bound.error());
  }
  return sqlite;
}

Result<const SqliteLibrary*> sqlite_library() {
  static LazyLibrary<SqliteLibrary> library;
  return library.get();
}

}  // namespace lode
