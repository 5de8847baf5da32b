// Layout: where each package of the graph goes in node_modules, by npm's hoisting rule.
// Every dependency is placed as high in the tree as it can go without a conflict, so
// node's own module resolution (walking up through node_modules folders) finds, from each
// package, exactly the version the graph chose for it:
// - a dependency already visible with the same version is shared;
// - otherwise it goes to the highest folder between the dependent and the nearest
//   conflicting copy, unless putting it there would hide another version from a package
//   below that already resolved through that folder, in which case it goes lower;
// - peer dependencies are placed from the dependent's parent folder, so they end up next
//   to the dependent (or higher), where it can see them;
// - a package does not go where it would see a version of one of its peers (optional ones
//   included) that the peer's range refuses, nor where it would show such a version to a
//   package already placed (what `npm ls` calls an invalid peer).
// The order (breadth first, edges by name) is fixed, so the layout is deterministic.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "resolver/dependency_graph.h"

namespace lode {

inline constexpr uint32_t kRootPlacement = 0;

struct Placement {
  std::string path;  // relative to the project: "node_modules/a/node_modules/@s/b" ("" for the root)
  std::string name;  // the folder name (an alias's own name)
  NodeId node = kRootNode;
  uint32_t parent = kRootPlacement;
  std::unordered_map<std::string, uint32_t> children;  // folder name → placement
};

struct Layout {
  std::vector<Placement> placements;  // [0] is the project; parents come before children
  std::vector<std::string> peer_warnings;

  // The placement a package at `from` finds for dependency `name` (node's walk up), if any.
  std::optional<uint32_t> lookup(uint32_t from, std::string_view name) const;
};

struct LayoutOptions {
  // Whether a node is installed (--omit, and platform filtering of optional packages).
  std::function<bool(NodeId)> include = [](NodeId) { return true; };
};

// Places `graph` (its reachable, included nodes). Fails only on a pathological graph
// (placement deeper than any real tree).
Result<Layout> compute_layout(const DependencyGraph& graph, const LayoutOptions& options);

}  // namespace lode
