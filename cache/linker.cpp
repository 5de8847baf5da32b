#include "cache/linker.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

namespace lode {

namespace {

Result<void> plain_copy(int in, int out, const fs::path& from) {
  struct stat info;
  if (::fstat(in, &info) != 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot read", from.string(), errno));
  off_t left = info.st_size;
  while (left > 0) {
    ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, static_cast<size_t>(left), 0);
    if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL)) {
      // Older kernels and some file systems: read and write.
      char buffer[65536];
      while (true) {
        ssize_t got = ::read(in, buffer, sizeof buffer);
        if (got == 0) return {};
        if (got < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot read", from.string(), errno));
        for (ssize_t done = 0; done < got;) {
          ssize_t put = ::write(out, buffer + done, static_cast<size_t>(got - done));
          if (put < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot write a copy of", from.string(), errno));
          done += put;
        }
      }
    }
    if (n < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot copy", from.string(), errno));
    if (n == 0) break;
    left -= n;
  }
  return {};
}

enum class Made { kReflink, kHardlink, kCopy };

// A file to make: `relative` under the folders open as `from_dir` and `to_dir`. The
// descriptors spare the kernel a walk of the long store path for every file; the full
// paths are only for messages.
struct FilePair {
  int from_dir;
  int to_dir;
  const char* relative;
  const fs::path& from_root;
  const fs::path& to_root;
};

Result<Made> make_file(const FilePair& pair, uint32_t mode, LinkMode link_mode, LinkCapabilities& capabilities) {
  if (link_mode == LinkMode::kAuto && !capabilities.reflink.load(std::memory_order_relaxed) &&
      capabilities.hardlink.load(std::memory_order_relaxed)) {
    if (::linkat(pair.from_dir, pair.relative, pair.to_dir, pair.relative, 0) == 0) return Made::kHardlink;
    if (errno == EXDEV || errno == EPERM || errno == EMLINK || errno == ENOTSUP) {
      capabilities.hardlink.store(false, std::memory_order_relaxed);
    } else {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot link", (pair.to_root / pair.relative).string(), errno));
    }
  }
  FileDescriptor in(::openat(pair.from_dir, pair.relative, O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    return std::unexpected(system_error(ErrorCode::kIo, "cannot read a stored file (run `lode cache verify`)",
                                        (pair.from_root / pair.relative).string(), errno));
  }
  FileDescriptor out(::openat(pair.to_dir, pair.relative, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (out.get() < 0) {
    return std::unexpected(system_error(ErrorCode::kIo, "cannot create", (pair.to_root / pair.relative).string(), errno));
  }
  if (capabilities.reflink.load(std::memory_order_relaxed)) {
    if (::ioctl(out.get(), FICLONE, in.get()) == 0) {
      ::fchmod(out.get(), mode);
      return Made::kReflink;
    }
    capabilities.reflink.store(false, std::memory_order_relaxed);
    if (link_mode == LinkMode::kAuto && capabilities.hardlink.load(std::memory_order_relaxed)) {
      // The file system cannot reflink: prefer a hard link over copying bytes.
      out.close();
      ::unlinkat(pair.to_dir, pair.relative, 0);
      return make_file(pair, mode, link_mode, capabilities);
    }
  }
  if (auto copied = plain_copy(in.get(), out.get(), pair.from_root / pair.relative); !copied) {
    return std::unexpected(copied.error());
  }
  ::fchmod(out.get(), mode);
  return Made::kCopy;
}

// Opens `path` as a folder descriptor for the *at calls.
Result<int> open_folder(const fs::path& path) {
  int fd = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot open folder", path.string(), errno));
  return fd;
}

// Makes `folder` (relative to `root_fd`) and its missing parents, remembering what exists.
Result<void> make_folder(int root_fd, const fs::path& root, const std::string& folder,
                         std::unordered_set<std::string>& made) {
  if (folder.empty() || made.contains(folder)) return {};
  size_t slash = folder.rfind('/');
  if (slash != std::string::npos) {
    if (auto parent = make_folder(root_fd, root, folder.substr(0, slash), made); !parent) return parent;
  }
  if (::mkdirat(root_fd, folder.c_str(), 0755) != 0 && errno != EEXIST) {
    return std::unexpected(system_error(ErrorCode::kIo, "cannot create folder", (root / folder).string(), errno));
  }
  made.insert(folder);
  return {};
}

// Makes every folder `files` need under the folder open as `root_fd`.
Result<void> make_subfolders(int root_fd, const fs::path& root, std::span<const StoredFile> files) {
  std::unordered_set<std::string> made;
  // Tarballs list a folder's files together: most files are in the previous one's folder.
  std::string_view previous;
  for (const StoredFile& file : files) {
    size_t slash = file.path.rfind('/');
    if (slash == std::string::npos) continue;
    std::string_view folder = std::string_view(file.path).substr(0, slash);
    if (folder == previous) continue;
    if (auto made_folder = make_folder(root_fd, root, std::string(folder), made); !made_folder) return made_folder;
    previous = folder;
  }
  return {};
}

// Links `files` from the folder open as `source_fd` into the one open as `target_fd`,
// whose subfolders exist.
Result<void> link_files(int source_fd, int target_fd, const LinkRequest& request, const fs::path& target,
                        std::span<const StoredFile> files, LinkCapabilities& capabilities, LinkStats& stats) {
  for (const StoredFile& file : files) {
    FilePair pair{source_fd, target_fd, file.path.c_str(), request.source, target};
    Result<Made> made = make_file(pair, file.mode, request.mode, capabilities);
    if (!made) return std::unexpected(made.error());
    switch (*made) {
      case Made::kReflink: ++stats.reflinked; break;
      case Made::kHardlink: ++stats.hardlinked; break;
      case Made::kCopy: ++stats.copied; break;
    }
  }
  return {};
}

// Removes `path` and everything in it unless disarmed: nothing half-made stays behind.
struct RemoveUnlessDone {
  const fs::path& path;
  bool armed = true;
  ~RemoveUnlessDone() {
    if (!armed) return;
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

Result<void> link_package(const LinkRequest& request, LinkCapabilities& capabilities, LinkStats& stats) {
  fs::path staging;
  if (request.scratch.empty()) {
    if (::mkdir(request.target.c_str(), 0755) != 0) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot create folder", request.target.string(), errno));
    }
    staging = request.target;
  } else {
    // The staging folder itself is renamed into place: one mkdir per package, no wrapper.
    std::string pattern = (request.scratch / "pkg-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot create a staging folder", request.scratch.string(), errno));
    }
    staging = pattern;
  }
  RemoveUnlessDone cleanup{staging};
  Result<int> source_dir = open_folder(request.source);
  if (!source_dir) return std::unexpected(source_dir.error());
  FileDescriptor source_fd(*source_dir);
  Result<int> staging_dir = open_folder(staging);
  if (!staging_dir) return std::unexpected(staging_dir.error());
  FileDescriptor staging_fd(*staging_dir);
  if (auto made = make_subfolders(staging_fd.get(), staging, *request.files); !made) return made;
  if (auto linked = link_files(source_fd.get(), staging_fd.get(), request, staging, *request.files, capabilities, stats);
      !linked) {
    return linked;
  }
  if (!request.scratch.empty()) {
    // mkdtemp made it 0700; packages are readable by all.
    ::chmod(staging.c_str(), 0755);
    if (std::rename(staging.c_str(), request.target.c_str()) != 0) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot move the package into place", request.target.string(), errno));
    }
  }
  cleanup.armed = false;
  return {};
}

Result<void> make_package_folders(const LinkRequest& request) {
  if (::mkdir(request.target.c_str(), 0755) != 0) {
    return std::unexpected(system_error(ErrorCode::kIo, "cannot create folder", request.target.string(), errno));
  }
  RemoveUnlessDone cleanup{request.target};
  Result<int> target_dir = open_folder(request.target);
  if (!target_dir) return std::unexpected(target_dir.error());
  FileDescriptor target_fd(*target_dir);
  if (auto made = make_subfolders(target_fd.get(), request.target, *request.files); !made) return made;
  cleanup.armed = false;
  return {};
}

Result<void> link_package_files(const LinkRequest& request, std::span<const StoredFile> files,
                                LinkCapabilities& capabilities, LinkStats& stats) {
  Result<int> source_dir = open_folder(request.source);
  if (!source_dir) return std::unexpected(source_dir.error());
  FileDescriptor source_fd(*source_dir);
  Result<int> target_dir = open_folder(request.target);
  if (!target_dir) return std::unexpected(target_dir.error());
  FileDescriptor target_fd(*target_dir);
  return link_files(source_fd.get(), target_fd.get(), request, request.target, files, capabilities, stats);
}

}  // namespace lode
