// `lode cache` through the binary, against the test registry: add, ls, verify, clean,
// dir, network modes, auth scoping, retries, integrity, two processes at once.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;

namespace {

// A sandbox whose project .npmrc points at `server`, with fast retries.
struct CacheSandbox : Sandbox {
  explicit CacheSandbox(const RegistryServer& server) {
    write(".npmrc", "registry=" + server.url() + "\nfetch-retry-mintimeout=10\nfetch-retry-maxtimeout=20\n");
  }
};

}  // namespace

TEST_CASE("cache add fetches packages and prints what it stored", "[cli]") {
  RegistryServer server;
  CacheSandbox sandbox(server);
  LodeResult added = sandbox.lode({"cache", "add", "left-pad", "@lode-test/scoped@1.0.0", "is-number@6.0.0", "deep-a@latest"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  CHECK(added.out == "left-pad@1.3.0\n@lode-test/scoped@1.0.0\nis-number@6.0.0\ndeep-a@1.0.0\n");
  LodeResult listed = sandbox.lode({"cache", "ls"});
  CHECK(listed.out == "@lode-test/scoped@1.0.0\ndeep-a@1.0.0\nis-number@6.0.0\nleft-pad@1.3.0\n");
  CHECK(sandbox.lode({"cache", "ls", "left*"}).out == "left-pad@1.3.0\n");
  CHECK(sandbox.lode({"cache", "ls", "scoped"}).out == "@lode-test/scoped@1.0.0\n");
  auto json = nlohmann::json::parse(sandbox.lode({"cache", "ls", "is-number", "--json"}).out);
  REQUIRE(json.size() == 1);
  CHECK(json[0]["version"] == "6.0.0");
  CHECK(fs::exists(fs::path(json[0]["path"].get<std::string>()) / "package.json"));
  CHECK(sandbox.lode({"cache", "dir"}).out == (sandbox.cache() / "lode").string() + "\n");
}

TEST_CASE("cache add errors name the package and registry; exit 1", "[cli]") {
  RegistryServer server;
  CacheSandbox sandbox(server);
  LodeResult missing = sandbox.lode({"cache", "add", "no-such-pkg"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("lode: error: package no-such-pkg not found in registry " + server.url()) == 0);
  LodeResult version = sandbox.lode({"cache", "add", "left-pad@7.7.7"});
  CHECK(version.status == 1);
  CHECK(version.err.find("no version of left-pad matches \"7.7.7\" (latest is 1.3.0)") != std::string::npos);
  LodeResult range = sandbox.lode({"cache", "add", "left-pad@~1.1", "is-number@<7"});
  CHECK(range.out == "left-pad@1.1.0\nis-number@6.0.0\n");
  CHECK(sandbox.lode({"cache", "add"}).status == 2);
  CHECK(sandbox.lode({"cache", "frob"}).status == 2);
}

TEST_CASE("--offline works from the cache and fails clearly without it", "[cli]") {
  RegistryServer server;
  CacheSandbox sandbox(server);
  LodeResult cold = sandbox.lode({"cache", "add", "left-pad", "--offline"});
  CHECK(cold.status == 1);
  CHECK(cold.err.find("package left-pad is not in the cache, and --offline forbids the network") != std::string::npos);
  REQUIRE(sandbox.lode({"cache", "add", "left-pad"}).status == 0);
  server.clear_requests();
  LodeResult warm = sandbox.lode({"cache", "add", "left-pad", "--offline"});
  CHECK(warm.status == 0);
  CHECK(warm.out == "left-pad@1.3.0\n");
  CHECK(server.requests().empty());
}

TEST_CASE("a token is sent to its registry and never to another host", "[cli]") {
  RegistryServer tarballs;  // serves the same packages, needs no token
  RegistryServer registry({{}, {"--token", "s3cret", "--tarball-base", tarballs.url()}});
  Sandbox sandbox;
  std::string nerf = "//127.0.0.1:" + std::to_string(registry.port()) + "/";
  sandbox.write(".npmrc", "registry=" + registry.url() + "\n" + nerf + ":_authToken=s3cret\n");
  LodeResult added = sandbox.lode({"cache", "add", "left-pad", "is-number"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  for (const auto& entry : registry.requests()) CHECK(entry["headers"]["authorization"] == "Bearer s3cret");
  auto tarball_requests = tarballs.requests();
  REQUIRE(tarball_requests.size() == 2);
  for (const auto& entry : tarball_requests) CHECK_FALSE(entry["headers"].contains("authorization"));
}

TEST_CASE("a missing or wrong token gets an auth error naming the key to set", "[cli]") {
  RegistryServer registry({{}, {"--token", "s3cret"}});
  CacheSandbox sandbox(registry);
  LodeResult denied = sandbox.lode({"cache", "add", "left-pad"});
  CHECK(denied.status == 1);
  CHECK(denied.err.find("authentication required for package left-pad (HTTP 401)") != std::string::npos);
  CHECK(denied.err.find("//127.0.0.1:" + std::to_string(registry.port()) + "/:_authToken") != std::string::npos);
}

TEST_CASE("500s and cut connections are retried; an integrity mismatch is refused", "[cli]") {
  RegistryServer server;
  CacheSandbox sandbox(server);
  server.set_faults({{{"path", "/left-pad"}, {"action", "status"}, {"status", 500}, {"times", 2}},
                     {{"path", "/left-pad/-/*"}, {"action", "cut"}, {"after_bytes", 20}}});
  LodeResult retried = sandbox.lode({"cache", "add", "left-pad"});
  INFO(retried.err);
  CHECK(retried.status == 0);
  CHECK(server.count_requests("/left-pad") == 3);
  CHECK(server.count_requests("/left-pad/-/left-pad-1.3.0.tgz") == 2);

  server.set_faults({{{"path", "/is-number/-/*"}, {"action", "corrupt"}, {"times", -1}}});
  LodeResult corrupt = sandbox.lode({"cache", "add", "is-number"});
  CHECK(corrupt.status == 1);
  CHECK(corrupt.err.find("integrity check failed for is-number@7.0.0") != std::string::npos);
  CHECK(sandbox.lode({"cache", "ls", "is-number"}).out.empty());
}

TEST_CASE("two processes adding the same packages fetch each tarball once", "[cli]") {
  // Latency keeps both processes busy at the same time.
  RegistryServer server({{}, {"--latency-ms", "150"}});
  CacheSandbox sandbox(server);
  std::vector<std::string> args = {"cache", "add", "left-pad", "is-number", "deep-a", "deep-b", "deep-c", "peer-host"};
  LodeResult first, second;
  std::thread other([&] { second = sandbox.lode(args); });
  first = sandbox.lode(args);
  other.join();
  INFO(first.err << second.err);
  CHECK(first.status == 0);
  CHECK(second.status == 0);
  CHECK(first.out == second.out);
  size_t tarball_requests = 0;
  for (const auto& entry : server.requests()) {
    if (entry["path"].get<std::string>().ends_with(".tgz")) ++tarball_requests;
  }
  CHECK(tarball_requests == 6);
  CHECK(sandbox.lode({"cache", "verify"}).out == "verified 6 packages (12 files), removed 0 damaged\n");
}

TEST_CASE("verify drops tampered packages; clean empties the cache", "[cli]") {
  RegistryServer server;
  CacheSandbox sandbox(server);
  REQUIRE(sandbox.lode({"cache", "add", "left-pad", "is-number"}).status == 0);
  auto json = nlohmann::json::parse(sandbox.lode({"cache", "ls", "left-pad", "--json"}).out);
  sandbox.write(fs::path(json[0]["path"].get<std::string>()) / "index.js", "tampered");
  LodeResult verified = sandbox.lode({"cache", "verify"});
  CHECK(verified.status == 0);
  // Checking a package stops at its first bad file.
  CHECK(verified.out == "verified 2 packages (3 files), removed 1 damaged\n");
  CHECK(verified.err.find("left-pad@1.3.0: index.js was modified") != std::string::npos);
  CHECK(sandbox.lode({"cache", "ls"}).out == "is-number@7.0.0\n");
  CHECK(sandbox.lode({"cache", "clean", "--older-than", "1"}).out.starts_with("removed 0 packages"));
  LodeResult cleaned = sandbox.lode({"cache", "clean"});
  CHECK(cleaned.out.starts_with("removed 1 package and 2 documents"));
  CHECK(sandbox.lode({"cache", "ls"}).out.empty());
  CHECK(sandbox.lode({"cache", "clean", "--older-than", "soon"}).status == 2);
}
