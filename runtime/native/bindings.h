// The native half of the built-in modules: flat objects of functions that the JavaScript
// in runtime/js reaches through internalBinding(name). One binding per file in this
// folder; the table in registry.cpp names them all.
#pragma once

#include <v8.h>

#include <string_view>

namespace lode::runtime {

class Runtime;

// Fills `target` with the binding's functions and values.
using BindingInit = void (*)(Runtime& runtime, v8::Local<v8::Context> context, v8::Local<v8::Object> target);

struct BindingEntry {
  std::string_view name;
  BindingInit init;
};

// The binding called `name`, or nullptr.
const BindingEntry* find_binding(std::string_view name);

void init_child_process_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_crypto_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_encoding_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_esm_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_fs_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_module_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_os_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_process_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_runtime_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_serdes_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_signals_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_stdio_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_timers_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_v8_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_url_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);
void init_util_binding(Runtime&, v8::Local<v8::Context>, v8::Local<v8::Object>);

}  // namespace lode::runtime
