// The cache's SQLite index (index.sqlite in the cache folder): package documents in their
// compact form with the validators and time they were fetched, and one row per package
// in the store with its integrity, size and file list. WAL mode and a versioned schema
// (PRAGMA user_version); several lode processes may use it at once.
//
// The cache layer does not know what a package document means: documents are opaque
// bytes here (the registry layer encodes them).
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "cache/sqlite.h"

namespace lode {

struct CachedDocument {
  std::string registry;  // the registry URL it came from (ending in '/')
  std::string name;
  std::string body;      // compact encoding
  std::string etag;
  std::string last_modified;
  int64_t fetched_at = 0;  // unix seconds of the last successful fetch or revalidation
  int64_t max_age = -1;    // seconds the server allowed caching for; -1 when it did not say
};

struct StoredFile {
  std::string path;  // relative to the package folder, '/'-separated
  uint32_t mode = 0644;
  uint64_t size = 0;
  // The content's CRC-32C as extracted, 4 bytes (base/crc32c.h); 32 bytes: its SHA-256,
  // in stores written before 2026-12-05 (cache verify checks either).
  std::string checksum;
};

struct StoredPackage {
  std::string key;        // the store key: "<algorithm>-<hex digest of the tarball>"
  std::string integrity;  // SRI of the tarball, as published (or computed)
  std::string name;
  std::string version;
  int64_t tarball_size = 0;
  int64_t unpacked_size = 0;
  int64_t file_count = 0;
  int64_t added_at = 0;
  int64_t used_at = 0;
  std::vector<StoredFile> files;  // filled when asked for (FileList::kInclude)
  // FileList::kEncoded: the file list as the index keeps it, for decode_file_list() on
  // whichever thread needs it (decoding thousands of entries is most of a lookup's cost).
  std::string encoded_files;
};

struct DocumentSummary {
  std::string registry;
  std::string name;
  int64_t size = 0;
  int64_t fetched_at = 0;
};

enum class FileList { kOmit, kInclude, kEncoded };

// Who copies the write-ahead log into the database file once checkpoints are deferred.
enum class DeferredCheckpoint {
  kThisProcess,    // checkpoint_in_background(), or the last connection's close
  kAnotherProcess, // checkpoint(), run by another process after this one closes the index
};

// What a checkpoint found in the log and copied, in pages.
struct CheckpointCounts {
  int64_t log_pages = 0;
  int64_t copied_pages = 0;
};

class CacheIndex {
 public:
  // Opens or creates the index; fails (kIo) when the file cannot be used, or (kConfig)
  // when it was made by a newer lode with an unknown schema.
  static Result<CacheIndex> open(const fs::path& path);

  Result<std::optional<CachedDocument>> find_document(std::string_view registry, std::string_view name);
  Result<void> put_document(const CachedDocument& document);
  // As above, the body being `body` (document.body is not read).
  Result<void> put_document(const CachedDocument& document, std::string_view body);
  // After a 304: the cached body stays, its freshness is renewed.
  Result<void> renew_document(std::string_view registry, std::string_view name, int64_t fetched_at,
                              int64_t max_age);
  Result<std::vector<DocumentSummary>> documents();
  Result<int64_t> remove_documents();

  Result<std::optional<StoredPackage>> find_package(std::string_view key, FileList files);
  Result<void> put_package(const StoredPackage& package);
  Result<void> touch_packages(std::span<const std::string> keys, int64_t now);
  Result<std::vector<StoredPackage>> packages();  // without files, ordered by name and version
  Result<void> remove_package(std::string_view key);

  // Stops this connection copying the write-ahead log into the database file whenever the
  // log passes 4 MB (SQLite's default): that copy syncs both files, taking 10-100 ms of the
  // thread that happened to commit, mid-download. With kThisProcess, checkpoint_in_background()
  // or closing the last connection makes the copy later; with kAnotherProcess not even the
  // close does: checkpoint() in another process must (`lode cache checkpoint`). Fails as
  // statements do.
  Result<void> defer_checkpoints(DeferredCheckpoint until = DeferredCheckpoint::kThisProcess);

  // Copies the write-ahead log into the database file from a second connection, on
  // another thread; the future is ready when it is done. Closing the last connection makes
  // that copy (and syncs) itself: ~20 ms at the end of an install that downloaded, which
  // this overlaps with its last steps. Failing changes nothing (the close copies the rest).
  std::future<void> checkpoint_in_background() const;
  // The same for the index in the file `index_file`, whoever has it open.
  static std::future<void> checkpoint_in_background(const fs::path& index_file);

  // Copies what it can of the write-ahead log of the index in `index_file` into the file,
  // now, without waiting for other connections (SQLite's PASSIVE checkpoint), and syncs it.
  // When all of it was copied and nobody else has the index open, it then empties the log
  // and leaves one small commit in it, which takes the syncs a later writer would (the
  // log's header, its folder). A missing index has nothing to copy (and is not created).
  // Fails when the file cannot be opened or the checkpoint fails.
  static Result<CheckpointCounts> checkpoint(const fs::path& index_file);

  static constexpr int kSchemaVersion = 1;

  Database& database() { return db_; }

 private:
  explicit CacheIndex(Database db) : db_(std::move(db)) {}
  static Result<void> migrate(Database& db);
  static Result<int64_t> schema_version(Database& db);
  Database db_;
};

// The file list's compact encoding (stored in the index; exposed for tests).
std::string encode_file_list(const std::vector<StoredFile>& files);
// Whether decode_file_list() keeps each file's SHA-256 (linking needs only paths and modes;
// skipping the digests spares an allocation per file).
enum class FileDigests { kKeep, kSkip };
Result<std::vector<StoredFile>> decode_file_list(std::string_view bytes, FileDigests digests = FileDigests::kKeep);
// How many files an encoded list holds, without decoding it; fails (kParse) as decoding would
// on its first bytes.
Result<uint64_t> count_file_list(std::string_view bytes);

}  // namespace lode
