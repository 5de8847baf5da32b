// internalBinding('v8'): what node:v8 offers that packages use: heap statistics, the
// code cache version tag, V8 flags at run time, and V8's value serializer.
#include <cstring>

#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

void heap_statistics(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::HeapStatistics heap;
  isolate->GetHeapStatistics(&heap);
  v8::Local<v8::Object> out = v8::Object::New(isolate);
  auto put = [&](const char* name, size_t value) {
    set_value(context, out, name, v8::Number::New(isolate, static_cast<double>(value)));
  };
  put("total_heap_size", heap.total_heap_size());
  put("total_heap_size_executable", heap.total_heap_size_executable());
  put("total_physical_size", heap.total_physical_size());
  put("total_available_size", heap.total_available_size());
  put("used_heap_size", heap.used_heap_size());
  put("heap_size_limit", heap.heap_size_limit());
  put("malloced_memory", heap.malloced_memory());
  put("peak_malloced_memory", heap.peak_malloced_memory());
  put("does_zap_garbage", heap.does_zap_garbage());
  put("number_of_native_contexts", heap.number_of_native_contexts());
  put("number_of_detached_contexts", heap.number_of_detached_contexts());
  put("total_global_handles_size", heap.total_global_handles_size());
  put("used_global_handles_size", heap.used_global_handles_size());
  put("external_memory", heap.external_memory());
  args.GetReturnValue().Set(out);
}

void cached_data_version_tag(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(v8::ScriptCompiler::CachedDataVersionTag());
}

void set_flags(const v8::FunctionCallbackInfo<v8::Value>& args) {
  std::string flags = string_arg(args, 0);
  v8::V8::SetFlagsFromString(flags.data(), flags.size());
}

class Delegate final : public v8::ValueSerializer::Delegate {
 public:
  explicit Delegate(v8::Isolate* isolate) : isolate_(isolate) {}
  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    isolate_->ThrowException(make_error(isolate_, ErrorType::kError, "ERR_DATA_CLONE", to_utf8(isolate_, message)));
  }

 private:
  v8::Isolate* isolate_;
};

void serialize(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  Delegate delegate(isolate);
  v8::ValueSerializer serializer(isolate, &delegate);
  serializer.WriteHeader();
  if (!serializer.WriteValue(isolate->GetCurrentContext(), args[0]).FromMaybe(false)) return;
  std::pair<uint8_t*, size_t> data = serializer.Release();
  v8::Local<v8::ArrayBuffer> buffer = v8::ArrayBuffer::New(isolate, data.second);
  std::memcpy(buffer->Data(), data.first, data.second);
  std::free(data.first);
  args.GetReturnValue().Set(v8::Uint8Array::New(buffer, 0, data.second));
}

void deserialize(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  if (!args[0]->IsArrayBufferView()) return;
  v8::Local<v8::ArrayBufferView> view = args[0].As<v8::ArrayBufferView>();
  auto* data = static_cast<const uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
  v8::ValueDeserializer deserializer(isolate, data, view->ByteLength());
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Value> value;
  if (deserializer.ReadHeader(context).FromMaybe(false) && deserializer.ReadValue(context).ToLocal(&value)) {
    args.GetReturnValue().Set(value);
  }
}

}  // namespace

void init_v8_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "heapStatistics", heap_statistics);
  set_method(context, target, "cachedDataVersionTag", cached_data_version_tag);
  set_method(context, target, "setFlagsFromString", set_flags);
  set_method(context, target, "serialize", serialize);
  set_method(context, target, "deserialize", deserialize);
}

}  // namespace lode::runtime
