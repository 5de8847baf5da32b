#include "base/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace lode {

namespace {

Result<int> open_lock_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot open lock file", path.string(), errno));
  return fd;
}

}  // namespace

Result<FileLock> FileLock::acquire(const fs::path& path) {
  Result<int> fd = open_lock_file(path);
  if (!fd) return std::unexpected(fd.error());
  while (::flock(*fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int errnum = errno;
    ::close(*fd);
    return std::unexpected(system_error(ErrorCode::kIo, "cannot lock", path.string(), errnum));
  }
  return FileLock(*fd);
}

Result<std::optional<FileLock>> FileLock::try_acquire(const fs::path& path) {
  Result<int> fd = open_lock_file(path);
  if (!fd) return std::unexpected(fd.error());
  while (::flock(*fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    int errnum = errno;
    ::close(*fd);
    if (errnum == EWOULDBLOCK) return std::optional<FileLock>();
    return std::unexpected(system_error(ErrorCode::kIo, "cannot lock", path.string(), errnum));
  }
  return std::optional<FileLock>(FileLock(*fd));
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace lode
