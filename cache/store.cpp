#include "cache/store.h"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstdio>

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

}  // namespace

Result<Store> Store::open(const fs::path& cache_dir) {
  for (const char* sub : {"store", "tmp", "locks"}) {
    if (auto made = ensure_directories(cache_dir / sub); !made) {
      return std::unexpected(made.error().with_hint("check the cache folder (config key `cache`) is writable"));
    }
  }
  Result<CacheIndex> index = CacheIndex::open(cache_dir / "index.sqlite");
  if (!index) return std::unexpected(index.error());
  Result<KeyLocks> downloads = KeyLocks::open(cache_dir / "locks" / "downloads");
  if (!downloads) return std::unexpected(downloads.error());
  remove_stale_temporaries(cache_dir / "tmp");
  return Store(cache_dir, std::move(*index), std::move(*downloads));
}

fs::path Store::package_dir(std::string_view key) const {
  // Two hex digits of fan-out keep folders small; they follow the "<algorithm>-" prefix.
  size_t dash = key.find('-');
  std::string_view digits = dash == std::string_view::npos ? key : key.substr(dash + 1);
  return root_ / "store" / kStoreVersion / std::string(digits.substr(0, 2)) / std::string(key);
}

bool Store::holds_nothing() const {
  std::error_code ec;
  fs::directory_iterator entries(root_ / "store" / kStoreVersion, ec);
  return ec || entries == fs::directory_iterator();
}

Result<std::optional<StoredPackage>> Store::find(std::string_view key, FileList files) {
  Result<std::optional<StoredPackage>> found = index_.find_package(key, files);
  if (!found || !*found) return found;
  std::error_code ec;
  // A row without its folder (someone deleted it by hand) does not count as stored.
  if (!fs::is_directory(package_dir(key), ec)) return std::optional<StoredPackage>();
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
  if (auto stored = index_.put_package(package); !stored) return std::unexpected(stored.error());
  return package;
}

Result<std::optional<KeyLock>> Store::try_lock(std::string_view key) const { return downloads_.try_lock(key); }

Result<void> Store::remove_package(const StoredPackage& package, int64_t* bytes_freed) {
  fs::path dir = package_dir(package.key);
  if (bytes_freed) *bytes_freed += folder_size(dir);
  std::error_code ec;
  fs::remove_all(dir, ec);
  if (ec) return fail(ErrorCode::kIo, "cannot remove " + package.name + "@" + package.version + ": " + ec.message(), dir.string());
  return index_.remove_package(package.key);
}

Result<VerifyReport> Store::verify() {
  VerifyReport report;
  Result<std::vector<StoredPackage>> packages = index_.packages();
  if (!packages) return std::unexpected(packages.error());
  for (const StoredPackage& summary : *packages) {
    ++report.packages_checked;
    Result<std::optional<StoredPackage>> full = index_.find_package(summary.key, FileList::kInclude);
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
      Result<Integrity> actual = compute_integrity(HashAlgorithm::kSha256, *content);
      if (!actual) return std::unexpected(actual.error());
      if (content->size() != file.size || actual->digest != file.sha256) {
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
  Result<std::vector<StoredPackage>> packages = index_.packages();
  if (!packages) return std::unexpected(packages.error());
  for (const StoredPackage& package : *packages) {
    if (unused_since && package.used_at >= *unused_since) continue;
    if (auto removed = remove_package(package, &report.bytes_freed); !removed) return std::unexpected(removed.error());
    ++report.packages_removed;
  }
  if (!unused_since) {
    Result<int64_t> documents = index_.remove_documents();
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
