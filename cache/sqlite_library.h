// SQLite's functions as the cache index uses them, loaded at run time on first use rather
// than linked (see base/shared_library.h). One `lode` executable serves both the commands
// that never open the cache (`lode run`, `lode x` of an installed package, an install
// with nothing to do) and those that do; mapping and relocating libsqlite3 costs every
// start ~1 ms, which only the second kind should pay.
#pragma once

#include <sqlite3.h>

#include <memory>

#include "base/error.h"
#include "base/shared_library.h"

namespace lode {

struct SqliteLibrary {
  SharedLibrary library;
  decltype(&::sqlite3_open_v2) open_v2 = nullptr;
  decltype(&::sqlite3_close_v2) close_v2 = nullptr;
  decltype(&::sqlite3_busy_timeout) busy_timeout = nullptr;
  decltype(&::sqlite3_db_config) db_config = nullptr;
  decltype(&::sqlite3_exec) exec = nullptr;
  decltype(&::sqlite3_free) free = nullptr;
  decltype(&::sqlite3_sleep) sleep = nullptr;
  decltype(&::sqlite3_errcode) errcode = nullptr;
  decltype(&::sqlite3_errmsg) errmsg = nullptr;
  decltype(&::sqlite3_get_autocommit) get_autocommit = nullptr;
  decltype(&::sqlite3_changes64) changes64 = nullptr;
  decltype(&::sqlite3_prepare_v3) prepare_v3 = nullptr;
  decltype(&::sqlite3_finalize) finalize = nullptr;
  decltype(&::sqlite3_reset) reset = nullptr;
  decltype(&::sqlite3_clear_bindings) clear_bindings = nullptr;
  decltype(&::sqlite3_sql) sql = nullptr;
  decltype(&::sqlite3_stmt_readonly) stmt_readonly = nullptr;
  decltype(&::sqlite3_db_handle) db_handle = nullptr;
  decltype(&::sqlite3_step) step = nullptr;
  decltype(&::sqlite3_bind_text) bind_text = nullptr;
  decltype(&::sqlite3_bind_int64) bind_int64 = nullptr;
  decltype(&::sqlite3_bind_blob64) bind_blob64 = nullptr;
  decltype(&::sqlite3_bind_null) bind_null = nullptr;
  decltype(&::sqlite3_column_int64) column_int64 = nullptr;
  decltype(&::sqlite3_column_text) column_text = nullptr;
  decltype(&::sqlite3_column_blob) column_blob = nullptr;
  decltype(&::sqlite3_column_bytes) column_bytes = nullptr;
  decltype(&::sqlite3_column_type) column_type = nullptr;

  // Loads libsqlite3 and binds every function above. Fails when the library or a symbol
  // is missing, naming it and the Debian package to install.
  static Result<std::unique_ptr<SqliteLibrary>> load();

 private:
  explicit SqliteLibrary(SharedLibrary loaded) : library(std::move(loaded)) {}
};

// The process's SQLite, loaded by the first caller (a library is mapped once per process
// whatever holds it). Fails as SqliteLibrary::load does, every time.
Result<const SqliteLibrary*> sqlite_library();

}  // namespace lode
