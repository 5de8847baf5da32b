#include "resolver/dependency_graph.h"

#include <deque>

namespace lode {

namespace {

// Nodes reachable from the root using only edges `allowed` accepts.
template <class Allowed>
std::vector<bool> reach(const std::vector<PackageNode>& nodes, Allowed allowed) {
  std::vector<bool> seen(nodes.size(), false);
  std::deque<NodeId> queue = {kRootNode};
  seen[kRootNode] = true;
  while (!queue.empty()) {
    NodeId id = queue.front();
    queue.pop_front();
    for (const Edge& edge : nodes[id].edges) {
      // An optional peer's target is a version the graph has anyway (graph_resolver.h).
      if (edge.target == kNoNode || !allowed(edge)) continue;
      if (seen[edge.target]) continue;
      seen[edge.target] = true;
      queue.push_back(edge.target);
    }
  }
  return seen;
}

}  // namespace

std::string_view edge_type_name(EdgeType type) {
  switch (type) {
    case EdgeType::kProd: return "prod";
    case EdgeType::kDev: return "dev";
    case EdgeType::kOptional: return "optional";
    case EdgeType::kPeer: return "peer";
    case EdgeType::kPeerOptional: return "peerOptional";
  }
  return "prod";
}

std::string PackageNode::key() const {
  switch (source) {
    case SourceKind::kRoot: return "";
    case SourceKind::kRegistry: return name + "@" + version;
    case SourceKind::kRemote: return name + "@" + resolved;
    case SourceKind::kFile:
    case SourceKind::kDirectory: return name + "@file:" + resolved;
  }
  return name + "@" + version;
}

DependencyGraph::DependencyGraph() {
  PackageNode root;
  root.source = SourceKind::kRoot;
  nodes_.push_back(std::move(root));
}

void DependencyGraph::reserve(size_t count) {
  nodes_.reserve(count);
  by_key_.reserve(count);
  by_name_.reserve(count);
}

NodeId DependencyGraph::add(PackageNode node) {
  auto [it, inserted] = by_key_.try_emplace(node.key(), static_cast<NodeId>(nodes_.size()));
  if (!inserted) return it->second;
  auto named = by_name_.find(node.name);
  if (named == by_name_.end()) named = by_name_.try_emplace(node.name).first;
  named->second.push_back(it->second);
  nodes_.push_back(std::move(node));
  return it->second;
}

NodeId DependencyGraph::find(std::string_view key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? kNoNode : it->second;
}

const std::vector<NodeId>& DependencyGraph::versions_of(std::string_view name) const {
  static const std::vector<NodeId> kNone;
  auto it = by_name_.find(name);
  return it == by_name_.end() ? kNone : it->second;
}

void DependencyGraph::compute_flags() {
  std::vector<bool> any = reach(nodes_, [](const Edge&) { return true; });
  std::vector<bool> without_dev = reach(nodes_, [](const Edge& e) { return e.type != EdgeType::kDev; });
  std::vector<bool> without_optional = reach(nodes_, [](const Edge& e) { return e.type != EdgeType::kOptional; });
  std::vector<bool> without_peer =
      reach(nodes_, [](const Edge& e) { return e.type != EdgeType::kPeer && e.type != EdgeType::kPeerOptional; });
  std::vector<bool> strict = reach(nodes_, [](const Edge& e) {
    return e.type != EdgeType::kDev && e.type != EdgeType::kOptional;
  });
  for (NodeId id = 1; id < nodes_.size(); ++id) {
    PackageNode& node = nodes_[id];
    if (!any[id]) continue;
    node.dev = !without_dev[id];
    node.optional = !without_optional[id];
    node.dev_optional = !strict[id] && !node.dev && !node.optional;
    node.peer = !without_peer[id];
  }
}

std::vector<NodeId> DependencyGraph::reachable() const {
  return reachable([](NodeId) { return true; });
}

std::vector<NodeId> DependencyGraph::reachable(const std::function<bool(NodeId)>& expand) const {
  std::vector<bool> seen(nodes_.size(), false);
  std::vector<NodeId> order;
  std::deque<NodeId> queue = {kRootNode};
  seen[kRootNode] = true;
  while (!queue.empty()) {
    NodeId id = queue.front();
    queue.pop_front();
    if (id != kRootNode) {
      order.push_back(id);
      if (!expand(id)) continue;
    }
    for (const Edge& edge : nodes_[id].edges) {
      if (edge.target == kNoNode || seen[edge.target]) continue;
      seen[edge.target] = true;
      queue.push_back(edge.target);
    }
  }
  return order;
}

}  // namespace lode
