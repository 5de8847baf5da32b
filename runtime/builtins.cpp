#include "runtime/builtins.h"

#include <algorithm>

#include "runtime/code_cache.h"
#include "runtime/errors.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

// The embedded text handed to V8 without a copy: it lives as long as the process.
class StaticSource final : public v8::String::ExternalOneByteStringResource {
 public:
  explicit StaticSource(std::string_view text) : text_(text) {}
  const char* data() const override { return text_.data(); }
  size_t length() const override { return text_.size(); }
  void Dispose() override { delete this; }

 private:
  std::string_view text_;
};

}  // namespace

const BuiltinSource* BuiltinLoader::find(std::string_view id) const {
  auto sources = builtin_sources();
  auto it = std::lower_bound(sources.begin(), sources.end(), id,
                             [](const BuiltinSource& source, std::string_view key) { return source.id < key; });
  return it != sources.end() && it->id == id ? &*it : nullptr;
}

std::vector<std::string_view> BuiltinLoader::public_ids() const {
  std::vector<std::string_view> ids;
  for (const BuiltinSource& source : builtin_sources()) {
    if (!source.id.starts_with("internal/")) ids.push_back(source.id);
  }
  return ids;
}

bool is_builtin_module_name(const BuiltinLoader& loader, std::string_view name, bool) {
  return !name.starts_with("internal/") && loader.find(name) != nullptr;
}

v8::MaybeLocal<v8::Function> BuiltinLoader::compile(std::string_view id, std::span<const std::string_view> parameters) {
  v8::Isolate* isolate = runtime_.isolate();
  v8::EscapableHandleScope scope(isolate);
  v8::Local<v8::Context> context = runtime_.context();
  const BuiltinSource* builtin = find(id);
  if (!builtin) {
    throw_error(isolate, ErrorType::kError, "ERR_UNKNOWN_BUILTIN_MODULE",
                "No such built-in module: " + std::string(id));
    return {};
  }
  v8::Local<v8::String> text;
  if (!v8::String::NewExternalOneByte(isolate, new StaticSource(builtin->source)).ToLocal(&text)) return {};
  std::string key = "builtin:" + std::string(id);
  v8::ScriptOrigin origin(isolate, to_v8(isolate, "node:" + std::string(id)));
  CodeCache& cache = runtime_.code_cache();
  std::unique_ptr<v8::ScriptCompiler::CachedData> cached = cache.load(key, builtin->hash);
  bool consuming = cached != nullptr;
  v8::ScriptCompiler::Source source(text, origin, cached.release());
  std::vector<v8::Local<v8::String>> names;
  for (std::string_view name : parameters) names.push_back(to_v8(isolate, name, true));
  v8::Local<v8::Function> function;
  if (!v8::ScriptCompiler::CompileFunction(context, &source, names.size(), names.data(), 0, nullptr,
                                           consuming ? v8::ScriptCompiler::kConsumeCodeCache
                                                     : v8::ScriptCompiler::kNoCompileOptions)
           .ToLocal(&function)) {
    return {};
  }
  if (!consuming || source.GetCachedData()->rejected) cache.remember(key, builtin->hash, isolate, function);
  return scope.Escape(function);
}

}  // namespace lode::runtime
