// internalBinding('timers'): the one libuv timer and the immediate handles behind
// setTimeout/setInterval/setImmediate (the queues themselves are JavaScript).
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

void schedule_timer(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime::from(args).loop().schedule_timer(static_cast<int64_t>(number_arg(args, 0, 1)));
}

void toggle_timer_ref(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime::from(args).loop().toggle_timer_ref(args[0]->IsTrue());
}

void toggle_immediate_ref(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime::from(args).loop().toggle_immediate_ref(args[0]->IsTrue());
}

void get_libuv_now(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(Runtime::from(args).loop().now());
}

}  // namespace

void init_timers_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "scheduleTimer", schedule_timer);
  set_method(context, target, "toggleTimerRef", toggle_timer_ref);
  set_method(context, target, "toggleImmediateRef", toggle_immediate_ref);
  set_method(context, target, "getLibuvNow", get_libuv_now);
  set_value(context, target, "immediateInfo", runtime.loop().immediate_info_array(runtime.isolate()));
}

}  // namespace lode::runtime
