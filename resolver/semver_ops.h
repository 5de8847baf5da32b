// Questions about ranges as wholes, answered as node-semver 7.x answers them: do two
// ranges intersect (peer dependency checks), is one a subset of another, what is the
// lowest version a range admits. Odd corners (identity shortcuts, what throws) follow
// node-semver; tests/resolver/test_semver_differential.cpp checks them against it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "resolver/semver_range.h"
#include "resolver/semver_version.h"

namespace lode::semver {

// Whether some version satisfies both ranges (node-semver's intersects: every comparator
// pair of some set pair must intersect). Fails only where node-semver throws.
Result<bool> intersects(const Range& a, const Range& b, SemverOptions options = {});
// Parses both ranges first; an invalid one fails with kParse.
Result<bool> intersects(std::string_view a, std::string_view b, SemverOptions options = {});

// Whether every version `sub` admits is admitted by `dom` (node-semver's subset).
Result<bool> subset(const Range& sub, const Range& dom, SemverOptions options = {});
// As node-semver: two identical strings are a subset of each other without being parsed.
Result<bool> subset(std::string_view sub, std::string_view dom, SemverOptions options = {});

// The lowest version that can satisfy `range` (0.0.0, 0.0.0-0, or a lower bound), or
// nullopt when that bound does not satisfy the range. Fails where node-semver throws.
Result<std::optional<Version>> min_version(const Range& range);

}  // namespace lode::semver
