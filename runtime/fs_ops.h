// The file system operations behind Node's `fs`, as plain C++ on libuv's synchronous
// calls: each fills an FsResult (a negative errno in `err` on failure) and is safe to
// run on a thread-pool thread, so the same function serves fs.readFileSync and
// fs.promises.readFile. No V8 here; native/fs.cpp converts results to JavaScript.
#pragma once

#include <uv.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lode::runtime::fsops {

struct FsResult {
  int err = 0;             // 0, or a negative errno (libuv's codes)
  const char* syscall = "";  // the failing call's name, for the error message
  int64_t number = 0;      // a descriptor, a byte count
  std::string data;        // file contents, a path (realpath, readlink, mkdtemp, mkdir -p)
  bool has_data = false;
  uv_stat_t stat{};
  std::vector<std::pair<std::string, int>> entries;  // readdir: name and uv_dirent_type_t
};

FsResult open(const std::string& path, int flags, int mode);
FsResult close(int fd);
// Reads up to `length` bytes into `buffer` at `position` (-1: the current position).
FsResult read(int fd, char* buffer, size_t length, int64_t position);
FsResult write(int fd, const char* data, size_t length, int64_t position);
// The whole file at `path` (or descriptor `fd` when path is empty).
FsResult read_file(const std::string& path, int fd, int flags);
FsResult write_file(const std::string& path, const std::string& data, int flags, int mode);
FsResult stat(const std::string& path);
FsResult lstat(const std::string& path);
FsResult fstat(int fd);
FsResult readdir(const std::string& path);
// mkdir; with `recursive`, parents too, and `data` is the first folder created (if any).
FsResult mkdir(const std::string& path, int mode, bool recursive);
FsResult rmdir(const std::string& path);
// rm: files, and folders with `recursive`; with `force`, a missing path is no error.
FsResult rm(const std::string& path, bool recursive, bool force);
FsResult unlink(const std::string& path);
FsResult rename(const std::string& from, const std::string& to);
FsResult copy_file(const std::string& from, const std::string& to, int flags);
FsResult symlink(const std::string& target, const std::string& path, int flags);
FsResult link(const std::string& existing, const std::string& path);
FsResult readlink(const std::string& path);
FsResult realpath(const std::string& path);
FsResult access(const std::string& path, int mode);
FsResult chmod(const std::string& path, int mode);
FsResult utimes(const std::string& path, double atime, double mtime);
FsResult ftruncate(int fd, int64_t length);
FsResult fsync(int fd);
FsResult mkdtemp(const std::string& prefix);

}  // namespace lode::runtime::fsops
