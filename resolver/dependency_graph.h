// The resolved dependency graph: one node per package instance (a registry name@version,
// a tarball URL, a local folder or tarball), the root project as node 0, and each node's
// dependency edges pointing at the node they resolved to. Resolution builds it, the
// lockfile stores it, layout places it into node_modules.
#pragma once

#include <cstdint>
#include <limits>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"

namespace lode {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();
inline constexpr NodeId kRootNode = 0;

enum class EdgeType : uint8_t {
  kProd,          // dependencies
  kDev,           // devDependencies (the root's only)
  kOptional,      // optionalDependencies: a failure to install is a note, not an error
  kPeer,          // peerDependencies: installed next to the dependent
  kPeerOptional,  // peerDependenciesMeta optional: checked when present, never installed for it
};

std::string_view edge_type_name(EdgeType type);

struct Edge {
  std::string name;  // the folder name it is installed under (an alias's own name)
  std::string spec;  // the specifier that was resolved (after overrides)
  EdgeType type = EdgeType::kProd;
  NodeId target = kNoNode;  // kNoNode: not installed (an optional peer nobody provides, a skipped optional)
};

enum class SourceKind : uint8_t {
  kRoot,       // the project itself
  kRegistry,   // name@version from a registry
  kRemote,     // a tarball URL
  kFile,       // a local tarball
  kDirectory,  // a local folder, linked (file: and link:)
};

struct PackageNode {
  std::string name;     // the package's own name (the real name behind an alias)
  std::string version;
  SourceKind source = SourceKind::kRegistry;
  // kRegistry/kRemote: the tarball URL; kFile/kDirectory: the path as written, relative to
  // the project.
  std::string resolved;
  std::string integrity;  // SRI (or "sha1-<base64>" from an old shasum); empty for folders
  std::vector<std::pair<std::string, std::string>> bin;  // command → path in the package
  std::string bin_directory;  // directories.bin: every file in it is a command
  std::vector<std::string> os;
  std::vector<std::string> cpu;
  std::vector<std::string> libc;
  std::vector<std::pair<std::string, std::string>> engines;
  std::string deprecated;
  bool has_install_script = false;
  std::vector<Edge> edges;  // sorted by name

  // Set by compute_flags(): reachable from the root only through dev / optional / peer
  // edges (npm's "dev", "optional", "devOptional" and "peer" flags).
  bool dev = false;
  bool optional = false;
  bool dev_optional = false;
  bool peer = false;

  // A stable identity: "name@version", or "name@<url or file:path>" for other sources.
  std::string key() const;
};

class DependencyGraph {
 public:
  DependencyGraph();  // holds the root node

  PackageNode& root() { return nodes_[kRootNode]; }
  const PackageNode& root() const { return nodes_[kRootNode]; }
  PackageNode& node(NodeId id) { return nodes_[id]; }
  const PackageNode& node(NodeId id) const { return nodes_[id]; }
  size_t size() const { return nodes_.size(); }
  const std::vector<PackageNode>& nodes() const { return nodes_; }

  // Adds `node`, or returns the existing node with the same key.
  NodeId add(PackageNode node);
  // Room for `count` nodes, so adding them moves none (a node is a dozen vectors and strings).
  void reserve(size_t count);
  NodeId find(std::string_view key) const;
  // Every node of package `name`, in the order they were added.
  const std::vector<NodeId>& versions_of(std::string_view name) const;

  // Sets each node's dev/optional/devOptional/peer flags from how the root reaches it.
  void compute_flags();

  // The ids of nodes reachable from the root through installed edges, in BFS order
  // (edges in name order): the deterministic order layout and output use.
  std::vector<NodeId> reachable() const;
  // The same walk, but the edges of a node `expand` refuses are not followed: that node
  // is listed, what only it leads to is not (another platform's binary and its own
  // dependencies).
  std::vector<NodeId> reachable(const std::function<bool(NodeId)>& expand) const;

 private:
  std::vector<PackageNode> nodes_;
  // Looked up by string_view without making a string (an install asks thousands of times).
  std::unordered_map<std::string, NodeId, TextHash, std::equal_to<>> by_key_;
  std::unordered_map<std::string, std::vector<NodeId>, TextHash, std::equal_to<>> by_name_;
};

}  // namespace lode
