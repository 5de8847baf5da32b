#include <catch2/catch.hpp>

#include "resolver/layout.h"

using namespace lode;

namespace {

struct GraphBuilder {
  DependencyGraph graph;
  NodeId add(std::string name, std::string version) {
    PackageNode node;
    node.name = std::move(name);
    node.version = std::move(version);
    return graph.add(std::move(node));
  }
  void depend(NodeId from, NodeId to, EdgeType type = EdgeType::kProd) {
    graph.node(from).edges.push_back({graph.node(to).name, graph.node(to).version, type, to});
  }
  Layout layout() {
    auto result = compute_layout(graph, {});
    REQUIRE(result);
    return std::move(*result);
  }
};

std::string version_at(const DependencyGraph& graph, const Layout& layout, std::string_view path) {
  for (const Placement& placement : layout.placements) {
    if (placement.path == path) return graph.node(placement.node).version;
  }
  return "";
}

}  // namespace

TEST_CASE("layout hoists, shares and nests conflicting versions", "[resolver]") {
  GraphBuilder g;
  NodeId a = g.add("a", "1.0.0");
  NodeId b = g.add("b", "1.0.0");
  NodeId c1 = g.add("c", "1.0.0");
  NodeId c2 = g.add("c", "2.0.0");
  g.depend(kRootNode, a);
  g.depend(kRootNode, b);
  g.depend(kRootNode, c2);
  g.depend(a, c1);  // conflicts with the project's c@2: nested under a
  g.depend(b, c2);  // shares the project's c@2
  Layout layout = g.layout();
  CHECK(version_at(g.graph, layout, "node_modules/c") == "2.0.0");
  CHECK(version_at(g.graph, layout, "node_modules/a/node_modules/c") == "1.0.0");
  CHECK(version_at(g.graph, layout, "node_modules/b/node_modules/c").empty());
  CHECK(layout.placements.size() == 5);  // the project, a, b, c@2, a's c@1
}

TEST_CASE("layout never hides a version a package already found higher up", "[resolver]") {
  // The project → a, b@2, d@1; a → b@1 (nested: b@2 is on top), d@1 (found at the top);
  // a's b@1 → d@2. The highest free folder for d@2 is a's node_modules, but a already
  // resolved d to the project's d@1 through it: d@2 must go below b@1 instead.
  GraphBuilder g;
  NodeId a = g.add("a", "1.0.0");
  NodeId b1 = g.add("b", "1.0.0");
  NodeId b2 = g.add("b", "2.0.0");
  NodeId d1 = g.add("d", "1.0.0");
  NodeId d2 = g.add("d", "2.0.0");
  g.depend(kRootNode, a);
  g.depend(kRootNode, b2);
  g.depend(kRootNode, d1);
  g.depend(a, b1);
  g.depend(a, d1);
  g.depend(b1, d2);
  Layout layout = g.layout();
  CHECK(version_at(g.graph, layout, "node_modules/a/node_modules/b") == "1.0.0");
  CHECK(version_at(g.graph, layout, "node_modules/a/node_modules/d").empty());
  CHECK(version_at(g.graph, layout, "node_modules/a/node_modules/b/node_modules/d") == "2.0.0");
  // Every package finds exactly its graph choice through node's lookup.
  for (uint32_t id = 0; id < layout.placements.size(); ++id) {
    for (const Edge& edge : g.graph.node(layout.placements[id].node).edges) {
      auto found = layout.lookup(id, edge.name);
      REQUIRE(found);
      CHECK(layout.placements[*found].node == edge.target);
    }
  }
}

TEST_CASE("peers go next to their dependent; an unsatisfiable one is a warning", "[resolver]") {
  GraphBuilder g;
  NodeId plugin = g.add("plugin", "1.0.0");
  NodeId host1 = g.add("host", "1.0.0");
  NodeId host2 = g.add("host", "2.0.0");
  g.depend(kRootNode, plugin);
  g.depend(plugin, host1, EdgeType::kPeer);
  Layout ok = g.layout();
  CHECK(version_at(g.graph, ok, "node_modules/host") == "1.0.0");
  CHECK(version_at(g.graph, ok, "node_modules/plugin/node_modules/host").empty());
  CHECK(ok.peer_warnings.empty());
  g.depend(kRootNode, host2);
  std::sort(g.graph.root().edges.begin(), g.graph.root().edges.end(), [](const Edge& a, const Edge& b) { return a.name < b.name; });
  Layout conflict = g.layout();
  CHECK(version_at(g.graph, conflict, "node_modules/host") == "2.0.0");
  REQUIRE(conflict.peer_warnings.size() == 1);
  CHECK(conflict.peer_warnings[0] == "plugin@1.0.0 needs peer host@1.0.0, but host@2.0.0 is installed (for the project)");
}

TEST_CASE("a package is not hoisted past a version of its peer its range refuses", "[resolver]") {
  // The project → host@2, tool; tool → host@1, plugin (peer host ^1). The top folder is
  // free for plugin, but there it would see the project's host@2: it stays beside tool's.
  GraphBuilder g;
  NodeId host1 = g.add("host", "1.0.0");
  NodeId host2 = g.add("host", "2.0.0");
  NodeId tool = g.add("tool", "1.0.0");
  NodeId plugin = g.add("plugin", "1.0.0");
  g.depend(kRootNode, host2);
  g.depend(kRootNode, tool);
  g.depend(tool, host1);
  g.depend(tool, plugin);
  g.graph.node(plugin).edges.push_back({"host", "^1.0.0", EdgeType::kPeer, host1});
  Layout layout = g.layout();
  CHECK(version_at(g.graph, layout, "node_modules/plugin").empty());
  CHECK(version_at(g.graph, layout, "node_modules/tool/node_modules/plugin") == "1.0.0");
  CHECK(version_at(g.graph, layout, "node_modules/tool/node_modules/host") == "1.0.0");
  CHECK(layout.peer_warnings.empty());
}

TEST_CASE("a later version does not go where a placed package would see it as a refused peer", "[resolver]") {
  // The project → addon (optional peer engine ^1, which nobody installs), b; b → engine@2.
  // engine@2 at the top would give addon a version its range refuses: it nests under b.
  GraphBuilder g;
  NodeId addon = g.add("addon", "1.0.0");
  NodeId b = g.add("b", "1.0.0");
  NodeId engine2 = g.add("engine", "2.0.0");
  g.depend(kRootNode, addon);
  g.depend(kRootNode, b);
  g.depend(b, engine2);
  g.graph.node(addon).edges.push_back({"engine", "^1.0.0", EdgeType::kPeerOptional, kNoNode});
  Layout layout = g.layout();
  CHECK(version_at(g.graph, layout, "node_modules/engine").empty());
  CHECK(version_at(g.graph, layout, "node_modules/b/node_modules/engine") == "2.0.0");
  CHECK(layout.peer_warnings.empty());
  // An accepted version does go to the top.
  g.graph.node(addon).edges.back().spec = "^2.0.0";
  Layout hoisted = g.layout();
  CHECK(version_at(g.graph, hoisted, "node_modules/engine") == "2.0.0");
}

TEST_CASE("a peer that would hide a regular dependency's version stays unsatisfied", "[resolver]") {
  // The project → g; g → p@5, x (peer p ^4), placed in that order. Wherever x goes it sees
  // g's p@5, and p@4 beside it would hide p@5 from g: npm's answer too is an invalid peer,
  // not a broken g.
  GraphBuilder g;
  NodeId gatsby = g.add("g", "1.0.0");
  NodeId p4 = g.add("p", "4.0.0");
  NodeId p5 = g.add("p", "5.0.0");
  NodeId cfg = g.add("x", "1.0.0");
  g.depend(kRootNode, gatsby);
  g.depend(gatsby, p5);
  g.depend(gatsby, cfg);
  g.graph.node(cfg).edges.push_back({"p", "^4.0.0", EdgeType::kPeer, p4});
  Layout layout = g.layout();
  auto found = layout.lookup(*layout.lookup(kRootPlacement, "g"), "p");
  REQUIRE(found);
  CHECK(layout.placements[*found].node == p5);
  REQUIRE(layout.peer_warnings.size() == 1);
  CHECK(layout.peer_warnings[0] == "x@1.0.0 needs peer p@^4.0.0, but p@5.0.0 is installed (for the project)");
}

TEST_CASE("a peer the project's version refuses is reported, not given a copy, optional or not", "[resolver]") {
  // The project → yaml@1, loader; loader has a peer yaml ^2 (postcss-load-config's optional
  // one beside a project on yaml 1). npm leaves yaml@1 where it is and calls the edge
  // invalid; a private yaml@2 would be extraneous to npm for an optional peer, a second
  // host for a required one.
  for (EdgeType type : {EdgeType::kPeerOptional, EdgeType::kPeer}) {
    GraphBuilder g;
    NodeId yaml1 = g.add("yaml", "1.10.2");
    NodeId yaml2 = g.add("yaml", "2.9.1");
    NodeId loader = g.add("loader", "4.0.0");
    g.depend(kRootNode, yaml1);
    g.depend(kRootNode, loader);
    g.graph.node(loader).edges.push_back({"yaml", "^2.4.2", type, yaml2});
    Layout layout = g.layout();
    CHECK(version_at(g.graph, layout, "node_modules/yaml") == "1.10.2");
    CHECK(version_at(g.graph, layout, "node_modules/loader/node_modules/yaml").empty());
    REQUIRE(layout.peer_warnings.size() == 1);
    CHECK(layout.peer_warnings[0] == "loader@4.0.0 needs peer yaml@^2.4.2, but yaml@1.10.2 is installed (for the project)");
  }
}

TEST_CASE("excluded nodes are not placed", "[resolver]") {
  GraphBuilder g;
  NodeId a = g.add("a", "1.0.0");
  NodeId skip = g.add("skip", "1.0.0");
  g.depend(kRootNode, a);
  g.depend(a, skip, EdgeType::kOptional);
  LayoutOptions options;
  options.include = [&](NodeId id) { return id != skip; };
  auto layout = compute_layout(g.graph, options);
  REQUIRE(layout);
  CHECK(layout->placements.size() == 2);
}

TEST_CASE("a cycle is placed once", "[resolver]") {
  GraphBuilder g;
  NodeId a = g.add("a", "1.0.0");
  NodeId b = g.add("b", "1.0.0");
  g.depend(kRootNode, a);
  g.depend(a, b);
  g.depend(b, a);
  Layout layout = g.layout();
  CHECK(layout.placements.size() == 3);
}
