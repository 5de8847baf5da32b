// Versions: parsing (strict and loose), node-semver's limits, canonical form, precedence.
#include <catch2/catch.hpp>

#include "resolver/semver_version.h"

using namespace lode;
using namespace lode::semver;

namespace {

std::string shown(std::string_view text, SemverOptions options = {}) {
  auto version = Version::parse(text, options);
  return version ? version->to_string() : "invalid";
}

int order(std::string_view a, std::string_view b) {
  auto x = Version::parse(a, {true, false});
  auto y = Version::parse(b, {true, false});
  REQUIRE(x);
  REQUIRE(y);
  return compare(*x, *y);
}

}  // namespace

TEST_CASE("versions parse into numbers, prerelease and build", "[resolver]") {
  auto version = Version::parse("1.22.333-alpha.7+build.5");
  REQUIRE(version);
  CHECK(version->major() == 1);
  CHECK(version->minor() == 22);
  CHECK(version->patch() == 333);
  CHECK(version->prerelease() == "alpha.7");
  CHECK(version->build() == "build.5");
  CHECK(version->to_string() == "1.22.333-alpha.7");
  CHECK(shown(" v1.2.3 ") == "1.2.3");
  CHECK(shown("1.2.3-0") == "1.2.3-0");
}

TEST_CASE("strict mode rejects what loose mode reads", "[resolver]") {
  for (std::string_view text : {"=1.2.3", "v 1.2.3", "01.2.3", "1.2.3beta", "1.2.3-01", "1.2.34.5", "1.2.3-"}) {
    INFO(text);
    CHECK(shown(text) == "invalid");
    CHECK(shown(text, {true, false}) != "invalid");
  }
  CHECK(shown("=v 1.2.3", {true, false}) == "1.2.3");
  CHECK(shown("01.02.03", {true, false}) == "1.2.3");
  CHECK(shown("1.2.3beta", {true, false}) == "1.2.3-beta");
  CHECK(shown("1.2.3-01", {true, false}) == "1.2.3-1");         // a Number loses its zero
  CHECK(shown("1.2.34.5", {true, false}) == "1.2.3-4.5");       // the regex backtracks
  CHECK(shown("1.2.3-", {true, false}) == "1.2.3--");           // a lone '-' identifier
  CHECK(shown("\xC2\xA0" "1.2.3\xE2\x80\xA8", {}) == "1.2.3");  // Unicode whitespace trims
}

TEST_CASE("limits: 2^53-1 and 256 characters", "[resolver]") {
  CHECK(shown("9007199254740991.0.0") == "9007199254740991.0.0");
  CHECK(shown("9007199254740992.0.0") == "invalid");
  CHECK(shown("1.99999999999999999999.0") == "invalid");
  // Prerelease numbers at 2^53-1 and above stay text, as written.
  CHECK(shown("1.0.0-9007199254740991") == "1.0.0-9007199254740991");
  CHECK(shown("1.0.0-09007199254740993", {true, false}) == "1.0.0-09007199254740993");
  std::string at_limit = "1.2.3-" + std::string(250, 'a');
  CHECK(at_limit.size() == 256);
  CHECK(shown(at_limit) == at_limit);
  CHECK(shown(at_limit + "a") == "invalid");
  CHECK(shown("   1.2.3" + std::string(250, ' ')) == "invalid");  // counted before trimming
}

TEST_CASE("errors are values naming the input", "[resolver]") {
  auto version = Version::parse("not.a.version");
  REQUIRE_FALSE(version);
  CHECK(version.error().code == ErrorCode::kParse);
  CHECK(version.error().subject == "not.a.version");
}

TEST_CASE("precedence follows SemVer 2.0.0 and node-semver", "[resolver]") {
  CHECK(order("1.0.0-alpha", "1.0.0-alpha.1") < 0);
  CHECK(order("1.0.0-alpha.1", "1.0.0-alpha.beta") < 0);
  CHECK(order("1.0.0-alpha.beta", "1.0.0-beta") < 0);
  CHECK(order("1.0.0-beta.2", "1.0.0-beta.11") < 0);
  CHECK(order("1.0.0-rc.1", "1.0.0") < 0);
  CHECK(order("1.0.0", "1.0.0+build") == 0);
  CHECK(order("2.0.0", "10.0.0") < 0);
  CHECK(order("1.0.0-R2", "1.0.0-r100") < 0);  // ASCII order
  // node-semver compares huge numeric identifiers as doubles: these two tie.
  CHECK(order("1.0.0-9007199254740993", "1.0.0-9007199254740992") == 0);
  auto a = Version::parse("1.0.0+b");
  auto b = Version::parse("1.0.0+a");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(compare_build(*a, *b) > 0);
  CHECK(compare_build(*b, *b) == 0);
}

TEST_CASE("valid and clean", "[resolver]") {
  CHECK(valid("v1.2.3").value_or("") == "1.2.3");
  CHECK_FALSE(valid("=1.2.3"));
  CHECK(clean("  =v1.2.3  ").value_or("") == "1.2.3");
  CHECK_FALSE(clean("1.2"));
}

TEST_CASE("prerelease and build share one buffer, inline or on the heap", "[resolver]") {
  for (std::string pre : {std::string("a"), std::string(40, 'p'), std::string(100, 'q')}) {
    auto version = Version::parse("1.2.3-" + pre + "+build.5");
    REQUIRE(version);
    // Views into the version itself, growing past the inline size.
    version->set_prerelease(std::string(version->prerelease()) + ".0");
    CHECK(version->prerelease() == pre + ".0");
    CHECK(version->build() == "build.5");
    version->set_prerelease(version->prerelease().substr(1));
    CHECK(version->prerelease() == pre.substr(1) + ".0");
    CHECK(version->build() == "build.5");
    Version copy = *version;
    Version moved = std::move(*version);
    CHECK(copy.to_string() == moved.to_string());
    CHECK(copy.build() == moved.build());
    copy = moved;
    CHECK(compare_build(copy, moved) == 0);
  }
}
