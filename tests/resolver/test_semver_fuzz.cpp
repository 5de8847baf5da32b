// Bad input never crashes: a randomized test with a fixed seed that damages real ranges
// and versions (operators, spaces, huge numbers, junk bytes, invalid UTF-8, long repeats)
// and runs every parser and operation on the result, checking that what parses stays
// consistent. Whether each damaged input is valid at all is checked against node-semver
// by the differential test: its data holds 15,000 ranges damaged the same way (a fixed
// seed in generate.mjs) with node-semver's validRange() for each option set.
#include <catch2/catch.hpp>
#include <random>

#include "resolver/semver_edit.h"
#include "resolver/semver_ops.h"
#include "resolver/semver_range.h"

using namespace lode::semver;

namespace {

const char* const kSeeds[] = {
    "^1.2.3", "~1.2.3", "1.2.3 - 2.3.4", ">=1.0.0 <2.0.0 || >=3", "1.x || 2.x", "*", "", "latest",
    ">= 0.10.0", "^0.0.1-beta.2", "~> 1.2", "=1.2.3", "v1.2.3", "1.2.3-alpha.1+build.5", "<=1.2.x",
    "1.2.3 1.2.4", "^1.2.3 || ~2.3 || 3.x.x - 4.5", "0.0.0-0", "<0.0.0-0", ">1.2.3-0 <1.2.3-1",
    "npm:foo@^1", "github:user/repo#semver:^1", "1.0.0rc1", "01.02.03", "9007199254740991.1.1",
};

constexpr std::string_view kInserts[] = {
    " ", "  ", "\t", "<", ">", "=", ">=", "<=", "~", "~>", "^", "-", " - ", "||", "|", ".", "x", "X", "*",
    "+b", "+", "v", "V", "0", "01", "9007199254740992", "99999999999999999999999", "1.2.3", "-beta.01",
    "\xC2\xA0", "\xE2\x80\xA8", "\xEF\xBB\xBF", "\xFF", "\xC2", std::string_view("\0", 1), "$", "!", "a",
};

std::string mutate(std::string text, std::mt19937_64& random) {
  auto below = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(random() % n); };
  size_t steps = 1 + below(4);
  for (size_t step = 0; step < steps; ++step) {
    size_t at = below(text.size() + 1);
    switch (below(7)) {
      case 0:
      case 1:
      case 2: {
        text.insert(at, kInserts[below(std::size(kInserts))]);
        break;
      }
      case 3:
        text.erase(at, 1 + below(4));
        break;
      case 4:
        text += (below(2) ? " " : " || ") + text;
        break;
      case 5:
        text.insert(at, 1, static_cast<char>(below(256)));
        break;
      default:
        if (below(8) == 0) text = std::string(below(3000), text.empty() ? '1' : text[0]) + text;
        break;
    }
    if (text.size() > 20000) text.resize(20000);
  }
  return text;
}

}  // namespace

TEST_CASE("fuzz: damaged ranges and versions never crash and stay consistent", "[resolver]") {
  std::mt19937_64 random(20240611);
  const Version probes[] = {*Version::parse("0.0.0"), *Version::parse("1.2.3"), *Version::parse("1.2.3-beta.1"),
                            *Version::parse("2.0.0"), *Version::parse("9007199254740991.0.0")};
  size_t ranges_parsed = 0;
  size_t versions_parsed = 0;
  for (int round = 0; round < 40000; ++round) {
    std::string text = mutate(kSeeds[random() % std::size(kSeeds)], random);
    INFO("input: " << text);
    for (int bits = 0; bits < 4; ++bits) {
      SemverOptions options{(bits & 1) != 0, (bits & 2) != 0};
      if (auto range = Range::parse(text, options)) {
        ++ranges_parsed;
        // What node-semver prints always reads back as a range (not always the same one).
        std::string printed = range->to_string();
        REQUIRE(Range::parse(printed, options));
        for (const Version& probe : probes) (void)range->test(probe);
        (void)min_version(*range);
        (void)intersects(*range, *range, options);
        (void)subset(*range, *range, options);
      }
      if (auto version = Version::parse(text, options)) {
        ++versions_parsed;
        auto again = Version::parse(version->to_string(), options);
        REQUIRE(again);
        CHECK(compare(*version, *again) == 0);
        CHECK(again->to_string() == version->to_string());
        (void)inc(text, ReleaseType::kPrerelease, IncOptions{options, "beta", IdentifierBase::kZero});
      }
      (void)coerce(text, CoerceOptions{options.loose, options.include_prerelease, bits == 3});
      (void)clean(text, options);
    }
  }
  // The damage leaves plenty that still parses, so the consistency checks ran.
  CHECK(ranges_parsed > 10000);
  CHECK(versions_parsed > 100);
}
