#include <catch2/catch.hpp>

#include "cli/args.h"

using namespace lode;
using namespace lode::cli;

namespace {

constexpr OptionSpec kCommandOptions[] = {
    {"save-dev", 'D', OptionKind::kFlag, "", ""},
    {"location", 'L', OptionKind::kValue, "<where>", ""},
    {"exact", 'E', OptionKind::kFlag, "", ""},
};
constexpr OptionSpec kGlobals[] = {
    {"cwd", 0, OptionKind::kValue, "<dir>", ""},
    {"json", 0, OptionKind::kFlag, "", ""},
};

Result<ParsedArgs> parse(std::vector<std::string> args, PositionalMode mode = PositionalMode::kInterleaved) {
  return parse_args(args, ParseRules{kCommandOptions, kGlobals, mode, true});
}

}  // namespace

TEST_CASE("options may come anywhere among positionals", "[cli]") {
  auto args = parse({"a", "--save-dev", "b", "--location=project", "-E", "--cwd", "/x", "c"});
  REQUIRE(args);
  CHECK(args->positionals == std::vector<std::string>{"a", "b", "c"});
  CHECK(args->flag("save-dev"));
  CHECK(args->flag("exact"));
  CHECK(args->value("location") == "project");
  CHECK(args->value("cwd") == "/x");
  CHECK_FALSE(args->flag("json"));
}

TEST_CASE("short options bundle and take attached or separate values", "[cli]") {
  auto args = parse({"-DE", "-Lglobal"});
  REQUIRE(args);
  CHECK(args->flag("save-dev"));
  CHECK(args->flag("exact"));
  CHECK(args->value("location") == "global");
  auto separate = parse({"-L", "user"});
  REQUIRE(separate);
  CHECK(separate->value("location") == "user");
}

TEST_CASE("flags take --no- and explicit true/false", "[cli]") {
  auto args = parse({"--no-save-dev", "--json=true"});
  REQUIRE(args);
  CHECK_FALSE(args->flag("save-dev"));
  CHECK(args->has("save-dev"));
  CHECK(args->flag("json"));
  auto bad = parse({"--json=yes"});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::kUsage);
}

TEST_CASE("config keys are flags on every command", "[cli]") {
  auto args = parse({"--registry", "http://r/", "--no-strict-ssl", "--@corp:registry=http://c/",
                     "--//r/:_authToken=t", "--color=always", "--no-color"});
  REQUIRE(args);
  std::vector<std::pair<std::string, std::string>> expected = {
      {"registry", "http://r/"}, {"strict-ssl", "false"}, {"@corp:registry", "http://c/"},
      {"//r/:_authToken", "t"},  {"color", "always"},     {"color", "false"}};
  CHECK(args->config == expected);
}

TEST_CASE("-- ends options; the rest is passed through", "[cli]") {
  auto args = parse({"x", "--", "--save-dev", "-E"});
  REQUIRE(args);
  CHECK(args->positionals == std::vector<std::string>{"x"});
  CHECK(args->rest == std::vector<std::string>{"--save-dev", "-E"});
  CHECK_FALSE(args->flag("save-dev"));
}

TEST_CASE("stop-at-first mode leaves everything after the first positional alone", "[cli]") {
  auto args = parse({"--json", "tool", "--save-dev", "x"}, PositionalMode::kStopAtFirst);
  REQUIRE(args);
  CHECK(args->flag("json"));
  CHECK(args->first_positional == 1);
  CHECK(args->positionals == std::vector<std::string>{"tool", "--save-dev", "x"});
}

TEST_CASE("unknown options and missing values are usage errors with a suggestion", "[cli]") {
  auto typo = parse({"--save-dve"});
  REQUIRE_FALSE(typo);
  CHECK(typo.error().code == ErrorCode::kUsage);
  CHECK(typo.error().message == "unknown option --save-dve");
  CHECK(typo.error().hint == "did you mean --save-dev?");
  auto config_typo = parse({"--registy=x"});
  REQUIRE_FALSE(config_typo);
  CHECK(config_typo.error().hint == "did you mean --registry?");
  auto missing = parse({"--location"});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "option --location needs a value <where>");
  auto short_unknown = parse({"-Z"});
  REQUIRE_FALSE(short_unknown);
  CHECK(short_unknown.error().message == "unknown option -Z");
}

TEST_CASE("verbatim mode leaves every argument to the command except --help", "[cli]") {
  auto args = parse({"-r", "^1", "--range=2", "1.2.3", "-E", "--", "-h"}, PositionalMode::kVerbatim);
  REQUIRE(args);
  CHECK(args->positionals == std::vector<std::string>{"-r", "^1", "--range=2", "1.2.3", "-E", "--"});
  CHECK(args->flag("help"));
  CHECK_FALSE(args->flag("exact"));
  CHECK(args->rest.empty());
}
