// The parts of package.json that module resolution reads (name, main, type, exports,
// imports), parsed once per file and cached, and the package scope lookup: the nearest
// folder above a file that holds a package.json (Node's LOOKUP_PACKAGE_SCOPE).
//
// `exports` and `imports` are kept as a small ordered tree (ConditionTree) so that the
// order of conditions in an object is the order the author wrote, as Node requires; no
// JSON library type leaks out of this header.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/fs.h"
#include "resolver/resolve_error.h"

namespace lode::resolver {

// A JSON value as far as exports/imports need it. Numbers and booleans are kOther
// (always an invalid target).
struct ConditionTree {
  enum class Kind { kNull, kString, kArray, kObject, kOther };
  Kind kind = Kind::kNull;
  std::string string;                                          // kString
  std::vector<ConditionTree> items;                            // kArray
  std::vector<std::pair<std::string, ConditionTree>> members;  // kObject, in source order

  // The member named `key` of an object, or nullptr.
  const ConditionTree* member(std::string_view key) const;
};

enum class PackageType { kNone, kCommonJs, kModule };

struct PackageScope {
  fs::path path;  // the package.json file
  fs::path dir() const { return path.parent_path(); }
  std::optional<std::string> name;
  std::optional<std::string> main;  // only when "main" is a string
  PackageType type = PackageType::kNone;
  std::optional<ConditionTree> exports;  // absent when missing or null
  std::optional<ConditionTree> imports;  // absent when missing or null
};

// Parses package.json text. Fails with ERR_INVALID_PACKAGE_CONFIG when it is not JSON
// or not an object.
ResolveResult<PackageScope> parse_package_scope(const fs::path& path, std::string_view text);

// Reads package.json files on demand and keeps them for the cache's lifetime (Node also
// reads each once per process).
class PackageScopeCache {
 public:
  // The package.json at `path`: nullptr when the file does not exist; an error when it
  // exists but cannot be read or parsed.
  ResolveResult<std::shared_ptr<const PackageScope>> read(const fs::path& path);

  // The package.json of the package scope `dir` belongs to: the nearest `dir` or ancestor
  // with a package.json, stopping at a folder named node_modules (which is no package).
  // nullptr when there is none.
  ResolveResult<std::shared_ptr<const PackageScope>> scope_of(const fs::path& dir);

 private:
  std::map<fs::path, std::shared_ptr<const PackageScope>> files_;
};

}  // namespace lode::resolver
