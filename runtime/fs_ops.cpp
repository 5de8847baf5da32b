#include "runtime/fs_ops.h"

#include <fcntl.h>
#include <sys/stat.h>

namespace lode::runtime::fsops {

namespace {

// Runs one synchronous libuv call and records its outcome.
template <class Call>
FsResult run(const char* syscall, Call call) {
  uv_fs_t request;
  FsResult result;
  result.syscall = syscall;
  int rc = call(&request);
  if (rc < 0) {
    result.err = rc;
  } else {
    result.number = static_cast<int64_t>(request.result);
  }
  uv_fs_req_cleanup(&request);
  return result;
}

FsResult stat_like(const char* syscall, uv_fs_t* request, int rc) {
  FsResult result;
  result.syscall = syscall;
  if (rc < 0) {
    result.err = rc;
  } else {
    result.stat = request->statbuf;
  }
  uv_fs_req_cleanup(request);
  return result;
}

FsResult with_path(const char* syscall, uv_fs_t* request, int rc) {
  FsResult result;
  result.syscall = syscall;
  if (rc < 0) {
    result.err = rc;
  } else if (request->ptr) {
    result.data = static_cast<const char*>(request->ptr);
    result.has_data = true;
  }
  uv_fs_req_cleanup(request);
  return result;
}

}  // namespace

FsResult open(const std::string& path, int flags, int mode) {
  return run("open", [&](uv_fs_t* r) { return uv_fs_open(nullptr, r, path.c_str(), flags | O_CLOEXEC, mode, nullptr); });
}

FsResult close(int fd) {
  return run("close", [&](uv_fs_t* r) { return uv_fs_close(nullptr, r, fd, nullptr); });
}

FsResult read(int fd, char* buffer, size_t length, int64_t position) {
  uv_buf_t buf = uv_buf_init(buffer, static_cast<unsigned>(length));
  return run("read", [&](uv_fs_t* r) { return uv_fs_read(nullptr, r, fd, &buf, 1, position, nullptr); });
}

FsResult write(int fd, const char* data, size_t length, int64_t position) {
  size_t done = 0;
  FsResult result;
  result.syscall = "write";
  do {
    uv_buf_t buf = uv_buf_init(const_cast<char*>(data + done), static_cast<unsigned>(length - done));
    FsResult step = run("write", [&](uv_fs_t* r) {
      return uv_fs_write(nullptr, r, fd, &buf, 1, position < 0 ? -1 : position + static_cast<int64_t>(done), nullptr);
    });
    if (step.err != 0) return step;
    if (step.number == 0) break;
    done += static_cast<size_t>(step.number);
  } while (done < length);
  result.number = static_cast<int64_t>(done);
  return result;
}

FsResult read_file(const std::string& path, int fd, int flags) {
  bool own = !path.empty();
  if (own) {
    FsResult opened = open(path, flags, 0666);
    if (opened.err != 0) return opened;
    fd = static_cast<int>(opened.number);
  }
  FsResult result;
  result.syscall = "read";
  result.has_data = true;
  uv_stat_t info{};
  {
    FsResult st = fstat(fd);
    if (st.err == 0) info = st.stat;
  }
  // Read what fstat promised in one go, then look for more (files can grow, and /proc
  // files report no size) without doubling a big buffer just to see end of file.
  size_t expected = info.st_size > 0 && S_ISREG(info.st_mode) ? static_cast<size_t>(info.st_size) : 0;
  if (expected > 0) {
    result.data.resize(expected);
    size_t done = 0;
    while (done < expected) {
      FsResult step = read(fd, result.data.data() + done, expected - done, -1);
      if (step.err != 0) {
        result.err = step.err;
        result.data.clear();
        if (own) close(fd);
        return result;
      }
      if (step.number == 0) break;
      done += static_cast<size_t>(step.number);
    }
    result.data.resize(done);
  }
  char buffer[65536];
  while (true) {
    FsResult step = read(fd, buffer, sizeof buffer, -1);
    if (step.err != 0) {
      result.err = step.err;
      result.data.clear();
      break;
    }
    if (step.number == 0) break;
    result.data.append(buffer, static_cast<size_t>(step.number));
  }
  if (own) close(fd);
  return result;
}

FsResult write_file(const std::string& path, const std::string& data, int flags, int mode) {
  FsResult opened = open(path, flags, mode);
  if (opened.err != 0) return opened;
  int fd = static_cast<int>(opened.number);
  FsResult written = write(fd, data.data(), data.size(), (flags & O_APPEND) ? -1 : 0);
  FsResult closed = close(fd);
  if (written.err != 0) return written;
  return closed;
}

FsResult stat(const std::string& path) {
  uv_fs_t request;
  return stat_like("stat", &request, uv_fs_stat(nullptr, &request, path.c_str(), nullptr));
}

FsResult lstat(const std::string& path) {
  uv_fs_t request;
  return stat_like("lstat", &request, uv_fs_lstat(nullptr, &request, path.c_str(), nullptr));
}

FsResult fstat(int fd) {
  uv_fs_t request;
  return stat_like("fstat", &request, uv_fs_fstat(nullptr, &request, fd, nullptr));
}

FsResult readdir(const std::string& path) {
  uv_fs_t request;
  FsResult result;
  result.syscall = "scandir";
  int rc = uv_fs_scandir(nullptr, &request, path.c_str(), 0, nullptr);
  if (rc < 0) {
    result.err = rc;
  } else {
    uv_dirent_t entry;
    while (uv_fs_scandir_next(&request, &entry) != UV_EOF) result.entries.emplace_back(entry.name, entry.type);
  }
  uv_fs_req_cleanup(&request);
  return result;
}

FsResult mkdir(const std::string& path, int mode, bool recursive) {
  FsResult made = run("mkdir", [&](uv_fs_t* r) { return uv_fs_mkdir(nullptr, r, path.c_str(), mode, nullptr); });
  if (!recursive) return made;
  if (made.err == 0) {
    made.data = path;
    made.has_data = true;
    return made;
  }
  if (made.err == UV_EEXIST) {
    FsResult st = stat(path);
    if (st.err == 0 && S_ISDIR(st.stat.st_mode)) return FsResult{};
    return made;
  }
  if (made.err != UV_ENOENT) return made;
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return made;
  FsResult parent = mkdir(path.substr(0, slash), mode, true);
  if (parent.err != 0) return parent;
  FsResult again = run("mkdir", [&](uv_fs_t* r) { return uv_fs_mkdir(nullptr, r, path.c_str(), mode, nullptr); });
  if (again.err != 0 && again.err != UV_EEXIST) return again;
  again.err = 0;
  again.data = parent.has_data ? parent.data : path;
  again.has_data = true;
  return again;
}

FsResult rmdir(const std::string& path) {
  return run("rmdir", [&](uv_fs_t* r) { return uv_fs_rmdir(nullptr, r, path.c_str(), nullptr); });
}

FsResult rm(const std::string& path, bool recursive, bool force) {
  FsResult info = lstat(path);
  info.syscall = "rm";
  if (info.err != 0) {
    if (force && info.err == UV_ENOENT) return FsResult{};
    return info;
  }
  if (!S_ISDIR(info.stat.st_mode)) return unlink(path);
  if (!recursive) {
    FsResult refused;
    refused.err = UV_EISDIR;  // Node: ERR_FS_EISDIR; the message says the same
    refused.syscall = "rm";
    return refused;
  }
  FsResult listing = readdir(path);
  if (listing.err != 0) return listing;
  for (const auto& [name, type] : listing.entries) {
    FsResult removed = rm(path + "/" + name, true, force);
    if (removed.err != 0) return removed;
  }
  return rmdir(path);
}

FsResult unlink(const std::string& path) {
  return run("unlink", [&](uv_fs_t* r) { return uv_fs_unlink(nullptr, r, path.c_str(), nullptr); });
}

FsResult rename(const std::string& from, const std::string& to) {
  return run("rename", [&](uv_fs_t* r) { return uv_fs_rename(nullptr, r, from.c_str(), to.c_str(), nullptr); });
}

FsResult copy_file(const std::string& from, const std::string& to, int flags) {
  return run("copyfile", [&](uv_fs_t* r) { return uv_fs_copyfile(nullptr, r, from.c_str(), to.c_str(), flags, nullptr); });
}

FsResult symlink(const std::string& target, const std::string& path, int flags) {
  return run("symlink", [&](uv_fs_t* r) { return uv_fs_symlink(nullptr, r, target.c_str(), path.c_str(), flags, nullptr); });
}

FsResult link(const std::string& existing, const std::string& path) {
  return run("link", [&](uv_fs_t* r) { return uv_fs_link(nullptr, r, existing.c_str(), path.c_str(), nullptr); });
}

FsResult readlink(const std::string& path) {
  uv_fs_t request;
  return with_path("readlink", &request, uv_fs_readlink(nullptr, &request, path.c_str(), nullptr));
}

FsResult realpath(const std::string& path) {
  uv_fs_t request;
  return with_path("realpath", &request, uv_fs_realpath(nullptr, &request, path.c_str(), nullptr));
}

FsResult access(const std::string& path, int mode) {
  return run("access", [&](uv_fs_t* r) { return uv_fs_access(nullptr, r, path.c_str(), mode, nullptr); });
}

FsResult chmod(const std::string& path, int mode) {
  return run("chmod", [&](uv_fs_t* r) { return uv_fs_chmod(nullptr, r, path.c_str(), mode, nullptr); });
}

FsResult utimes(const std::string& path, double atime, double mtime) {
  return run("utime", [&](uv_fs_t* r) { return uv_fs_utime(nullptr, r, path.c_str(), atime, mtime, nullptr); });
}

FsResult ftruncate(int fd, int64_t length) {
  return run("ftruncate", [&](uv_fs_t* r) { return uv_fs_ftruncate(nullptr, r, fd, length, nullptr); });
}

FsResult fsync(int fd) {
  return run("fsync", [&](uv_fs_t* r) { return uv_fs_fsync(nullptr, r, fd, nullptr); });
}

FsResult mkdtemp(const std::string& prefix) {
  uv_fs_t request;
  std::string tpl = prefix + "XXXXXX";
  FsResult result;
  result.syscall = "mkdtemp";
  int rc = uv_fs_mkdtemp(nullptr, &request, tpl.c_str(), nullptr);
  if (rc < 0) {
    result.err = rc;
  } else {
    result.data = request.path;  // libuv leaves the made name in `path`
    result.has_data = true;
  }
  uv_fs_req_cleanup(&request);
  return result;
}

}  // namespace lode::runtime::fsops
