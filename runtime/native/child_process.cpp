// internalBinding('child_process'): child processes run to completion (spawnSync and
// what is built on it), over base/process's run_process: explicit argv, environment and
// working directory, stdin fed from a buffer, stdout/stderr captured, inherited or
// discarded, and a timeout.
#include <cstring>

#include "base/process.h"
#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

Stdio stdio_mode(const std::string& mode) {
  if (mode == "inherit") return Stdio::kInherit;
  if (mode == "ignore") return Stdio::kNull;
  return Stdio::kCapture;
}

std::vector<std::string> string_list(v8::Isolate* isolate, v8::Local<v8::Value> value) {
  std::vector<std::string> out;
  if (!value->IsArray()) return out;
  v8::Local<v8::Array> array = value.As<v8::Array>();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  for (uint32_t i = 0; i < array->Length(); ++i) {
    v8::Local<v8::Value> item;
    if (array->Get(context, i).ToLocal(&item)) out.push_back(to_utf8(isolate, item));
  }
  return out;
}

v8::Local<v8::Value> bytes(v8::Isolate* isolate, const std::string& text) {
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, text.size());
  std::memcpy(buffer->Data(), text.data(), text.size());
  return v8::Uint8Array::New(buffer, 0, text.size());
}

// spawnSync(argv, cwd, env, [stdin, stdout, stderr], input, timeoutMs) →
// [status, signal, stdout, stderr] (status null when killed), or throws a system error
// when the program cannot be started.
void spawn_sync(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  ProcessSpec spec;
  spec.argv = string_list(isolate, args[0]);
  if (spec.argv.empty()) return throw_error(isolate, ErrorType::kTypeError, "ERR_INVALID_ARG_VALUE", "The file to run is empty");
  if (args[1]->IsString()) spec.cwd = to_utf8(isolate, args[1]);
  if (args[2]->IsArray()) spec.env = Environment::from_entries(string_list(isolate, args[2]));
  std::vector<std::string> modes = string_list(isolate, args[3]);
  modes.resize(3, "pipe");
  spec.stdin_mode = stdio_mode(modes[0]);
  spec.stdout_mode = stdio_mode(modes[1]);
  spec.stderr_mode = stdio_mode(modes[2]);
  if (args[4]->IsArrayBufferView()) {
    v8::Local<v8::ArrayBufferView> view = args[4].As<v8::ArrayBufferView>();
    spec.stdin_data.resize(view->ByteLength());
    view->CopyContents(spec.stdin_data.data(), spec.stdin_data.size());
  }
  if (args[5]->IsNumber() && args[5].As<v8::Number>()->Value() > 0) {
    spec.timeout = std::chrono::milliseconds(static_cast<int64_t>(args[5].As<v8::Number>()->Value()));
  }
  Result<ProcessResult> result = run_process(spec);
  if (!result) {
    int err = result.error().code == ErrorCode::kNotFound ? UV_ENOENT : UV_EACCES;
    return throw_uv_error(isolate, err, "spawnSync " + spec.argv[0], spec.argv[0]);
  }
  v8::Local<v8::Value> status = result->signal ? v8::Null(isolate).As<v8::Value>()
                                               : v8::Integer::New(isolate, result->exit_code).As<v8::Value>();
  v8::Local<v8::Value> values[] = {status, v8::Integer::New(isolate, result->signal),
                                   bytes(isolate, result->stdout_text), bytes(isolate, result->stderr_text)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 4));
}

}  // namespace

void init_child_process_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "spawnSync", spawn_sync);
}

}  // namespace lode::runtime
