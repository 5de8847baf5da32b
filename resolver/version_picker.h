// Which version of a package a registry specifier selects, by npm's rules
// (npm-pick-manifest): a dist-tag names its version; an exact version itself; for a range,
// the `latest` tag when it satisfies, else the highest satisfying version that is not
// deprecated, else the highest deprecated one.
//
// A document's versions are parsed once (ParsedVersions) and reused for every range asked
// of the same package during a resolution.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "registry/package_document.h"
#include "resolver/package_spec.h"
#include "resolver/semver_range.h"
#include "resolver/semver_version.h"

namespace lode {

// The versions of one document, parsed (loose, as npm reads them); unparsable ones are
// left out.
struct ParsedVersions {
  std::vector<semver::Version> versions;
  std::vector<size_t> indices;  // parallel to `versions`: each one's index in the document

  static ParsedVersions of(const DocumentView& document);
};

// The manifest `spec` (a kVersion, kRange or kTag spec) selects in `document`. Fails with
// kNotFound (npm's ETARGET) naming the package, the spec and the latest version.
Result<const PackageVersion*> pick_version(const DocumentView& document, const ParsedVersions& parsed,
                                           const PackageSpec& spec);

// Whether version `a` is higher than `b` by SemVer precedence (false if either is not a
// version).
bool version_greater(std::string_view a, std::string_view b);

// Whether a version string satisfies a registry spec (tags match nothing here: a tag is
// checked against the document). Unparsable input satisfies nothing.
bool version_satisfies(std::string_view version, const PackageSpec& spec);

}  // namespace lode
