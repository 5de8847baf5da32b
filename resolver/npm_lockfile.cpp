#include "resolver/npm_lockfile.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "resolver/lockfile.h"
#include "resolver/package_json.h"

namespace lode {

namespace {

using Json = nlohmann::json;

// "node_modules/a/node_modules/@s/b" → "@s/b".
std::string name_from_path(std::string_view path) {
  size_t at = path.rfind("node_modules/");
  return std::string(at == std::string_view::npos ? path : path.substr(at + 13));
}

// The path of the package node would find as `name` from the package at `from`.
std::optional<std::string> lookup(const std::map<std::string, NodeId>& by_path, std::string from, const std::string& name) {
  while (true) {
    std::string candidate = (from.empty() ? "" : from + "/") + "node_modules/" + name;
    if (by_path.contains(candidate)) return candidate;
    if (from.empty()) return std::nullopt;
    size_t cut = from.rfind("/node_modules/");
    from = cut == std::string::npos ? "" : from.substr(0, cut);
  }
}

std::vector<std::string> string_list(const Json& entry, const char* key) {
  std::vector<std::string> out;
  auto it = entry.find(key);
  if (it == entry.end()) return out;
  if (it->is_string()) out.push_back(it->get<std::string>());
  if (it->is_array()) {
    for (const Json& item : *it) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

}  // namespace

Result<DependencyGraph> read_npm_lockfile(std::string_view text, const fs::path& path, const RegistryLookup& registry) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    return fail(ErrorCode::kParse, "invalid JSON in npm's lockfile",
                path.string() + ":" + line_column(text, error.byte > 0 ? error.byte - 1 : 0));
  }
  int version = json.is_object() ? json.value("lockfileVersion", 0) : 0;
  if (version < 2 || !json.contains("packages") || !json["packages"].is_object()) {
    return fail(ErrorCode::kUnsupported, "only npm lockfiles of version 2 and 3 can be migrated", path.string(),
                "run `npm install --lockfile-version 3` once, or just delete it");
  }
  const Json& packages = json["packages"];
  DependencyGraph graph;
  std::map<std::string, NodeId> by_path;
  for (const auto& [key, entry] : packages.items()) {
    bool in_node_modules = key.starts_with("node_modules/") || key.find("/node_modules/") != std::string::npos;
    if (key.empty() || !entry.is_object() || !in_node_modules) {
      continue;  // the root, and workspace folders outside node_modules
    }
    PackageNode node;
    node.name = entry.value("name", name_from_path(key));
    node.version = entry.value("version", "");
    std::string resolved = entry.value("resolved", "");
    if (entry.value("link", false)) {
      node.source = SourceKind::kDirectory;
      node.resolved = resolved;
    } else if (resolved.starts_with("file:")) {
      node.resolved = resolved.substr(5);
      node.source = node.resolved.ends_with(".tgz") ? SourceKind::kFile : SourceKind::kDirectory;
    } else if (resolved.starts_with("http://") || resolved.starts_with("https://")) {
      node.source = SourceKind::kRegistry;
      node.resolved = resolved;
    } else if (resolved.empty() && !node.version.empty()) {
      // npm's omit-lockfile-registry-resolved leaves the registry's usual URL out.
      node.source = SourceKind::kRegistry;
      node.resolved = default_tarball_url(registry(node.name), node.name, node.version);
    } else {
      continue;  // git and other sources: resolved afresh
    }
    node.integrity = entry.value("integrity", "");
    node.os = string_list(entry, "os");
    node.cpu = string_list(entry, "cpu");
    node.libc = string_list(entry, "libc");
    node.has_install_script = entry.value("hasInstallScript", false);
    if (auto bin = entry.find("bin"); bin != entry.end() && bin->is_object()) {
      for (const auto& [command, target] : bin->items()) {
        if (target.is_string()) node.bin.emplace_back(command, target.get<std::string>());
      }
    }
    // The same package may sit at several paths; it is one node.
    by_path[key] = graph.add(std::move(node));
  }
  // Edges: each entry's dependencies, resolved the way node resolves them in that tree.
  auto add_edges = [&](const Json& entry, const std::string& from_path, NodeId from, bool root) {
    std::vector<std::string> optional_peers;
    if (auto meta = entry.find("peerDependenciesMeta"); meta != entry.end() && meta->is_object()) {
      for (const auto& [name, value] : meta->items()) {
        if (value.is_object() && value.value("optional", false)) optional_peers.push_back(name);
      }
    }
    std::vector<std::pair<const char*, EdgeType>> sections = {
        {"dependencies", EdgeType::kProd}, {"optionalDependencies", EdgeType::kOptional}, {"peerDependencies", EdgeType::kPeer}};
    if (root) sections.push_back({"devDependencies", EdgeType::kDev});
    for (const auto& [section, type] : sections) {
      auto deps = entry.find(section);
      if (deps == entry.end() || !deps->is_object()) continue;
      for (const auto& [name, spec] : deps->items()) {
        if (!spec.is_string()) continue;
        EdgeType edge_type = type;
        if (type == EdgeType::kPeer && std::find(optional_peers.begin(), optional_peers.end(), name) != optional_peers.end()) {
          edge_type = EdgeType::kPeerOptional;
        }
        auto& edges = graph.node(from).edges;
        if (std::any_of(edges.begin(), edges.end(), [&](const Edge& e) { return e.name == name; })) continue;
        Edge edge{name, spec.get<std::string>(), edge_type, kNoNode};
        if (std::optional<std::string> target = lookup(by_path, from_path, name)) {
          edge.target = by_path[*target];
          if (!root) edge.spec = graph.node(edge.target).version;
        }
        if (edge.target != kNoNode || root) edges.push_back(std::move(edge));
      }
    }
    std::sort(graph.node(from).edges.begin(), graph.node(from).edges.end(),
              [](const Edge& a, const Edge& b) { return a.name < b.name; });
  };
  if (auto root = packages.find(""); root != packages.end() && root->is_object()) add_edges(*root, "", kRootNode, true);
  std::map<NodeId, bool> done;
  for (const auto& [key, id] : by_path) {
    if (done[id]) continue;
    done[id] = true;
    add_edges(packages[key], key, id, false);
  }
  graph.compute_flags();
  return graph;
}

}  // namespace lode
