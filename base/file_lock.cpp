#include "base/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <set>

#include "base/fast_hash.h"

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

struct KeyLock::Shared {
  int fd = -1;
  fs::path path;
  std::mutex mutex;
  std::set<std::string, std::less<>> held;  // keys this process holds
  ~Shared() {
    if (fd >= 0) ::close(fd);
  }
};

namespace {

// The byte of the lock file that stands for `key`: the first 60 bits of its hash.
off_t key_offset(std::string_view key) {
  FastHash hash;
  hash.update(key);
  return static_cast<off_t>(std::stoull(hash.hex().substr(0, 15), nullptr, 16));
}

bool set_key_lock(int fd, off_t offset, short type) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = offset;
  lock.l_len = 1;
  while (::fcntl(fd, F_OFD_SETLK, &lock) != 0) {
    if (errno != EINTR) return false;
  }
  return true;
}

}  // namespace

KeyLock& KeyLock::operator=(KeyLock&& other) noexcept {
  if (this != &other) {
    release();
    shared_ = std::move(other.shared_);
    key_ = std::move(other.key_);
  }
  return *this;
}

KeyLock::~KeyLock() { release(); }

void KeyLock::release() {
  if (!shared_) return;
  std::lock_guard guard(shared_->mutex);
  set_key_lock(shared_->fd, key_offset(key_), F_UNLCK);
  shared_->held.erase(key_);
  shared_.reset();
}

Result<KeyLocks> KeyLocks::open(const fs::path& path) {
  Result<int> fd = open_lock_file(path);
  if (!fd) return std::unexpected(fd.error());
  auto shared = std::make_shared<KeyLock::Shared>();
  shared->fd = *fd;
  shared->path = path;
  return KeyLocks(std::move(shared));
}

Result<std::optional<KeyLock>> KeyLocks::try_lock(std::string_view key) const {
  std::lock_guard guard(shared_->mutex);
  if (shared_->held.contains(key)) return std::optional<KeyLock>();
  if (!set_key_lock(shared_->fd, key_offset(key), F_WRLCK)) {
    if (errno == EAGAIN || errno == EACCES) return std::optional<KeyLock>();
    return std::unexpected(system_error(ErrorCode::kIo, "cannot lock", shared_->path.string(), errno));
  }
  shared_->held.emplace(key);
  return std::optional<KeyLock>(KeyLock(shared_, std::string(key)));
}

}  // namespace lode
