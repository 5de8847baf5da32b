// Ranges: desugaring as node-semver prints it, the prerelease rule, loose mode, errors,
// and the operations built on ranges.
#include <catch2/catch.hpp>

#include "resolver/semver_edit.h"
#include "resolver/semver_ops.h"
#include "resolver/semver_range.h"

using namespace lode;
using namespace lode::semver;

namespace {

std::string normal(std::string_view text, SemverOptions options = {}) {
  return valid_range(text, options).value_or("invalid");
}

}  // namespace

TEST_CASE("ranges desugar the way node-semver prints them", "[resolver]") {
  CHECK(normal("^1.2.3") == ">=1.2.3 <2.0.0-0");
  CHECK(normal("^0.2.3") == ">=0.2.3 <0.3.0-0");
  CHECK(normal("^0.0.3") == ">=0.0.3 <0.0.4-0");
  CHECK(normal("^0.0.x") == "<0.1.0-0");  // >=0.0.0 is "any", and goes
  CHECK(normal(">=0.0.0", {false, true}) == ">=0.0.0");  // only >=0.0.0-0 is "any" here
  CHECK(normal("~1.2.3") == ">=1.2.3 <1.3.0-0");
  CHECK(normal("~> 1") == ">=1.0.0 <2.0.0-0");
  CHECK(normal("1.2.x") == ">=1.2.0 <1.3.0-0");
  CHECK(normal("1.2 - 3.4") == ">=1.2.0 <3.5.0-0");
  CHECK(normal("1.2.3 - 2.3.4") == ">=1.2.3 <=2.3.4");
  CHECK(normal(">= 1.2.3   <  2") == ">=1.2.3 <2.0.0-0");
  CHECK(normal("") == "*");
  CHECK(normal("*") == "*");
  CHECK(normal("1.x || >=2.5.0 || 5.0.0 - 7.2.3") == ">=1.0.0 <2.0.0-0||>=2.5.0||>=5.0.0 <=7.2.3");
  CHECK(normal(">*") == "<0.0.0-0");
  CHECK(normal("1.2.3*") == "1.2.3");  // node-semver drops the star
  CHECK(normal("^1.2.3", {false, true}) == ">=1.2.3 <2.0.0-0");
  CHECK(normal("1.x", {false, true}) == ">=1.0.0-0 <2.0.0-0");
}

TEST_CASE("strict mode rejects a range with one bad comparator; loose mode drops it", "[resolver]") {
  CHECK(normal("1.2.3 garbage") == "invalid");
  CHECK(normal("1.2.3 garbage", {true, false}) == "1.2.3");
  CHECK(normal("^9007199254740991") == "invalid");  // the upper bound is past 2^53-1
  auto range = Range::parse("^1.2.3 ||| nope");
  REQUIRE_FALSE(range);
  CHECK(range.error().code == ErrorCode::kParse);
  CHECK(range.error().subject == "^1.2.3 ||| nope");
}

TEST_CASE("a prerelease satisfies only a set naming its major.minor.patch", "[resolver]") {
  CHECK(satisfies("1.2.3-beta.2", "^1.2.3-beta.1"));
  CHECK_FALSE(satisfies("1.2.4-beta.2", "^1.2.3-beta.1"));
  CHECK_FALSE(satisfies("1.5.0-rc.1", "^1.0.0"));
  CHECK(satisfies("1.5.0-rc.1", "^1.0.0", {false, true}));
  CHECK_FALSE(satisfies("2.0.0-rc.1", "^1.0.0", {false, true}));
  CHECK(satisfies("1.2.3", "1.2.3 - 1.2.4"));
  CHECK_FALSE(satisfies("not a version", "*"));
  CHECK_FALSE(satisfies("1.2.3", "not a range"));
}

TEST_CASE("max and min satisfying pick the first of equals", "[resolver]") {
  std::vector<std::string> versions{"1.2.3", "1.2.4+a", "1.2.4+b", "1.3.0-beta", "2.0.0", "junk"};
  auto range = Range::parse("~1.2");
  REQUIRE(range);
  CHECK(max_satisfying(versions, *range) == 1u);
  CHECK(min_satisfying(versions, *range) == 0u);
  auto none = Range::parse(">3");
  REQUIRE(none);
  CHECK_FALSE(max_satisfying(versions, *none));
}

TEST_CASE("intersects, subset, min_version", "[resolver]") {
  CHECK(intersects("^1.2.0", ">=1.5.0 <3").value_or(false));
  CHECK_FALSE(intersects("^1.2.0", ">=2").value_or(true));
  CHECK_FALSE(intersects("^1", "garbage"));
  CHECK(subset("^1.2.3", "^1").value_or(false));
  CHECK_FALSE(subset("^1", "^1.2.3").value_or(true));
  CHECK(subset("garbage", "garbage").value_or(false));  // node-semver: same string, no parse
  auto min = [](std::string_view text) {
    auto range = Range::parse(text);
    REQUIRE(range);
    auto found = min_version(*range);
    REQUIRE(found);
    return *found ? (*found)->to_string() : std::string("none");
  };
  CHECK(min("^1.2.3") == "1.2.3");
  CHECK(min(">1.2.3") == "1.2.4");
  CHECK(min(">1.2.3-beta") == "1.2.3-beta.0");
  CHECK(min("<1") == "0.0.0");
  CHECK(min(">1 <1") == "none");
}

TEST_CASE("coerce and inc", "[resolver]") {
  auto coerced = [](std::string_view text, CoerceOptions options = {}) {
    auto version = coerce(text, options);
    return version ? version->to_string() : std::string("none");
  };
  CHECK(coerced("v2") == "2.0.0");
  CHECK(coerced("1.2.3.4") == "1.2.3");
  CHECK(coerced("1.2.3.4", {false, false, true}) == "2.3.4");
  CHECK(coerced("version 1.2.3-beta.1+b here", {false, true, false}) == "1.2.3-beta.1");
  CHECK(coerced("12345678901234567.1.2") == "1.2.0");
  CHECK(coerced("nothing") == "none");
  auto incremented = [](std::string_view version, ReleaseType type, IncOptions options = {}) {
    return inc(version, type, options).value_or("refused");
  };
  CHECK(incremented("1.2.3", ReleaseType::kMinor) == "1.3.0");
  CHECK(incremented("1.2.3-4", ReleaseType::kPatch) == "1.2.3");
  CHECK(incremented("1.2.3", ReleaseType::kPrerelease, {{}, "beta", IdentifierBase::kZero}) == "1.2.4-beta.0");
  CHECK(incremented("1.2.4-beta.0", ReleaseType::kPrerelease, {{}, "beta", IdentifierBase::kZero}) == "1.2.4-beta.1");
  CHECK(incremented("1.2.3", ReleaseType::kPremajor, {{}, "rc", IdentifierBase::kNone}) == "2.0.0-rc");
  CHECK(incremented("1.2.3", ReleaseType::kRelease) == "refused");
  CHECK(incremented("1.2.3", ReleaseType::kPrerelease, {{}, "bad..id", IdentifierBase::kZero}) == "refused");
  CHECK(parse_release_type("prepatch") == ReleaseType::kPrepatch);
  CHECK_FALSE(parse_release_type("bogus"));
}
