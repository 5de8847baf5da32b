// internalBinding('process'): the operating-system side of `process`: working directory,
// ids, clocks, memory, signals, umask, and process.env as an object whose properties
// are this run's environment variables (strings in, strings out, as in Node).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

#include "build_info.h"
#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

const uint64_t kStartTime = uv_hrtime();

void cwd(const v8::FunctionCallbackInfo<v8::Value>& args) {
  char buffer[4096];
  size_t size = sizeof buffer;
  int err = uv_cwd(buffer, &size);
  if (err != 0) return throw_uv_error(args.GetIsolate(), err, "uv_cwd");
  args.GetReturnValue().Set(to_v8(args.GetIsolate(), std::string_view(buffer, size)));
}

void chdir(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string dir = string_arg(args, 0);
  int err = uv_chdir(dir.c_str());
  if (err != 0) throw_uv_error(args.GetIsolate(), err, "chdir", dir);
}

void umask(const v8::FunctionCallbackInfo<v8::Value>& args) {
  mode_t old;
  if (args[0]->IsNumber()) {
    old = ::umask(static_cast<mode_t>(args[0].As<v8::Number>()->Value()));
  } else {
    old = ::umask(0);
    ::umask(old);
  }
  args.GetReturnValue().Set(static_cast<uint32_t>(old));
}

void hrtime(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(v8::BigInt::NewFromUnsigned(args.GetIsolate(), uv_hrtime()));
}

void uptime(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(static_cast<double>(uv_hrtime() - kStartTime) / 1e9);
}

void memory_usage(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  size_t rss = 0;
  uv_resident_set_memory(&rss);
  v8::HeapStatistics heap;
  isolate->GetHeapStatistics(&heap);
  v8::Local<v8::Object> out = v8::Object::New(isolate);
  set_value(context, out, "rss", v8::Number::New(isolate, static_cast<double>(rss)));
  set_value(context, out, "heapTotal", v8::Number::New(isolate, static_cast<double>(heap.total_heap_size())));
  set_value(context, out, "heapUsed", v8::Number::New(isolate, static_cast<double>(heap.used_heap_size())));
  set_value(context, out, "external", v8::Number::New(isolate, static_cast<double>(heap.external_memory())));
  set_value(context, out, "arrayBuffers", v8::Number::New(isolate, 0));
  args.GetReturnValue().Set(out);
}

void rss(const v8::FunctionCallbackInfo<v8::Value>& args) {
  size_t value = 0;
  uv_resident_set_memory(&value);
  args.GetReturnValue().Set(static_cast<double>(value));
}

void cpu_usage(const v8::FunctionCallbackInfo<v8::Value>& args) {
  uv_rusage_t usage{};
  int err = uv_getrusage(&usage);
  if (err != 0) return throw_uv_error(args.GetIsolate(), err, "uv_getrusage");
  v8::Isolate* isolate = args.GetIsolate();
  double user = static_cast<double>(usage.ru_utime.tv_sec) * 1e6 + static_cast<double>(usage.ru_utime.tv_usec);
  double system = static_cast<double>(usage.ru_stime.tv_sec) * 1e6 + static_cast<double>(usage.ru_stime.tv_usec);
  v8::Local<v8::Value> values[] = {v8::Number::New(isolate, user), v8::Number::New(isolate, system)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

// kill(pid, signal) → 0 or a negative errno, as Node's binding.
void kill(const v8::FunctionCallbackInfo<v8::Value>& args) {
  int pid = static_cast<int>(number_arg(args, 0));
  int signal = static_cast<int>(number_arg(args, 1, SIGTERM));
  args.GetReturnValue().Set(uv_kill(pid, signal));
}

void ids(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Value> values[] = {
      v8::Integer::NewFromUnsigned(isolate, ::getuid()), v8::Integer::NewFromUnsigned(isolate, ::geteuid()),
      v8::Integer::NewFromUnsigned(isolate, ::getgid()), v8::Integer::NewFromUnsigned(isolate, ::getegid())};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 4));
}

// process.env: named properties backed by Runtime::env().
std::map<std::string, std::string, std::less<>>& env_of(v8::Isolate* isolate) { return Runtime::from(isolate).env(); }

void env_get(v8::Local<v8::Name> name, const v8::PropertyCallbackInfo<v8::Value>& info) {
  if (!name->IsString()) return;
  auto& env = env_of(info.GetIsolate());
  auto it = env.find(to_utf8(info.GetIsolate(), name));
  if (it != env.end()) info.GetReturnValue().Set(to_v8(info.GetIsolate(), it->second));
}

void env_set(v8::Local<v8::Name> name, v8::Local<v8::Value> value, const v8::PropertyCallbackInfo<v8::Value>& info) {
  if (!name->IsString()) return;
  v8::Isolate* isolate = info.GetIsolate();
  v8::Local<v8::String> text;
  if (!value->ToString(isolate->GetCurrentContext()).ToLocal(&text)) return;
  env_of(isolate)[to_utf8(isolate, name)] = to_utf8(isolate, text);
  info.GetReturnValue().Set(value);
}

void env_query(v8::Local<v8::Name> name, const v8::PropertyCallbackInfo<v8::Integer>& info) {
  if (!name->IsString()) return;
  auto& env = env_of(info.GetIsolate());
  if (env.contains(to_utf8(info.GetIsolate(), name))) info.GetReturnValue().Set(static_cast<int32_t>(v8::None));
}

void env_delete(v8::Local<v8::Name> name, const v8::PropertyCallbackInfo<v8::Boolean>& info) {
  if (!name->IsString()) return;
  auto& env = env_of(info.GetIsolate());
  if (auto it = env.find(to_utf8(info.GetIsolate(), name)); it != env.end()) env.erase(it);
  info.GetReturnValue().Set(true);
}

void env_enumerate(const v8::PropertyCallbackInfo<v8::Array>& info) {
  v8::Isolate* isolate = info.GetIsolate();
  std::vector<v8::Local<v8::Value>> names;
  for (const auto& [name, value] : env_of(isolate)) names.push_back(to_v8(isolate, name));
  info.GetReturnValue().Set(v8::Array::New(isolate, names.data(), names.size()));
}

v8::Local<v8::Object> make_env_object(v8::Isolate* isolate, v8::Local<v8::Context> context) {
  v8::Local<v8::ObjectTemplate> tmpl = v8::ObjectTemplate::New(isolate);
  tmpl->SetHandler(v8::NamedPropertyHandlerConfiguration(env_get, env_set, env_query, env_delete, env_enumerate,
                                                         v8::Local<v8::Value>(),
                                                         v8::PropertyHandlerFlags::kOnlyInterceptStrings));
  return tmpl->NewInstance(context).ToLocalChecked();
}

}  // namespace

void init_process_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  v8::Isolate* isolate = runtime.isolate();
  set_method(context, target, "cwd", cwd);
  set_method(context, target, "chdir", chdir);
  set_method(context, target, "umask", umask);
  set_method(context, target, "hrtime", hrtime);
  set_method(context, target, "uptime", uptime);
  set_method(context, target, "memoryUsage", memory_usage);
  set_method(context, target, "rss", rss);
  set_method(context, target, "cpuUsage", cpu_usage);
  set_method(context, target, "kill", kill);
  set_method(context, target, "ids", ids);
  set_value(context, target, "env", make_env_object(isolate, context));
  set_value(context, target, "pid", v8::Integer::New(isolate, ::getpid()));
  set_value(context, target, "ppid", v8::Integer::New(isolate, ::getppid()));
  set_value(context, target, "nodeVersion", to_v8(isolate, LODE_NODE_VERSION));
  set_value(context, target, "lodeVersion", to_v8(isolate, LODE_VERSION));
  set_value(context, target, "v8Version", to_v8(isolate, v8::V8::GetVersion()));
  set_value(context, target, "uvVersion", to_v8(isolate, uv_version_string()));
#if defined(__x86_64__)
  set_value(context, target, "arch", to_v8(isolate, "x64"));
#elif defined(__aarch64__)
  set_value(context, target, "arch", to_v8(isolate, "arm64"));
#else
  set_value(context, target, "arch", to_v8(isolate, "unknown"));
#endif
}

}  // namespace lode::runtime
