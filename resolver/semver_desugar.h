// Range desugaring: how one `||`-separated part of a range becomes comparator words.
//
// node-semver reads a range part through a fixed series of text rewrites: strip build
// metadata, expand a hyphen range, glue operators to their versions ("> 1" → ">1"), glue
// "~ "/"^ ", then per word expand carets, tildes, x-ranges and stars, and finally drop
// ">=0.0.0". What survives odd input (which words become invalid, which loose mode drops,
// what "1.2.3*" or "^00.1.2" mean) follows from that order, so this module performs the
// same rewrites in the same order, on text. It runs once per range parse, never per test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "resolver/semver_version.h"

namespace lode::semver {

// The comparator words of one trimmed `||` part (">=1.2.3", "<2.0.0-0", "" for any), in
// order, before comparator parsing: words may still be invalid (loose mode drops those
// that do not look like comparators; strict mode rejects the range). Never fails.
std::vector<std::string> desugar_part(std::string_view part, SemverOptions options);

}  // namespace lode::semver
