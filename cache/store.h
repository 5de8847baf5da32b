// The content-addressed package store and the cache folder around it:
//
//   <cache>/index.sqlite           the index (cache/index.h)
//   <cache>/store/v1/<aa>/<key>/   one unpacked package per tarball digest, with its file
//                                  list in .lode-files (kListFile)
//   <cache>/tmp/                   unpacking in progress (same file system, for rename)
//   <cache>/locks/downloads        one byte per package key, locked while a process
//                                  downloads that package (base/file_lock.h, KeyLocks)
//
// A package appears in the store only complete: it is unpacked into tmp/ and renamed into
// place, so other processes see all of it or nothing. Several processes may fill one
// store at once; the per-key lock keeps them from fetching the same tarball twice.
//
// Each package folder carries its own file list (the one the index keeps), headed by its
// key: an install whose packages are all stored reads those and never opens SQLite
// (opening it and asking it once per package was a tenth of a warm install). The list is
// not among the package's files, so it is never linked out of the store; a package that
// ships a file of that name keeps it, and is found through the index instead.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/error.h"
#include "base/file_lock.h"
#include "base/fs.h"
#include "base/gunzip.h"
#include "base/process.h"
#include "base/strings.h"
#include "cache/extract.h"
#include "cache/index.h"
#include "cache/index_writer.h"

namespace lode {

// What unpack() produced, ready for record() on the thread that owns the index.
struct UnpackedPackage {
  std::string key;
  ExtractionResult extraction;
  int64_t tarball_size = 0;
};

struct VerifyReport {
  int64_t packages_checked = 0;
  int64_t files_checked = 0;
  int64_t packages_removed = 0;            // damaged or missing files: dropped from the store
  std::vector<std::string> problems;       // "<name>@<version>: <what>"
};

struct CleanReport {
  int64_t packages_removed = 0;
  int64_t documents_removed = 0;
  int64_t bytes_freed = 0;
};

// When Store::open opens the index.
enum class IndexOpening {
  kNow,
  // At the first query that needs it: an install from a lockfile whose packages are all
  // stored never does. A store that holds nothing yet opens it at once (it will be needed).
  // Either way, a new cache (no index file yet) opens it only when a write or a query of
  // something this process stored needs it: there is nothing else to find.
  kWhenNeeded,
};

// The file list in every package folder written since this version (see above).
inline constexpr std::string_view kListFile = ".lode-files";

class Store {
 public:
  // Opens the cache at `cache_dir`, creating its folders and index as needed.
  static Result<Store> open(const fs::path& cache_dir, IndexOpening opening = IndexOpening::kNow);

  const fs::path& root() const { return root_; }
  // The index, opened by the first call when the store was opened kWhenNeeded; fails as
  // CacheIndex::open does. Main thread only.
  Result<CacheIndex*> index();
  bool index_is_open() const { return index_.has_value(); }
  // Defers the index's checkpoints (CacheIndex::defer_checkpoints) on every connection,
  // now or when it opens, for a caller that checkpoints in the background once its writes
  // are done (kThisProcess), or that starts start_checkpointer() (kAnotherProcess).
  void defer_checkpoints(DeferredCheckpoint until = DeferredCheckpoint::kThisProcess);

  // Where the package with `key` lives (whether or not it is there).
  fs::path package_dir(std::string_view key) const;

  // Whether the store under `cache_dir` holds no package (or does not exist yet): an
  // install into it downloads everything. Never fails; an unreadable store counts as empty.
  static bool holds_nothing(const fs::path& cache_dir);
  // Whether the cache under `cache_dir` has no index file yet: nothing was ever stored or
  // fetched into it. Never fails.
  static bool is_new(const fs::path& cache_dir);
  // Whether this cache was new when opened: find() and find_document() answer "not
  // there" for what this Store did not put there itself, without opening the index.
  bool was_new() const { return was_new_; }

  // The stored package with `key`, or nullopt when it is not (completely) in the store.
  // Found through its list file, it has its key, integrity, file count, files (as asked)
  // and used_at (the list file's time); name, version and sizes come from the index only
  // (packages()). A package found through the index gets its list file written.
  Result<std::optional<StoredPackage>> find(std::string_view key, FileList files);

  // Unpacks a tarball the caller has verified into the store under `key`. Thread-safe
  // (touches only the file system), so it can run on a worker while downloads go on.
  // When another process stored the same key first, its copy is kept. Fails also when
  // libarchive cannot be loaded.
  Result<UnpackedPackage> unpack(std::string_view tarball, std::string_view key, std::string_view source) const;

  // As unpack(), reading the tarball from `stream` while it downloads; nothing enters the
  // store unless the producer closes the stream (abandon() means the download failed).
  // Returns once the producer has done either, whatever happened before.
  Result<UnpackedPackage> unpack_stream(TarballStream& stream, std::string_view key, std::string_view source) const;

  // From now on the index's writes (record, put_document, renew_document,
  // touch_packages) go to a thread of their own (cache/index_writer.h), and fail only
  // at flush_writes(); find() waits for them when it must read one back. Call after
  // defer_checkpoints(), if both.
  void write_in_background();
  // Waits for the writes queued so far; fails as IndexWriter::flush does. Immediate when
  // writes are not in the background.
  Result<void> flush_writes();
  // Copies the index's write-ahead log into its file on another thread, as
  // CacheIndex::checkpoint_in_background does (after flush_writes(), to include them).
  std::future<void> checkpoint_in_background() const;
  // When the index's write-ahead log changed since defer_checkpoints(), starts
  // `checkpointer` (a process that reads its stdin to end of file, then runs
  // CacheIndex::checkpoint: `lode cache checkpoint --wait-for-stdin`) detached, so the
  // syncs that copying the log takes are not this process's wait (3-40 ms normally,
  // seconds with writeback queued). Its stdin ends when this Store is destroyed, after its
  // connections close, or when the process ends. Call after flush_writes(), with
  // checkpoints deferred to kAnotherProcess. Returns whether it started one; fails as
  // spawn_detached does (nothing started).
  Result<bool> start_checkpointer(const ProcessSpec& checkpointer);

  // The cached document of `name` from `registry`, or nullopt; waits for the writer when
  // it has writes queued. Fails as CacheIndex::find_document does.
  Result<std::optional<CachedDocument>> find_document(std::string_view registry, std::string_view name);
  // Stores a package document's row, its body read from `body`, which `owner` keeps
  // valid until the write is done. Fails as CacheIndex::put_document does.
  Result<void> put_document(const CachedDocument& document, std::string_view body,
                            std::shared_ptr<const void> owner);
  // After a 304: the cached document's freshness is renewed (CacheIndex::renew_document).
  Result<void> renew_document(std::string_view registry, std::string_view name, int64_t fetched_at,
                              int64_t max_age);

  // Records an unpacked package in the index (on the index's thread).
  Result<StoredPackage> record(const UnpackedPackage& unpacked, std::string_view integrity, std::string_view name,
                               std::string_view version, int64_t now);

  // The cross-process lock for downloading `key`; nullopt when another process (or this
  // one) holds it.
  Result<std::optional<KeyLock>> try_lock(std::string_view key) const;

  // Holds one read snapshot of the index, if it is open, for the lookups that follow
  // (hundreds of them, one lock) until release_read_snapshot() or a write.
  Result<void> hold_read_snapshot();
  void release_read_snapshot();

  // Marks the packages with `keys` used at `now` (unix seconds): in the index, then on
  // their list files. Fails as index writes do.
  Result<void> touch_packages(std::span<const std::string> keys, int64_t now);

  // Re-hashes every stored file against the index; drops packages that do not match.
  Result<VerifyReport> verify();

  // Removes packages not used since `unused_since` (unix seconds), or everything
  // (packages, documents, leftovers in tmp/) when it is nullopt.
  Result<CleanReport> clean(std::optional<int64_t> unused_since);

 private:
  Store(fs::path root, std::optional<CacheIndex> index, KeyLocks downloads)
      : root_(std::move(root)),
        index_(std::move(index)),
        downloads_(std::move(downloads)),
        archive_(std::make_unique<LazyArchiveLibrary>()),
        deflate_(std::make_unique<LazyDeflateLibrary>()),
        inflate_buffers_(std::make_unique<InflateBuffers>()) {}
  Result<void> remove_package(const StoredPackage& package, int64_t* bytes_freed);
  // unpack()'s work around `extract`, which fills the folder it is given.
  using Extract = std::function<Result<ExtractionResult>(const ArchiveLibrary&, const fs::path&)>;
  Result<UnpackedPackage> unpack_with(const Extract& extract, std::string_view key) const;
  std::string package_path(std::string_view key) const;  // package_dir() as text
  static std::string document_key(std::string_view registry, std::string_view name);

  fs::path root_;
  // Declared before the connections so that its pipe closes after they do.
  std::optional<DetachedProcess> checkpointer_;
  std::optional<CacheIndex> index_;  // nullopt until index() opens it
  std::optional<DeferredCheckpoint> checkpoints_deferred_;
  // The log's size and modification time (ns) when checkpoints were deferred to another
  // process: start_checkpointer() starts one only if this process wrote to it.
  std::pair<int64_t, int64_t> log_stamp_{-1, -1};
  bool was_new_ = false;
  std::unordered_set<std::string, TextHash, std::equal_to<>> documents_put_;  // document_key()s, by put_document()
  std::unique_ptr<IndexWriter> writer_;  // when write_in_background()
  bool writes_pending_ = false;          // posted to writer_ since the last flush
  std::unordered_set<std::string, TextHash, std::equal_to<>> recorded_keys_;  // by record()
  KeyLocks downloads_;
  // Loaded by the first unpack(): a store that only links never maps libarchive.
  std::unique_ptr<LazyArchiveLibrary> archive_;
  std::unique_ptr<LazyDeflateLibrary> deflate_;
  std::unique_ptr<InflateBuffers> inflate_buffers_;
};

}  // namespace lode
