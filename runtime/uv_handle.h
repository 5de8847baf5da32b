// Ownership of libuv handles. A uv handle may only be freed in its close callback, after
// the loop has run once more, so plain unique_ptr will not do: UvHandle allocates the
// handle, and its destructor starts uv_close with a callback that deletes it. The loop's
// owner runs the loop once more before uv_loop_close so those callbacks happen.
#pragma once

#include <uv.h>

#include <utility>

namespace lode::runtime {

template <class T>
class UvHandle {
 public:
  UvHandle() : handle_(new T{}) {}
  UvHandle(const UvHandle&) = delete;
  UvHandle& operator=(const UvHandle&) = delete;
  UvHandle(UvHandle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)), initialized_(other.initialized_) {}
  ~UvHandle() { close(); }

  T* get() const { return handle_; }
  T* operator->() const { return handle_; }
  uv_handle_t* base() const { return reinterpret_cast<uv_handle_t*>(handle_); }
  // Call after a successful uv_*_init: from then on the handle is closed, not just freed.
  void mark_initialized() { initialized_ = true; }

  // Closes now (idempotent). The memory goes when libuv calls back.
  void close() {
    if (!handle_) return;
    if (!initialized_) {
      delete handle_;
    } else if (!uv_is_closing(base())) {
      uv_close(base(), [](uv_handle_t* handle) { delete reinterpret_cast<T*>(handle); });
    }
    handle_ = nullptr;
  }

 private:
  T* handle_;
  bool initialized_ = false;
};

}  // namespace lode::runtime
