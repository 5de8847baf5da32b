// The ES module loader: resolves, reads and compiles a module graph, links it and
// evaluates it through V8's module API, for `import` statements, dynamic import() from
// any code, and an ES module as the main entry.
//
// Every module is known by its URL (file:///..., node:fs, data:...). Source text modules
// are compiled with their file URL as resource name (so stack traces show it, as Node's
// do); CommonJS, JSON and built-in modules imported by ESM become synthetic modules:
// `default` is module.exports (or the parsed JSON, or the built-in's exports), and a
// CommonJS module's named exports are the names runtime/cjs_lexer finds in its source.
// The graph is loaded synchronously before linking, which is what V8's synchronous
// resolve callback needs.
#pragma once

#include <v8.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/fs.h"

namespace lode::runtime {

class Runtime;

// The file: URL of an absolute path, percent-encoded as Node's url.pathToFileURL does.
std::string path_to_file_url(const fs::path& path);

class EsmLoader {
 public:
  explicit EsmLoader(Runtime& runtime);
  EsmLoader(const EsmLoader&) = delete;
  EsmLoader& operator=(const EsmLoader&) = delete;
  ~EsmLoader();

  // import(specifier) from the module or script named `referrer` (a file path, a file:
  // URL, or a name like "[eval]", which resolves from the working directory). The
  // promise fulfils with the module namespace. Never throws: failures reject it.
  v8::Local<v8::Promise> import(v8::Local<v8::Context> context, std::string_view specifier,
                                std::string_view referrer, v8::Local<v8::FixedArray> assertions);

  // Runs the ES module at `path` as the main entry; the promise settles when its
  // evaluation (top-level await included) does.
  v8::Local<v8::Promise> run_main(v8::Local<v8::Context> context, const fs::path& path);

  // require() of the ES module at `path` (Node 20's require(esm)): loads, links and
  // evaluates its graph synchronously and returns the namespace (or its "module.exports"
  // export). Throws ERR_REQUIRE_ASYNC_MODULE for a graph with top-level await,
  // ERR_REQUIRE_CYCLE_MODULE when the module is still evaluating, or what it throws.
  v8::MaybeLocal<v8::Value> require_module(v8::Local<v8::Context> context, const fs::path& path);

  // import.meta.resolve(specifier) from `referrer`: the URL, or throws Node's error.
  v8::MaybeLocal<v8::String> resolve_to_url(v8::Local<v8::Context> context, std::string_view specifier,
                                            std::string_view referrer);

 private:
  enum class Kind { kSourceText, kCommonJs, kJson, kBuiltin };
  struct Record {
    std::string url;
    fs::path path;  // empty for built-ins and data: URLs
    Kind kind = Kind::kSourceText;
    std::string builtin;
    std::string source;  // JSON text, data: URL bodies
    v8::Global<v8::Module> module;
    v8::Global<v8::Object> builtin_exports;
    std::vector<std::string> export_names;
    std::map<std::string, Record*, std::less<>> requests;  // specifier → resolved module
  };

  Record* load(v8::Local<v8::Context> context, std::string_view specifier, std::string_view referrer_path,
               std::string_view assertion_type);
  Record* create(v8::Local<v8::Context> context, const std::string& url, const fs::path& path, std::string builtin,
                 std::string_view assertion_type);
  bool compile_source_text(v8::Local<v8::Context> context, Record& record, std::string&& source_text,
                           const std::string& signature);
  bool link_requests(v8::Local<v8::Context> context, Record& record);
  void collect_cjs_names(const fs::path& path, std::vector<std::string>& names, std::vector<fs::path>& seen);
  v8::MaybeLocal<v8::Promise> instantiate_and_evaluate(v8::Local<v8::Context> context, Record& record);
  Record* find(v8::Local<v8::Module> module) const;
  // The file path imports from `referrer` resolve against.
  fs::path referrer_path(std::string_view referrer) const;

  static v8::MaybeLocal<v8::Module> resolve_callback(v8::Local<v8::Context> context, v8::Local<v8::String> specifier,
                                                     v8::Local<v8::FixedArray> assertions, v8::Local<v8::Module> referrer);
  static v8::MaybeLocal<v8::Value> evaluate_synthetic(v8::Local<v8::Context> context, v8::Local<v8::Module> module);
  static v8::MaybeLocal<v8::Promise> import_callback(v8::Local<v8::Context> context, v8::Local<v8::Data> options,
                                                     v8::Local<v8::Value> resource_name, v8::Local<v8::String> specifier,
                                                     v8::Local<v8::FixedArray> assertions);
  static void import_meta_callback(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                                   v8::Local<v8::Object> meta);

  Runtime& runtime_;
  std::unordered_map<std::string, std::unique_ptr<Record>> records_;
  std::unordered_multimap<int, Record*> by_hash_;
};

}  // namespace lode::runtime
