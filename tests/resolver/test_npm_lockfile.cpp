#include <catch2/catch.hpp>

#include "resolver/npm_lockfile.h"

using namespace lode;

TEST_CASE("npm lockfiles v2/v3 migrate into a graph with node's lookup", "[resolver]") {
  auto graph = read_npm_lockfile(R"({
    "name": "app", "lockfileVersion": 3, "requires": true,
    "packages": {
      "": {"name": "app", "dependencies": {"a": "^1.0.0", "c": "^2.0.0"}, "devDependencies": {"t": "^1"}},
      "node_modules/a": {"version": "1.0.0", "resolved": "https://r.example/a/-/a-1.0.0.tgz",
                         "integrity": "sha512-a", "dependencies": {"c": "^1.0.0"}},
      "node_modules/a/node_modules/c": {"version": "1.5.0", "integrity": "sha512-c1"},
      "node_modules/c": {"version": "2.0.0", "integrity": "sha512-c2", "bin": {"c": "c.js"}},
      "node_modules/t": {"version": "1.0.0", "dev": true, "os": ["linux"]},
      "node_modules/linked": {"resolved": "../linked", "link": true}
    }})",
                                 "/p/package-lock.json",
                                 [](std::string_view) { return std::string("https://default.example/"); });
  REQUIRE(graph);
  NodeId a = graph->find("a@1.0.0");
  NodeId c1 = graph->find("c@1.5.0");
  NodeId c2 = graph->find("c@2.0.0");
  REQUIRE(a != kNoNode);
  REQUIRE(c1 != kNoNode);
  REQUIRE(c2 != kNoNode);
  CHECK(graph->node(a).edges.at(0).target == c1);  // a finds its own nested c
  CHECK(graph->node(c1).resolved == "https://default.example/c/-/c-1.5.0.tgz");
  CHECK(graph->node(c2).bin.size() == 1);
  CHECK(graph->root().edges.size() == 3);
  NodeId t = graph->find("t@1.0.0");
  CHECK(graph->node(t).dev);
  CHECK(graph->node(t).os == std::vector<std::string>{"linux"});
  auto old = read_npm_lockfile(R"({"lockfileVersion": 1, "dependencies": {}})", "/p/package-lock.json",
                               [](std::string_view) { return std::string(); });
  REQUIRE_FALSE(old);
  CHECK(old.error().code == ErrorCode::kUnsupported);
}
