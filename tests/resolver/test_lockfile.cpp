#include <catch2/catch.hpp>

#include "resolver/lockfile.h"

using namespace lode;

namespace {

std::string registry(std::string_view) { return "https://registry.example/"; }

// A small graph: the project → a (→ c@1, peer host, optional peer react nobody provides),
// b@npm:real (alias), c@2 (dev), host, opt (darwin only).
DependencyGraph sample() {
  DependencyGraph graph;
  auto add = [&](std::string name, std::string version) {
    PackageNode node;
    node.name = name;
    node.version = version;
    node.resolved = default_tarball_url(registry(name), name, version);
    node.integrity = "sha512-" + name + version;
    return graph.add(std::move(node));
  };
  NodeId a = add("a", "1.0.0");
  NodeId real = add("real", "2.0.0");
  NodeId c1 = add("c", "1.0.0");
  NodeId c2 = add("c", "2.0.0");
  NodeId opt = add("opt", "1.0.0");
  NodeId host = add("host", "1.2.0");
  graph.node(opt).os = {"darwin"};
  graph.node(opt).cpu = {"arm64"};
  graph.node(real).resolved = "https://cdn.example/real.tgz";
  graph.node(real).bin = {{"real", "bin/real.js"}};
  graph.node(real).has_install_script = true;
  PackageNode local;
  local.name = "local";
  local.version = "0.1.0";
  local.source = SourceKind::kDirectory;
  local.resolved = "../local with space";
  NodeId local_id = graph.add(std::move(local));
  graph.node(a).edges = {{"c", "^1.0.0", EdgeType::kProd, c1},
                         {"host", "^1.0.0", EdgeType::kPeer, host},
                         {"opt", "^1", EdgeType::kOptional, opt},
                         {"react", ">=17 <19", EdgeType::kPeerOptional, kNoNode}};
  graph.root().edges = {{"a", "^1.0.0", EdgeType::kProd, a},
                        {"alias", "npm:real@^2.0.0", EdgeType::kProd, real},
                        {"c", ">=2.0.0 <3", EdgeType::kDev, c2},
                        {"host", "^1.2.0", EdgeType::kProd, host},
                        {"local", "file:../local with space", EdgeType::kProd, local_id}};
  graph.compute_flags();
  return graph;
}

}  // namespace

TEST_CASE("lockfile text is deterministic, sorted and round-trips", "[resolver]") {
  DependencyGraph graph = sample();
  std::string text = write_lockfile(graph, registry);
  CHECK(text == write_lockfile(graph, registry));
  CHECK(text.find("lockfile 1\n") != std::string::npos);
  CHECK(text.find("c dev \">=2.0.0 <3\" c@2.0.0\n") != std::string::npos);
  CHECK(text.find("alias prod npm:real@^2.0.0 real@2.0.0\n") != std::string::npos);
  // Peers keep their range: an install from the lockfile judges them as the resolution did.
  CHECK(text.find("a@1.0.0 sha512-a1.0.0 dep=c@1.0.0 peer=host@1.2.0 range=host:^1.0.0 opt=opt@1.0.0 optpeer=react "
                  "\"range=react:>=17 <19\"\n") != std::string::npos);
  CHECK(text.find("real@2.0.0 sha512-real2.0.0 resolved=https://cdn.example/real.tgz bin=real:bin/real.js scripts\n") !=
        std::string::npos);
  CHECK(text.find("c@2.0.0 sha512-c2.0.0 dev\n") != std::string::npos);
  CHECK(text.find("opt@1.0.0 sha512-opt1.0.0 os=darwin cpu=arm64 optional\n") != std::string::npos);
  CHECK(text.find("\"local@file:../local with space\" - version=0.1.0\n") != std::string::npos);
  CHECK(text.find("a@1.0.0") < text.find("c@1.0.0"));

  auto parsed = parse_lockfile(text, "lode.lock", registry);
  REQUIRE(parsed);
  CHECK(write_lockfile(*parsed, registry) == text);
  NodeId real = parsed->find("real@2.0.0");
  REQUIRE(real != kNoNode);
  CHECK(parsed->node(real).resolved == "https://cdn.example/real.tgz");
  NodeId a = parsed->find("a@1.0.0");
  CHECK(parsed->node(a).resolved == "https://registry.example/a/-/a-1.0.0.tgz");
  REQUIRE(parsed->node(a).edges.size() == 4);
  CHECK(parsed->node(a).edges[0].spec == "1.0.0");  // a regular edge: the version it resolved to
  CHECK(parsed->node(a).edges[1].spec == "^1.0.0");
  CHECK(parsed->node(a).edges[3].spec == ">=17 <19");
  CHECK(parsed->root().edges.size() == 5);
}

TEST_CASE("malformed lockfiles are errors naming the line", "[resolver]") {
  auto check = [](std::string text, std::string what, std::string line) {
    auto parsed = parse_lockfile(text, "/p/lode.lock", registry);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().message.find(what) != std::string::npos);
    CHECK(parsed.error().subject == "/p/lode.lock:" + line);
  };
  check("nothing here\n", "expected 'lockfile 1'", "1");
  check("lockfile 7\n", "written by a newer lode", "1");
  check("lockfile 1\n[root]\na prod ^1\n", "a root line has", "3");
  check("lockfile 1\n[root]\na sideways ^1 a@1.0.0\n", "unknown dependency type", "3");
  check("lockfile 1\n[packages]\na@1.0.0 sha512-x dep=b@1.0.0\n", "refers to 'b@1.0.0'", "3");
  check("lockfile 1\n[packages]\na@1.0.0 - frobnicate=1\n", "unknown attribute", "3");
  check("lockfile 1\n[packages]\na@1.0.0 - \"unterminated\n", "unterminated quote", "3");
  check("lockfile 1\n[packages]\na@1.0.0 - optpeer=b range=b\n", "range needs name:range", "3");
  check("lockfile 1\n[packages]\na@1.0.0 - optpeer=b range=c:^1\n", "range for 'c'", "3");
  check("lockfile 1\n[packages]\na@1.0.0 -\na@1.0.0 -\n", "listed twice", "4");
}
