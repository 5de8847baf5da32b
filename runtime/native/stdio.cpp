// internalBinding('stdio'): the standard streams. Writes are synchronous, as Node's are
// on Linux for files, terminals and pipes alike, so output is never lost at exit and
// ordering between stdout and stderr is the order of the calls. Reading stdin is
// asynchronous on the loop: a uv_tty_t or uv_pipe_t, or uv_fs_read for a regular file.
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <uv.h>

#include <cstring>
#include <memory>

#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/uv_handle.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

// Writes all of `data`; waits when the descriptor is non-blocking and full. Returns 0
// or a negative errno.
int write_all(int fd, const char* data, size_t length) {
  while (length > 0) {
    ssize_t written = ::write(fd, data, length);
    if (written < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        pollfd poll_fd{fd, POLLOUT, 0};
        ::poll(&poll_fd, 1, -1);
        continue;
      }
      return -errno;
    }
    data += written;
    length -= static_cast<size_t>(written);
  }
  return 0;
}

void write_sync(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  int fd = static_cast<int>(number_arg(args, 0, 1));
  int err = 0;
  if (args[1]->IsString()) {
    v8::String::Utf8Value text(isolate, args[1]);
    err = write_all(fd, *text, static_cast<size_t>(text.length()));
  } else if (args[1]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = args[1].As<v8::ArrayBufferView>();
    auto* base = static_cast<const char*>(view->Buffer()->Data());
    err = write_all(fd, base + view->ByteOffset(), view->ByteLength());
  }
  if (err != 0) throw_uv_error(isolate, err, "write");
}

void is_tty(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(::isatty(static_cast<int>(number_arg(args, 0, -1))) == 1);
}

// [columns, rows] of the terminal on `fd`, or undefined.
void window_size(const v8::FunctionCallbackInfo<v8::Value>& args) {
  winsize size{};
  if (::ioctl(static_cast<int>(number_arg(args, 0, 1)), TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return;
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Value> values[] = {v8::Integer::New(isolate, size.ws_col), v8::Integer::New(isolate, size.ws_row)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

void guess_handle_type(const v8::FunctionCallbackInfo<v8::Value>& args) {
  const char* type = "UNKNOWN";
  switch (uv_guess_handle(static_cast<int>(number_arg(args, 0, -1)))) {
    case UV_TTY: type = "TTY"; break;
    case UV_NAMED_PIPE: type = "PIPE"; break;
    case UV_TCP: type = "TCP"; break;
    case UV_UDP: type = "UDP"; break;
    case UV_FILE: type = "FILE"; break;
    default: break;
  }
  args.GetReturnValue().Set(to_v8(args.GetIsolate(), type));
}

// Reads one descriptor and hands each chunk to a JavaScript callback: a Uint8Array, null
// at end of input, or an error object.
class StdinReader {
 public:
  StdinReader(Runtime& runtime, int fd) : runtime_(runtime), fd_(fd) {
    uv_handle_type type = uv_guess_handle(fd);
    if (type == UV_TTY) {
      if (uv_tty_init(runtime.loop().get(), tty_.get(), fd, 1) == 0) {
        tty_.mark_initialized();
        stream_ = reinterpret_cast<uv_stream_t*>(tty_.get());
      }
    } else if (type == UV_NAMED_PIPE || type == UV_TCP) {
      if (uv_pipe_init(runtime.loop().get(), pipe_.get(), 0) == 0) {
        pipe_.mark_initialized();
        if (uv_pipe_open(pipe_.get(), fd) == 0) stream_ = reinterpret_cast<uv_stream_t*>(pipe_.get());
      }
    }
    if (stream_) stream_->data = this;
    file_read_->request.data = this;
  }
  StdinReader(const StdinReader&) = delete;
  StdinReader& operator=(const StdinReader&) = delete;
  ~StdinReader() {
    // A read in flight still owns its request and buffer: its callback frees them.
    if (file_pending_) file_read_.release()->request.data = nullptr;
  }

  void start(v8::Local<v8::Function> callback) {
    callback_.Reset(runtime_.isolate(), callback);
    reading_ = true;
    if (stream_) {
      uv_read_start(stream_, on_alloc, on_read);
    } else {
      read_file();
    }
  }

  void stop() {
    reading_ = false;
    if (stream_) uv_read_stop(stream_);
  }

 private:
  static void on_alloc(uv_handle_t* handle, size_t, uv_buf_t* buf) {
    auto* self = static_cast<StdinReader*>(handle->data);
    *buf = uv_buf_init(self->stream_buffer_, sizeof self->stream_buffer_);
  }

  static void on_read(uv_stream_t* stream, ssize_t nread, const uv_buf_t* buf) {
    auto* self = static_cast<StdinReader*>(stream->data);
    if (nread == 0) return;
    if (nread == UV_EOF) uv_read_stop(stream);
    self->deliver(nread, buf->base);
  }

  void read_file() {
    if (file_pending_ || !reading_) return;
    file_pending_ = true;
    uv_buf_t buf = uv_buf_init(file_read_->buffer, sizeof file_read_->buffer);
    int err = uv_fs_read(runtime_.loop().get(), &file_read_->request, fd_, &buf, 1, -1, on_file_read);
    if (err != 0) {
      file_pending_ = false;
      deliver(err, nullptr);
    }
  }

  static void on_file_read(uv_fs_t* request) {
    auto* self = static_cast<StdinReader*>(request->data);
    ssize_t result = request->result;
    uv_fs_req_cleanup(request);
    if (!self) {
      delete reinterpret_cast<FileRead*>(request);
      return;
    }
    self->file_pending_ = false;
    self->deliver(result == 0 ? static_cast<ssize_t>(UV_EOF) : result, self->file_read_->buffer);
    if (result > 0) self->read_file();
  }

  void deliver(ssize_t nread, const char* data) {
    if (runtime_.exiting()) return;
    v8::Isolate* isolate = runtime_.isolate();
    v8::HandleScope scope(isolate);
    v8::Context::Scope context_scope(runtime_.context());
    v8::Local<v8::Value> arg;
    if (nread > 0) {
      auto length = static_cast<size_t>(nread);
      v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, length);
      std::memcpy(buffer->Data(), data, length);
      arg = v8::Uint8Array::New(buffer, 0, length);
    } else if (nread == UV_EOF) {
      reading_ = false;
      arg = v8::Null(isolate);
    } else {
      reading_ = false;
      arg = make_uv_error(isolate, static_cast<int>(nread), "read");
    }
    runtime_.call_from_loop(callback_.Get(isolate), v8::Undefined(isolate), {&arg, 1});
  }

  Runtime& runtime_;
  int fd_;
  UvHandle<uv_tty_t> tty_;
  UvHandle<uv_pipe_t> pipe_;
  uv_stream_t* stream_ = nullptr;
  char stream_buffer_[65536];  // what uv_read_start reads into (data is copied out at once)
  struct FileRead {
    uv_fs_t request{};  // first member: the callback gets back to FileRead from it
    char buffer[65536];
  };
  std::unique_ptr<FileRead> file_read_ = std::make_unique<FileRead>();
  bool file_pending_ = false;
  bool reading_ = false;
  v8::Global<v8::Function> callback_;
};

// The stdin reader, made on the first read: opening fd 0 as a pipe changes its mode, so
// a run that never reads stdin must not touch it.
struct StdinSlot {
  std::unique_ptr<StdinReader> reader;
};

StdinSlot* slot_of(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Local<v8::Value> data = args.Data();
  return data->IsExternal() ? static_cast<StdinSlot*>(data.As<v8::External>()->Value()) : nullptr;
}

void read_start(const v8::FunctionCallbackInfo<v8::Value>& args) {
  StdinSlot* slot = slot_of(args);
  if (!slot || !args[0]->IsFunction()) return;
  if (!slot->reader) slot->reader = std::make_unique<StdinReader>(Runtime::from(args), 0);
  slot->reader->start(args[0].As<v8::Function>());
}

void read_stop(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (StdinSlot* slot = slot_of(args); slot && slot->reader) slot->reader->stop();
}

}  // namespace

void init_stdio_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "writeSync", write_sync);
  set_method(context, target, "isatty", is_tty);
  set_method(context, target, "windowSize", window_size);
  set_method(context, target, "guessHandleType", guess_handle_type);
  // One reader for fd 0, owned by the run and closed before the loop.
  auto slot = std::make_shared<StdinSlot>();
  runtime.add_cleanup([slot]() { slot->reader.reset(); });
  v8::Local<v8::External> data = v8::External::New(runtime.isolate(), slot.get());
  set_method(context, target, "readStart", read_start, data);
  set_method(context, target, "readStop", read_stop, data);
}

}  // namespace lode::runtime
