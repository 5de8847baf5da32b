// lode-runtime.so's entry point: sets V8 up, runs one request, and reports the outcome as
// an exit status. The module loader, event loop and built-ins grow from here (runtime
// issues); this file keeps the ownership of V8's process-wide state in one place.
#include <libplatform/libplatform.h>
#include <v8.h>

#include <cstdio>
#include <memory>
#include <string>

#include "runtime/runtime_api.h"

namespace lode::runtime {

namespace {

// V8's process-wide state: initialised once per process, torn down on exit.
class V8Process {
 public:
  V8Process() : platform_(v8::platform::NewDefaultPlatform()) {
    v8::V8::InitializePlatform(platform_.get());
    v8::V8::Initialize();
  }
  V8Process(const V8Process&) = delete;
  V8Process& operator=(const V8Process&) = delete;
  ~V8Process() {
    v8::V8::Dispose();
    v8::V8::DisposePlatform();
  }

 private:
  std::unique_ptr<v8::Platform> platform_;
};

// An isolate with its allocator, disposed in the right order.
class IsolateHolder {
 public:
  IsolateHolder() : allocator_(v8::ArrayBuffer::Allocator::NewDefaultAllocator()) {
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator_.get();
    isolate_ = v8::Isolate::New(params);
  }
  IsolateHolder(const IsolateHolder&) = delete;
  IsolateHolder& operator=(const IsolateHolder&) = delete;
  ~IsolateHolder() { isolate_->Dispose(); }
  v8::Isolate* get() const { return isolate_; }

 private:
  std::unique_ptr<v8::ArrayBuffer::Allocator> allocator_;
  v8::Isolate* isolate_ = nullptr;
};

std::string to_utf8(v8::Isolate* isolate, v8::Local<v8::Value> value) {
  v8::String::Utf8Value text(isolate, value);
  return *text ? std::string(*text, static_cast<size_t>(text.length())) : std::string("<unprintable>");
}

// Prints an uncaught exception the way node does: location, source line, caret, stack.
void report_exception(v8::Isolate* isolate, v8::Local<v8::Context> context, const v8::TryCatch& try_catch) {
  v8::Local<v8::Message> message = try_catch.Message();
  std::string report;
  if (!message.IsEmpty()) {
    std::string resource = to_utf8(isolate, message->GetScriptResourceName());
    int line = message->GetLineNumber(context).FromMaybe(0);
    report += resource + ":" + std::to_string(line) + "\n";
    v8::Local<v8::String> source_line;
    if (message->GetSourceLine(context).ToLocal(&source_line)) {
      report += to_utf8(isolate, source_line) + "\n";
      int start = message->GetStartColumn(context).FromMaybe(0);
      int end = message->GetEndColumn(context).FromMaybe(start + 1);
      report += std::string(static_cast<size_t>(start), ' ') +
                std::string(static_cast<size_t>(std::max(1, end - start)), '^') + "\n\n";
    }
  }
  v8::Local<v8::Value> stack;
  if (try_catch.StackTrace(context).ToLocal(&stack) && stack->IsString()) {
    report += to_utf8(isolate, stack);
  } else {
    report += "Uncaught " + to_utf8(isolate, try_catch.Exception());
  }
  report += "\n";
  std::fputs(report.c_str(), stderr);
}

int32_t run(const LodeRuntimeRequest& request) {
  V8Process v8_process;
  IsolateHolder isolate_holder;
  v8::Isolate* isolate = isolate_holder.get();
  v8::Isolate::Scope isolate_scope(isolate);
  v8::HandleScope handle_scope(isolate);
  v8::Local<v8::Context> context = v8::Context::New(isolate);
  v8::Context::Scope context_scope(context);
  v8::TryCatch try_catch(isolate);

  v8::Local<v8::String> source;
  v8::Local<v8::String> name;
  if (!v8::String::NewFromUtf8(isolate, request.source).ToLocal(&source) ||
      !v8::String::NewFromUtf8(isolate, request.source_name ? request.source_name : "[eval]").ToLocal(&name)) {
    std::fputs("lode: error: the code is too large to run\n", stderr);
    return 1;
  }
  v8::ScriptOrigin origin(isolate, name);
  v8::Local<v8::Script> script;
  v8::Local<v8::Value> result;
  if (!v8::Script::Compile(context, source, &origin).ToLocal(&script) ||
      !script->Run(context).ToLocal(&result)) {
    report_exception(isolate, context, try_catch);
    return 1;
  }
  if (request.mode == kLodeRuntimePrint) {
    std::string text = to_utf8(isolate, result) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

}  // namespace lode::runtime

extern "C" __attribute__((visibility("default"))) int32_t lode_runtime_main(const LodeRuntimeRequest* request) {
  if (request == nullptr || request->abi_version != kLodeRuntimeAbiVersion) {
    std::fputs("lode: error: lode-runtime.so does not match this lode binary (rebuild lode)\n", stderr);
    return 1;
  }
  return lode::runtime::run(*request);
}
