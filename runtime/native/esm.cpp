// internalBinding('esm'): the JavaScript face of runtime/esm_loader: running an ES module
// as the main entry, import() from built-in code, import.meta.resolve-style resolution
// and the file URL of a path.
#include "runtime/esm_loader.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

void run_main(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  args.GetReturnValue().Set(Runtime::from(args).esm().run_main(context, string_arg(args, 0)));
}

// importModule(specifier, referrer) → promise of the namespace.
void import_module(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  args.GetReturnValue().Set(
      Runtime::from(args).esm().import(context, string_arg(args, 0), string_arg(args, 1), v8::Local<v8::FixedArray>()));
}

void resolve(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  v8::Local<v8::String> url;
  if (Runtime::from(args).esm().resolve_to_url(context, string_arg(args, 0), string_arg(args, 1)).ToLocal(&url)) {
    args.GetReturnValue().Set(url);
  }
}

void require_module(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
  v8::Local<v8::Value> exports;
  if (Runtime::from(args).esm().require_module(context, string_arg(args, 0)).ToLocal(&exports)) {
    args.GetReturnValue().Set(exports);
  }
}

void path_to_url(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(to_v8(args.GetIsolate(), path_to_file_url(string_arg(args, 0))));
}

}  // namespace

void init_esm_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "runMain", run_main);
  set_method(context, target, "importModule", import_module);
  set_method(context, target, "resolve", resolve);
  set_method(context, target, "requireModule", require_module);
  set_method(context, target, "pathToFileURL", path_to_url);
}

}  // namespace lode::runtime
