// A project's (or package's) package.json: read and checked into plain data, and edited
// in place for `lode add`, `remove` and `trust` with its key order, indentation and line
// endings kept. A malformed file or field is an error naming the file, the line and
// column, and the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/fs.h"

namespace lode {

// The dependency sections of package.json.
enum class DependencyType { kProd, kDev, kOptional, kPeer };

// "dependencies", "devDependencies", "optionalDependencies", "peerDependencies".
std::string_view dependency_section(DependencyType type);

struct DependencyEntry {
  std::string name;  // the folder name in node_modules (an alias name for npm: aliases)
  std::string spec;  // as written: "^1.2.3", "npm:real@^1", "file:../x", "latest"...
  DependencyType type = DependencyType::kProd;
};

// One node of npm's "overrides" tree: {"foo": "1.0.0", "bar@2": {".": "2.1.0", "baz": "$baz"}}.
struct OverrideRule {
  std::string key;                     // "foo" or "foo@<range>"
  std::optional<std::string> value;    // the replacement spec ("." in a nested object)
  std::vector<OverrideRule> children;  // rules that apply inside `key`'s subtree
};

struct PackageJson {
  fs::path path;
  std::string name;
  std::string version;
  // All dependency sections, each in file order. A name in both dependencies and
  // optionalDependencies is kept once, as optional (npm's rule).
  std::vector<DependencyEntry> dependencies;
  std::vector<std::string> optional_peers;  // peerDependenciesMeta: optional
  std::vector<std::string> bundled;
  std::vector<std::pair<std::string, std::string>> bin;  // command → path
  std::string bin_directory;                             // directories.bin
  std::vector<std::pair<std::string, std::string>> scripts;
  std::vector<std::pair<std::string, std::string>> engines;
  std::vector<std::string> os;
  std::vector<std::string> cpu;
  std::vector<std::string> libc;
  std::vector<std::string> trusted_dependencies;  // bun's field: whose install scripts may run
  std::vector<std::string> workspaces;            // folder patterns ("packages/*"), in file order
  std::vector<OverrideRule> overrides;
  std::string type;  // "module" / "commonjs" / ""
  bool has_gypfile = false;  // a binding.gyp next to it (set by the caller that looks)

  // The spec of `name` in the given sections, if any.
  const DependencyEntry* find_dependency(std::string_view name) const;
  std::optional<std::string_view> script(std::string_view name) const;
};

// Reads and checks `path`. kNotFound when it is missing; kParse with "file:line:column"
// as the subject for invalid JSON or a field of the wrong type.
Result<PackageJson> read_package_json(const fs::path& path);
Result<PackageJson> parse_package_json(std::string_view text, const fs::path& path);

// How package.json should change.
struct PackageJsonEdit {
  std::vector<DependencyEntry> set;      // added or updated (moved to entry.type's section)
  std::vector<std::string> remove;       // removed from every dependency section
  std::vector<std::string> trust;        // appended to trustedDependencies
};

// `text` with `edit` applied: other keys keep their order and values; the file's
// indentation, line endings and final newline are kept; dependency sections are sorted by
// name (as npm writes them). Fails (kParse) when `text` is not a JSON object.
Result<std::string> edit_package_json(std::string_view text, const PackageJsonEdit& edit, const fs::path& path);

// "line:column" (1-based) of byte `offset` in `text`.
std::string line_column(std::string_view text, size_t offset);

}  // namespace lode
