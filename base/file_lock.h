// An exclusive advisory lock on a file (flock), held by one process at a time and released
// by the kernel if that process dies, so a crashed lode never leaves a cache locked.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

class KeyLocks;

// One key held through KeyLocks; released when destroyed.
class KeyLock {
 public:
  KeyLock(KeyLock&& other) noexcept = default;
  KeyLock& operator=(KeyLock&& other) noexcept;
  KeyLock(const KeyLock&) = delete;
  KeyLock& operator=(const KeyLock&) = delete;
  ~KeyLock();

 private:
  friend class KeyLocks;
  struct Shared;
  KeyLock(std::shared_ptr<Shared> shared, std::string key) : shared_(std::move(shared)), key_(std::move(key)) {}
  void release();
  std::shared_ptr<Shared> shared_;
  std::string key_;
};

// Exclusive locks on many keys kept in one file: each key maps to one byte of it (by a
// 60-bit hash of the key) locked with an open-file-description lock (F_OFD_SETLK), so
// processes exclude each other per key while the folder holds one lock file, not one new
// file per key (a cache saw one per package ever downloaded). Within the process, a key
// is held once at a time too. The kernel drops the locks of a process that dies. Two keys
// of one hash exclude each other: harmless, one waits.
class KeyLocks {
 public:
  // Opens (creating) the lock file at `path`.
  static Result<KeyLocks> open(const fs::path& path);
  // Locks `key` if no one else holds it; nullopt when another process, or this one, does.
  Result<std::optional<KeyLock>> try_lock(std::string_view key) const;

 private:
  explicit KeyLocks(std::shared_ptr<KeyLock::Shared> shared) : shared_(std::move(shared)) {}
  std::shared_ptr<KeyLock::Shared> shared_;
};

}  // namespace lode
