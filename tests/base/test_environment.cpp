#include <catch2/catch.hpp>

#include "base/environment.h"

using namespace lode;

TEST_CASE("Environment distinguishes unset from empty", "[base]") {
  Environment env = Environment::from_entries({"A=1", "EMPTY=", "B=x=y", "junk"});
  CHECK(env.get("A") == "1");
  CHECK(env.get("EMPTY") == "");
  CHECK_FALSE(env.get("MISSING").has_value());
  CHECK(env.get("B") == "x=y");
  CHECK(env.get_or("EMPTY", "fallback") == "fallback");
  env.set("A", "2");
  env.unset("B");
  CHECK(env.to_entries() == std::vector<std::string>{"A=2", "EMPTY="});
}

TEST_CASE("Environment::from_process sees this process's variables", "[base]") {
  Environment env = Environment::from_process();
  CHECK(env.has("PATH"));
}
