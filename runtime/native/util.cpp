// internalBinding('util'): what util.inspect and util.types need to see inside values
// that JavaScript cannot: promise state, proxy targets, Map/Set iterator and WeakMap
// entries, constructor names, and V8's brand checks (isDate, isMapIterator, ...).
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

// [state, result]: state 0 pending, 1 fulfilled, 2 rejected (v8::Promise::PromiseState).
void get_promise_details(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsPromise()) return;
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Promise> promise = args[0].As<v8::Promise>();
  int state = promise->State();
  v8::Local<v8::Value> values[] = {v8::Integer::New(isolate, state),
                                   state == v8::Promise::kPending ? v8::Undefined(isolate).As<v8::Value>()
                                                                  : promise->Result()};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

// [target, handler], or the target alone when the second argument is false.
void get_proxy_details(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsProxy()) return;
  v8::Isolate* isolate = args.GetIsolate();
  v8::Local<v8::Proxy> proxy = args[0].As<v8::Proxy>();
  if (args.Length() > 1 && args[1]->IsFalse()) {
    args.GetReturnValue().Set(proxy->GetTarget());
    return;
  }
  v8::Local<v8::Value> values[] = {proxy->GetTarget(), proxy->GetHandler()};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

// [entries, isKeyValue] for Map/Set iterators and WeakMap/WeakSet.
void preview_entries(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsObject()) return;
  v8::Isolate* isolate = args.GetIsolate();
  bool is_key_value = false;
  v8::Local<v8::Array> entries;
  if (!args[0].As<v8::Object>()->PreviewEntries(&is_key_value).ToLocal(&entries)) return;
  if (args.Length() < 2 || !args[1]->IsTrue()) {
    args.GetReturnValue().Set(entries);
    return;
  }
  v8::Local<v8::Value> values[] = {entries, v8::Boolean::New(isolate, is_key_value)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 2));
}

void get_constructor_name(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsObject()) return;
  args.GetReturnValue().Set(args[0].As<v8::Object>()->GetConstructorName());
}

// Own property keys that are not array indices (strings and symbols), filter 0: all,
// 2: only enumerable (v8::PropertyFilter::ONLY_ENUMERABLE).
void get_own_non_index_properties(const v8::FunctionCallbackInfo<v8::Value>& args) {
  if (!args[0]->IsObject()) return;
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  auto filter = static_cast<v8::PropertyFilter>(static_cast<int>(number_arg(args, 1, 0)));
  v8::Local<v8::Array> keys;
  if (args[0]
          .As<v8::Object>()
          ->GetPropertyNames(context, v8::KeyCollectionMode::kOwnOnly, filter, v8::IndexFilter::kSkipIndices,
                             v8::KeyConversionMode::kKeepNumbers)
          .ToLocal(&keys)) {
    args.GetReturnValue().Set(keys);
  }
}

void is_constructor(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(args[0]->IsFunction() && args[0].As<v8::Function>()->IsConstructor());
}

#define LODE_TYPE_CHECKS(V)                                                                                    \
  V(isExternal, IsExternal) V(isDate, IsDate) V(isArgumentsObject, IsArgumentsObject)                          \
  V(isBigIntObject, IsBigIntObject) V(isBooleanObject, IsBooleanObject) V(isNumberObject, IsNumberObject)      \
  V(isStringObject, IsStringObject) V(isSymbolObject, IsSymbolObject) V(isNativeError, IsNativeError)          \
  V(isRegExp, IsRegExp) V(isAsyncFunction, IsAsyncFunction) V(isGeneratorFunction, IsGeneratorFunction)        \
  V(isGeneratorObject, IsGeneratorObject) V(isPromise, IsPromise) V(isMap, IsMap) V(isSet, IsSet)             \
  V(isMapIterator, IsMapIterator) V(isSetIterator, IsSetIterator) V(isWeakMap, IsWeakMap)                      \
  V(isWeakSet, IsWeakSet) V(isArrayBuffer, IsArrayBuffer) V(isDataView, IsDataView)                            \
  V(isSharedArrayBuffer, IsSharedArrayBuffer) V(isProxy, IsProxy) V(isModuleNamespaceObject, IsModuleNamespaceObject) \
  V(isArrayBufferView, IsArrayBufferView) V(isTypedArray, IsTypedArray) V(isUint8Array, IsUint8Array)          \
  V(isUint8ClampedArray, IsUint8ClampedArray) V(isUint16Array, IsUint16Array) V(isUint32Array, IsUint32Array) \
  V(isInt8Array, IsInt8Array) V(isInt16Array, IsInt16Array) V(isInt32Array, IsInt32Array)                     \
  V(isFloat32Array, IsFloat32Array) V(isFloat64Array, IsFloat64Array) V(isBigInt64Array, IsBigInt64Array)      \
  V(isBigUint64Array, IsBigUint64Array) V(isWasmModuleObject, IsWasmModuleObject)

#define LODE_DEFINE_CHECK(js_name, method)                                     \
  void js_name(const v8::FunctionCallbackInfo<v8::Value>& args) {              \
    args.GetReturnValue().Set(args.Length() > 0 && args[0]->method());         \
  }
LODE_TYPE_CHECKS(LODE_DEFINE_CHECK)
#undef LODE_DEFINE_CHECK

void is_any_array_buffer(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(args[0]->IsArrayBuffer() || args[0]->IsSharedArrayBuffer());
}

void is_boxed_primitive(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Local<v8::Value> v = args[0];
  args.GetReturnValue().Set(v->IsNumberObject() || v->IsStringObject() || v->IsBooleanObject() ||
                            v->IsBigIntObject() || v->IsSymbolObject());
}

}  // namespace

void init_util_binding(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "getPromiseDetails", get_promise_details);
  set_method(context, target, "getProxyDetails", get_proxy_details);
  set_method(context, target, "previewEntries", preview_entries);
  set_method(context, target, "getConstructorName", get_constructor_name);
  set_method(context, target, "getOwnNonIndexProperties", get_own_non_index_properties);
  set_method(context, target, "isConstructor", is_constructor);
  v8::Local<v8::Object> types = v8::Object::New(runtime.isolate());
#define LODE_SET_CHECK(js_name, method) set_method(context, types, #js_name, js_name);
  LODE_TYPE_CHECKS(LODE_SET_CHECK)
#undef LODE_SET_CHECK
  set_method(context, types, "isAnyArrayBuffer", is_any_array_buffer);
  set_method(context, types, "isBoxedPrimitive", is_boxed_primitive);
  set_value(context, target, "types", types);
}

}  // namespace lode::runtime
