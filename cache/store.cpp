#include "cache/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>

#include "base/crc32c.h"
#include "base/encoding.h"
#include "base/integrity.h"

namespace lode {

namespace {

constexpr std::string_view kStoreVersion = "v1";

// Leftovers of processes that died while unpacking are removed after this long; a live
// unpack never takes that long.
constexpr auto kStaleTemporary = std::chrono::hours(1);

void remove_stale_temporaries(const fs::path& tmp) {
  std::error_code ec;
  auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(tmp, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code stat_error;
    auto modified = it->last_write_time(stat_error);
    if (!stat_error && now - modified > kStaleTemporary) fs::remove_all(it->path(), stat_error);
  }
}

int64_t folder_size(const fs::path& dir) {
  int64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) total += static_cast<int64_t>(it->file_size(size_error));
  }
  return total;
}

// The first line of a list file; the key ties the list to its folder (a package cannot
// ship a file naming the digest of the tarball that contains it).
std::string list_header(std::string_view key) { return "lode-files 1 " + std::string(key) + "\n"; }

// "sha512-<hex>" back to "sha512-<base64>"; empty when `key` is not a store key.
std::string integrity_of_key(std::string_view key) {
  size_t dash = key.find('-');
  if (dash == std::string_view::npos) return "";
  std::optional<std::string> digest = hex_decode(key.substr(dash + 1));
  if (!digest) return "";
  return std::string(key.substr(0, dash + 1)) + base64_encode(*digest);
}

// The package `key` as its list file in its folder `dir` describes it; nullopt when there is no list
// file (an older lode stored it, or the folder is gone) or it is not this package's.
std::optional<StoredPackage> read_list_file(std::string dir, std::string_view key, FileList files) {
  dir.append("/").append(kListFile);
  FileDescriptor file(::open(dir.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) return std::nullopt;
  struct stat info;
  if (::fstat(file.get(), &info) != 0) return std::nullopt;
  std::string header = list_header(key);
  // Whether it is stored needs the header only.
  size_t wanted = files == FileList::kOmit ? header.size() : static_cast<size_t>(info.st_size);
  if (static_cast<size_t>(info.st_size) < header.size()) return std::nullopt;
  std::string bytes(wanted, '\0');
  for (size_t done = 0; done < wanted;) {
    ssize_t got = ::pread(file.get(), bytes.data() + done, wanted - done, static_cast<off_t>(done));
    if (got <= 0) return std::nullopt;
    done += static_cast<size_t>(got);
  }
  if (!std::string_view(bytes).starts_with(header)) return std::nullopt;
  StoredPackage package;
  package.key = std::string(key);
  package.integrity = integrity_of_key(key);
  package.used_at = info.st_mtim.tv_sec;
  if (files == FileList::kOmit) return package;
  std::string_view encoded = std::string_view(bytes).substr(header.size());
  Result<uint64_t> count = count_file_list(encoded);
  if (!count) return std::nullopt;
  package.file_count = static_cast<int64_t>(*count);
  if (files == FileList::kEncoded) {
    bytes.erase(0, header.size());
    package.encoded_files = std::move(bytes);
  } else {
    Result<std::vector<StoredFile>> list = decode_file_list(encoded);
    if (!list) return std::nullopt;
    package.files = std::move(*list);
  }
  return package;
}

// Writes the list file of the package `key` into its folder `dir`.
Result<void> write_list_file(const fs::path& dir, std::string_view key, std::string_view encoded) {
  std::string content = list_header(key);
  content.append(encoded);
  return write_file_atomic(dir / kListFile, content);
}

bool ships_list_file_name(const std::vector<StoredFile>& files) {
  for (const StoredFile& file : files) {
    if (file.path == kListFile) return true;
  }
  return false;
}

// Whether `content` has `checksum`: a CRC-32C, or a SHA-256 kept by an older lode.
Result<bool> matches_checksum(std::string_view content, const std::string& checksum) {
  if (checksum.size() != 32) return crc32c_bytes(content) == checksum;
  Result<Integrity> actual = compute_integrity(HashAlgorithm::kSha256, content);
  if (!actual) return std::unexpected(actual.error());
  return actual->digest == checksum;
}

}  // namespace

Result<Store> Store::open(const fs::path& cache_dir, IndexOpening opening) {
  for (const char* sub : {"store", "tmp", "locks"}) {
    if (auto made = ensure_directories(cache_dir / sub); !made) {
      return std::unexpected(made.error().with_hint("check the cache folder (config key `cache`) is writable"));
    }
  }
  bool was_new = is_new(cache_dir);
  Result<KeyLocks> downloads = KeyLocks::open(cache_dir / "locks" / "downloads");
  if (!downloads) return std::unexpected(downloads.error());
  remove_stale_temporaries(cache_dir / "tmp");
  Store store(cache_dir, std::nullopt, std::move(*downloads));
  store.was_new_ = was_new;
  if (!was_new && (opening == IndexOpening::kNow || holds_nothing(cache_dir))) {
    if (Result<CacheIndex*> index = store.index(); !index) return std::unexpected(index.error());
  }
  return store;
}

std::string Store::document_key(std::string_view registry, std::string_view name) {
  std::string key(registry);
  key.append("\n").append(name);
  return key;
}

bool Store::is_new(const fs::path& cache_dir) {
  std::error_code ec;
  return !fs::exists(cache_dir / "index.sqlite", ec);
}

bool Store::holds_nothing(const fs::path& cache_dir) {
  std::error_code ec;
  fs::directory_iterator stored(cache_dir / "store" / kStoreVersion, ec);
  return ec || stored == fs::directory_iterator();
}

Result<CacheIndex*> Store::index() {
  if (!index_) {
    Result<CacheIndex> opened = CacheIndex::open(root_ / "index.sqlite");
    if (!opened) return std::unexpected(opened.error());
    index_.emplace(std::move(*opened));
    if (checkpoints_deferred_) (void)index_->defer_checkpoints(*checkpoints_deferred_);
  }
  return &*index_;
}

namespace {

// The size and modification time (ns) of `file`, or {-1, -1} when it is not there.
std::pair<int64_t, int64_t> file_stamp(const fs::path& file) {
  struct stat info;
  if (::stat(file.c_str(), &info) != 0) return {-1, -1};
  return {static_cast<int64_t>(info.st_size), info.st_mtim.tv_sec * 1'000'000'000LL + info.st_mtim.tv_nsec};
}

}  // namespace

void Store::defer_checkpoints(DeferredCheckpoint until) {
  checkpoints_deferred_ = until;
  if (until == DeferredCheckpoint::kAnotherProcess) log_stamp_ = file_stamp(root_ / "index.sqlite-wal");
  // Without it the log is copied as before: slower, not wrong.
  if (index_) (void)index_->defer_checkpoints(until);
}

Result<void> Store::hold_read_snapshot() {
  if (!index_) return {};
  return index_->database().hold_read_snapshot();
}

void Store::release_read_snapshot() {
  if (index_) index_->database().release_read_snapshot();
}

std::string Store::package_path(std::string_view key) const {
  // Two hex digits of fan-out keep folders small; they follow the "<algorithm>-" prefix.
  size_t dash = key.find('-');
  std::string_view digits = dash == std::string_view::npos ? key : key.substr(dash + 1);
  // Text, not fs::path appends: an install asks this for every package, and each append
  // splits the path into components again.
  std::string path = root_.native();
  path.append("/store/").append(kStoreVersion).append("/").append(digits.substr(0, 2)).append("/").append(key);
  return path;
}

fs::path Store::package_dir(std::string_view key) const { return package_path(key); }

Result<std::optional<StoredPackage>> Store::find(std::string_view key, FileList files) {
  if (std::optional<StoredPackage> listed = read_list_file(package_path(key), key, files)) return listed;
  if (recorded_keys_.contains(key)) {
    // Recorded here, maybe not committed yet: what the index will say is awaited.
    if (writes_pending_) (void)flush_writes();
  } else if (was_new_) {
    return std::optional<StoredPackage>();
  }
  fs::path dir = package_dir(key);
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  // The encoded list is asked for even when the caller wants none, to write the list file.
  Result<std::optional<StoredPackage>> found = (*index)->find_package(key, files == FileList::kInclude ? files : FileList::kEncoded);
  if (!found || !*found) return found;
  std::error_code ec;
  // A row without its folder (someone deleted it by hand) does not count as stored.
  if (!fs::is_directory(dir, ec)) return std::optional<StoredPackage>();
  StoredPackage& package = **found;
  // Stored by an older lode: the next lookup reads the list file. Not when a file of that
  // name is there (the package ships one: it stays as it is), nor when writing fails (the
  // index stays the way in).
  if (!fs::exists(dir / kListFile, ec)) {
    (void)write_list_file(dir, key, files == FileList::kInclude ? encode_file_list(package.files) : package.encoded_files);
  }
  if (files == FileList::kOmit) package.encoded_files.clear();
  return found;
}

Result<UnpackedPackage> Store::unpack(std::string_view tarball, std::string_view key, std::string_view source) const {
  // Inflated in one call when libdeflate can (cache/gunzip.h); otherwise libarchive inflates
  // it as it reads. Past kMaxInflated (a size claimed by a trailer, not yet checked),
  // libarchive's streaming keeps the memory bounded.
  constexpr size_t kMaxInflated = size_t{256} << 20;
  InflateBuffer buffer = inflate_buffers_->take();
  std::optional<std::string_view> tar;
  if (Result<const DeflateLibrary*> deflate = deflate_->get(); deflate) {
    tar = gunzip_one_member(**deflate, tarball, kMaxInflated, buffer);
  }
  std::string_view contents = tar ? *tar : tarball;
  Result<UnpackedPackage> unpacked = unpack_with(
      [&](const ArchiveLibrary& archive, const fs::path& folder) {
        return extract_tarball(archive, contents, folder, source);
      },
      key);
  inflate_buffers_->give_back(std::move(buffer));
  if (unpacked) unpacked->tarball_size = static_cast<int64_t>(tarball.size());
  return unpacked;
}

Result<UnpackedPackage> Store::unpack_stream(TarballStream& stream, std::string_view key, std::string_view source) const {
  Result<UnpackedPackage> unpacked = unpack_with(
      [&](const ArchiveLibrary& archive, const fs::path& folder) {
        return extract_tarball_stream(archive, stream, folder, source);
      },
      key);
  // A failure before the extraction began (libarchive missing, no scratch folder) still
  // answers only once the download is over, so the caller sees one outcome per download.
  if (!unpacked) stream.wait_for_end();
  return unpacked;
}

Result<UnpackedPackage> Store::unpack_with(const Extract& extract, std::string_view key) const {
  Result<const ArchiveLibrary*> archive = archive_->get();
  if (!archive) return std::unexpected(archive.error());
  Result<TempDir> work = TempDir::create(root_ / "tmp", "unpack-");
  if (!work) return std::unexpected(work.error());
  // The temporary folder itself becomes the package's folder: no staging folder to make
  // and remove (an rmdir costs ~0.4 ms here, once per package).
  const fs::path& staging = work->path();
  if (::chmod(staging.c_str(), 0755) != 0) {
    return std::unexpected(system_error(ErrorCode::kIo, "cannot prepare folder", staging.string(), errno));
  }
  Result<ExtractionResult> extraction = extract(**archive, staging);
  if (!extraction) return std::unexpected(extraction.error());
  if (!ships_list_file_name(extraction->files)) {
    if (auto listed = write_list_file(staging, key, encode_file_list(extraction->files)); !listed) {
      return std::unexpected(listed.error());
    }
  }

  fs::path target = package_dir(key);
  if (auto made = ensure_directories(target.parent_path()); !made) return std::unexpected(made.error());
  if (std::rename(staging.c_str(), target.c_str()) != 0) {
    int errnum = errno;
    // Another process stored the same content first: the same digest, the same files.
    std::error_code ec;
    if (!((errnum == EEXIST || errnum == ENOTEMPTY) && fs::is_directory(target, ec))) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot move package into the store", target.string(), errnum));
    }
  } else {
    work->release();
  }
  return UnpackedPackage{std::string(key), std::move(*extraction), 0};
}

void Store::write_in_background() {
  if (writer_) return;
  writer_ = std::make_unique<IndexWriter>([path = root_ / "index.sqlite", deferred = checkpoints_deferred_] {
    Result<CacheIndex> index = CacheIndex::open(path);
    // The writer's commits are the ones that would checkpoint.
    if (index && deferred) (void)index->defer_checkpoints(*deferred);
    return index;
  });
}

Result<void> Store::flush_writes() {
  if (!writer_) return {};
  writes_pending_ = false;
  return writer_->flush();
}

std::future<void> Store::checkpoint_in_background() const {
  return CacheIndex::checkpoint_in_background(root_ / "index.sqlite");
}

Result<bool> Store::start_checkpointer(const ProcessSpec& checkpointer) {
  std::pair<int64_t, int64_t> now = file_stamp(root_ / "index.sqlite-wal");
  if (checkpointer_ || now.first <= 0 || now == log_stamp_) return false;
  Result<DetachedProcess> started = spawn_detached(checkpointer);
  if (!started) return std::unexpected(started.error());
  checkpointer_.emplace(std::move(*started));
  return true;
}

Result<std::optional<CachedDocument>> Store::find_document(std::string_view registry, std::string_view name) {
  // Only a document this Store put may be waiting in the writer's queue: a lookup of any
  // other must not wait for the writes of a whole install.
  if (documents_put_.contains(document_key(registry, name))) {
    if (writes_pending_) (void)flush_writes();
  } else if (was_new_) {
    return std::optional<CachedDocument>();
  }
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  return (*index)->find_document(registry, name);
}

Result<void> Store::put_document(const CachedDocument& document, std::string_view body,
                                 std::shared_ptr<const void> owner) {
  documents_put_.insert(document_key(document.registry, document.name));
  if (writer_) {
    writes_pending_ = true;
    writer_->post([document, body, owner = std::move(owner)](CacheIndex& index) {
      return index.put_document(document, body);
    });
    return {};
  }
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  return (*index)->put_document(document, body);
}

Result<void> Store::renew_document(std::string_view registry, std::string_view name, int64_t fetched_at,
                                   int64_t max_age) {
  if (writer_) {
    writes_pending_ = true;
    writer_->post([registry = std::string(registry), name = std::string(name), fetched_at, max_age](CacheIndex& index) {
      return index.renew_document(registry, name, fetched_at, max_age);
    });
    return {};
  }
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  return (*index)->renew_document(registry, name, fetched_at, max_age);
}

Result<StoredPackage> Store::record(const UnpackedPackage& unpacked, std::string_view integrity,
                                    std::string_view name, std::string_view version, int64_t now) {
  StoredPackage package;
  package.key = unpacked.key;
  package.integrity = std::string(integrity);
  package.name = std::string(name);
  package.version = std::string(version);
  package.tarball_size = unpacked.tarball_size;
  package.unpacked_size = static_cast<int64_t>(unpacked.extraction.unpacked_size);
  package.file_count = static_cast<int64_t>(unpacked.extraction.files.size());
  package.added_at = now;
  package.used_at = now;
  package.files = unpacked.extraction.files;
  recorded_keys_.insert(package.key);
  if (writer_) {
    writes_pending_ = true;
    writer_->post([package](CacheIndex& index) { return index.put_package(package); });
    return package;
  }
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  if (auto stored = (*index)->put_package(package); !stored) return std::unexpected(stored.error());
  return package;
}

Result<void> Store::touch_packages(std::span<const std::string> keys, int64_t now) {
  if (keys.empty()) return {};
  if (writer_) {
    writes_pending_ = true;
    writer_->post([keys = std::vector<std::string>(keys.begin(), keys.end()), now](CacheIndex& index) {
      return index.touch_packages(keys, now);
    });
  } else {
    Result<CacheIndex*> index = this->index();
    if (!index) return std::unexpected(index.error());
    if (auto touched = (*index)->touch_packages(keys, now); !touched) return touched;
  }
  // The list files' times are what find() reports as used_at.
  struct timespec times[2] = {{now, 0}, {now, 0}};
  for (const std::string& key : keys) ::utimensat(AT_FDCWD, (package_dir(key) / kListFile).c_str(), times, 0);
  return {};
}

Result<std::optional<KeyLock>> Store::try_lock(std::string_view key) const { return downloads_.try_lock(key); }

Result<void> Store::remove_package(const StoredPackage& package, int64_t* bytes_freed) {
  fs::path dir = package_dir(package.key);
  if (bytes_freed) *bytes_freed += folder_size(dir);
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec) return fail(ErrorCode::kIo, "cannot remove " + package.name + "@" + package.version + ": " + ec.message(), dir.string());
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  return (*index)->remove_package(package.key);
}

Result<VerifyReport> Store::verify() {
  VerifyReport report;
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  Result<std::vector<StoredPackage>> packages = (*index)->packages();
  if (!packages) return std::unexpected(packages.error());
  for (const StoredPackage& summary : *packages) {
    ++report.packages_checked;
    Result<std::optional<StoredPackage>> full = (*index)->find_package(summary.key, FileList::kInclude);
    if (!full) return std::unexpected(full.error());
    std::string label = summary.name + "@" + summary.version;
    std::string problem;
    fs::path dir = package_dir(summary.key);
    if (!*full) continue;
    for (const StoredFile& file : (*full)->files) {
      ++report.files_checked;
      Result<std::string> content = read_file(dir / file.path);
      if (!content) {
        problem = file.path + " is missing";
        break;
      }
      Result<bool> same = content->size() == file.size ? matches_checksum(*content, file.checksum) : false;
      if (!same) return std::unexpected(same.error());
      if (!*same) {
        problem = file.path + " was modified";
        break;
      }
    }
    if (problem.empty()) continue;
    report.problems.push_back(label + ": " + problem);
    if (auto removed = remove_package(summary, nullptr); !removed) return std::unexpected(removed.error());
    ++report.packages_removed;
  }
  return report;
}

Result<CleanReport> Store::clean(std::optional<int64_t> unused_since) {
  CleanReport report;
  Result<CacheIndex*> index = this->index();
  if (!index) return std::unexpected(index.error());
  Result<std::vector<StoredPackage>> packages = (*index)->packages();
  if (!packages) return std::unexpected(packages.error());
  for (const StoredPackage& package : *packages) {
    if (unused_since && package.used_at >= *unused_since) continue;
    if (auto removed = remove_package(package, &report.bytes_freed); !removed) return std::unexpected(removed.error());
    ++report.packages_removed;
  }
  if (!unused_since) {
    Result<int64_t> documents = (*index)->remove_documents();
    if (!documents) return std::unexpected(documents.error());
    report.documents_removed = *documents;
    // Folders in the store that no row describes (a process died between rename and
    // record) go too.
    std::error_code ec;
    fs::remove_all(root_ / "store" / kStoreVersion, ec);
    // Lock files of earlier lode versions, one per package ever downloaded.
    for (fs::directory_iterator it(root_ / "locks", ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".lock") fs::remove(it->path(), ec);
    }
  }
  return report;
}

}  // namespace lode
