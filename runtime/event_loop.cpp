#include "runtime/event_loop.h"

#include <cstdlib>

#include "runtime/runtime.h"

namespace lode::runtime {

EventLoop::EventLoop(Runtime& runtime) : runtime_(runtime) {
  if (uv_loop_init(&loop_) != 0) std::abort();  // only fails without memory or fds
  loop_.data = this;
  uv_timer_init(&loop_, timer_.get());
  timer_.mark_initialized();
  timer_->data = this;
  uv_unref(timer_.base());
  uv_check_init(&loop_, check_.get());
  check_.mark_initialized();
  check_->data = this;
  uv_check_start(check_.get(), on_check);
  uv_unref(check_.base());
  uv_idle_init(&loop_, idle_.get());
  idle_.mark_initialized();
  base_ = uv_now(&loop_);
  immediate_info_ = v8::ArrayBuffer::NewBackingStore(runtime.isolate(), sizeof(uint32_t) * kImmediateFields);
  for (int i = 0; i < kImmediateFields; ++i) immediate_info()[i] = 0;
}

EventLoop::~EventLoop() {
  timer_.close();
  check_.close();
  idle_.close();
  // Handles the native modules left open (a stdin reader, a pending fs request's
  // owner...) are closed here; their owners free them in their close callbacks.
  uv_walk(
      &loop_,
      [](uv_handle_t* handle, void*) {
        if (!uv_is_closing(handle)) uv_close(handle, handle->close_cb ? handle->close_cb : nullptr);
      },
      nullptr);
  while (uv_run(&loop_, UV_RUN_NOWAIT) != 0) {
  }
  uv_loop_close(&loop_);
}

double EventLoop::now() {
  // As Node's getLibuvNow: a timer made after long synchronous work counts from now,
  // not from the loop's last wake-up.
  uv_update_time(&loop_);
  return static_cast<double>(uv_now(&loop_) - base_);
}

void EventLoop::schedule_timer(int64_t ms) {
  uv_timer_start(timer_.get(), on_timer, static_cast<uint64_t>(ms > 0 ? ms : 1), 0);
}

void EventLoop::toggle_timer_ref(bool ref) {
  if (ref) uv_ref(timer_.base()); else uv_unref(timer_.base());
}

void EventLoop::toggle_immediate_ref(bool ref) {
  if (ref) {
    uv_idle_start(idle_.get(), [](uv_idle_t*) {});
  } else {
    uv_idle_stop(idle_.get());
  }
}

v8::Local<v8::Uint32Array> EventLoop::immediate_info_array(v8::Isolate* isolate) {
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, immediate_info_);
  return v8::Uint32Array::New(buffer, 0, kImmediateFields);
}

void EventLoop::on_timer(uv_timer_t* handle) {
  EventLoop& self = *static_cast<EventLoop*>(handle->data);
  Runtime& runtime = self.runtime_;
  if (runtime.exiting()) return;
  v8::Isolate* isolate = runtime.isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = runtime.context();
  v8::Context::Scope context_scope(context);
  v8::Local<v8::Function> process_timers = runtime.hook(Hook::kProcessTimers);
  v8::Local<v8::Value> result;
  // A timer that throws is reported; the remaining expired timers still run.
  while (true) {
    v8::Local<v8::Value> now = v8::Number::New(isolate, self.now());
    v8::TryCatch try_catch(isolate);
    if (process_timers->Call(context, v8::Undefined(isolate), 1, &now).ToLocal(&result)) break;
    if (runtime.exiting() || !try_catch.CanContinue()) return;
    runtime.handle_uncaught(try_catch.Exception(), try_catch.Message(), false);
    if (runtime.exiting()) return;
  }
  int64_t expiry = result->IsNumber() ? static_cast<int64_t>(result.As<v8::Number>()->Value()) : 0;
  if (expiry != 0) {
    int64_t duration = std::llabs(expiry) - static_cast<int64_t>(self.now());
    self.schedule_timer(duration > 0 ? duration : 1);
    self.toggle_timer_ref(expiry > 0);
  } else {
    self.toggle_timer_ref(false);
  }
  runtime.drain_ticks();
}

void EventLoop::on_check(uv_check_t* handle) {
  EventLoop& self = *static_cast<EventLoop*>(handle->data);
  Runtime& runtime = self.runtime_;
  if (self.immediate_info()[kCount] == 0 || runtime.exiting()) return;
  v8::Isolate* isolate = runtime.isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = runtime.context();
  v8::Context::Scope context_scope(context);
  do {
    runtime.call_from_loop(runtime.hook(Hook::kProcessImmediates), v8::Undefined(isolate), {});
  } while (self.immediate_info()[kHasOutstanding] != 0 && !runtime.exiting());
  if (self.immediate_info()[kRefCount] == 0) self.toggle_immediate_ref(false);
}

void EventLoop::spin() {
  bool more = true;
  while (more && !runtime_.exiting()) {
    uv_run(&loop_, UV_RUN_DEFAULT);
    if (runtime_.exiting()) return;
    {
      v8::HandleScope scope(runtime_.isolate());
      v8::Context::Scope context_scope(runtime_.context());
      runtime_.call_from_loop(runtime_.hook(Hook::kEmitBeforeExit), v8::Undefined(runtime_.isolate()), {});
    }
    if (runtime_.exiting()) return;
    more = uv_loop_alive(&loop_) != 0;
  }
}

}  // namespace lode::runtime
