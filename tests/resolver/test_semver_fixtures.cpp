// node-semver's own fixture tables (tests/fixtures/semver/node-semver/, carried over as
// data; see the README there): lode must give the answer node-semver's tests expect.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "resolver/semver_edit.h"
#include "resolver/semver_ops.h"
#include "resolver/semver_range.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::semver;
using nlohmann::json;

namespace {

json table(const std::string& name) {
  auto text = read_file(test::source_root() / "tests/fixtures/semver/node-semver" / (name + ".json"));
  REQUIRE(text);
  json data = json::parse(*text);
  REQUIRE(data["rows"].size() > 0);
  return data["rows"];
}

SemverOptions options_of(const json& value) {
  return SemverOptions{value["loose"].get<bool>(), value["includePrerelease"].get<bool>()};
}

}  // namespace

TEST_CASE("node-semver fixtures: range-include and range-exclude", "[resolver]") {
  for (const json& row : table("range-include")) {
    INFO("satisfies(" << row[1] << ", " << row[0] << ", " << row[2] << ")");
    CHECK(satisfies(row[1].get<std::string>(), row[0].get<std::string>(), options_of(row[2])));
  }
  for (const json& row : table("range-exclude")) {
    INFO("!satisfies(" << row[1] << ", " << row[0] << ", " << row[2] << ")");
    CHECK_FALSE(satisfies(row[1].get<std::string>(), row[0].get<std::string>(), options_of(row[2])));
  }
}

TEST_CASE("node-semver fixtures: comparisons and equality", "[resolver]") {
  for (const json& row : table("comparisons")) {
    INFO(row.dump());
    SemverOptions options = options_of(row[2]);
    auto a = Version::parse(row[0].get<std::string>(), options);
    auto b = Version::parse(row[1].get<std::string>(), options);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(compare(*a, *b) == 1);
    CHECK(compare(*b, *a) == -1);
    CHECK(compare(*a, *a) == 0);
  }
  for (const json& row : table("equality")) {
    INFO(row.dump());
    SemverOptions options = options_of(row[2]);
    auto a = Version::parse(row[0].get<std::string>(), options);
    auto b = Version::parse(row[1].get<std::string>(), options);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(compare(*a, *b) == 0);
  }
}

TEST_CASE("node-semver fixtures: invalid versions", "[resolver]") {
  for (const json& row : table("invalid-versions")) {
    INFO(row.dump());
    auto version = Version::parse(row[0].get<std::string>(), options_of(row[2]));
    REQUIRE_FALSE(version);
    CHECK(version.error().code == ErrorCode::kParse);
    CHECK(version.error().subject == row[0].get<std::string>());
  }
}

TEST_CASE("node-semver fixtures: increments", "[resolver]") {
  for (const json& row : table("increments")) {
    INFO(row.dump());
    IncOptions options;
    options.semver = options_of(row[3]);
    if (row[4].is_string()) options.identifier = row[4];
    if (row[5].is_boolean()) options.base = IdentifierBase::kNone;
    if (row[5].is_string()) options.base = js_number_truthy(row[5].get<std::string>()) ? IdentifierBase::kOne
                                                                                        : IdentifierBase::kZero;
    auto release = parse_release_type(row[1].get<std::string>());
    Result<std::string> result = release ? inc(row[0].get<std::string>(), *release, options)
                                         : Result<std::string>(fail(ErrorCode::kParse, "unknown release"));
    if (row[2].is_null()) {
      CHECK_FALSE(result);
    } else {
      REQUIRE(result);
      CHECK(*result == row[2].get<std::string>());
    }
  }
}

TEST_CASE("node-semver fixtures: range and comparator intersection", "[resolver]") {
  for (const char* name : {"range-intersection", "comparator-intersection"}) {
    for (const json& row : table(name)) {
      INFO(name << " " << row.dump());
      Result<bool> forward = intersects(row[0].get<std::string>(), row[1].get<std::string>());
      Result<bool> backward = intersects(row[1].get<std::string>(), row[0].get<std::string>());
      REQUIRE(forward);
      REQUIRE(backward);
      CHECK(*forward == row[2].get<bool>());
      CHECK(*backward == row[2].get<bool>());
    }
  }
}

TEST_CASE("node-semver fixtures: subset", "[resolver]") {
  for (const json& row : table("subset")) {
    INFO(row.dump());
    Result<bool> result = subset(row[0].get<std::string>(), row[1].get<std::string>(), options_of(row[3]));
    REQUIRE(result);
    CHECK(*result == row[2].get<bool>());
  }
}
