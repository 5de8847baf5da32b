// internalBinding('signals'): process.on('SIGINT', ...) and friends. One uv_signal_t per
// watched signal, unref'd as in Node (a listener alone does not keep the process alive);
// each delivery calls the JavaScript callback from the loop.
#include <map>
#include <memory>

#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/uv_handle.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

class SignalWatcher {
 public:
  SignalWatcher(Runtime& runtime, int signum, v8::Local<v8::Function> callback)
      : runtime_(runtime), callback_(runtime.isolate(), callback) {
    if (uv_signal_init(runtime.loop().get(), handle_.get()) != 0) return;
    handle_.mark_initialized();
    handle_->data = this;
    if (uv_signal_start(handle_.get(), on_signal, signum) == 0) started_ = true;
    uv_unref(handle_.base());
  }
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;
  bool started() const { return started_; }

 private:
  static void on_signal(uv_signal_t* handle, int signum) {
    auto* self = static_cast<SignalWatcher*>(handle->data);
    Runtime& runtime = self->runtime_;
    if (runtime.exiting()) return;
    v8::Isolate* isolate = runtime.isolate();
    v8::HandleScope scope(isolate);
    v8::Context::Scope context_scope(runtime.context());
    v8::Local<v8::Value> arg = v8::Integer::New(isolate, signum);
    runtime.call_from_loop(self->callback_.Get(isolate), v8::Undefined(isolate), {&arg, 1});
  }

  Runtime& runtime_;
  UvHandle<uv_signal_t> handle_;
  v8::Global<v8::Function> callback_;
  bool started_ = false;
};

struct Watchers {
  std::map<int, std::unique_ptr<SignalWatcher>> by_signal;
};

Watchers* watchers_of(const v8::FunctionCallbackInfo<v8::Value>& args) {
  return static_cast<Watchers*>(args.Data().As<v8::External>()->Value());
}

// start(signum, callback): watch `signum` (replacing its default action).
void start(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[1]->IsFunction()) return;
  int signum = static_cast<int>(number_arg(args, 0, 0));
  auto watcher = std::make_unique<SignalWatcher>(Runtime::from(args), signum, args[1].As<v8::Function>());
  if (!watcher->started()) return throw_uv_error(args.GetIsolate(), UV_EINVAL, "uv_signal_start");
  watchers_of(args)->by_signal[signum] = std::move(watcher);
}

void stop(const v8::FunctionCallbackInfo<v8::Value>& args) {
  watchers_of(args)->by_signal.erase(static_cast<int>(number_arg(args, 0, 0)));
}

}  // namespace

void init_signals_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  auto watchers = std::make_shared<Watchers>();
  runtime.add_cleanup([watchers]() { watchers->by_signal.clear(); });
  v8::Local<v8::External> data = v8::External::New(runtime.isolate(), watchers.get());
  set_method(context, target, "start", start, data);
  set_method(context, target, "stop", stop, data);
}

}  // namespace lode::runtime
