// `lode config`: values from each source, where they came from, secrets masked, edits.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;

namespace {

// A sandbox where every layer sets something, with a token in the user npmrc.
struct ConfigSandbox : Sandbox {
  ConfigSandbox() {
    write("package.json", "{\"name\": \"app\"}");
    write(".npmrc", "registry=http://127.0.0.1:9/\nproject-only=p\n");
    write(home() / ".npmrc",
          "//127.0.0.1:9/:_authToken=${SECRET_TOKEN}\nuser-only=u\nregistry=http://user.invalid/\n");
    write(root() / "prefix" / "etc" / "npmrc", "global-only=g\n");
    env().set("SECRET_TOKEN", "tok-123456");
    env().set("npm_config_env_only", "e");
    env().set("npm_config_prefix", (root() / "prefix").string());
  }
};

}  // namespace

TEST_CASE("config list shows each value with its source and masks secrets", "[cli]") {
  ConfigSandbox sandbox;
  LodeResult result = sandbox.lode({"config", "list", "--fetch-retries=5"});
  REQUIRE(result.status == 0);
  const std::string& out = result.out;
  std::string project_rc = (sandbox.project() / ".npmrc").string();
  std::string user_rc = (sandbox.home() / ".npmrc").string();
  CHECK(out.find("registry = \"http://127.0.0.1:9/\" ; project " + project_rc + ":1\n") != std::string::npos);
  CHECK(out.find("project-only = \"p\" ; project " + project_rc + ":2\n") != std::string::npos);
  CHECK(out.find("user-only = \"u\" ; user " + user_rc + ":2\n") != std::string::npos);
  CHECK(out.find("global-only = \"g\" ; global " + (sandbox.root() / "prefix/etc/npmrc").string() + ":1\n") !=
        std::string::npos);
  CHECK(out.find("env-only = \"e\" ; env npm_config_env_only\n") != std::string::npos);
  CHECK(out.find("fetch-retries = \"5\" ; cli --fetch-retries\n") != std::string::npos);
  CHECK(out.find("fetch-retry-mintimeout = \"10000\" ; default\n") != std::string::npos);
  CHECK(out.find("//127.0.0.1:9/:_authToken = (protected) ; user " + user_rc + ":1\n") != std::string::npos);
  CHECK(out.find("tok-123456") == std::string::npos);
  CHECK(result.err.find("tok-123456") == std::string::npos);
}

TEST_CASE("secrets stay masked in every output mode", "[cli]") {
  ConfigSandbox sandbox;
  for (auto args : std::vector<std::vector<std::string>>{
           {"config", "list", "--verbose"},
           {"config", "list", "--json"},
           {"config", "get", "//127.0.0.1:9/:_authToken"},
           {"config", "get", "//127.0.0.1:9/:_authToken", "--json"},
           {"config", "list", "--loglevel", "silly"}}) {
    LodeResult result = sandbox.lode(args);
    INFO(args[1]);
    CHECK(result.status == 0);
    CHECK(result.out.find("tok-123456") == std::string::npos);
    CHECK(result.err.find("tok-123456") == std::string::npos);
  }
  CHECK(sandbox.lode({"config", "get", "//127.0.0.1:9/:_authToken"}).out == "(protected)\n");
}

TEST_CASE("config list --json is structured", "[cli]") {
  ConfigSandbox sandbox;
  LodeResult result = sandbox.lode({"config", "list", "--json"});
  REQUIRE(result.status == 0);
  auto doc = nlohmann::json::parse(result.out);
  CHECK(doc["config"]["registry"]["value"] == "http://127.0.0.1:9/");
  CHECK(doc["config"]["registry"]["source"] == "project");
  CHECK(doc["config"]["user-only"]["source"] == "user");
  CHECK(doc["config"]["//127.0.0.1:9/:_authToken"]["value"] == "(protected)");
  CHECK(doc["files"].size() == 3);
}

TEST_CASE("config get prints values, undefined when unset", "[cli]") {
  ConfigSandbox sandbox;
  CHECK(sandbox.lode({"config", "get", "registry"}).out == "http://127.0.0.1:9/\n");
  CHECK(sandbox.lode({"config", "get", "registry", "--registry", "http://flag/"}).out == "http://flag/\n");
  sandbox.env().set("LODE_REGISTRY", "http://lode-env/");
  CHECK(sandbox.lode({"config", "get", "registry"}).out == "http://lode-env/\n");
  CHECK(sandbox.lode({"config", "get", "nothing-sets-this"}).out == "undefined\n");
  CHECK(sandbox.lode({"config", "get", "user-only", "project-only"}).out == "user-only=u\nproject-only=p\n");
}

TEST_CASE("an unset ${VAR} is reported by config list, not sent", "[cli]") {
  ConfigSandbox sandbox;
  sandbox.env().unset("SECRET_TOKEN");
  LodeResult result = sandbox.lode({"config", "list"});
  CHECK(result.status == 0);
  CHECK(result.out.find("; warning: " + (sandbox.home() / ".npmrc").string() +
                        ":1: ${SECRET_TOKEN} is not set in the environment") != std::string::npos);
}

TEST_CASE("config set and delete edit the chosen npmrc in place", "[cli]") {
  ConfigSandbox sandbox;
  REQUIRE(sandbox.lode({"config", "set", "fund=false", "cache=/tmp/c"}).status == 0);
  std::string user = sandbox.read(sandbox.home() / ".npmrc");
  CHECK(user.starts_with("//127.0.0.1:9/:_authToken=${SECRET_TOKEN}\n"));  // untouched, unexpanded
  CHECK(user.find("fund=false\ncache=/tmp/c\n") != std::string::npos);
  REQUIRE(sandbox.lode({"config", "set", "project-only", "changed", "--location", "project"}).status == 0);
  CHECK(sandbox.read(".npmrc") == "registry=http://127.0.0.1:9/\nproject-only=changed\n");
  REQUIRE(sandbox.lode({"config", "delete", "project-only", "-L", "project"}).status == 0);
  CHECK(sandbox.read(".npmrc") == "registry=http://127.0.0.1:9/\n");
  CHECK(sandbox.lode({"config", "get", "cache"}).out == "/tmp/c\n");

  LodeResult bad = sandbox.lode({"config", "set", "novalue"});
  CHECK(bad.status == 2);
  LodeResult where = sandbox.lode({"config", "set", "a=b", "--location", "moon"});
  CHECK(where.status == 2);
  CHECK(where.err.find("invalid --location 'moon'") != std::string::npos);
}

TEST_CASE("an unreadable npmrc is an error naming the file", "[cli]") {
  ConfigSandbox sandbox;
  fs::create_directories(sandbox.home() / ".npmrc-dir");
  sandbox.env().set("npm_config_userconfig", (sandbox.home() / ".npmrc-dir").string());
  LodeResult result = sandbox.lode({"config", "list"});
  CHECK(result.status == 1);
  CHECK(result.err.find("lode: error: cannot read user npmrc: cannot read file") == 0);
  CHECK(result.err.find(".npmrc-dir") != std::string::npos);
}
