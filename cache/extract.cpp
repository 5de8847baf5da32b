#include "cache/extract.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <optional>
#include <memory>
#include <unordered_map>

#include "base/crc32c.h"
#include "base/strings.h"

namespace lode {

namespace {

struct ArchiveDeleter {
  const ArchiveLibrary* archive = nullptr;
  void operator()(::archive* handle) const { archive->read_free(handle); }
};
using ArchiveReader = std::unique_ptr<::archive, ArchiveDeleter>;

Error archive_failure(const ArchiveLibrary& archive, ::archive* handle, std::string_view source) {
  const char* message = archive.error_string(handle);
  return Error{ErrorCode::kParse,
               std::string("cannot read tarball: ") + (message ? message : "unknown format"),
               std::string(source), "the download may be corrupt; `lode cache clean` and try again"};
}

// The folders of one extraction, each opened once: files are created relative to their
// folder's descriptor, so the kernel walks no path twice (an absolute path per file cost
// a full lookup each, thousands per install).
class FolderHandles {
 public:
  explicit FolderHandles(fs::path root) : root_(std::move(root)) {}
  ~FolderHandles() {
    for (auto& [path, fd] : handles_) ::close(fd);
  }
  FolderHandles(const FolderHandles&) = delete;
  FolderHandles& operator=(const FolderHandles&) = delete;

  // A descriptor of the folder `relative` ("" = the root), creating it and its parents
  // (mode 0755) when missing. Owned by this object.
  Result<int> folder(std::string_view relative) {
    if (auto found = handles_.find(relative); found != handles_.end()) return found->second;
    int parent_fd = -1;
    std::string_view name = relative;
    if (relative.empty()) {
      int fd = ::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot open folder", root_.string(), errno));
      handles_.emplace(std::string(), fd);
      return fd;
    }
    size_t slash = relative.rfind('/');
    Result<int> parent = folder(slash == std::string_view::npos ? std::string_view() : relative.substr(0, slash));
    if (!parent) return parent;
    parent_fd = *parent;
    if (slash != std::string_view::npos) name = relative.substr(slash + 1);
    std::string name_text(name);
    if (::mkdirat(parent_fd, name_text.c_str(), 0755) != 0 && errno != EEXIST) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot create folder", path_of(relative), errno));
    }
    // O_NOFOLLOW: nothing in a package folder we fill is a link, so one here is an attack.
    int fd = ::openat(parent_fd, name_text.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot open folder", path_of(relative), errno));
    handles_.emplace(std::string(relative), fd);
    return fd;
  }

  std::string path_of(std::string_view relative) const { return (root_ / relative).string(); }

 private:
  fs::path root_;
  std::unordered_map<std::string, int, TextHash, std::equal_to<>> handles_;
};

// Whether files created with `mode` come out with exactly that mode under this process's
// umask (then no fchmod is needed). Linux shows the umask in /proc/self/status; reading it
// with umask(2) would change it under other threads.
bool umask_keeps(uint32_t mode) {
  static const std::optional<uint32_t> mask = [] () -> std::optional<uint32_t> {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.starts_with("Umask:")) return static_cast<uint32_t>(std::stoul(line.substr(6), nullptr, 8));
    }
    return std::nullopt;
  }();
  return mask && (mode & *mask) == 0;
}

}  // namespace

std::optional<std::string> safe_entry_path(std::string_view entry_path, std::string& reason) {
  std::string_view path = entry_path;
  if (path.starts_with('/')) {
    reason = "absolute path refused";
    return std::nullopt;
  }
  while (path.starts_with("./")) path.remove_prefix(2);
  size_t first = path.find('/');
  if (first == std::string_view::npos) {
    reason = "outside the package folder";
    return std::nullopt;
  }
  std::string out;
  for (std::string_view part : split(path.substr(first + 1), '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      reason = "path with '..' refused";
      return std::nullopt;
    }
    if (!out.empty()) out += '/';
    out.append(part);
  }
  if (out.empty()) {
    reason = "the package folder itself";
    return std::nullopt;
  }
  return out;
}

namespace {

ArchiveReader new_reader(const ArchiveLibrary& archive) {
  ArchiveReader reader(archive.read_new(), ArchiveDeleter{&archive});
  if (!reader) throw std::bad_alloc();  // libarchive's only failure here is memory
  archive.read_support_filter_all(reader.get());
  archive.read_support_format_tar(reader.get());
  archive.read_support_format_gnutar(reader.get());
  return reader;
}

// libarchive's view of a TarballStream: each read hands it the next piece.
struct StreamSource {
  TarballStream& stream;
  std::string current;
};

la_ssize_t read_stream_piece(::archive*, void* client, const void** buffer) {
  auto* source = static_cast<StreamSource*>(client);
  std::optional<std::string> piece = source->stream.next();
  if (!piece) return ARCHIVE_FATAL;
  source->current = std::move(*piece);
  *buffer = source->current.data();
  return static_cast<la_ssize_t>(source->current.size());
}

Result<ExtractionResult> extract_entries(const ArchiveLibrary& archive, ::archive* reader,
                                         const fs::path& destination, std::string_view source);

}  // namespace

void TarballStream::push(std::string_view piece) {
  std::lock_guard lock(mutex_);
  pieces_.emplace_back(piece);
  changed_.notify_one();
}

void TarballStream::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  changed_.notify_one();
}

void TarballStream::abandon() {
  std::lock_guard lock(mutex_);
  abandoned_ = true;
  changed_.notify_one();
}

std::optional<std::string> TarballStream::next() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return abandoned_ || closed_ || !pieces_.empty(); });
  if (abandoned_) return std::nullopt;
  if (pieces_.empty()) return std::string();
  std::string piece = std::move(pieces_.front());
  pieces_.pop_front();
  return piece;
}

bool TarballStream::wait_for_end() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return abandoned_ || closed_; });
  pieces_.clear();
  return !abandoned_;
}

Result<ExtractionResult> extract_tarball(const ArchiveLibrary& archive, std::string_view tarball,
                                         const fs::path& destination, std::string_view source) {
  ArchiveReader reader = new_reader(archive);
  if (archive.read_open_memory(reader.get(), tarball.data(), tarball.size()) != ARCHIVE_OK) {
    return fail(archive_failure(archive, reader.get(), source));
  }
  return extract_entries(archive, reader.get(), destination, source);
}

Result<ExtractionResult> extract_tarball_stream(const ArchiveLibrary& archive, TarballStream& stream,
                                                const fs::path& destination, std::string_view source) {
  ArchiveReader reader = new_reader(archive);
  StreamSource client{stream, {}};
  if (archive.read_open(reader.get(), &client, nullptr, &read_stream_piece, nullptr) != ARCHIVE_OK) {
    return fail(archive_failure(archive, reader.get(), source));
  }
  Result<ExtractionResult> result = extract_entries(archive, reader.get(), destination, source);
  // The entries can end before the download does (tar's end padding): the producer's
  // verdict on the whole download is awaited before the result counts.
  if (!stream.wait_for_end()) {
    return fail(ErrorCode::kParse, "the tarball's download was abandoned", std::string(source),
                "it is downloaded again or reported by the caller");
  }
  return result;
}

namespace {

Result<ExtractionResult> extract_entries(const ArchiveLibrary& archive, ::archive* reader,
                                         const fs::path& destination, std::string_view source) {
  ExtractionResult result;
  FolderHandles folders(destination);
  std::unordered_map<std::string, size_t> positions;
  archive_entry* entry = nullptr;
  while (true) {
    int rc = archive.read_next_header(reader, &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return fail(archive_failure(archive, reader, source));
    const char* raw_path = archive.entry_pathname(entry);
    std::string entry_path = raw_path ? raw_path : "";
    std::string reason;
    std::optional<std::string> relative = safe_entry_path(entry_path, reason);
    mode_t type = archive.entry_filetype(entry);
    if (!relative) {
      // The root folder entry ("package/") is expected, not worth reporting.
      if (type != AE_IFDIR) result.skipped.push_back(entry_path + ": " + reason);
      continue;
    }
    if (type == AE_IFDIR) {
      if (auto made = folders.folder(*relative); !made) return std::unexpected(made.error());
      continue;
    }
    if (type == AE_IFLNK || archive.entry_hardlink(entry) != nullptr) {
      result.skipped.push_back(entry_path + ": links are not extracted (as npm does)");
      continue;
    }
    if (type != AE_IFREG) {
      result.skipped.push_back(entry_path + ": not a regular file");
      continue;
    }
    size_t slash = relative->rfind('/');
    Result<int> parent = folders.folder(slash == std::string::npos ? std::string_view() : std::string_view(*relative).substr(0, slash));
    if (!parent) return std::unexpected(parent.error());
    const char* base_name = relative->c_str() + (slash == std::string::npos ? 0 : slash + 1);

    uint32_t mode = (archive.entry_perm(entry) & 0111) ? 0755 : 0644;
    // O_NOFOLLOW: nothing in a package folder we fill is a link, so one here is an attack.
    int fd = ::openat(*parent, base_name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot write file", folders.path_of(*relative), errno));
    }
    uint64_t size = 0;
    Crc32c checksum;
    const void* block = nullptr;
    size_t block_size = 0;
    la_int64_t offset = 0;
    bool write_failed = false;
    int errnum = 0;
    while ((rc = archive.read_data_block(reader, &block, &block_size, &offset)) == ARCHIVE_OK) {
      std::string_view data(static_cast<const char*>(block), block_size);
      checksum.update(data);
      size += block_size;
      // Sparse entries report offsets; write at the offset so holes stay zero.
      const char* cursor = data.data();
      size_t left = data.size();
      off_t position = static_cast<off_t>(offset);
      while (left > 0 && !write_failed) {
        ssize_t written = ::pwrite(fd, cursor, left, position);
        if (written < 0) {
          if (errno == EINTR) continue;
          write_failed = true;
          errnum = errno;
          break;
        }
        cursor += written;
        left -= static_cast<size_t>(written);
        position += written;
      }
    }
    // A file given twice keeps its first mode through O_TRUNC; fchmod settles it then too.
    bool created_fresh = !positions.contains(*relative);
    if ((!created_fresh || !umask_keeps(mode)) && ::fchmod(fd, mode) != 0 && !write_failed) {
      write_failed = true;
      errnum = errno;
    }
    if (::close(fd) != 0 && !write_failed) {
      write_failed = true;
      errnum = errno;
    }
    if (write_failed) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot write file", folders.path_of(*relative), errnum));
    }
    if (rc != ARCHIVE_EOF) return fail(archive_failure(archive, reader, source));
    // A path given twice (tar allows it) keeps its last content, as tar does.
    StoredFile file{*relative, mode, size, checksum.bytes()};
    auto [position, added] = positions.emplace(*relative, result.files.size());
    if (added) {
      result.files.push_back(std::move(file));
    } else {
      result.unpacked_size -= result.files[position->second].size;
      result.files[position->second] = std::move(file);
    }
    result.unpacked_size += size;
  }
  return result;
}

}  // namespace

}  // namespace lode
