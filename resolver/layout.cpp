#include "resolver/layout.h"

#include <deque>

#include "resolver/package_spec.h"
#include "resolver/version_picker.h"

namespace lode {

namespace {

// Deeper than any real dependency tree; reaching it means a cycle of conflicts.
constexpr size_t kMaxDepth = 128;

struct Resolved {
  uint32_t at;        // the placement that looked the name up
  uint32_t provider;  // the placement it found
};

class Placer {
 public:
  Placer(const DependencyGraph& graph, const LayoutOptions& options) : graph_(graph), options_(options) {}

  Result<Layout> run();

 private:
  bool is_ancestor(uint32_t ancestor, uint32_t of) const {
    for (uint32_t p = of; ; p = layout_.placements[p].parent) {
      if (p == ancestor) return true;
      if (p == kRootPlacement) return false;
    }
  }
  size_t depth(uint32_t placement) const {
    size_t d = 0;
    for (uint32_t p = placement; p != kRootPlacement; p = layout_.placements[p].parent) ++d;
    return d;
  }
  // Whether placing `target` as `name` in `level` would hide a different version from a
  // package at or below `level` that resolved `name` through a folder above `level`.
  bool would_shadow(uint32_t level, const std::string& name, NodeId target) const {
    auto it = resolved_.find(name);
    if (it == resolved_.end()) return false;
    for (const Resolved& r : it->second) {
      if (layout_.placements[r.provider].node == target) continue;
      // The folder the package was found in: placing at `level` hides it when it lies
      // above `level` and the package that looked is at or below `level`.
      uint32_t found_in = layout_.placements[r.provider].parent;
      if (found_in == level || !is_ancestor(found_in, level) || !is_ancestor(level, r.at)) continue;
      return true;
    }
    return false;
  }
  uint32_t place(uint32_t level, const std::string& name, NodeId node) {
    Placement placement;
    const Placement& parent = layout_.placements[level];
    placement.path = (parent.path.empty() ? "" : parent.path + "/") + "node_modules/" + name;
    placement.name = name;
    placement.node = node;
    placement.parent = level;
    uint32_t id = static_cast<uint32_t>(layout_.placements.size());
    layout_.placements.push_back(std::move(placement));
    layout_.placements[level].children[name] = id;
    queue_.push_back(id);
    return id;
  }
  void check_peer(uint32_t at, const Edge& edge);

  const DependencyGraph& graph_;
  const LayoutOptions& options_;
  Layout layout_;
  std::deque<uint32_t> queue_;
  std::unordered_map<std::string, std::vector<Resolved>> resolved_;
};

void Placer::check_peer(uint32_t at, const Edge& edge) {
  const PackageNode& dependent = graph_.node(layout_.placements[at].node);
  uint32_t from = at == kRootPlacement ? kRootPlacement : layout_.placements[at].parent;
  std::optional<uint32_t> found = layout_.lookup(from, edge.name);
  std::string who = at == kRootPlacement ? "the project" : dependent.key();
  if (!found) {
    if (edge.type == EdgeType::kPeer && edge.target != kNoNode && options_.include(edge.target)) {
      layout_.peer_warnings.push_back(who + " needs peer " + edge.name + "@" + edge.spec + ", which is not installed");
    }
    return;
  }
  const PackageNode& provided = graph_.node(layout_.placements[*found].node);
  if (layout_.placements[*found].node == edge.target) return;
  Result<PackageSpec> spec = parse_dependency_spec(edge.name, edge.spec);
  if (spec && spec->from_registry() && version_satisfies(provided.version, *spec)) return;
  layout_.peer_warnings.push_back(who + " needs peer " + edge.name + "@" + edge.spec + ", but " + provided.key() +
                                  " is installed" +
                                  (layout_.placements[*found].parent == kRootPlacement ? " (for the project)" : ""));
}

Result<Layout> Placer::run() {
  Placement root;
  root.node = kRootNode;
  layout_.placements.push_back(std::move(root));
  queue_.push_back(kRootPlacement);
  while (!queue_.empty()) {
    uint32_t at = queue_.front();
    queue_.pop_front();
    if (depth(at) > kMaxDepth) {
      return fail(ErrorCode::kInternal, "node_modules would nest deeper than " + std::to_string(kMaxDepth) + " levels",
                  layout_.placements[at].path, "the dependency graph has a cycle of conflicting versions");
    }
    const PackageNode& node = graph_.node(layout_.placements[at].node);
    for (const Edge& edge : node.edges) {
      if (edge.type == EdgeType::kPeerOptional || edge.target == kNoNode || !options_.include(edge.target)) continue;
      bool peer = edge.type == EdgeType::kPeer && at != kRootPlacement;
      uint32_t start = peer ? layout_.placements[at].parent : at;
      // Walk up from `start` to the first folder that has `name` (or the root).
      std::vector<uint32_t> free_levels;
      std::optional<uint32_t> existing;
      for (uint32_t level = start;; level = layout_.placements[level].parent) {
        auto child = layout_.placements[level].children.find(edge.name);
        if (child != layout_.placements[level].children.end()) {
          existing = child->second;
          break;
        }
        free_levels.push_back(level);
        if (level == kRootPlacement) break;
      }
      if (existing && layout_.placements[*existing].node == edge.target) {
        resolved_[edge.name].push_back({at, *existing});
        continue;
      }
      if (free_levels.empty()) {
        // The folder the dependent sees first already holds another version: a peer that
        // cannot be satisfied there. check_peer below reports it.
        if (peer) continue;
        return fail(ErrorCode::kInternal, "cannot place " + edge.name + " below " + layout_.placements[at].path);
      }
      uint32_t level = free_levels.front();
      for (auto it = free_levels.rbegin(); it != free_levels.rend(); ++it) {
        if (!would_shadow(*it, edge.name, edge.target)) {
          level = *it;
          break;
        }
      }
      uint32_t placed = place(level, edge.name, edge.target);
      resolved_[edge.name].push_back({at, placed});
    }
    for (const Edge& edge : node.edges) {
      if (edge.type == EdgeType::kPeer || edge.type == EdgeType::kPeerOptional) check_peer(at, edge);
    }
  }
  return std::move(layout_);
}

}  // namespace

std::optional<uint32_t> Layout::lookup(uint32_t from, std::string_view name) const {
  for (uint32_t level = from;; level = placements[level].parent) {
    auto child = placements[level].children.find(std::string(name));
    if (child != placements[level].children.end()) return child->second;
    if (level == kRootPlacement) return std::nullopt;
  }
}

Result<Layout> compute_layout(const DependencyGraph& graph, const LayoutOptions& options) {
  Placer placer(graph, options);
  return placer.run();
}

}  // namespace lode
