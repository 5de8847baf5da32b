// The built-in JavaScript (runtime/js), embedded at build time by runtime/js/embed.py and
// compiled only when first required, through the code cache when it has an entry.
//
// Every built-in is compiled as a function of (exports, require, module, internalBinding,
// process) with the resource name "node:<id>", so stack traces read like Node's. The
// bootstrap script takes (process, internalBinding, runtime) instead.
#pragma once

#include <v8.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace lode::runtime {

class Runtime;

struct BuiltinSource {
  std::string_view id;      // "events", "internal/inspect", ...
  std::string_view source;  // ASCII only (embed.py checks)
  uint64_t hash;            // CodeCache::hash of the source, computed at build time
};

// The embedded sources, sorted by id (generated code).
std::span<const BuiltinSource> builtin_sources();

class BuiltinLoader {
 public:
  explicit BuiltinLoader(Runtime& runtime) : runtime_(runtime) {}

  // The source named `id`, or nullptr.
  const BuiltinSource* find(std::string_view id) const;

  // Compiles built-in `id` with the given parameter names. Throws (and returns empty) on a
  // syntax error or an unknown id.
  v8::MaybeLocal<v8::Function> compile(std::string_view id, std::span<const std::string_view> parameters);

  // Ids a user may require: everything outside internal/.
  std::vector<std::string_view> public_ids() const;

 private:
  Runtime& runtime_;
};

// Whether `name` is a built-in module a user can load (`with_scheme`: written as
// "node:<name>"). Node built-ins lode does not provide are not: a bare name then falls
// through to node_modules (a userland polyfill of the same name is found).
bool is_builtin_module_name(const BuiltinLoader& loader, std::string_view name, bool with_scheme);

}  // namespace lode::runtime
