// Small conversions every runtime file needs between C++ and V8 values: strings in both
// directions, setting functions and values on objects, reading arguments. Header-only,
// so it stays cheap to include next to the V8 headers themselves.
#pragma once

#include <v8.h>

#include <string>
#include <string_view>

namespace lode::runtime {

// A V8 string from UTF-8 (internalized when `internalize`); an empty string if V8 refuses
// (over its length limit), which callers treat as a thrown RangeError.
inline v8::Local<v8::String> to_v8(v8::Isolate* isolate, std::string_view text, bool internalize = false) {
  v8::Local<v8::String> out;
  if (!v8::String::NewFromUtf8(isolate, text.data(),
                               internalize ? v8::NewStringType::kInternalized : v8::NewStringType::kNormal,
                               static_cast<int>(text.size()))
           .ToLocal(&out)) {
    return v8::String::Empty(isolate);
  }
  return out;
}

// The UTF-8 text of any value (ToString semantics); "" when conversion throws.
inline std::string to_utf8(v8::Isolate* isolate, v8::Local<v8::Value> value) {
  if (value.IsEmpty()) return {};
  v8::String::Utf8Value text(isolate, value);
  return *text ? std::string(*text, static_cast<size_t>(text.length())) : std::string();
}

inline void set_value(v8::Local<v8::Context> context, v8::Local<v8::Object> target, std::string_view name,
                      v8::Local<v8::Value> value) {
  target->Set(context, to_v8(context->GetIsolate(), name, true), value).Check();
}

// Installs `callback` as a method named `name`; `data` is passed to every call.
inline void set_method(v8::Local<v8::Context> context, v8::Local<v8::Object> target, std::string_view name,
                       v8::FunctionCallback callback, v8::Local<v8::Value> data = {}) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::String> key = to_v8(isolate, name, true);
  v8::Local<v8::Function> function =
      v8::Function::New(context, callback, data, 0, v8::ConstructorBehavior::kThrow).ToLocalChecked();
  function->SetName(key);
  target->Set(context, key, function).Check();
}

// Discards a V8 result whose failure needs no handling (a pending exception stays
// pending); GCC does not let a (void) cast silence V8_WARN_UNUSED_RESULT.
template <class T>
inline void ignore_result(T&&) {}

inline double number_arg(const v8::FunctionCallbackInfo<v8::Value>& args, int index, double fallback = 0) {
  if (args.Length() <= index || !args[index]->IsNumber()) return fallback;
  return args[index].As<v8::Number>()->Value();
}

inline std::string string_arg(const v8::FunctionCallbackInfo<v8::Value>& args, int index) {
  if (args.Length() <= index) return {};
  return to_utf8(args.GetIsolate(), args[index]);
}

}  // namespace lode::runtime
