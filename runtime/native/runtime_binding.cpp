// internalBinding('runtime'): what the bootstrap needs from C++: the hooks it registers,
// the built-in compiler, the tick flags, microtasks, fatal errors, exit, and the options
// of this run (argv, execPath, the code to run).
#include <string_view>

#include "runtime/builtins.h"
#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

constexpr std::pair<std::string_view, Hook> kHookNames[] = {
    {"processTicks", Hook::kProcessTicks},       {"processTimers", Hook::kProcessTimers},
    {"processImmediates", Hook::kProcessImmediates}, {"fatalException", Hook::kFatalException},
    {"promiseReject", Hook::kPromiseReject},     {"emitBeforeExit", Hook::kEmitBeforeExit},
    {"emitExit", Hook::kEmitExit},               {"formatFatal", Hook::kFormatFatal},
    {"loadForImport", Hook::kLoadForImport},     {"runMain", Hook::kRunMain},
};

void set_hooks(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime& runtime = Runtime::from(args);
  if (!args[0]->IsObject()) return;
  v8::Local<v8::Context> context = runtime.context();
  v8::Local<v8::Object> hooks = args[0].As<v8::Object>();
  for (const auto& [name, hook] : kHookNames) {
    v8::Local<v8::Value> value;
    if (hooks->Get(context, to_v8(args.GetIsolate(), name)).ToLocal(&value) && value->IsFunction()) {
      runtime.set_hook(hook, value.As<v8::Function>());
    }
  }
}

void compile_builtin(const v8::FunctionCallbackInfo<v8::Value>& args) {
  constexpr std::string_view kParameters[] = {"exports", "require", "module", "internalBinding", "process"};
  v8::Local<v8::Function> function;
  if (Runtime::from(args).builtins().compile(string_arg(args, 0), kParameters).ToLocal(&function)) {
    args.GetReturnValue().Set(function);
  }
}

void builtin_ids(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  std::vector<v8::Local<v8::Value>> ids;
  for (std::string_view id : Runtime::from(args).builtins().public_ids()) ids.push_back(to_v8(isolate, id, true));
  args.GetReturnValue().Set(v8::Array::New(isolate, ids.data(), ids.size()));
}

void run_microtasks(const v8::FunctionCallbackInfo<v8::Value>& args) { args.GetIsolate()->PerformMicrotaskCheckpoint(); }

void enqueue_microtask(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (args[0]->IsFunction()) args.GetIsolate()->EnqueueMicrotask(args[0].As<v8::Function>());
}

void trigger_uncaught_exception(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime& runtime = Runtime::from(args);
  runtime.handle_uncaught(args[0], {}, args[1]->IsTrue());
}

void really_exit(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime::from(args).exit(static_cast<int>(number_arg(args, 0, 0)));
}

// Runs `source` as a classic script named `name` and returns its completion value.
void run_script(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString()) return;
  v8::ScriptOrigin origin(isolate, args[1]->IsString() ? args[1] : to_v8(isolate, "[eval]").As<v8::Value>());
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin);
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> result;
  if (!v8::ScriptCompiler::Compile(context, &source).ToLocal(&script)) return;
  if (script->Run(context).ToLocal(&result)) args.GetReturnValue().Set(result);
}

// The value V8 carries along promise reactions (and so through await): AsyncLocalStorage
// keeps its frame of stores there.
void get_continuation_data(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(args.GetIsolate()->GetCurrentContext()->GetContinuationPreservedEmbedderData());
}

void set_continuation_data(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetIsolate()->GetCurrentContext()->SetContinuationPreservedEmbedderData(args[0]);
}

v8::Local<v8::Array> string_array(v8::Isolate* isolate, const std::vector<std::string>& values) {
  std::vector<v8::Local<v8::Value>> items;
  for (const std::string& value : values) items.push_back(to_v8(isolate, value));
  return v8::Array::New(isolate, items.data(), items.size());
}

}  // namespace

void init_runtime_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  v8::Isolate* isolate = runtime.isolate();
  set_method(context, target, "setHooks", set_hooks);
  set_method(context, target, "compileBuiltin", compile_builtin);
  set_method(context, target, "builtinIds", builtin_ids);
  set_method(context, target, "runMicrotasks", run_microtasks);
  set_method(context, target, "enqueueMicrotask", enqueue_microtask);
  set_method(context, target, "triggerUncaughtException", trigger_uncaught_exception);
  set_method(context, target, "reallyExit", really_exit);
  set_method(context, target, "runScript", run_script);
  set_method(context, target, "getContinuationData", get_continuation_data);
  set_method(context, target, "setContinuationData", set_continuation_data);
  set_value(context, target, "tickInfo", runtime.tick_info_array());

  const RuntimeOptions& options = runtime.options();
  v8::Local<v8::Object> info = v8::Object::New(isolate);
  const char* mode = "eval";
  switch (options.mode) {
    case kLodeRuntimeEval: mode = "eval"; break;
    case kLodeRuntimePrint: mode = "print"; break;
    case kLodeRuntimeFile: mode = "file"; break;
    case kLodeRuntimeStdin: mode = "stdin"; break;
  }
  set_value(context, info, "mode", to_v8(isolate, mode));
  set_value(context, info, "source", to_v8(isolate, options.source));
  set_value(context, info, "sourceName", to_v8(isolate, options.source_name));
  set_value(context, info, "script", to_v8(isolate, options.script));
  set_value(context, info, "args", string_array(isolate, options.args));
  set_value(context, info, "execArgv", string_array(isolate, options.exec_argv));
  set_value(context, info, "execPath", to_v8(isolate, options.exec_path));
  set_value(context, info, "argv0", to_v8(isolate, options.argv0));
  set_value(context, info, "asNode", v8::Boolean::New(isolate, options.as_node));
  set_value(context, target, "options", info);
}

}  // namespace lode::runtime
