// Version ranges as npm understands them (node-semver 7.x): primitives (<, <=, >, >=, =),
// x-ranges (1.x, 1.2.*, *, ""), tilde, caret, hyphen ranges, `||` unions, node-semver's
// whitespace handling, and its prerelease rule.
//
// A Range is parsed once into comparator sets (an OR of ANDs), the same desugared form
// node-semver builds (`^1.2.3` is `>=1.2.3 <2.0.0-0`), and to_string() prints it the way
// node-semver's validRange() does. Testing a parsed range against a parsed version never
// allocates: callers that test many versions parse the range once and keep it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "resolver/semver_version.h"

namespace lode::semver {

enum class Operator : uint8_t {
  kAny,  // the empty comparator: every version
  kEq,   // "=" or no operator
  kLt,
  kLe,
  kGt,
  kGe,
};

struct Comparator {
  Operator op = Operator::kAny;
  Version version;  // unused for kAny

  // Whether `candidate` passes this comparator alone (no prerelease rule).
  bool test(const Version& candidate) const;
  // node-semver's comparator value: "" for any, else operator + version (">=1.2.3-0").
  std::string to_string() const;
  // "<", ">=", ... ("" for kEq and kAny).
  std::string_view operator_text() const;
};

using ComparatorSet = std::vector<Comparator>;

class Range {
 public:
  // Parses `text` like `new Range(text, options)`. An invalid range fails with
  // ErrorCode::kParse and the input as subject. In loose mode comparators that do not
  // parse are dropped, as node-semver drops them; strict mode rejects the whole range.
  static Result<Range> parse(std::string_view text, SemverOptions options = {});

  // Whether `version` satisfies the range: every comparator of some set passes, and a
  // prerelease version is allowed only if that set has a comparator with a prerelease on
  // the same major.minor.patch (unless include_prerelease). Never allocates.
  bool test(const Version& version) const;

  // The normalised range as node-semver's `range.range` prints it ("" for any version;
  // validRange() shows that as "*").
  std::string to_string() const;

  std::span<const ComparatorSet> sets() const { return sets_; }
  SemverOptions options() const { return options_; }

 private:
  std::vector<ComparatorSet> sets_;
  SemverOptions options_;
};

// The normalised range string (node-semver's validRange: "*" for any), or an error.
Result<std::string> valid_range(std::string_view text, SemverOptions options = {});

// The resolver's hot path: range.test(version). Never allocates.
inline bool satisfies(const Range& range, const Version& version) { return range.test(version); }

// Whether `version` parses (with the range's options) and satisfies `range`.
bool satisfies(std::string_view version, const Range& range);
// Parses both; an invalid range or version is simply false, as in node-semver.
bool satisfies(std::string_view version, std::string_view range, SemverOptions options = {});

// The index of the highest (lowest) entry of `versions` that satisfies `range`; the first
// of equal ones. Entries that do not parse are skipped. nullopt when none satisfies.
std::optional<size_t> max_satisfying(std::span<const std::string> versions, const Range& range);
std::optional<size_t> min_satisfying(std::span<const std::string> versions, const Range& range);
// The same over versions parsed already (with the range's options).
std::optional<size_t> max_satisfying(std::span<const Version> versions, const Range& range);
std::optional<size_t> min_satisfying(std::span<const Version> versions, const Range& range);

}  // namespace lode::semver
