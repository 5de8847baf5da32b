// internalBinding('fs'): Node's fs functions over runtime/fs_ops. Every function takes a
// last argument `usePromise`: false runs the operation now and returns its value or
// throws Node's system error; true runs it on libuv's thread pool and returns a promise
// (fs.promises and the callback API are built on that in runtime/js/fs.js).
#include <fcntl.h>

#include <cstring>
#include <functional>
#include <memory>

#include "runtime/errors.h"
#include "runtime/fs_ops.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/text.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

using fsops::FsResult;
using Converter = v8::Local<v8::Value> (*)(v8::Isolate* isolate, FsResult& result);

v8::Local<v8::Value> to_undefined(v8::Isolate* isolate, FsResult&) { return v8::Undefined(isolate); }
v8::Local<v8::Value> to_number(v8::Isolate* isolate, FsResult& r) {
  return v8::Number::New(isolate, static_cast<double>(r.number));
}
v8::Local<v8::Value> to_text(v8::Isolate* isolate, FsResult& r) {
  if (!r.has_data) return v8::Undefined(isolate);
  v8::Local<v8::String> text;
  if (!string_from_utf8(isolate, std::move(r.data)).ToLocal(&text)) return v8::String::Empty(isolate);
  return text;
}

// The file's bytes as a Uint8Array that takes over the string's memory, without a copy.
v8::Local<v8::Value> to_bytes(v8::Isolate* isolate, FsResult& r) {
  auto* owner = new std::string(std::move(r.data));
  size_t length = owner->size();
  std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
      owner->data(), length, [](void*, size_t, void* data) { delete static_cast<std::string*>(data); }, owner);
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, std::move(store));
  return v8::Uint8Array::New(buffer, 0, length);
}

// [dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs,
// ctimeMs, birthtimeMs], the order Node's Stats are built from.
v8::Local<v8::Value> to_stats(v8::Isolate* isolate, FsResult& r) {
  const uv_stat_t& s = r.stat;
  auto ms = [](const uv_timespec_t& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6; };
  double values[] = {static_cast<double>(s.st_dev), static_cast<double>(s.st_mode), static_cast<double>(s.st_nlink),
                     static_cast<double>(s.st_uid), static_cast<double>(s.st_gid), static_cast<double>(s.st_rdev),
                     static_cast<double>(s.st_blksize), static_cast<double>(s.st_ino), static_cast<double>(s.st_size),
                     static_cast<double>(s.st_blocks), ms(s.st_atim), ms(s.st_mtim), ms(s.st_ctim), ms(s.st_birthtim)};
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, sizeof values);
  std::memcpy(buffer->Data(), values, sizeof values);
  return v8::Float64Array::New(buffer, 0, std::size(values));
}

// [names, types] (uv_dirent_type_t values).
v8::Local<v8::Value> to_entries(v8::Isolate* isolate, FsResult& r) {
  std::vector<v8::Local<v8::Value>> names;
  std::vector<v8::Local<v8::Value>> types;
  for (const auto& [name, type] : r.entries) {
    names.push_back(to_v8(isolate, name));
    types.push_back(v8::Integer::New(isolate, type));
  }
  v8::Local<v8::Value> pair[] = {v8::Array::New(isolate, names.data(), names.size()),
                                 v8::Array::New(isolate, types.data(), types.size())};
  return v8::Array::New(isolate, pair, 2);
}

// One operation on the thread pool, settling a promise on the loop thread.
struct AsyncOperation {
  uv_work_t work{};
  Runtime* runtime = nullptr;
  std::function<FsResult()> operation;
  Converter convert = nullptr;
  FsResult result;
  std::string path;
  std::string dest;
  v8::Global<v8::Promise::Resolver> resolver;
  v8::Global<v8::Value> keep_alive;  // a buffer the operation reads into or writes from

  static void run(uv_work_t* work) {
    auto* self = static_cast<AsyncOperation*>(work->data);
    self->result = self->operation();
  }

  static void done(uv_work_t* work, int) {
    std::unique_ptr<AsyncOperation> self(static_cast<AsyncOperation*>(work->data));
    Runtime& runtime = *self->runtime;
    if (runtime.exiting()) return;
    v8::Isolate* isolate = runtime.isolate();
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = runtime.context();
    v8::Context::Scope context_scope(context);
    v8::Local<v8::Promise::Resolver> resolver = self->resolver.Get(isolate);
    if (self->result.err != 0) {
      ignore_result(resolver->Reject(context, make_uv_error(isolate, self->result.err, self->result.syscall, self->path, self->dest)));
    } else {
      ignore_result(resolver->Resolve(context, self->convert(isolate, self->result)));
    }
    runtime.drain_ticks();
  }
};

void dispatch(const v8::FunctionCallbackInfo<v8::Value>& args, std::function<FsResult()> operation, Converter convert,
              std::string path = {}, std::string dest = {}, v8::Local<v8::Value> keep_alive = {}) {
  v8::Isolate* isolate = args.GetIsolate();
  bool use_promise = args.Length() > 0 && args[args.Length() - 1]->IsTrue();
  if (!use_promise) {
    FsResult result = operation();
    if (result.err != 0) return throw_uv_error(isolate, result.err, result.syscall, path, dest);
    args.GetReturnValue().Set(convert(isolate, result));
    return;
  }
  Runtime& runtime = Runtime::from(args);
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return;
  auto async = std::make_unique<AsyncOperation>();
  async->work.data = async.get();
  async->runtime = &runtime;
  async->operation = std::move(operation);
  async->convert = convert;
  async->path = std::move(path);
  async->dest = std::move(dest);
  async->resolver.Reset(isolate, resolver);
  if (!keep_alive.IsEmpty()) async->keep_alive.Reset(isolate, keep_alive);
  if (uv_queue_work(runtime.loop().get(), &async->work, AsyncOperation::run, AsyncOperation::done) == 0) {
    ignore_result(async.release());
  }
  args.GetReturnValue().Set(resolver->GetPromise());
}

int int_arg(const v8::FunctionCallbackInfo<v8::Value>& args, int index, int fallback) {
  return static_cast<int>(number_arg(args, index, fallback));
}

// The bytes of a string (UTF-8) or an ArrayBufferView.
std::string bytes_arg(const v8::FunctionCallbackInfo<v8::Value>& args, int index) {
  if (args[index]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = args[index].As<v8::ArrayBufferView>();
    std::string out(view->ByteLength(), '\0');
    view->CopyContents(out.data(), out.size());
    return out;
  }
  return string_arg(args, index);
}

void fs_open(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  int flags = int_arg(args, 1, O_RDONLY);
  int mode = int_arg(args, 2, 0666);
  dispatch(args, [=] { return fsops::open(path, flags, mode); }, to_number, path);
}

void fs_close(const v8::FunctionCallbackInfo<v8::Value>& args) {
  int fd = int_arg(args, 0, -1);
  dispatch(args, [=] { return fsops::close(fd); }, to_undefined);
}

// read(fd, view, offset, length, position)
void fs_read(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[1]->IsArrayBufferView()) return throw_error(args.GetIsolate(), ErrorType::kTypeError, "ERR_INVALID_ARG_TYPE", "The \"buffer\" argument must be an ArrayBufferView");
  int fd = int_arg(args, 0, -1);
  v8::Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
  char* base = static_cast<char*>(view->Buffer()->Data()) + view->ByteOffset();
  size_t offset = static_cast<size_t>(number_arg(args, 2, 0));
  size_t length = static_cast<size_t>(number_arg(args, 3, static_cast<double>(view->ByteLength())));
  if (offset > view->ByteLength()) offset = view->ByteLength();
  if (length > view->ByteLength() - offset) length = view->ByteLength() - offset;
  auto position = static_cast<int64_t>(number_arg(args, 4, -1));
  char* target = base + offset;
  dispatch(args, [=] { return fsops::read(fd, target, length, position); }, to_number, {}, {}, view);
}

// write(fd, stringOrView, position)
void fs_write(const v8::FunctionCallbackInfo<v8::Value>& args) {
  int fd = int_arg(args, 0, -1);
  std::string data = bytes_arg(args, 1);
  auto position = static_cast<int64_t>(number_arg(args, 2, -1));
  dispatch(args, [fd, data = std::move(data), position] { return fsops::write(fd, data.data(), data.size(), position); },
           to_number);
}

// readFile(pathOrFd, flags, asUtf8)
void fs_read_file(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = args[0]->IsNumber() ? std::string() : string_arg(args, 0);
  int fd = args[0]->IsNumber() ? int_arg(args, 0, -1) : -1;
  int flags = int_arg(args, 1, O_RDONLY);
  bool utf8 = args[2]->IsTrue();
  dispatch(args, [=] { return fsops::read_file(path, fd, flags); }, utf8 ? to_text : to_bytes, path);
}

// writeFile(path, data, flags, mode)
void fs_write_file(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  std::string data = bytes_arg(args, 1);
  int flags = int_arg(args, 2, O_WRONLY | O_CREAT | O_TRUNC);
  int mode = int_arg(args, 3, 0666);
  dispatch(args, [path, data = std::move(data), flags, mode] { return fsops::write_file(path, data, flags, mode); },
           to_undefined, path);
}

// stat(path, throwIfNoEntry) / lstat(...) / fstat(fd)
void fs_stat_common(const v8::FunctionCallbackInfo<v8::Value>& args, bool link) {
  std::string path = string_arg(args, 0);
  bool use_promise = args.Length() > 0 && args[args.Length() - 1]->IsTrue();
  if (!use_promise && args[1]->IsFalse()) {
    FsResult result = link ? fsops::lstat(path) : fsops::stat(path);
    if (result.err == UV_ENOENT || result.err == UV_ENOTDIR) return;  // undefined
    if (result.err != 0) return throw_uv_error(args.GetIsolate(), result.err, result.syscall, path);
    args.GetReturnValue().Set(to_stats(args.GetIsolate(), result));
    return;
  }
  dispatch(args, [=] { return link ? fsops::lstat(path) : fsops::stat(path); }, to_stats, path);
}
void fs_stat(const v8::FunctionCallbackInfo<v8::Value>& args) { fs_stat_common(args, false); }
void fs_lstat(const v8::FunctionCallbackInfo<v8::Value>& args) { fs_stat_common(args, true); }
void fs_fstat(const v8::FunctionCallbackInfo<v8::Value>& args) {
  int fd = int_arg(args, 0, -1);
  dispatch(args, [=] { return fsops::fstat(fd); }, to_stats);
}

void fs_readdir(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  dispatch(args, [=] { return fsops::readdir(path); }, to_entries, path);
}

// mkdir(path, mode, recursive)
void fs_mkdir(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  int mode = int_arg(args, 1, 0777);
  bool recursive = args[2]->IsTrue();
  dispatch(args, [=] { return fsops::mkdir(path, mode, recursive); }, to_text, path);
}

void fs_rmdir(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  dispatch(args, [=] { return fsops::rmdir(path); }, to_undefined, path);
}

// rm(path, recursive, force)
void fs_rm(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  bool recursive = args[1]->IsTrue();
  bool force = args[2]->IsTrue();
  dispatch(args, [=] { return fsops::rm(path, recursive, force); }, to_undefined, path);
}

void fs_unlink(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  dispatch(args, [=] { return fsops::unlink(path); }, to_undefined, path);
}

void fs_rename(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string from = string_arg(args, 0);
  std::string to = string_arg(args, 1);
  dispatch(args, [=] { return fsops::rename(from, to); }, to_undefined, from, to);
}

void fs_copy_file(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string from = string_arg(args, 0);
  std::string to = string_arg(args, 1);
  int flags = int_arg(args, 2, 0);
  dispatch(args, [=] { return fsops::copy_file(from, to, flags); }, to_undefined, from, to);
}

void fs_symlink(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string target = string_arg(args, 0);
  std::string path = string_arg(args, 1);
  int flags = int_arg(args, 2, 0);
  dispatch(args, [=] { return fsops::symlink(target, path, flags); }, to_undefined, target, path);
}

void fs_link(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string existing = string_arg(args, 0);
  std::string path = string_arg(args, 1);
  dispatch(args, [=] { return fsops::link(existing, path); }, to_undefined, existing, path);
}

void fs_readlink(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  dispatch(args, [=] { return fsops::readlink(path); }, to_text, path);
}

void fs_realpath(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  dispatch(args, [=] { return fsops::realpath(path); }, to_text, path);
}

void fs_access(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  int mode = int_arg(args, 1, F_OK);
  dispatch(args, [=] { return fsops::access(path, mode); }, to_undefined, path);
}

// exists(path) → boolean, never throws.
void fs_exists(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(fsops::access(string_arg(args, 0), F_OK).err == 0);
}

void fs_chmod(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  int mode = int_arg(args, 1, 0);
  dispatch(args, [=] { return fsops::chmod(path, mode); }, to_undefined, path);
}

void fs_utimes(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string path = string_arg(args, 0);
  double atime = number_arg(args, 1);
  double mtime = number_arg(args, 2);
  dispatch(args, [=] { return fsops::utimes(path, atime, mtime); }, to_undefined, path);
}

void fs_ftruncate(const v8::FunctionCallbackInfo<v8::Value>& args) {
  int fd = int_arg(args, 0, -1);
  auto length = static_cast<int64_t>(number_arg(args, 1, 0));
  dispatch(args, [=] { return fsops::ftruncate(fd, length); }, to_undefined);
}

void fs_fsync(const v8::FunctionCallbackInfo<v8::Value>& args) {
  int fd = int_arg(args, 0, -1);
  dispatch(args, [=] { return fsops::fsync(fd); }, to_undefined);
}

void fs_mkdtemp(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string prefix = string_arg(args, 0);
  dispatch(args, [=] { return fsops::mkdtemp(prefix); }, to_text, prefix + "XXXXXX");
}

}  // namespace

void init_fs_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "open", fs_open);
  set_method(context, target, "close", fs_close);
  set_method(context, target, "read", fs_read);
  set_method(context, target, "write", fs_write);
  set_method(context, target, "readFile", fs_read_file);
  set_method(context, target, "writeFile", fs_write_file);
  set_method(context, target, "stat", fs_stat);
  set_method(context, target, "lstat", fs_lstat);
  set_method(context, target, "fstat", fs_fstat);
  set_method(context, target, "readdir", fs_readdir);
  set_method(context, target, "mkdir", fs_mkdir);
  set_method(context, target, "rmdir", fs_rmdir);
  set_method(context, target, "rm", fs_rm);
  set_method(context, target, "unlink", fs_unlink);
  set_method(context, target, "rename", fs_rename);
  set_method(context, target, "copyFile", fs_copy_file);
  set_method(context, target, "symlink", fs_symlink);
  set_method(context, target, "link", fs_link);
  set_method(context, target, "readlink", fs_readlink);
  set_method(context, target, "realpath", fs_realpath);
  set_method(context, target, "access", fs_access);
  set_method(context, target, "exists", fs_exists);
  set_method(context, target, "chmod", fs_chmod);
  set_method(context, target, "utimes", fs_utimes);
  set_method(context, target, "ftruncate", fs_ftruncate);
  set_method(context, target, "fsync", fs_fsync);
  set_method(context, target, "mkdtemp", fs_mkdtemp);
  v8::Isolate* isolate = runtime.isolate();
  v8::Local<v8::Object> constants = v8::Object::New(isolate);
  constexpr std::pair<std::string_view, int> kConstants[] = {
      {"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR}, {"O_CREAT", O_CREAT},
      {"O_EXCL", O_EXCL},     {"O_TRUNC", O_TRUNC},   {"O_APPEND", O_APPEND}, {"O_SYNC", O_SYNC},
      {"O_NOFOLLOW", O_NOFOLLOW}, {"O_DIRECTORY", O_DIRECTORY}, {"O_NONBLOCK", O_NONBLOCK},
      {"F_OK", F_OK}, {"R_OK", R_OK}, {"W_OK", W_OK}, {"X_OK", X_OK},
      {"S_IFMT", S_IFMT}, {"S_IFREG", S_IFREG}, {"S_IFDIR", S_IFDIR}, {"S_IFCHR", S_IFCHR},
      {"S_IFBLK", S_IFBLK}, {"S_IFIFO", S_IFIFO}, {"S_IFLNK", S_IFLNK}, {"S_IFSOCK", S_IFSOCK},
      {"COPYFILE_EXCL", UV_FS_COPYFILE_EXCL}, {"COPYFILE_FICLONE", UV_FS_COPYFILE_FICLONE},
      {"COPYFILE_FICLONE_FORCE", UV_FS_COPYFILE_FICLONE_FORCE},
      {"UV_DIRENT_UNKNOWN", UV_DIRENT_UNKNOWN}, {"UV_DIRENT_FILE", UV_DIRENT_FILE}, {"UV_DIRENT_DIR", UV_DIRENT_DIR},
      {"UV_DIRENT_LINK", UV_DIRENT_LINK}, {"UV_DIRENT_FIFO", UV_DIRENT_FIFO}, {"UV_DIRENT_SOCKET", UV_DIRENT_SOCKET},
      {"UV_DIRENT_CHAR", UV_DIRENT_CHAR}, {"UV_DIRENT_BLOCK", UV_DIRENT_BLOCK},
      {"UV_FS_SYMLINK_DIR", UV_FS_SYMLINK_DIR}, {"UV_FS_SYMLINK_JUNCTION", UV_FS_SYMLINK_JUNCTION},
  };
  for (const auto& [name, value] : kConstants) set_value(context, constants, name, v8::Integer::New(isolate, value));
  set_value(context, target, "constants", constants);
}

}  // namespace lode::runtime
