// One JavaScript run: the isolate's context, the event loop, the module loaders and the
// hooks into the JavaScript half of the runtime (runtime/js). A Runtime is created per
// request by the entry point and reached from V8 callbacks through the isolate's data
// slot (Runtime::from), never through a global.
//
// Life cycle (run): bootstrap the built-in JavaScript, run the main code (a file, -e, -p
// or stdin), drain process.nextTick and microtasks, run the libuv loop until nothing
// keeps it alive (emitting 'beforeExit' each time it empties), emit 'exit', tear down.
#pragma once

#include <v8.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/fs.h"
#include "runtime/event_loop.h"
#include "runtime/runtime_api.h"

namespace lode::resolver {
class ModuleResolver;
class PackageLocator;
}  // namespace lode::resolver

namespace lode::runtime {

class BuiltinLoader;
class CodeCache;
class EsmLoader;

struct RuntimeOptions {
  LodeRuntimeMode mode = kLodeRuntimeEval;
  std::string source;
  std::string source_name = "[eval]";
  std::string script;
  std::vector<std::string> args;
  std::string exec_path;
  std::string argv0;
  std::vector<std::string> exec_argv;
  std::vector<std::string> env;  // "NAME=value"
  fs::path cwd;
  fs::path cache_dir;  // empty: no code cache on disk
  bool as_node = false;

  static RuntimeOptions from_request(const LodeRuntimeRequest& request);
  // The value of environment variable `name` in `env`, or nullopt.
  std::optional<std::string> getenv(std::string_view name) const;
};

// Functions the bootstrap script hands to C++ (setHooks); C++ calls them at loop events.
enum class Hook {
  kProcessTicks,     // processTicksAndRejections(): nextTicks, microtasks, rejections
  kProcessTimers,    // processTimers(now) → next expiry (negative: unref'd), 0: none
  kProcessImmediates,
  kFatalException,   // (error, fromPromise) → true when an 'uncaughtException' listener took it
  kPromiseReject,    // (type, promise, reason) from V8's promise reject callback
  kEmitBeforeExit,
  kEmitExit,         // (code) → final exit code
  kFormatFatal,      // (error) → the text printed for an uncaught error
  kLoadForImport,    // (path) → module.exports of a CommonJS module imported by ESM
  kRunMain,          // (mode, ...) runs the main code
  kCount,
};

class Runtime {
 public:
  Runtime(v8::Isolate* isolate, RuntimeOptions options);
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
  ~Runtime();

  static Runtime& from(v8::Isolate* isolate) {
    return *static_cast<Runtime*>(isolate->GetData(0));
  }
  template <class T>
  static Runtime& from(const v8::FunctionCallbackInfo<T>& args) {
    return from(args.GetIsolate());
  }

  // The whole run; returns the process exit status.
  int run();

  v8::Isolate* isolate() const { return isolate_; }
  v8::Local<v8::Context> context() const { return context_.Get(isolate_); }
  const RuntimeOptions& options() const { return options_; }
  EventLoop& loop() { return *loop_; }
  resolver::ModuleResolver& resolver() { return *resolver_; }
  BuiltinLoader& builtins() { return *builtins_; }
  EsmLoader& esm() { return *esm_; }
  CodeCache& code_cache() { return *code_cache_; }

  void set_hook(Hook hook, v8::Local<v8::Function> function);
  v8::Local<v8::Function> hook(Hook hook) const;

  // Calls `function` the way the loop calls JavaScript: an exception goes to the
  // uncaught-exception path, then process.nextTick callbacks and microtasks run. Returns
  // the result, or nothing when it threw or the process is exiting.
  v8::MaybeLocal<v8::Value> call_from_loop(v8::Local<v8::Function> function, v8::Local<v8::Value> receiver,
                                           std::span<v8::Local<v8::Value>> args);
  // Runs process.nextTick callbacks, microtasks and unhandled-rejection processing until
  // all are empty (what happens after every macrotask).
  void drain_ticks();
  // The exception nobody caught: 'uncaughtException' listeners take it, or it is printed
  // and the process exits with status 1. `message` may be empty.
  void handle_uncaught(v8::Local<v8::Value> error, v8::Local<v8::Message> message, bool from_promise);

  // process.reallyExit(code): stops all JavaScript and the loop; run() returns `code`.
  void exit(int code);
  bool exiting() const { return exiting_; }

  // Flags shared with the tick queue in JavaScript: [hasTickScheduled, hasRejectionToWarn].
  uint8_t* tick_info() const { return static_cast<uint8_t*>(tick_info_->Data()); }
  v8::Local<v8::Uint8Array> tick_info_array();

  // internalBinding(name): the native module's object, created on first use.
  v8::MaybeLocal<v8::Object> binding(std::string_view name);

  // process.env: this run's environment variables, from the request.
  std::map<std::string, std::string, std::less<>>& env() { return env_; }

  // Runs `cleanup` when the run ends, before the loop closes (newest first): owners of
  // uv handles close them here.
  void add_cleanup(std::function<void()> cleanup);

 private:
  void bootstrap();
  void run_main();
  int finish();

  v8::Isolate* isolate_;
  RuntimeOptions options_;
  v8::Global<v8::Context> context_;
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<resolver::PackageLocator> locator_;
  std::unique_ptr<resolver::ModuleResolver> resolver_;
  std::unique_ptr<CodeCache> code_cache_;
  std::unique_ptr<BuiltinLoader> builtins_;
  std::unique_ptr<EsmLoader> esm_;
  std::array<v8::Global<v8::Function>, static_cast<size_t>(Hook::kCount)> hooks_;
  std::shared_ptr<v8::BackingStore> tick_info_;
  std::map<std::string, v8::Global<v8::Object>, std::less<>> bindings_;
  std::map<std::string, std::string, std::less<>> env_;
  std::vector<std::function<void()>> cleanups_;
  bool exiting_ = false;
  int exit_code_ = 0;
  bool handling_fatal_ = false;
};

}  // namespace lode::runtime
