// lode-runtime.so's entry point: V8's process-wide state, one isolate per request, and the
// Runtime that runs it. Nothing else is exported from the module.
#include <libplatform/libplatform.h>
#include <v8.h>

#include <cstdio>
#include <memory>
#include <string_view>

#include "runtime/runtime.h"
#include "runtime/runtime_api.h"

namespace lode::runtime {

namespace {

// V8's process-wide state: initialised once per process, torn down on exit.
// Node options that are V8's (node passes them through): --max-old-space-size=...,
// --stack-size=..., --expose-gc and the like.
bool is_v8_option(std::string_view option) {
  for (std::string_view prefix : {"--max-old-space-size", "--max-semi-space-size", "--stack-size", "--expose-gc",
                                  "--expose_gc", "--harmony", "--jitless", "--max_old_space_size"}) {
    if (option.starts_with(prefix)) return true;
  }
  return false;
}

class V8Process {
 public:
  explicit V8Process(const LodeRuntimeRequest& request) : platform_(v8::platform::NewDefaultPlatform()) {
    // Import assertions (`assert { type: 'json' }`) are behind a flag in V8 10.2; Node
    // 18 turns it on, and so do we.
    constexpr char kFlags[] = "--harmony-import-assertions";
    v8::V8::SetFlagsFromString(kFlags, sizeof kFlags - 1);
    for (int32_t i = 0; request.exec_argv && i < request.exec_argc; ++i) {
      std::string_view option = request.exec_argv[i] ? request.exec_argv[i] : "";
      if (is_v8_option(option)) v8::V8::SetFlagsFromString(option.data(), option.size());
    }
    v8::V8::InitializePlatform(platform_.get());
    v8::V8::Initialize();
  }
  V8Process(const V8Process&) = delete;
  V8Process& operator=(const V8Process&) = delete;
  ~V8Process() {
    v8::V8::Dispose();
    v8::V8::DisposePlatform();
  }
  v8::Platform* platform() const { return platform_.get(); }

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

int32_t run(const LodeRuntimeRequest& request) {
  V8Process v8_process(request);
  IsolateHolder isolate_holder;
  v8::Isolate* isolate = isolate_holder.get();
  int code;
  {
    v8::Locker locker(isolate);
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    Runtime runtime(isolate, RuntimeOptions::from_request(request));
    code = runtime.run();
  }
  return code;
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
