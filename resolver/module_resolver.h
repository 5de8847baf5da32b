// Node's module resolution, written once for lode's runtime: the CommonJS algorithm
// (`require(X) from module at path Y`, https://nodejs.org/api/modules.html#all-together)
// and the ES module resolver (https://nodejs.org/api/esm.html#resolver-algorithm), with
// package "exports"/"imports", conditions, patterns, self-reference and NODE_PATH.
//
// Pure C++ on paths and package.json data; no JavaScript engine here. Packages named by
// bare specifiers are found through a PackageLocator, so the installer's record of what
// it laid out can answer instead of a walk over node_modules folders. Errors carry Node's
// codes and messages (see resolve_error.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/fs.h"
#include "resolver/package_exports.h"
#include "resolver/package_scope.h"
#include "resolver/package_locator.h"
#include "resolver/resolve_error.h"

namespace lode::resolver {

// How a resolved file is loaded (Node's "format").
enum class ModuleFormat { kBuiltin, kCommonJs, kModule, kJson, kAddon };

struct ResolvedModule {
  std::string builtin;  // the built-in's name without "node:" when format is kBuiltin
  fs::path path;        // the real path of the file otherwise
  std::string suffix;   // "?query#hash" of an import specifier (part of the module's identity)
  bool is_builtin() const { return !builtin.empty(); }
};

struct ResolverOptions {
  // Folders searched after node_modules for bare require()s: NODE_PATH entries, then
  // $HOME/.node_modules, $HOME/.node_libraries, <prefix>/lib/node (see global_folders).
  std::vector<fs::path> global_folders;
  // Condition names besides "default": for require() ("lode", "node", "require") and for
  // import ("lode", "node", "import").
  std::vector<std::string> require_conditions = {"lode", "node", "require"};
  std::vector<std::string> import_conditions = {"lode", "node", "import"};
  // Whether a name is a built-in module; `with_scheme_only` is true for names that exist
  // only as "node:name" (node:test). Unset: there are no built-ins.
  std::function<bool(std::string_view name, bool with_scheme)> is_builtin;
  bool preserve_symlinks = false;
};

// The global folders Node adds for bare require()s: NODE_PATH's entries (':'-separated,
// empty ones dropped), then $HOME/.node_modules and $HOME/.node_libraries, then
// <prefix>/lib/node where <prefix> is the folder above the executable's folder.
// Relative NODE_PATH entries are taken from `cwd`.
std::vector<fs::path> global_folders(std::optional<std::string_view> node_path, std::optional<std::string_view> home,
                                     const fs::path& executable, const fs::path& cwd);

class ModuleResolver {
 public:
  ModuleResolver(PackageLocator& locator, ResolverOptions options);

  // require(specifier) from the module `parent` (a file path; for code that is not a
  // file, such as -e, pass <cwd>/[eval]). Fails with MODULE_NOT_FOUND (no require
  // stack: the runtime knows it), ERR_PACKAGE_PATH_NOT_EXPORTED, ERR_UNKNOWN_BUILTIN_MODULE...
  ResolveResult<ResolvedModule> resolve_require(std::string_view specifier, const fs::path& parent);

  // require.resolve(specifier, {paths}): relative specifiers against each of `bases`,
  // bare ones through the node_modules folders of each base.
  ResolveResult<ResolvedModule> resolve_require_with_paths(std::string_view specifier, const fs::path& parent,
                                                           std::span<const fs::path> bases);

  // The entry point of `lode <file>`: `file` (absolute) as a file, with .js/.json/.node
  // appended, or as a folder. Fails with MODULE_NOT_FOUND.
  ResolveResult<fs::path> resolve_main(const fs::path& file);

  // import(specifier) from the module at `parent` (a file path, or <cwd>/[eval]). Also
  // takes file: URLs. Fails with ERR_MODULE_NOT_FOUND, ERR_UNSUPPORTED_DIR_IMPORT,
  // ERR_PACKAGE_PATH_NOT_EXPORTED, ERR_UNSUPPORTED_ESM_URL_SCHEME...
  ResolveResult<ResolvedModule> resolve_import(std::string_view specifier, const fs::path& parent);

  // How import loads `file`: by extension, and for .js (and no extension) by the "type"
  // of its package scope. Fails with ERR_UNKNOWN_FILE_EXTENSION.
  ResolveResult<ModuleFormat> import_format(const fs::path& file);

  // Whether `file` sits in a package scope with "type": "module".
  bool in_module_scope(const fs::path& file);

  // The package.json reader, shared with the runtime.
  PackageScopeCache& packages() { return packages_; }

 private:
  enum class Kind { kMissing, kFile, kDirectory };
  Kind stat(const fs::path& path) const;
  fs::path real_path(const fs::path& path);
  bool is_builtin(std::string_view name, bool with_scheme) const;

  // CommonJS pieces.
  std::optional<fs::path> load_as_file(const fs::path& path);
  ResolveResult<std::optional<fs::path>> load_as_directory(const fs::path& path, std::string_view request);
  ResolveResult<std::optional<fs::path>> load_file_or_directory(const fs::path& path, std::string_view request,
                                                                bool trailing_slash);
  ResolveResult<std::optional<fs::path>> load_package_exports(const fs::path& package_dir, std::string_view request,
                                                              std::string_view subpath);
  ResolveResult<std::optional<fs::path>> load_self(std::string_view request, const fs::path& parent);
  ResolveResult<std::optional<fs::path>> load_node_modules(std::string_view request, const fs::path& start_dir);
  ResolveResult<std::optional<fs::path>> load_from_folder(std::string_view request, const fs::path& folder);
  ResolveResult<ResolvedModule> finalize_cjs_map_target(const MapTarget& target, const fs::path& package_json);
  ResolveResult<ResolvedModule> resolve_require_in(std::string_view specifier, const fs::path& parent,
                                                   std::span<const fs::path> bases, bool explicit_bases);

  // ES module pieces.
  ResolveResult<ResolvedModule> package_resolve(std::string_view specifier, const fs::path& parent_dir,
                                                std::string_view base_text);
  ResolveResult<fs::path> legacy_main_resolve(const PackageScope* package, const fs::path& folder,
                                              std::string_view base_text);
  ResolveResult<ResolvedModule> finalize_import(fs::path path, std::string suffix, std::string_view base_text);

  PackageLocator& locator_;
  ResolverOptions options_;
  PackageScopeCache packages_;
  std::map<fs::path, fs::path> real_paths_;
  std::vector<std::string_view> require_conditions_;
  std::vector<std::string_view> import_conditions_;
};

}  // namespace lode::resolver
