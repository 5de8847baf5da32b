// File system helpers with errors as values: whole-file reads, crash-safe writes (temporary
// name, then rename, so readers never see half a file), temporary directories, and the
// upward search for project files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace lode {

namespace fs = std::filesystem;

// Closes a file descriptor on scope exit.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();
  int get() const { return fd_; }
  // Closes now and reports the result (close can report a delayed write error).
  int close();

 private:
  int fd_;
};

// The whole file. kNotFound when it does not exist, kIo for other failures (the error
// names the path and the system's reason).
Result<std::string> read_file(const fs::path& path);

enum class Durability {
  kRename,         // write a temporary file and rename it over the target
  kFsyncAndRename  // also fsync the file before the rename (survives power loss)
};

struct WriteOptions {
  Durability durability = Durability::kRename;
  fs::perms mode = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                   fs::perms::others_read;
};

// Replaces `path` with `content` atomically: other processes see the old file or the new
// one, never a mix. On failure (full disk, permissions) the old file is untouched and the
// temporary file is removed.
Result<void> write_file_atomic(const fs::path& path, std::string_view content,
                               const WriteOptions& options = {});

// Creates `path` and its missing parents; succeeds when it already exists as a directory.
Result<void> ensure_directories(const fs::path& path);

// The nearest of `start` and its ancestors that contains an entry named `name`.
std::optional<fs::path> find_upwards(const fs::path& start, std::string_view name);

// The process's working directory.
Result<fs::path> current_directory();

// A directory created under `parent` (or the system temporary directory) and removed with
// everything in it when this object is destroyed.
class TempDir {
 public:
  static Result<TempDir> create(const fs::path& parent = {}, std::string_view prefix = "lode-");
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const fs::path& path() const { return path_; }
  // Keeps the directory on destruction and returns its path.
  fs::path release();

 private:
  explicit TempDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

}  // namespace lode
