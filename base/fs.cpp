#include "base/fs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace lode {

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

int FileDescriptor::close() {
  int rc = ::close(fd_);
  fd_ = -1;
  return rc;
}

namespace {

std::string io_reason(int errnum) {
  if (errnum == ENOSPC) return "no space left on device";
  if (errnum == EDQUOT) return "disk quota exceeded";
  return std::strerror(errnum);
}

}  // namespace

Result<std::string> read_file(const fs::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    int errnum = errno;
    ErrorCode code = errnum == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo;
    return fail(code, errnum == ENOENT ? "file not found" : "cannot read file: " + io_reason(errnum),
                path.string());
  }
  // Read straight into a string sized once from the file's length (one byte more, to see
  // the end in one read): grown by appends, a 600 KB lockfile was reallocated (and its fresh
  // pages faulted in) five times on the no-op path. Files whose length says nothing (/proc)
  // grow as they are read.
  std::string content;
  struct stat info {};
  size_t expected = 0;
  if (::fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    expected = static_cast<size_t>(info.st_size);
  }
  content.resize(std::max<size_t>(expected + 1, 4096));
  size_t used = 0;
  while (true) {
    if (used == content.size()) content.resize(content.size() * 2);
    ssize_t n = ::read(fd.get(), content.data() + used, content.size() - used);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int errnum = errno;
      return fail(ErrorCode::kIo, "cannot read file: " + io_reason(errnum), path.string());
    }
    used += static_cast<size_t>(n);
  }
  content.resize(used);
  return content;
}

Result<void> write_file_atomic(const fs::path& path, std::string_view content,
                               const WriteOptions& options) {
  // A unique temporary name next to the target, so the rename stays on one file system.
  std::string temp_name = path.string() + ".lode-tmp-XXXXXX";
  int raw_fd = ::mkostemp(temp_name.data(), O_CLOEXEC);
  if (raw_fd < 0) {
    int errnum = errno;
    return fail(ErrorCode::kIo, "cannot write file: " + io_reason(errnum), path.string());
  }
  FileDescriptor fd(raw_fd);
  fs::path temp = temp_name;
  auto failed = [&](std::string_view what, int errnum) {
    ::unlink(temp.c_str());
    return fail(ErrorCode::kIo, std::string(what) + ": " + io_reason(errnum), path.string(),
                errnum == ENOSPC ? "free some disk space and run the command again" : "");
  };
  // mkostemp created the file 0600; the caller asked for an exact mode.
  if (::fchmod(fd.get(), static_cast<mode_t>(options.mode)) != 0) {
    return failed("cannot set file mode", errno);
  }
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd.get(), data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return failed("cannot write file", errno);
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (options.durability == Durability::kFsyncAndRename && ::fsync(fd.get()) != 0) {
    return failed("cannot flush file", errno);
  }
  if (fd.close() != 0) return failed("cannot write file", errno);
  if (::rename(temp.c_str(), path.c_str()) != 0) return failed("cannot replace file", errno);
  return {};
}

Result<void> ensure_directories(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) {
    return fail(ErrorCode::kIo, "cannot create directory: " + ec.message(), path.string());
  }
  if (!fs::is_directory(path, ec)) {
    return fail(ErrorCode::kIo, "cannot create directory: a file is in the way", path.string());
  }
  return {};
}

std::optional<fs::path> find_upwards(const fs::path& start, std::string_view name) {
  std::error_code ec;
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / name, ec)) return dir;
    if (dir == dir.root_path()) break;
  }
  return std::nullopt;
}

Result<fs::path> current_directory() {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return fail(ErrorCode::kIo, "cannot read the working directory: " + ec.message());
  return cwd;
}

Result<TempDir> TempDir::create(const fs::path& parent, std::string_view prefix) {
  std::error_code ec;
  fs::path base = parent.empty() ? fs::temp_directory_path(ec) : parent;
  if (ec) base = "/tmp";
  std::string pattern = (base / (std::string(prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    int errnum = errno;
    return fail(ErrorCode::kIo, "cannot create a temporary directory: " + io_reason(errnum),
                base.string());
  }
  return TempDir(fs::path(pattern));
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }

TempDir& TempDir::operator=(TempDir&& other) noexcept {
  if (this != &other) {
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove_all(path_, ec);
    }
    path_ = std::move(other.path_);
    other.path_.clear();
  }
  return *this;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::release() {
  fs::path kept = std::move(path_);
  path_.clear();
  return kept;
}

}  // namespace lode
