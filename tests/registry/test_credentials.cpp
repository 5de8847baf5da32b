#include <catch2/catch.hpp>

#include "base/encoding.h"
#include "registry/credentials.h"

using namespace lode;

namespace {

Config config_with(const std::vector<std::pair<std::string, std::string>>& flags, const Environment& env) {
  ConfigLoadOptions options;
  options.cwd = "/nonexistent-lode-test-dir";
  options.env = &env;
  options.cli = flags;
  options.default_registry = "https://registry.example/";
  auto config = Config::load(options);
  REQUIRE(config);
  return std::move(*config);
}

}  // namespace

TEST_CASE("a token applies to its registry's URLs only", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  Config config = config_with({{"//registry.example/:_authToken", "T1"},
                               {"//private.example:8080/api/npm/:_authToken", "T2"}},
                              env);
  auto main = credentials_for_url(config, "https://registry.example/left-pad");
  CHECK(main.kind == Credentials::Kind::kBearer);
  CHECK(main.authorization_header() == "Bearer T1");
  CHECK(credentials_for_url(config, "https://private.example:8080/api/npm/@a%2fb").value == "T2");
  CHECK(credentials_for_url(config, "https://private.example:8080/api/npm/x/-/x-1.0.0.tgz").value == "T2");
  // Another host, another port, or a path outside the configured one gets nothing.
  CHECK(credentials_for_url(config, "https://cdn.example/left-pad/-/left-pad-1.0.0.tgz").kind ==
        Credentials::Kind::kNone);
  CHECK(credentials_for_url(config, "https://private.example:9090/api/npm/x").kind == Credentials::Kind::kNone);
  CHECK(credentials_for_url(config, "https://private.example:8080/other/x").kind == Credentials::Kind::kNone);
}

TEST_CASE("the longest matching path wins", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  Config config = config_with({{"//host.example/:_authToken", "outer"},
                               {"//host.example/team/:_authToken", "inner"}},
                              env);
  CHECK(credentials_for_url(config, "https://host.example/team/pkg").value == "inner");
  CHECK(credentials_for_url(config, "https://host.example/pkg").value == "outer");
}

TEST_CASE("basic auth from _auth or username and base64 _password", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  Config config = config_with({{"//a.example/:_auth", base64_encode("u:p")},
                               {"//b.example/:username", "bob"},
                               {"//b.example/:_password", base64_encode("secret")}},
                              env);
  auto a = credentials_for_url(config, "https://a.example/x");
  CHECK(a.authorization_header() == "Basic " + base64_encode("u:p"));
  auto b = credentials_for_url(config, "https://b.example/x");
  CHECK(b.kind == Credentials::Kind::kBasic);
  CHECK(base64_decode(b.value) == "bob:secret");
}

TEST_CASE("unscoped legacy credentials apply to the default registry only", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  Config config = config_with({{"_authToken", "legacy"}}, env);
  CHECK(credentials_for_url(config, "https://registry.example/x").value == "legacy");
  CHECK(credentials_for_url(config, "https://elsewhere.example/x").kind == Credentials::Kind::kNone);
}

TEST_CASE("a token whose variable is unset is not sent", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  Config config = config_with({{"//registry.example/:_authToken", "${NPM_TOKEN}"}}, env);
  CHECK(credentials_for_url(config, "https://registry.example/x").kind == Credentials::Kind::kNone);
}
