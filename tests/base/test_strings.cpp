#include <catch2/catch.hpp>

#include "base/strings.h"

using namespace lode;

TEST_CASE("trim and split keep empty pieces", "[base]") {
  CHECK(trim("  a b \t\n") == "a b");
  CHECK(trim("") == "");
  auto pieces = split("a::b", ':');
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[1].empty());
  CHECK(split("", ',').size() == 1);
}

TEST_CASE("edit distance counts single-character edits", "[base]") {
  CHECK(edit_distance("install", "install") == 0);
  CHECK(edit_distance("isntall", "install") == 1);  // a swap costs 1
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("closest_match suggests plausible typos only", "[base]") {
  std::vector<std::string> commands = {"install", "config", "help", "run"};
  CHECK(closest_match("isntall", commands) == "install");
  CHECK(closest_match("confg", commands) == "config");
  CHECK(closest_match("conf", commands) == "config");  // a prefix
  CHECK_FALSE(closest_match("zzzzzz", commands).has_value());
  auto several = close_matches("rn", std::vector<std::string>{"run", "rm", "x"}, 5);
  CHECK(several.size() == 2);
}

TEST_CASE("shell_quote makes one literal word for sh", "[base]") {
  CHECK(shell_quote("plain-word_1.js") == "plain-word_1.js");
  CHECK(shell_quote("two words") == "'two words'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("$HOME") == "'$HOME'");
  CHECK(shell_quote("") == "''");
}

TEST_CASE("plural picks the form by count", "[base]") {
  CHECK(plural(1, "package", "packages") == "1 package");
  CHECK(plural(0, "package", "packages") == "0 packages");
}
