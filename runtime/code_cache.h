// V8's code cache on disk: compiled bytecode for the built-in JavaScript and for user
// modules, kept in lode's cache folder under a directory named after the exact V8 build
// (its version and libnode's build id), since V8 refuses data from any other build.
//
// Each entry records a hash of the source it was made from; a changed source is a miss.
// Entries are written at the end of a run for scripts that had none, after the code ran,
// so they also hold the functions V8 compiled lazily. Failures to read or write are
// misses, never errors: this is a cache.
#pragma once

#include <v8.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/fs.h"

namespace lode::runtime {

class CodeCache {
 public:
  // `cache_root` is lode's cache folder; empty disables the cache.
  explicit CodeCache(const fs::path& cache_root);

  bool enabled() const { return !dir_.empty(); }
  const fs::path& dir() const { return dir_; }

  // The cached data for `key` if it was made from a source with `source_hash`; nullptr
  // on a miss.
  std::unique_ptr<v8::ScriptCompiler::CachedData> load(std::string_view key, uint64_t source_hash) const;

  // Remembers a compiled function (CommonJS, built-in) or module to cache at the end.
  void remember(std::string key, uint64_t source_hash, v8::Isolate* isolate, v8::Local<v8::Function> function);
  void remember(std::string key, uint64_t source_hash, v8::Isolate* isolate,
                v8::Local<v8::UnboundModuleScript> module);

  // Creates and writes the cache data of everything remembered.
  void save_pending(v8::Isolate* isolate);

  // A fast 64-bit hash of `text` (for change detection, not security).
  static uint64_t hash(std::string_view text);

 private:
  struct Pending {
    std::string key;
    uint64_t source_hash;
    v8::Global<v8::Function> function;
    v8::Global<v8::UnboundModuleScript> module;
  };
  fs::path file_for(std::string_view key) const;
  void store(std::string_view key, uint64_t source_hash, const uint8_t* data, size_t length) const;

  fs::path dir_;
  std::vector<Pending> pending_;
};

// "<V8 version>-<first 16 hex digits of libnode's GNU build id>", the key of V8 builds
// whose caches and snapshots are interchangeable.
std::string v8_build_key();

}  // namespace lode::runtime
