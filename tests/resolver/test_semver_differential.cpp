// lode's semver against node-semver's own answers: tests/fixtures/semver/semver-cases.jsonl.gz,
// written by tests/fixtures/semver/generate.mjs from real package documents and generated
// edge cases (see the README there). Every case must agree.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "resolver/semver_edit.h"
#include "resolver/semver_ops.h"
#include "resolver/semver_range.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::semver;
using nlohmann::json;

namespace {

// The data file's lines, grouped by kind, read once for the whole run.
const std::map<std::string, std::vector<std::string>>& cases() {
  static const auto grouped = [] {
    std::map<std::string, std::vector<std::string>> out;
    fs::path path = test::source_root() / "tests/fixtures/semver/semver-cases.jsonl.gz";
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) throw std::runtime_error("cannot open " + path.string());
    std::string text;
    char buffer[1 << 16];
    int read = 0;
    while ((read = gzread(file, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(read));
    gzclose(file);
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      size_t quote = line.find('"', 2);
      if (line.size() < 4 || quote == std::string::npos) continue;
      out[line.substr(2, quote - 2)].push_back(line);
    }
    return out;
  }();
  return grouped;
}

const std::vector<std::string>& lines_of(const std::string& kind) {
  static const std::vector<std::string> none;
  auto it = cases().find(kind);
  return it == cases().end() ? none : it->second;
}

SemverOptions options_from(int bits) { return SemverOptions{(bits & 1) != 0, (bits & 2) != 0}; }

// Collects disagreements; reports the first few in full.
struct Tally {
  size_t checked = 0;
  size_t failed = 0;
  std::vector<std::string> examples;

  void check(bool agree, const std::string& what) {
    ++checked;
    if (agree) return;
    ++failed;
    if (examples.size() < 25) examples.push_back(what);
  }
  void report(const char* kind) const {
    std::string shown;
    for (const std::string& example : examples) shown += "\n  " + example;
    INFO(kind << ": " << checked << " cases, " << failed << " disagree" << shown);
    CHECK(checked > 0);
    CHECK(failed == 0);
  }
};

json answer(const Result<std::string>& result) { return result ? json(*result) : json(nullptr); }

}  // namespace

TEST_CASE("differential: the data names the node-semver it came from", "[resolver]") {
  REQUIRE(lines_of("meta").size() == 1);
  json meta = json::parse(lines_of("meta").front())[1];
  CHECK(meta["semver"].get<std::string>().starts_with("7."));
}

TEST_CASE("differential: satisfies, maxSatisfying, minSatisfying over real version lists", "[resolver]") {
  std::map<int, std::vector<std::string>> lists;
  for (const std::string& line : lines_of("list")) {
    json row = json::parse(line);
    lists[row[1].get<int>()] = row[3].get<std::vector<std::string>>();
  }
  REQUIRE(lists.size() > 100);
  Tally tally;
  for (const std::string& line : lines_of("sat")) {
    json row = json::parse(line);
    const std::vector<std::string>& versions = lists.at(row[1].get<int>());
    SemverOptions options = options_from(row[2].get<int>());
    std::string range_text = row[3].get<std::string>();
    std::string bits = row[4].get<std::string>();
    Result<Range> range = Range::parse(range_text, options);
    for (size_t i = 0; i < versions.size(); ++i) {
      int nibble = std::stoi(bits.substr(i / 4, 1), nullptr, 16);
      bool expected = (nibble >> (3 - i % 4)) & 1;
      bool actual = range && satisfies(versions[i], *range);
      tally.check(actual == expected, "satisfies('" + versions[i] + "', '" + range_text + "', " +
                                          std::to_string(row[2].get<int>()) + ") should be " +
                                          (expected ? "true" : "false"));
    }
    int max = range ? static_cast<int>(max_satisfying(versions, *range).value_or(SIZE_MAX)) : -1;
    int min = range ? static_cast<int>(min_satisfying(versions, *range).value_or(SIZE_MAX)) : -1;
    tally.check(max == row[5].get<int>(), "maxSatisfying(..., '" + range_text + "') index " + std::to_string(max));
    tally.check(min == row[6].get<int>(), "minSatisfying(..., '" + range_text + "') index " + std::to_string(min));
  }
  tally.report("satisfies over lists");
}

TEST_CASE("differential: satisfies on edge versions and ranges", "[resolver]") {
  Tally tally;
  for (const std::string& line : lines_of("sat1")) {
    json row = json::parse(line);
    std::string version = row[1];
    std::string range = row[2];
    bool expected = row[4];
    tally.check(satisfies(version, range, options_from(row[3].get<int>())) == expected,
                "satisfies('" + version + "', '" + range + "', " + std::to_string(row[3].get<int>()) + ") should be " +
                    (expected ? "true" : "false"));
  }
  tally.report("satisfies singles");
}

TEST_CASE("differential: validRange and minVersion", "[resolver]") {
  Tally tally;
  for (const std::string& line : lines_of("range")) {
    json row = json::parse(line);
    std::string input = row[1];
    for (int bits = 0; bits < 4; ++bits) {
      SemverOptions options = options_from(bits);
      json actual = answer(valid_range(input, options));
      tally.check(actual == row[2][bits], "validRange(" + json(input).dump() + ", " + std::to_string(bits) +
                                              ") = " + actual.dump() + ", node-semver: " + row[2][bits].dump());
      Result<Range> range = Range::parse(input, options);
      json min = "!";
      if (range) {
        Result<std::optional<Version>> found = min_version(*range);
        if (found) min = *found ? json((*found)->to_string()) : json(nullptr);
      }
      tally.check(min == row[3][bits], "minVersion(" + json(input).dump() + ", " + std::to_string(bits) +
                                           ") = " + min.dump() + ", node-semver: " + row[3][bits].dump());
    }
  }
  tally.report("ranges");
}

TEST_CASE("differential: valid, clean, coerce", "[resolver]") {
  Tally tally;
  const CoerceOptions coerce_options[] = {{}, {true, false, false}, {false, true, false}, {false, false, true},
                                          {false, true, true}};
  for (const std::string& line : lines_of("ver")) {
    json row = json::parse(line);
    std::string input = row[1];
    for (int loose = 0; loose < 2; ++loose) {
      SemverOptions options{loose == 1, false};
      json v = answer(valid(input, options));
      tally.check(v == row[2][loose], "valid(" + json(input).dump() + ", " + std::to_string(loose) + ") = " +
                                          v.dump() + ", node-semver: " + row[2][loose].dump());
      json c = answer(clean(input, options));
      tally.check(c == row[3][loose], "clean(" + json(input).dump() + ", " + std::to_string(loose) + ") = " +
                                          c.dump() + ", node-semver: " + row[3][loose].dump());
    }
    for (int k = 0; k < 5; ++k) {
      Result<Version> coerced = coerce(input, coerce_options[k]);
      json c = coerced ? json(coerced->to_string()) : json(nullptr);
      tally.check(c == row[4][k], "coerce(" + json(input).dump() + ", #" + std::to_string(k) + ") = " + c.dump() +
                                      ", node-semver: " + row[4][k].dump());
    }
  }
  tally.report("versions");
}

TEST_CASE("differential: compare and compareBuild", "[resolver]") {
  Tally tally;
  for (const std::string& line : lines_of("cmp")) {
    json row = json::parse(line);
    std::string a = row[1];
    std::string b = row[2];
    for (int loose = 0; loose < 2; ++loose) {
      Result<Version> x = Version::parse(a, {loose == 1, false});
      Result<Version> y = Version::parse(b, {loose == 1, false});
      json plain = x && y ? json(compare(*x, *y)) : json("!");
      json build = x && y ? json(compare_build(*x, *y)) : json("!");
      tally.check(plain == row[3][loose], "compare('" + a + "', '" + b + "', " + std::to_string(loose) + ") = " +
                                              plain.dump() + ", node-semver: " + row[3][loose].dump());
      tally.check(build == row[4][loose], "compareBuild('" + a + "', '" + b + "', " + std::to_string(loose) +
                                              ") = " + build.dump() + ", node-semver: " + row[4][loose].dump());
    }
  }
  tally.report("compare");
}

TEST_CASE("differential: inc", "[resolver]") {
  Tally tally;
  for (const std::string& line : lines_of("inc")) {
    json row = json::parse(line);
    std::string version = row[1];
    std::string release = row[2];
    IncOptions options;
    options.semver.loose = row[5].get<bool>();
    if (row[3].is_string()) options.identifier = row[3];
    if (row[4].is_boolean()) options.base = IdentifierBase::kNone;
    if (row[4].is_string()) options.base = row[4] == "1" ? IdentifierBase::kOne : IdentifierBase::kZero;
    std::optional<ReleaseType> type = parse_release_type(release);
    json actual = type ? answer(inc(version, *type, options)) : json(nullptr);
    tally.check(actual == row[6], "inc(" + row.dump() + ") = " + actual.dump());
  }
  tally.report("inc");
}

TEST_CASE("differential: intersects and subset", "[resolver]") {
  Tally tally;
  for (const char* kind : {"int", "sub"}) {
    bool is_subset = std::string(kind) == "sub";
    for (const std::string& line : lines_of(kind)) {
      json row = json::parse(line);
      std::string a = row[1];
      std::string b = row[2];
      SemverOptions options = options_from(row[3].get<int>());
      Result<bool> result = is_subset ? subset(a, b, options) : intersects(a, b, options);
      json actual = result ? json(*result) : json("!");
      tally.check(actual == row[4], std::string(is_subset ? "subset(" : "intersects(") + json(a).dump() + ", " +
                                        json(b).dump() + ", " + std::to_string(row[3].get<int>()) + ") = " +
                                        actual.dump() + ", node-semver: " + row[4].dump());
    }
  }
  tally.report("intersects/subset");
}
