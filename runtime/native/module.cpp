// internalBinding('module'): the CommonJS loader's native half: resolution through
// resolver::ModuleResolver (Node's algorithm, answered with Node's error codes), reading
// a module's source with a signature of the file for the code cache, and compiling a
// module body with ScriptCompiler::CompileFunction so positions in stack traces are the
// file's own.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resolver/module_resolver.h"
#include "runtime/code_cache.h"
#include "runtime/errors.h"
#include "runtime/fs_ops.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/text.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

// A resolution as JavaScript sees it: the file's path, "node:<name>" for a built-in, or
// [code, message, path] for a failure (the JavaScript side builds Node's error from it).
v8::Local<v8::Value> to_js(v8::Isolate* isolate, const resolver::ResolveResult<resolver::ResolvedModule>& result) {
  if (!result) {
    v8::Local<v8::Value> parts[] = {to_v8(isolate, result.error().code), to_v8(isolate, result.error().message),
                                    to_v8(isolate, result.error().path)};
    return v8::Array::New(isolate, parts, 3);
  }
  if (result->is_builtin()) return to_v8(isolate, "node:" + result->builtin);
  return to_v8(isolate, result->path.string() + result->suffix);
}

void resolve_require(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime& runtime = Runtime::from(args);
  std::string request = string_arg(args, 0);
  fs::path parent = string_arg(args, 1);
  if (args[2]->IsArray()) {
    v8::Local<v8::Array> array = args[2].As<v8::Array>();
    std::vector<fs::path> bases;
    v8::Local<v8::Context> context = args.GetIsolate()->GetCurrentContext();
    for (uint32_t i = 0; i < array->Length(); ++i) {
      v8::Local<v8::Value> item;
      if (array->Get(context, i).ToLocal(&item)) bases.emplace_back(to_utf8(args.GetIsolate(), item));
    }
    args.GetReturnValue().Set(to_js(args.GetIsolate(), runtime.resolver().resolve_require_with_paths(request, parent, bases)));
    return;
  }
  args.GetReturnValue().Set(to_js(args.GetIsolate(), runtime.resolver().resolve_require(request, parent)));
}

void resolve_main(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime& runtime = Runtime::from(args);
  auto main = runtime.resolver().resolve_main(string_arg(args, 0));
  if (main) {
    args.GetReturnValue().Set(to_v8(args.GetIsolate(), main->string()));
  } else {
    args.GetReturnValue().Set(to_js(args.GetIsolate(), std::unexpected(main.error())));
  }
}

void resolve_import(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime& runtime = Runtime::from(args);
  args.GetReturnValue().Set(to_js(args.GetIsolate(), runtime.resolver().resolve_import(string_arg(args, 0), string_arg(args, 1))));
}

void is_module_scope(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(Runtime::from(args).resolver().in_module_scope(string_arg(args, 0)));
}

// readSource(filename) → [text, signature]: the file as UTF-8 text and a signature of
// its state before reading (inode, size, change times) that keys its code cache entry.
void read_source(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  std::string filename = string_arg(args, 0);
  fsops::FsResult opened = fsops::open(filename, O_RDONLY, 0);
  if (opened.err != 0) return throw_uv_error(isolate, opened.err, "open", filename);
  int fd = static_cast<int>(opened.number);
  fsops::FsResult info = fsops::fstat(fd);
  fsops::FsResult content = fsops::read_file({}, fd, 0);
  fsops::close(fd);
  if (content.err != 0) return throw_uv_error(isolate, content.err, "read", filename);
  const uv_stat_t& s = info.stat;
  std::string signature = std::to_string(s.st_ino) + ":" + std::to_string(s.st_size) + ":" +
                          std::to_string(s.st_mtim.tv_sec) + "." + std::to_string(s.st_mtim.tv_nsec) + ":" +
                          std::to_string(s.st_ctim.tv_sec) + "." + std::to_string(s.st_ctim.tv_nsec);
  v8::Local<v8::String> text;
  if (!string_from_utf8(isolate, std::move(content.data)).ToLocal(&text)) {
    return throw_error(isolate, ErrorType::kRangeError, "ERR_STRING_TOO_LONG", "Cannot create a string longer than V8 allows");
  }
  v8::Local<v8::Value> parts[] = {text, to_v8(isolate, info.err == 0 ? signature : std::string())};
  args.GetReturnValue().Set(v8::Array::New(isolate, parts, 2));
}

// compileFunction(source, filename, signature?) → function (exports, require, module,
// __filename, __dirname). With a signature, the code cache is used and fed.
void compile_function(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  Runtime& runtime = Runtime::from(args);
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  if (!args[0]->IsString()) return throw_error(isolate, ErrorType::kTypeError, "ERR_INVALID_ARG_TYPE", "The source must be a string");
  std::string filename = string_arg(args, 1);
  std::string signature = args[2]->IsString() ? to_utf8(isolate, args[2]) : std::string();
  CodeCache& cache = runtime.code_cache();
  std::string key = "cjs:" + filename;
  uint64_t hash = CodeCache::hash(signature);
  std::unique_ptr<v8::ScriptCompiler::CachedData> cached;
  if (!signature.empty()) cached = cache.load(key, hash);
  bool consuming = cached != nullptr;
  v8::ScriptOrigin origin(isolate, to_v8(isolate, filename));
  v8::ScriptCompiler::Source source(args[0].As<v8::String>(), origin, cached.release());
  v8::Local<v8::String> parameters[] = {to_v8(isolate, "exports", true), to_v8(isolate, "require", true),
                                        to_v8(isolate, "module", true), to_v8(isolate, "__filename", true),
                                        to_v8(isolate, "__dirname", true)};
  v8::Local<v8::Function> function;
  v8::TryCatch try_catch(isolate);
  if (!v8::ScriptCompiler::CompileFunction(context, &source, std::size(parameters), parameters, 0, nullptr,
                                           consuming ? v8::ScriptCompiler::kConsumeCodeCache
                                                     : v8::ScriptCompiler::kNoCompileOptions)
           .ToLocal(&function)) {
    if (try_catch.CanContinue()) {
      // A syntax error is reported at its own line, wherever it is finally caught.
      remember_error_arrow(isolate, context, try_catch.Exception(), try_catch.Message());
      try_catch.ReThrow();
    }
    return;
  }
  if (!signature.empty() && (!consuming || source.GetCachedData()->rejected)) {
    cache.remember(key, hash, isolate, function);
  }
  args.GetReturnValue().Set(function);
}

}  // namespace

void init_module_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "resolveRequire", resolve_require);
  set_method(context, target, "resolveMain", resolve_main);
  set_method(context, target, "resolveImport", resolve_import);
  set_method(context, target, "isModuleScope", is_module_scope);
  set_method(context, target, "readSource", read_source);
  set_method(context, target, "compileFunction", compile_function);
}

}  // namespace lode::runtime
