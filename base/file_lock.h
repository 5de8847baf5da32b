// An exclusive advisory lock on a file (flock), held by one process at a time and released
// by the kernel if that process dies, so a crashed lode never leaves a cache locked.
#pragma once

#include <optional>

#include "base/error.h"
#include "base/fs.h"

namespace lode {

class FileLock {
 public:
  // Takes the lock on `path` (creating the file), waiting for other holders.
  static Result<FileLock> acquire(const fs::path& path);
  // Takes the lock if nobody holds it; nullopt when another process does.
  static Result<std::optional<FileLock>> try_acquire(const fs::path& path);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace lode
