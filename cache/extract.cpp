#include "cache/extract.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <unordered_map>

#include "base/integrity.h"
#include "base/strings.h"

namespace lode {

namespace {

struct ArchiveDeleter {
  void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveDeleter>;

Error archive_failure(archive* handle, std::string_view source) {
  const char* message = archive_error_string(handle);
  return Error{ErrorCode::kParse,
               std::string("cannot read tarball: ") + (message ? message : "unknown format"),
               std::string(source), "the download may be corrupt; `lode cache clean` and try again"};
}

// Creates every missing folder on the way to `relative` under `root` (mode 0755).
Result<void> make_parents(const fs::path& root, const std::string& relative) {
  size_t slash = relative.rfind('/');
  if (slash == std::string::npos) return {};
  std::error_code ec;
  fs::path parent = root / relative.substr(0, slash);
  fs::create_directories(parent, ec);
  if (ec) return fail(ErrorCode::kIo, "cannot create folder: " + ec.message(), parent.string());
  return {};
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

Result<ExtractionResult> extract_tarball(std::string_view tarball, const fs::path& destination,
                                         std::string_view source) {
  ArchiveReader reader(archive_read_new());
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_tar(reader.get());
  archive_read_support_format_gnutar(reader.get());
  if (archive_read_open_memory(reader.get(), tarball.data(), tarball.size()) != ARCHIVE_OK) {
    return fail(archive_failure(reader.get(), source));
  }

  ExtractionResult result;
  std::unordered_map<std::string, size_t> positions;
  Hasher hasher(HashAlgorithm::kSha256);
  archive_entry* entry = nullptr;
  while (true) {
    int rc = archive_read_next_header(reader.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return fail(archive_failure(reader.get(), source));
    const char* raw_path = archive_entry_pathname(entry);
    std::string entry_path = raw_path ? raw_path : "";
    std::string reason;
    std::optional<std::string> relative = safe_entry_path(entry_path, reason);
    mode_t type = archive_entry_filetype(entry);
    if (!relative) {
      // The root folder entry ("package/") is expected, not worth reporting.
      if (type != AE_IFDIR) result.skipped.push_back(entry_path + ": " + reason);
      continue;
    }
    if (type == AE_IFDIR) {
      std::error_code ec;
      fs::create_directories(destination / *relative, ec);
      if (ec) return fail(ErrorCode::kIo, "cannot create folder: " + ec.message(), (destination / *relative).string());
      continue;
    }
    if (type == AE_IFLNK || archive_entry_hardlink(entry) != nullptr) {
      result.skipped.push_back(entry_path + ": links are not extracted (as npm does)");
      continue;
    }
    if (type != AE_IFREG) {
      result.skipped.push_back(entry_path + ": not a regular file");
      continue;
    }
    if (auto made = make_parents(destination, *relative); !made) return std::unexpected(made.error());

    uint32_t mode = (archive_entry_perm(entry) & 0111) ? 0755 : 0644;
    fs::path target = destination / *relative;
    // O_NOFOLLOW: nothing in a package folder we fill is a link, so one here is an attack.
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot write file", target.string(), errno));
    }
    uint64_t size = 0;
    const void* block = nullptr;
    size_t block_size = 0;
    la_int64_t offset = 0;
    bool write_failed = false;
    int errnum = 0;
    while ((rc = archive_read_data_block(reader.get(), &block, &block_size, &offset)) == ARCHIVE_OK) {
      std::string_view data(static_cast<const char*>(block), block_size);
      hasher.update(data);
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
    if (::fchmod(fd, mode) != 0 && !write_failed) {
      write_failed = true;
      errnum = errno;
    }
    if (::close(fd) != 0 && !write_failed) {
      write_failed = true;
      errnum = errno;
    }
    if (write_failed) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot write file", target.string(), errnum));
    }
    if (rc != ARCHIVE_EOF) return fail(archive_failure(reader.get(), source));
    // A path given twice (tar allows it) keeps its last content, as tar does.
    StoredFile file{*relative, mode, size, hasher.finish()};
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

}  // namespace lode
