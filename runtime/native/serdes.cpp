// internalBinding('serdes'): structuredClone through V8's ValueSerializer, the same
// machinery V8 uses for postMessage: primitives, plain objects, arrays, Date, RegExp,
// Map, Set, ArrayBuffers and their views, errors, circular references. Functions,
// symbols and host objects cannot be cloned; the error carries code ERR_DATA_CLONE and
// runtime/js turns it into a DOMException named DataCloneError.
#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

class CloneDelegate final : public v8::ValueSerializer::Delegate {
 public:
  explicit CloneDelegate(v8::Isolate* isolate) : isolate_(isolate) {}
  void ThrowDataCloneError(v8::Local<v8::String> message) override {
    isolate_->ThrowException(make_error(isolate_, ErrorType::kError, "ERR_DATA_CLONE", to_utf8(isolate_, message)));
  }

 private:
  v8::Isolate* isolate_;
};

void structured_clone(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  CloneDelegate delegate(isolate);
  v8::ValueSerializer serializer(isolate, &delegate);
  serializer.WriteHeader();
  bool ok = false;
  if (!serializer.WriteValue(context, args[0]).To(&ok) || !ok) return;
  std::pair<uint8_t*, size_t> data = serializer.Release();
  v8::ValueDeserializer deserializer(isolate, data.first, data.second);
  v8::Local<v8::Value> copy;
  if (deserializer.ReadHeader(context).FromMaybe(false) && deserializer.ReadValue(context).ToLocal(&copy)) {
    args.GetReturnValue().Set(copy);
  }
  std::free(data.first);
}

}  // namespace

void init_serdes_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "structuredClone", structured_clone);
}

}  // namespace lode::runtime
