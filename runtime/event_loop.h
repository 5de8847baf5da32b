// The libuv loop of one run and the three handles that give it Node's phases: one timer
// for every JavaScript timer (the JavaScript side keeps them in a priority queue and asks
// for the earliest), a check handle that runs setImmediate callbacks after the poll
// phase, and an idle handle that keeps the poll phase from blocking while immediates
// wait. The loop is alive while any ref'd handle or request is (ref/unref respected).
#pragma once

#include <uv.h>
#include <v8.h>

#include <cstdint>
#include <memory>

#include "runtime/uv_handle.h"

namespace lode::runtime {

class Runtime;

class EventLoop {
 public:
  // Indexes into immediate_info(), shared with the JavaScript timers.
  enum ImmediateField { kCount = 0, kRefCount = 1, kHasOutstanding = 2, kImmediateFields = 3 };

  explicit EventLoop(Runtime& runtime);
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;
  // Closes every handle still open, lets libuv finish closing them, closes the loop.
  ~EventLoop();

  uv_loop_t* get() { return &loop_; }

  // Milliseconds since the loop started, after updating the loop's clock (what the
  // JavaScript timers measure their expiry in, like Node's getLibuvNow).
  double now();

  // The timer fires after `ms`; replaces any earlier schedule.
  void schedule_timer(int64_t ms);
  void toggle_timer_ref(bool ref);
  // A ref'd immediate keeps the loop alive and the poll phase from blocking.
  void toggle_immediate_ref(bool ref);
  uint32_t* immediate_info() const { return static_cast<uint32_t*>(immediate_info_->Data()); }
  v8::Local<v8::Uint32Array> immediate_info_array(v8::Isolate* isolate);

  // Runs the loop until nothing keeps it alive, emitting 'beforeExit' each time it
  // empties (listeners may start new work). Returns early when the process exits.
  void spin();
  // Makes uv_run return as soon as possible (process.exit).
  void stop() { uv_stop(&loop_); }

 private:
  static void on_timer(uv_timer_t* handle);
  static void on_check(uv_check_t* handle);

  Runtime& runtime_;
  uv_loop_t loop_{};
  UvHandle<uv_timer_t> timer_;
  UvHandle<uv_check_t> check_;
  UvHandle<uv_idle_t> idle_;
  uint64_t base_ = 0;
  std::shared_ptr<v8::BackingStore> immediate_info_;
};

}  // namespace lode::runtime
