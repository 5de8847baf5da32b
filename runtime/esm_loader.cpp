#include "runtime/esm_loader.h"

#include <fcntl.h>

#include "resolver/module_resolver.h"
#include "resolver/package_exports.h"
#include "runtime/cjs_lexer.h"
#include "runtime/code_cache.h"
#include "runtime/errors.h"
#include "runtime/fs_ops.h"
#include "runtime/runtime.h"
#include "runtime/text.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

// The value of the `type` import assertion in `assertions` ("" when absent). Assertions
// from a module request carry a source offset after each key/value pair.
std::string assertion_type(v8::Local<v8::Context> context, v8::Local<v8::FixedArray> assertions, bool with_offsets) {
  if (assertions.IsEmpty()) return {};
  v8::Isolate* isolate = context->GetIsolate();
  int step = with_offsets ? 3 : 2;
  for (int i = 0; i + 1 < assertions->Length(); i += step) {
    v8::Local<v8::Value> key = assertions->Get(context, i).As<v8::Value>();
    if (to_utf8(isolate, key) == "type") return to_utf8(isolate, assertions->Get(context, i + 1).As<v8::Value>());
  }
  return {};
}

void throw_resolve_error(v8::Isolate* isolate, const resolver::ResolveError& error) {
  bool type_error = error.code == "ERR_INVALID_MODULE_SPECIFIER" || error.code == "ERR_PACKAGE_IMPORT_NOT_DEFINED" ||
                    error.code == "ERR_UNKNOWN_FILE_EXTENSION" || error.code == "ERR_INVALID_ARG_VALUE";
  throw_error(isolate, type_error ? ErrorType::kTypeError : ErrorType::kError, error.code, error.message);
}

// "data:[<media type>][;base64],<data>" → media type and decoded body.
bool parse_data_url(std::string_view url, std::string& media_type, std::string& body) {
  size_t comma = url.find(',');
  if (!url.starts_with("data:") || comma == std::string_view::npos) return false;
  std::string_view header = url.substr(5, comma - 5);
  std::string_view data = url.substr(comma + 1);
  bool base64 = header.ends_with(";base64");
  if (base64) header.remove_suffix(7);
  media_type = std::string(header.substr(0, header.find(';')));
  std::string decoded = resolver::percent_decode(data);
  if (!base64) {
    body = std::move(decoded);
    return true;
  }
  uint32_t accumulator = 0;
  int bits = 0;
  for (char c : decoded) {
    int value;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    else continue;
    accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      body += static_cast<char>((accumulator >> bits) & 0xff);
    }
  }
  return true;
}

v8::Local<v8::Promise> rejected(v8::Local<v8::Context> context, v8::Local<v8::Value> reason) {
  v8::Local<v8::Promise::Resolver> resolver = v8::Promise::Resolver::New(context).ToLocalChecked();
  ignore_result(resolver->Reject(context, reason));
  return resolver->GetPromise();
}

v8::Local<v8::Promise> pending(v8::Local<v8::Context> context) {
  return v8::Promise::Resolver::New(context).ToLocalChecked()->GetPromise();
}

std::string file_signature(int fd) {
  fsops::FsResult info = fsops::fstat(fd);
  if (info.err != 0) return {};
  const uv_stat_t& s = info.stat;
  return std::to_string(s.st_ino) + ":" + std::to_string(s.st_size) + ":" + std::to_string(s.st_mtim.tv_sec) + "." +
         std::to_string(s.st_mtim.tv_nsec) + ":" + std::to_string(s.st_ctim.tv_sec) + "." +
         std::to_string(s.st_ctim.tv_nsec);
}

}  // namespace

std::string path_to_file_url(const fs::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (char ch : path.string()) {
    auto c = static_cast<unsigned char>(ch);
    bool encode = c < 0x21 || c >= 0x7f || c == '"' || c == '#' || c == '<' || c == '>' || c == '?' || c == '`' ||
                  c == '{' || c == '}' || c == '%' || c == '\\';
    if (encode) {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 0xf];
    } else {
      url += static_cast<char>(c);
    }
  }
  return url;
}

EsmLoader::EsmLoader(Runtime& runtime) : runtime_(runtime) {
  v8::Isolate* isolate = runtime.isolate();
  isolate->SetHostImportModuleDynamicallyCallback(import_callback);
  isolate->SetHostInitializeImportMetaObjectCallback(import_meta_callback);
}

EsmLoader::~EsmLoader() = default;

fs::path EsmLoader::referrer_path(std::string_view referrer) const {
  if (referrer.starts_with("file://")) {
    std::string_view rest = referrer.substr(7);
    if (size_t slash = rest.find('/'); slash != std::string_view::npos) rest = rest.substr(slash);
    return fs::path(resolver::percent_decode(rest.substr(0, rest.find_first_of("?#"))));
  }
  if (referrer.starts_with("/")) return fs::path(referrer);
  return runtime_.options().cwd / (referrer.empty() ? "[eval]" : std::string(referrer));
}

EsmLoader::Record* EsmLoader::find(v8::Local<v8::Module> module) const {
  auto [begin, end] = by_hash_.equal_range(module->GetIdentityHash());
  v8::Isolate* isolate = runtime_.isolate();
  for (auto it = begin; it != end; ++it) {
    if (it->second->module.Get(isolate) == module) return it->second;
  }
  return nullptr;
}

EsmLoader::Record* EsmLoader::load(v8::Local<v8::Context> context, std::string_view specifier,
                                   std::string_view referrer_path, std::string_view assertion) {
  v8::Isolate* isolate = context->GetIsolate();
  std::string url;
  fs::path path;
  std::string builtin;
  if (specifier.starts_with("data:")) {
    url = std::string(specifier);
  } else {
    auto resolved = runtime_.resolver().resolve_import(specifier, fs::path(referrer_path));
    if (!resolved) {
      throw_resolve_error(isolate, resolved.error());
      return nullptr;
    }
    if (resolved->is_builtin()) {
      builtin = resolved->builtin;
      url = "node:" + builtin;
    } else {
      path = resolved->path;
      url = path_to_file_url(path) + resolved->suffix;
    }
  }
  Record* record;
  if (auto it = records_.find(url); it != records_.end()) {
    record = it->second.get();
  } else {
    record = create(context, url, path, builtin, assertion);
    if (!record) return nullptr;
  }
  if (assertion != "" && assertion != "json") {
    throw_error(isolate, ErrorType::kTypeError, "ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED",
                "Import assertion type \"" + std::string(assertion) + "\" is unsupported");
    return nullptr;
  }
  if (record->kind == Kind::kJson && assertion != "json") {
    throw_error(isolate, ErrorType::kTypeError, "ERR_IMPORT_ASSERTION_TYPE_MISSING",
                "Module \"" + url + "\" needs an import assertion of type \"json\"");
    return nullptr;
  }
  if (record->kind != Kind::kJson && assertion == "json") {
    throw_error(isolate, ErrorType::kTypeError, "ERR_IMPORT_ASSERTION_TYPE_FAILED",
                "Module \"" + url + "\" is not of type \"json\"");
    return nullptr;
  }
  return record;
}

EsmLoader::Record* EsmLoader::create(v8::Local<v8::Context> context, const std::string& url, const fs::path& path,
                                     std::string builtin, std::string_view) {
  v8::Isolate* isolate = context->GetIsolate();
  auto owned = std::make_unique<Record>();
  Record& record = *owned;
  record.url = url;
  record.path = path;
  std::string source_text;
  std::string signature;

  if (!builtin.empty()) {
    record.kind = Kind::kBuiltin;
    record.builtin = builtin;
    v8::Local<v8::Value> arg = to_v8(isolate, "node:" + builtin);
    v8::Local<v8::Value> exports;
    if (!runtime_.hook(Hook::kLoadForImport)->Call(context, v8::Undefined(isolate), 1, &arg).ToLocal(&exports)) {
      return nullptr;
    }
    if (exports->IsObject()) {
      record.builtin_exports.Reset(isolate, exports.As<v8::Object>());
      v8::Local<v8::Array> keys;
      if (exports.As<v8::Object>()->GetOwnPropertyNames(context).ToLocal(&keys)) {
        for (uint32_t i = 0; i < keys->Length(); ++i) {
          std::string name = to_utf8(isolate, keys->Get(context, i).ToLocalChecked());
          if (name != "default") record.export_names.push_back(name);
        }
      }
    }
  } else if (url.starts_with("data:")) {
    std::string media_type;
    if (!parse_data_url(url, media_type, source_text)) {
      throw_error(isolate, ErrorType::kTypeError, "ERR_INVALID_URL", "Invalid URL");
      return nullptr;
    }
    if (media_type == "application/json") {
      record.kind = Kind::kJson;
      record.source = std::move(source_text);
    } else if (media_type == "text/javascript") {
      record.kind = Kind::kSourceText;
    } else {
      throw_error(isolate, ErrorType::kTypeError, "ERR_UNKNOWN_MODULE_FORMAT",
                  "Unknown module format: " + media_type + " for URL " + url);
      return nullptr;
    }
  } else {
    auto format = runtime_.resolver().import_format(path);
    if (!format) {
      throw_resolve_error(isolate, format.error());
      return nullptr;
    }
    if (*format == resolver::ModuleFormat::kAddon) {
      throw_error(isolate, ErrorType::kError, "ERR_DLOPEN_FAILED",
                  "lode cannot load native addons (" + path.string() + ")");
      return nullptr;
    }
    if (*format == resolver::ModuleFormat::kCommonJs) {
      record.kind = Kind::kCommonJs;
      std::vector<fs::path> seen;
      collect_cjs_names(path, record.export_names, seen);
    } else {
      fsops::FsResult opened = fsops::open(path.string(), O_RDONLY, 0);
      if (opened.err != 0) {
        throw_uv_error(isolate, opened.err, "open", path.string());
        return nullptr;
      }
      int fd = static_cast<int>(opened.number);
      signature = file_signature(fd);
      fsops::FsResult content = fsops::read_file({}, fd, 0);
      fsops::close(fd);
      if (content.err != 0) {
        throw_uv_error(isolate, content.err, "read", path.string());
        return nullptr;
      }
      if (*format == resolver::ModuleFormat::kJson) {
        record.kind = Kind::kJson;
        record.source = std::move(content.data);
      } else {
        record.kind = Kind::kSourceText;
        source_text = std::move(content.data);
      }
    }
  }

  if (record.kind == Kind::kSourceText) {
    if (!compile_source_text(context, record, std::move(source_text), signature)) return nullptr;
  } else {
    std::vector<v8::Local<v8::String>> names = {to_v8(isolate, "default", true)};
    for (const std::string& name : record.export_names) names.push_back(to_v8(isolate, name, true));
    v8::Local<v8::Module> module =
        v8::Module::CreateSyntheticModule(isolate, to_v8(isolate, url), names, evaluate_synthetic);
    record.module.Reset(isolate, module);
  }
  by_hash_.emplace(record.module.Get(isolate)->GetIdentityHash(), &record);
  records_.emplace(url, std::move(owned));
  // Dependencies load after this record is known, so cycles find it. A record whose
  // dependencies fail is forgotten, so a later import tries again.
  if (record.kind == Kind::kSourceText && !link_requests(context, record)) {
    auto [begin, end] = by_hash_.equal_range(record.module.Get(isolate)->GetIdentityHash());
    for (auto it = begin; it != end; ++it) {
      if (it->second == &record) {
        by_hash_.erase(it);
        break;
      }
    }
    records_.erase(url);
    return nullptr;
  }
  return &record;
}

bool EsmLoader::compile_source_text(v8::Local<v8::Context> context, Record& record, std::string&& source_text,
                                    const std::string& signature) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::String> text;
  if (!string_from_utf8(isolate, std::move(source_text)).ToLocal(&text)) {
    throw_error(isolate, ErrorType::kRangeError, "ERR_STRING_TOO_LONG", "The module is too large: " + record.url);
    return false;
  }
  v8::ScriptOrigin origin(isolate, to_v8(isolate, record.url), 0, 0, false, -1, {}, false, false, true);
  CodeCache& cache = runtime_.code_cache();
  std::string key = "esm:" + record.url;
  uint64_t hash = CodeCache::hash(signature);
  std::unique_ptr<v8::ScriptCompiler::CachedData> cached;
  if (!signature.empty()) cached = cache.load(key, hash);
  bool consuming = cached != nullptr;
  v8::ScriptCompiler::Source source(text, origin, cached.release());
  v8::TryCatch try_catch(isolate);
  v8::Local<v8::Module> module;
  if (!v8::ScriptCompiler::CompileModule(isolate, &source,
                                         consuming ? v8::ScriptCompiler::kConsumeCodeCache
                                                   : v8::ScriptCompiler::kNoCompileOptions)
           .ToLocal(&module)) {
    if (try_catch.CanContinue()) {
      remember_error_arrow(isolate, context, try_catch.Exception(), try_catch.Message());
      try_catch.ReThrow();
    }
    return false;
  }
  if (!signature.empty() && (!consuming || source.GetCachedData()->rejected)) {
    cache.remember(key, hash, isolate, module->GetUnboundModuleScript());
  }
  record.module.Reset(isolate, module);
  return true;
}

bool EsmLoader::link_requests(v8::Local<v8::Context> context, Record& record) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::Local<v8::Module> module = record.module.Get(isolate);
  v8::Local<v8::FixedArray> requests = module->GetModuleRequests();
  std::string base = record.path.empty() ? referrer_path("").string() : record.path.string();
  for (int i = 0; i < requests->Length(); ++i) {
    v8::Local<v8::ModuleRequest> request = requests->Get(context, i).As<v8::ModuleRequest>();
    std::string specifier = to_utf8(isolate, request->GetSpecifier());
    std::string type = assertion_type(context, request->GetImportAssertions(), true);
    Record* dependency = load(context, specifier, base, type);
    if (!dependency) return false;
    record.requests[specifier] = dependency;
  }
  return true;
}

void EsmLoader::collect_cjs_names(const fs::path& path, std::vector<std::string>& names, std::vector<fs::path>& seen) {
  if (std::find(seen.begin(), seen.end(), path) != seen.end() || seen.size() > 64) return;
  seen.push_back(path);
  fsops::FsResult content = fsops::read_file(path.string(), -1, O_RDONLY);
  if (content.err != 0) return;
  CjsExports found = analyze_cjs_exports(content.data);
  for (std::string& name : found.names) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  for (const std::string& specifier : found.reexports) {
    auto resolved = runtime_.resolver().resolve_require(specifier, path);
    if (!resolved || resolved->is_builtin()) continue;
    auto format = runtime_.resolver().import_format(resolved->path);
    if (format && *format == resolver::ModuleFormat::kCommonJs) collect_cjs_names(resolved->path, names, seen);
  }
}

v8::MaybeLocal<v8::Promise> EsmLoader::instantiate_and_evaluate(v8::Local<v8::Context> context, Record& record) {
  v8::Local<v8::Module> module = record.module.Get(context->GetIsolate());
  if (module->GetStatus() == v8::Module::kUninstantiated &&
      !module->InstantiateModule(context, resolve_callback).FromMaybe(false)) {
    return {};
  }
  v8::Local<v8::Value> result;
  if (!module->Evaluate(context).ToLocal(&result)) return {};
  if (!result->IsPromise()) {
    v8::Local<v8::Promise::Resolver> resolver = v8::Promise::Resolver::New(context).ToLocalChecked();
    ignore_result(resolver->Resolve(context, result));
    return resolver->GetPromise();
  }
  return result.As<v8::Promise>();
}

v8::Local<v8::Promise> EsmLoader::import(v8::Local<v8::Context> context, std::string_view specifier,
                                         std::string_view referrer, v8::Local<v8::FixedArray> assertions) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  v8::TryCatch try_catch(isolate);
  std::string type = assertion_type(context, assertions, false);
  Record* record = load(context, specifier, referrer_path(referrer).string(), type);
  v8::Local<v8::Promise> evaluation;
  if (!record || !instantiate_and_evaluate(context, *record).ToLocal(&evaluation)) {
    if (!try_catch.CanContinue() || !try_catch.HasCaught()) return scope.Escape(pending(context));
    return scope.Escape(rejected(context, try_catch.Exception()));
  }
  v8::Local<v8::External> data = v8::External::New(isolate, record);
  v8::Local<v8::Function> to_namespace =
      v8::Function::New(
          context,
          [](const v8::FunctionCallbackInfo<v8::Value>& info) {
            auto* target = static_cast<Record*>(info.Data().As<v8::External>()->Value());
            info.GetReturnValue().Set(target->module.Get(info.GetIsolate())->GetModuleNamespace());
          },
          data)
          .ToLocalChecked();
  v8::Local<v8::Promise> chained;
  if (!evaluation->Then(context, to_namespace).ToLocal(&chained)) return scope.Escape(pending(context));
  return scope.Escape(chained);
}

v8::Local<v8::Promise> EsmLoader::run_main(v8::Local<v8::Context> context, const fs::path& path) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  v8::TryCatch try_catch(isolate);
  std::string url = path_to_file_url(path);
  Record* record = load(context, url, path.string(), "");
  v8::Local<v8::Promise> evaluation;
  if (!record || !instantiate_and_evaluate(context, *record).ToLocal(&evaluation)) {
    if (!try_catch.CanContinue() || !try_catch.HasCaught()) return scope.Escape(pending(context));
    remember_error_arrow(isolate, context, try_catch.Exception(), try_catch.Message());
    return scope.Escape(rejected(context, try_catch.Exception()));
  }
  return scope.Escape(evaluation);
}

v8::MaybeLocal<v8::Value> EsmLoader::require_module(v8::Local<v8::Context> context, const fs::path& path) {
  v8::Isolate* isolate = context->GetIsolate();
  v8::EscapableHandleScope scope(isolate);
  Record* record = load(context, path_to_file_url(path), path.string(), "");
  if (!record) return {};
  v8::Local<v8::Module> module = record->module.Get(isolate);
  if (module->GetStatus() == v8::Module::kEvaluating) {
    throw_error(isolate, ErrorType::kError, "ERR_REQUIRE_CYCLE_MODULE",
                "Cannot require() ES Module " + path.string() + " in a cycle.");
    return {};
  }
  if (module->GetStatus() == v8::Module::kUninstantiated &&
      !module->InstantiateModule(context, resolve_callback).FromMaybe(false)) {
    return {};
  }
  if (module->IsGraphAsync()) {
    throw_error(isolate, ErrorType::kError, "ERR_REQUIRE_ASYNC_MODULE",
                "require() cannot be used on an ESM graph with top-level await. Use import() instead.");
    return {};
  }
  v8::Local<v8::Value> result;
  if (!module->Evaluate(context).ToLocal(&result)) return {};
  if (result->IsPromise() && result.As<v8::Promise>()->State() == v8::Promise::kRejected) {
    isolate->ThrowException(result.As<v8::Promise>()->Result());
    return {};
  }
  v8::Local<v8::Object> ns = module->GetModuleNamespace().As<v8::Object>();
  v8::Local<v8::String> key = to_v8(isolate, "module.exports", true);
  if (ns->HasOwnProperty(context, key).FromMaybe(false)) {
    v8::Local<v8::Value> value;
    if (ns->Get(context, key).ToLocal(&value)) return scope.Escape(value);
  }
  return scope.Escape(ns);
}

v8::MaybeLocal<v8::String> EsmLoader::resolve_to_url(v8::Local<v8::Context> context, std::string_view specifier,
                                                     std::string_view referrer) {
  v8::Isolate* isolate = context->GetIsolate();
  if (specifier.starts_with("data:")) return to_v8(isolate, specifier);
  auto resolved = runtime_.resolver().resolve_import(specifier, referrer_path(referrer));
  if (!resolved) {
    // As Node: a file that does not exist still has a URL (a missing package has none).
    if (resolved.error().code == "ERR_MODULE_NOT_FOUND" && !resolved.error().path.empty() &&
        resolved.error().message.starts_with("Cannot find module")) {
      return to_v8(isolate, path_to_file_url(resolved.error().path));
    }
    throw_resolve_error(isolate, resolved.error());
    return {};
  }
  if (resolved->is_builtin()) return to_v8(isolate, "node:" + resolved->builtin);
  return to_v8(isolate, path_to_file_url(resolved->path) + resolved->suffix);
}

v8::MaybeLocal<v8::Module> EsmLoader::resolve_callback(v8::Local<v8::Context> context, v8::Local<v8::String> specifier,
                                                       v8::Local<v8::FixedArray>, v8::Local<v8::Module> referrer) {
  v8::Isolate* isolate = context->GetIsolate();
  EsmLoader& self = Runtime::from(isolate).esm();
  Record* record = self.find(referrer);
  std::string name = to_utf8(isolate, specifier);
  if (record) {
    if (auto it = record->requests.find(name); it != record->requests.end()) return it->second->module.Get(isolate);
  }
  throw_error(isolate, ErrorType::kError, "ERR_MODULE_NOT_FOUND", "Cannot link module '" + name + "'");
  return {};
}

v8::MaybeLocal<v8::Value> EsmLoader::evaluate_synthetic(v8::Local<v8::Context> context, v8::Local<v8::Module> module) {
  v8::Isolate* isolate = context->GetIsolate();
  Runtime& runtime = Runtime::from(isolate);
  Record* record = runtime.esm().find(module);
  if (!record) return {};
  v8::Local<v8::Value> exports;
  if (record->kind == Kind::kJson) {
    if (!v8::JSON::Parse(context, to_v8(isolate, record->source)).ToLocal(&exports)) return {};
  } else if (record->kind == Kind::kBuiltin) {
    exports = record->builtin_exports.Get(isolate);
  } else {
    v8::Local<v8::Value> arg = to_v8(isolate, record->path.string());
    if (!runtime.hook(Hook::kLoadForImport)->Call(context, v8::Undefined(isolate), 1, &arg).ToLocal(&exports)) return {};
  }
  if (module->SetSyntheticModuleExport(isolate, to_v8(isolate, "default", true), exports).IsNothing()) return {};
  if (record->kind != Kind::kJson && exports->IsObject()) {
    v8::Local<v8::Object> object = exports.As<v8::Object>();
    for (const std::string& name : record->export_names) {
      v8::Local<v8::String> key = to_v8(isolate, name, true);
      v8::Local<v8::Value> value = v8::Undefined(isolate);
      if (object->HasOwnProperty(context, key).FromMaybe(false)) {
        v8::TryCatch ignore(isolate);  // a throwing getter exports undefined, as in Node
        if (!object->Get(context, key).ToLocal(&value)) value = v8::Undefined(isolate);
      }
      if (module->SetSyntheticModuleExport(isolate, key, value).IsNothing()) return {};
    }
  }
  v8::Local<v8::Promise::Resolver> resolver;
  if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
  ignore_result(resolver->Resolve(context, v8::Undefined(isolate)));
  return resolver->GetPromise();
}

v8::MaybeLocal<v8::Promise> EsmLoader::import_callback(v8::Local<v8::Context> context, v8::Local<v8::Data>,
                                                       v8::Local<v8::Value> resource_name,
                                                       v8::Local<v8::String> specifier,
                                                       v8::Local<v8::FixedArray> assertions) {
  v8::Isolate* isolate = context->GetIsolate();
  std::string referrer = resource_name.IsEmpty() || resource_name->IsUndefined() ? std::string()
                                                                                   : to_utf8(isolate, resource_name);
  return Runtime::from(isolate).esm().import(context, to_utf8(isolate, specifier), referrer, assertions);
}

void EsmLoader::import_meta_callback(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                                     v8::Local<v8::Object> meta) {
  v8::Isolate* isolate = context->GetIsolate();
  Record* record = Runtime::from(isolate).esm().find(module);
  if (!record) return;
  ignore_result(meta->CreateDataProperty(context, to_v8(isolate, "url", true), to_v8(isolate, record->url)));
  if (!record->path.empty()) {
    ignore_result(meta->CreateDataProperty(context, to_v8(isolate, "dirname", true),
                                   to_v8(isolate, record->path.parent_path().string())));
    ignore_result(meta->CreateDataProperty(context, to_v8(isolate, "filename", true), to_v8(isolate, record->path.string())));
  }
  v8::Local<v8::Function> resolve =
      v8::Function::New(
          context,
          [](const v8::FunctionCallbackInfo<v8::Value>& info) {
            v8::Isolate* iso = info.GetIsolate();
            auto* target = static_cast<Record*>(info.Data().As<v8::External>()->Value());
            v8::Local<v8::String> url;
            if (Runtime::from(iso)
                    .esm()
                    .resolve_to_url(iso->GetCurrentContext(), string_arg(info, 0), target->url)
                    .ToLocal(&url)) {
              info.GetReturnValue().Set(url);
            }
          },
          v8::External::New(isolate, record), 1, v8::ConstructorBehavior::kThrow)
          .ToLocalChecked();
  ignore_result(meta->CreateDataProperty(context, to_v8(isolate, "resolve", true), resolve));
}

}  // namespace lode::runtime
