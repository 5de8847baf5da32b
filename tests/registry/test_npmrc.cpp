#include <catch2/catch.hpp>

#include "registry/npmrc.h"

using namespace lode;

namespace {

std::string value_of(const NpmrcParseResult& parsed, std::string_view key) {
  for (const NpmrcEntry& entry : parsed.entries) {
    if (entry.key == key) return entry.value;
  }
  return "<unset>";
}

}  // namespace

TEST_CASE("npmrc: keys, values, comments and quoting follow npm's ini", "[registry]") {
  Environment env;
  auto parsed = parse_npmrc(
      "; comment\n"
      "# another\n"
      "registry = http://localhost:4873/\n"
      "  spaced   =   value with spaces   \n"
      "inline = abc ; trailing comment\n"
      "escaped = a\\;b\\#c\n"
      "quoted = \"x ; y\\n\"\n"
      "single = 'it ; is'\n"
      "flag\n"
      "empty =\n"
      "strict-ssl=false\r\n"
      "registry = http://override/\n",
      "/p/.npmrc", env);
  CHECK(value_of(parsed, "registry") == "http://override/");
  CHECK(value_of(parsed, "spaced") == "value with spaces");
  CHECK(value_of(parsed, "inline") == "abc");
  CHECK(value_of(parsed, "escaped") == "a;b#c");
  CHECK(value_of(parsed, "quoted") == "x ; y\n");
  CHECK(value_of(parsed, "single") == "it ; is");
  CHECK(value_of(parsed, "flag") == "true");
  CHECK(value_of(parsed, "empty") == "");
  CHECK(value_of(parsed, "strict-ssl") == "false");
  CHECK(parsed.warnings.empty());
  // Line numbers point at the line that set the effective value.
  for (const NpmrcEntry& entry : parsed.entries) {
    if (entry.key == "registry") CHECK(entry.line == 12);
  }
}

TEST_CASE("npmrc: sections prefix keys and key[] accumulates", "[registry]") {
  auto parsed = parse_npmrc("ca[] = first\nca[] = second\n[section]\nkey = v\n", "x", Environment{});
  CHECK(value_of(parsed, "ca") == "first\nsecond");
  CHECK(value_of(parsed, "section.key") == "v");
}

TEST_CASE("npmrc: ${VAR} expands in keys and values like npm", "[registry]") {
  Environment env = Environment::from_entries({"TOKEN=abc123", "HOST=registry.test", "EMPTY="});
  auto parsed = parse_npmrc(
      "//${HOST}/:_authToken=${TOKEN}\n"
      "literal=\\${TOKEN}\n"
      "optional=${MISSING?}\n"
      "missing=${MISSING}\n"
      "empty=x${EMPTY}y\n",
      "/home/u/.npmrc", env);
  CHECK(value_of(parsed, "//registry.test/:_authToken") == "abc123");
  CHECK(value_of(parsed, "literal") == "${TOKEN}");
  CHECK(value_of(parsed, "optional") == "");
  CHECK(value_of(parsed, "missing") == "${MISSING}");
  CHECK(value_of(parsed, "empty") == "xy");
  REQUIRE(parsed.warnings.size() == 1);
  CHECK(parsed.warnings[0] == "/home/u/.npmrc:4: ${MISSING} is not set in the environment");
}

TEST_CASE("npmrc: editing keeps other lines and their order", "[registry]") {
  std::string text = "; my settings\nregistry=http://a/\nfund=false\n";
  CHECK(npmrc_with_key_set(text, "registry", "http://b/") ==
        "; my settings\nregistry=http://b/\nfund=false\n");
  CHECK(npmrc_with_key_set(text, "cache", "/c") == text + "cache=/c\n");
  CHECK(npmrc_with_key_set("", "note", "a;b") == "note=\"a;b\"\n");
  CHECK(npmrc_with_key_deleted(text, "fund") == "; my settings\nregistry=http://a/\n");
  // What set writes, parse reads back.
  auto parsed = parse_npmrc(npmrc_with_key_set("", "k", " spaced \"quoted\" "), "x", Environment{});
  CHECK(value_of(parsed, "k") == " spaced \"quoted\" ");
}
