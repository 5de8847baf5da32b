#include "cache/index.h"

#include <array>

#include "base/byte_codec.h"

namespace lode {

namespace {

// Schema 1. Package rows are small and looked up by key: WITHOUT ROWID keeps them in the
// primary key's b-tree. Documents and file lists hold large blobs, which WITHOUT ROWID
// tables store poorly, so they keep rowids.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS documents (
  registry TEXT NOT NULL,
  name TEXT NOT NULL,
  body BLOB NOT NULL,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  fetched_at INTEGER NOT NULL,
  max_age INTEGER NOT NULL DEFAULT -1,
  PRIMARY KEY (registry, name)
);
CREATE TABLE IF NOT EXISTS packages (
  key TEXT PRIMARY KEY,
  integrity TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  tarball_size INTEGER NOT NULL,
  unpacked_size INTEGER NOT NULL,
  file_count INTEGER NOT NULL,
  added_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS packages_by_name ON packages (name, version);
CREATE TABLE IF NOT EXISTS package_files (
  key TEXT PRIMARY KEY REFERENCES packages (key) ON DELETE CASCADE,
  files BLOB NOT NULL
);
)sql";

constexpr std::string_view kFileListMagic = "LFL1";

// The columns every package query selects, in this order.
constexpr std::string_view kPackageColumns =
    "key, integrity, name, version, tarball_size, unpacked_size, file_count, added_at, used_at";

StoredPackage read_package_row(const Statement& row) {
  StoredPackage package;
  package.key = std::string(row.column_text(0));
  package.integrity = std::string(row.column_text(1));
  package.name = std::string(row.column_text(2));
  package.version = std::string(row.column_text(3));
  package.tarball_size = row.column_int(4);
  package.unpacked_size = row.column_int(5);
  package.file_count = row.column_int(6);
  package.added_at = row.column_int(7);
  package.used_at = row.column_int(8);
  return package;
}

}  // namespace

std::string encode_file_list(const std::vector<StoredFile>& files) {
  ByteWriter out;
  out.raw(kFileListMagic);
  out.varint(files.size());
  for (const StoredFile& file : files) {
    out.string(file.path);
    out.varint(file.mode);
    out.varint(file.size);
    out.string(file.checksum);
  }
  return out.take();
}

Result<uint64_t> count_file_list(std::string_view bytes) {
  ByteReader in(bytes);
  uint64_t count = in.expect(kFileListMagic) ? in.count() : 0;
  if (!in.ok() || (count == 0 && !in.at_end())) return fail(ErrorCode::kParse, "corrupt file list in the cache index");
  return count;
}

Result<std::vector<StoredFile>> decode_file_list(std::string_view bytes, FileDigests digests) {
  ByteReader in(bytes);
  std::vector<StoredFile> files;
  if (in.expect(kFileListMagic)) {
    uint64_t count = in.count();
    files.reserve(count);
    for (uint64_t i = 0; i < count && in.ok(); ++i) {
      StoredFile file;
      file.path = in.string();
      file.mode = static_cast<uint32_t>(in.varint());
      file.size = in.varint();
      if (digests == FileDigests::kKeep) {
        file.checksum = in.string();
      } else {
        in.string_view();
      }
      files.push_back(std::move(file));
    }
  }
  if (!in.ok() || !in.at_end()) return fail(ErrorCode::kParse, "corrupt file list in the cache index");
  return files;
}

Result<CacheIndex> CacheIndex::open(const fs::path& path) {
  Result<Database> db = Database::open(path, migrate);
  if (!db) return std::unexpected(db.error());
  return CacheIndex(std::move(*db));
}

Result<void> CacheIndex::defer_checkpoints(DeferredCheckpoint until) {
  if (auto deferred = db_.exec("PRAGMA wal_autocheckpoint=0"); !deferred) return deferred;
  if (until == DeferredCheckpoint::kAnotherProcess) return db_.keep_log_on_close();
  return {};
}

std::future<void> CacheIndex::checkpoint_in_background() const { return checkpoint_in_background(db_.path()); }

std::future<void> CacheIndex::checkpoint_in_background(const fs::path& index_file) {
  return std::async(std::launch::async, [path = index_file] {
    Result<Database> second = Database::open(path);
    if (second) (void)second->exec("PRAGMA wal_checkpoint(PASSIVE)");
  });
}

Result<CheckpointCounts> CacheIndex::checkpoint(const fs::path& index_file) {
  std::error_code ec;
  if (!fs::exists(index_file, ec)) return CheckpointCounts{};
  // Not created when missing: the cache may be being removed.
  Result<Database> db = Database::open(index_file, {}, IfMissing::kFail);
  if (!db) return std::unexpected(db.error());
  // Whoever else has the index open goes first: what is left stays for the next time.
  if (auto set = db->exec("PRAGMA busy_timeout=0"); !set) return std::unexpected(set.error());
  auto run = [&](std::string_view mode) -> Result<std::array<int64_t, 3>> {
    Result<Statement> query = db->prepare("PRAGMA wal_checkpoint(" + std::string(mode) + ")");
    if (!query) return std::unexpected(query.error());
    Result<bool> row = query->step();
    if (!row) return std::unexpected(row.error());
    // Whether it was blocked, the log's pages, the pages copied (-1, -1 when not in WAL mode).
    if (!*row) return std::array<int64_t, 3>{1, 0, 0};
    return std::array<int64_t, 3>{query->column_int(0), query->column_int(1), query->column_int(2)};
  };
  Result<std::array<int64_t, 3>> copied = run("PASSIVE");
  if (!copied) return std::unexpected(copied.error());
  CheckpointCounts counts{std::max<int64_t>(0, (*copied)[1]), std::max<int64_t>(0, (*copied)[2])};
  if (counts.copied_pages < counts.log_pages) return counts;
  // Nobody reading: the log restarts empty. The first commit into a restarted log syncs
  // its header (so that stale frames after it cannot pass for new ones after a crash), and
  // creating the file syncs its folder: one small commit here takes both syncs, and the
  // log stays for the installs that follow, which then sync nothing.
  Result<std::array<int64_t, 3>> truncated = run("TRUNCATE");
  if (!truncated || (*truncated)[0] != 0) return counts;
  Result<int64_t> version = schema_version(*db);
  if (!version) return counts;
  if (!db->exec("PRAGMA user_version=" + std::to_string(*version))) return counts;
  if (auto kept = db->keep_log_on_close(); !kept) return std::unexpected(kept.error());
  return counts;
}

Result<int64_t> CacheIndex::schema_version(Database& db) {
  Result<Statement> query = db.prepare("PRAGMA user_version");
  if (!query) return std::unexpected(query.error());
  Result<bool> row = query->step();
  if (!row) return std::unexpected(row.error());
  return *row ? query->column_int(0) : 0;
}

Result<void> CacheIndex::migrate(Database& db) {
  // The version query's statement is gone before the transaction starts: a read left
  // open would make the write lock impossible to take (SQLITE_BUSY, no waiting).
  Result<int64_t> version = schema_version(db);
  if (!version) return std::unexpected(version.error());
  if (*version == kSchemaVersion) return {};
  if (*version > kSchemaVersion) {
    return fail(ErrorCode::kConfig,
                "the cache index was created by a newer lode (schema " + std::to_string(*version) + ")", db.path(),
                "upgrade lode, or point --cache at another folder");
  }
  // Two processes may race to create the schema: the transaction serialises them and
  // IF NOT EXISTS makes the second a no-op.
  Result<Transaction> transaction = Transaction::begin(db);
  if (!transaction) return std::unexpected(transaction.error());
  if (auto created = db.exec(kSchema); !created) return created;
  if (auto stamped = db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)); !stamped) return stamped;
  return transaction->commit();
}

Result<std::optional<CachedDocument>> CacheIndex::find_document(std::string_view registry, std::string_view name) {
  Result<Statement> query = db_.prepare(
      "SELECT body, etag, last_modified, fetched_at, max_age FROM documents WHERE registry = ?1 AND name = ?2");
  if (!query) return std::unexpected(query.error());
  query->bind(1, registry).bind(2, name);
  Result<bool> row = query->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<CachedDocument>();
  CachedDocument document;
  document.registry = std::string(registry);
  document.name = std::string(name);
  document.body = std::string(query->column_blob(0));
  document.etag = std::string(query->column_text(1));
  document.last_modified = std::string(query->column_text(2));
  document.fetched_at = query->column_int(3);
  document.max_age = query->column_int(4);
  return std::optional<CachedDocument>(std::move(document));
}

Result<void> CacheIndex::put_document(const CachedDocument& document) { return put_document(document, document.body); }

Result<void> CacheIndex::put_document(const CachedDocument& document, std::string_view body) {
  Result<Statement> statement = db_.prepare(
      "INSERT OR REPLACE INTO documents (registry, name, body, etag, last_modified, fetched_at, max_age) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!statement) return std::unexpected(statement.error());
  statement->bind(1, document.registry)
      .bind(2, document.name)
      .bind_blob(3, body)
      .bind(4, document.etag)
      .bind(5, document.last_modified)
      .bind(6, document.fetched_at)
      .bind(7, document.max_age);
  return statement->run();
}

Result<void> CacheIndex::renew_document(std::string_view registry, std::string_view name, int64_t fetched_at,
                                        int64_t max_age) {
  Result<Statement> statement =
      db_.prepare("UPDATE documents SET fetched_at = ?3, max_age = ?4 WHERE registry = ?1 AND name = ?2");
  if (!statement) return std::unexpected(statement.error());
  statement->bind(1, registry).bind(2, name).bind(3, fetched_at).bind(4, max_age);
  return statement->run();
}

Result<std::vector<DocumentSummary>> CacheIndex::documents() {
  Result<Statement> query =
      db_.prepare("SELECT registry, name, length(body), fetched_at FROM documents ORDER BY name, registry");
  if (!query) return std::unexpected(query.error());
  std::vector<DocumentSummary> out;
  while (true) {
    Result<bool> row = query->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back({std::string(query->column_text(0)), std::string(query->column_text(1)), query->column_int(2),
                   query->column_int(3)});
  }
  return out;
}

Result<int64_t> CacheIndex::remove_documents() {
  if (auto removed = db_.exec("DELETE FROM documents"); !removed) return std::unexpected(removed.error());
  return db_.changes();
}

Result<std::optional<StoredPackage>> CacheIndex::find_package(std::string_view key, FileList files) {
  // One statement either way: an install asks this for every package it links.
  static const std::string kWithoutFiles = "SELECT " + std::string(kPackageColumns) + " FROM packages WHERE key = ?1";
  static const std::string kWithFiles = "SELECT " + std::string(kPackageColumns) +
                                        ", package_files.files FROM packages LEFT JOIN package_files USING (key) "
                                        "WHERE key = ?1";
  Result<Statement> query = db_.prepare(files == FileList::kOmit ? kWithoutFiles : kWithFiles);
  if (!query) return std::unexpected(query.error());
  query->bind(1, key);
  Result<bool> row = query->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<StoredPackage>();
  StoredPackage package = read_package_row(*query);
  constexpr int kFilesColumn = 9;
  if (files == FileList::kEncoded) {
    package.encoded_files = std::string(query->column_blob(kFilesColumn));
  } else if (files == FileList::kInclude && !query->column_is_null(kFilesColumn)) {
    Result<std::vector<StoredFile>> list = decode_file_list(query->column_blob(kFilesColumn));
    if (!list) return std::unexpected(list.error());
    package.files = std::move(*list);
  }
  return std::optional<StoredPackage>(std::move(package));
}

Result<void> CacheIndex::put_package(const StoredPackage& package) {
  Result<Transaction> transaction = Transaction::begin(db_);
  if (!transaction) return std::unexpected(transaction.error());
  Result<Statement> statement = db_.prepare(
      "INSERT OR REPLACE INTO packages (key, integrity, name, version, tarball_size, unpacked_size, file_count, "
      "added_at, used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!statement) return std::unexpected(statement.error());
  statement->bind(1, package.key)
      .bind(2, package.integrity)
      .bind(3, package.name)
      .bind(4, package.version)
      .bind(5, package.tarball_size)
      .bind(6, package.unpacked_size)
      .bind(7, package.file_count)
      .bind(8, package.added_at)
      .bind(9, package.used_at);
  if (auto done = statement->run(); !done) return done;
  Result<Statement> files = db_.prepare("INSERT OR REPLACE INTO package_files (key, files) VALUES (?1, ?2)");
  if (!files) return std::unexpected(files.error());
  files->bind(1, package.key).bind_blob(2, encode_file_list(package.files));
  if (auto done = files->run(); !done) return done;
  return transaction->commit();
}

Result<void> CacheIndex::touch_packages(std::span<const std::string> keys, int64_t now) {
  if (keys.empty()) return {};
  Result<Transaction> transaction = Transaction::begin(db_);
  if (!transaction) return std::unexpected(transaction.error());
  Result<Statement> statement = db_.prepare("UPDATE packages SET used_at = ?2 WHERE key = ?1");
  if (!statement) return std::unexpected(statement.error());
  for (const std::string& key : keys) {
    statement->bind(1, key).bind(2, now);
    if (auto done = statement->run(); !done) return done;
    statement->reset();
  }
  return transaction->commit();
}

Result<std::vector<StoredPackage>> CacheIndex::packages() {
  Result<Statement> query =
      db_.prepare("SELECT " + std::string(kPackageColumns) + " FROM packages ORDER BY name, version");
  if (!query) return std::unexpected(query.error());
  std::vector<StoredPackage> out;
  while (true) {
    Result<bool> row = query->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    out.push_back(read_package_row(*query));
  }
  return out;
}

Result<void> CacheIndex::remove_package(std::string_view key) {
  Result<Statement> statement = db_.prepare("DELETE FROM packages WHERE key = ?1");
  if (!statement) return std::unexpected(statement.error());
  statement->bind(1, key);
  return statement->run();
}

}  // namespace lode
