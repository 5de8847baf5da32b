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
  // Whether `provided`, found under the edge's name, is what `edge` accepts: the graph's
  // choice or any version its range allows (`npm ls` judges peers by their range).
  bool accepts(const Edge& edge, NodeId provided) const {
    if (provided == edge.target) return true;
    Result<PackageSpec> spec = parse_dependency_spec(edge.name, edge.spec);
    return spec && spec->from_registry() && version_satisfies(graph_.node(provided).version, *spec);
  }
  static bool is_peer(const Edge& edge) { return edge.type == EdgeType::kPeer || edge.type == EdgeType::kPeerOptional; }
  // Whether each peer of `node`, placed in `level`, finds nothing yet (it will be placed
  // next to it) or a version it accepts. Hoisting a plugin past its host's version is how
  // eslint-config-react-app@6 ends up beside eslint@8.
  bool peers_fit(uint32_t level, NodeId node) const {
    for (const Edge& edge : graph_.node(node).edges) {
      if (!is_peer(edge)) continue;
      std::optional<uint32_t> found = layout_.lookup(level, edge.name);
      if (found && !accepts(edge, layout_.placements[*found].node)) return false;
    }
    return true;
  }
  // Whether placing `target` as `name` in `level` would make a placed package with a peer
  // on `name`, and no closer copy of it, find a version its range refuses.
  bool would_break_peer(uint32_t level, const std::string& name, NodeId target) const {
    auto it = peer_dependents_.find(name);
    if (it == peer_dependents_.end()) return false;
    for (const auto& [dependent, edge] : it->second) {
      uint32_t from = layout_.placements[dependent].parent;
      if (!is_ancestor(level, from)) continue;
      std::optional<uint32_t> current = layout_.lookup(from, name);
      if (current && is_ancestor(level, layout_.placements[*current].parent)) continue;
      if (!accepts(*edge, target)) return true;
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
    for (const Edge& edge : graph_.node(node).edges) {
      if (is_peer(edge)) peer_dependents_[edge.name].emplace_back(id, &edge);
    }
    return id;
  }
  // The highest of `free_levels` (listed deepest first) where `target` hides nothing and
  // breaks no peer; failing that the deepest where it hides nothing; else none.
  std::optional<uint32_t> choose_level(const std::vector<uint32_t>& free_levels, const std::string& name,
                                       NodeId target) const {
    std::optional<uint32_t> fallback;
    for (auto it = free_levels.rbegin(); it != free_levels.rend(); ++it) {
      if (would_shadow(*it, name, target)) continue;
      if (peers_fit(*it, target) && !would_break_peer(*it, name, target)) return *it;
      fallback = *it;
    }
    return fallback;
  }
  void check_peer(uint32_t at, const Edge& edge);

  const DependencyGraph& graph_;
  const LayoutOptions& options_;
  Layout layout_;
  std::deque<uint32_t> queue_;
  std::unordered_map<std::string, std::vector<Resolved>> resolved_;
  // Placed packages by the names they have peers on: a later placement must not give them
  // a version their range refuses.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, const Edge*>>> peer_dependents_;
};

void Placer::check_peer(uint32_t at, const Edge& edge) {
  const PackageNode& dependent = graph_.node(layout_.placements[at].node);
  // Looked up as the dependent's require() would, from its own folder (what `npm ls` does).
  std::optional<uint32_t> found = layout_.lookup(at, edge.name);
  std::string who = at == kRootPlacement ? "the project" : dependent.key();
  if (!found) {
    if (edge.type == EdgeType::kPeer && edge.target != kNoNode && options_.include(edge.target)) {
      layout_.peer_warnings.push_back(who + " needs peer " + edge.name + "@" + edge.spec + ", which is not installed");
    }
    return;
  }
  if (accepts(edge, layout_.placements[*found].node)) return;
  const PackageNode& provided = graph_.node(layout_.placements[*found].node);
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
      if (edge.target == kNoNode || !options_.include(edge.target)) continue;
      bool peer = is_peer(edge) && at != kRootPlacement;
      bool optional_peer = peer && edge.type == EdgeType::kPeerOptional;
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
      // An optional peer is never placed for its dependent (npm would call that copy
      // extraneous); one it finds and refuses is reported by the check at the end.
      if (optional_peer) {
        if (existing && accepts(edge, layout_.placements[*existing].node)) resolved_[edge.name].push_back({at, *existing});
        continue;
      }
      if (existing && layout_.placements[*existing].node == edge.target) {
        resolved_[edge.name].push_back({at, *existing});
        continue;
      }
      if (free_levels.empty()) {
        // The folder the dependent sees first already holds another version: a peer that
        // cannot be satisfied there, which the check at the end reports.
        if (peer) continue;
        return fail(ErrorCode::kInternal, "cannot place " + edge.name + " below " + layout_.placements[at].path);
      }
      std::optional<uint32_t> level = choose_level(free_levels, edge.name, edge.target);
      if (!level) {
        // Every folder the peer could go in would hide another version from a package that
        // depends on it: the peer stays unsatisfied (the check at the end reports it)
        // rather than break a regular dependency.
        if (peer) continue;
        level = free_levels.front();
      }
      uint32_t placed = place(*level, edge.name, edge.target);
      resolved_[edge.name].push_back({at, placed});
    }
  }
  // Judged on the finished tree: a peer found fine when its dependent was placed can be
  // hidden by a version placed later.
  for (uint32_t at = 0; at < layout_.placements.size(); ++at) {
    for (const Edge& edge : graph_.node(layout_.placements[at].node).edges) {
      if (is_peer(edge)) check_peer(at, edge);
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
