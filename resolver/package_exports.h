// Package "exports" and "imports" maps: Node's PACKAGE_EXPORTS_RESOLVE,
// PACKAGE_IMPORTS_RESOLVE, PACKAGE_IMPORTS_EXPORTS_RESOLVE and PACKAGE_TARGET_RESOLVE
// (https://nodejs.org/api/esm.html#resolution-algorithm-specification), on paths rather
// than URLs: a target "./dist/x.js" becomes <package folder>/dist/x.js.
//
// This part never touches the file system: whether the target file exists is the
// caller's question, as in Node.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "resolver/package_scope.h"

namespace lode::resolver {

// What a map entry points at: a file inside the package, or (in "imports" only) a bare
// specifier such as "lodash/get" that is then resolved from the package's folder.
struct MapTarget {
  enum class Kind { kPath, kBare };
  Kind kind = Kind::kPath;
  fs::path path;         // kPath
  std::string specifier; // kBare
};

// The active condition names ("node", "import", ...). "default" always matches.
using Conditions = std::span<const std::string_view>;

// Resolves `subpath` ("." or "./x") through the package's "exports". `base` is the
// importing file, for error messages (empty for require(), as Node words them). Fails
// with ERR_PACKAGE_PATH_NOT_EXPORTED, ERR_INVALID_PACKAGE_TARGET,
// ERR_INVALID_PACKAGE_CONFIG or ERR_INVALID_MODULE_SPECIFIER.
ResolveResult<MapTarget> resolve_package_exports(const PackageScope& package, std::string_view subpath,
                                                  Conditions conditions, std::string_view base);

// Resolves a "#name" specifier through the "imports" of `package` (the importer's package
// scope, or nullptr when it has none). Fails with ERR_INVALID_MODULE_SPECIFIER for "#"
// and "#/...", ERR_PACKAGE_IMPORT_NOT_DEFINED when no entry matches, and the target
// errors above.
ResolveResult<MapTarget> resolve_package_imports(const PackageScope* package, std::string_view specifier,
                                                  Conditions conditions, std::string_view base);

// Node's PATTERN_KEY_COMPARE as a less-than: true when `a` is more specific than `b`.
bool pattern_key_before(std::string_view a, std::string_view b);

// `text` with %XX escapes decoded (as fileURLToPath does); invalid escapes stay as they are.
std::string percent_decode(std::string_view text);

}  // namespace lode::resolver
