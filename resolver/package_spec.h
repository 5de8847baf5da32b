// What a dependency specifier means, with npm's rules (npm-package-arg): a version, a
// range or a dist-tag on the registry; an `npm:` alias; a tarball URL; a local folder or
// tarball (`file:`, or a path); a `link:`; or a git/GitHub source, which lode reports as
// not supported yet. Used for package.json entries and for `lode add` arguments.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace lode {

enum class SpecKind {
  kVersion,    // "1.2.3"
  kRange,      // "^1.2.3", "1.x", ">=2 <3", "" and "*"
  kTag,        // "latest", "next"
  kRemote,     // "https://host/pkg.tgz"
  kFile,       // "file:../pkg.tgz" or "./pkg.tgz": a local tarball
  kDirectory,  // "file:../pkg" or "../pkg": a local folder (linked)
  kLink,       // "link:../pkg"
  kGit,        // git URLs, "github:user/repo", "user/repo"
  kWorkspace,  // "workspace:*"
};

std::string_view spec_kind_name(SpecKind kind);

struct PackageSpec {
  std::string name;       // the name it is installed under (an alias's own name)
  std::string raw;        // the specifier as written
  SpecKind kind = SpecKind::kRange;
  std::string target;     // version/range/tag text, URL, or path (without "file:"/"link:")
  std::string real_name;  // the registry package: differs from `name` for npm: aliases
  bool alias = false;

  bool from_registry() const { return kind == SpecKind::kVersion || kind == SpecKind::kRange || kind == SpecKind::kTag; }
};

// The meaning of package.json's `"name": "spec"`. Fails (kParse) for a specifier npm would
// reject, and (kUnsupported) for git sources, naming the dependency.
Result<PackageSpec> parse_dependency_spec(std::string_view name, std::string_view spec);

// The meaning of a command-line argument: "name", "name@spec", "@scope/name@spec",
// "alias@npm:real@spec", a URL or a path. For URLs and paths `name` stays empty until the
// package is read.
Result<PackageSpec> parse_cli_spec(std::string_view argument);

// Whether `name` is usable as a package name (npm's rules for existing packages: not
// empty, at most 214 characters, no leading '.' or '_', URL-safe, "@scope/name" form).
bool is_valid_package_name(std::string_view name);

}  // namespace lode
