// lode why <name>: why a package is installed, from lode.lock: every chain of dependents
// from the project down to each version of it (npm explain, yarn why).
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/commands.h"
#include "resolver/lockfile.h"

namespace lode::cli {

namespace {

using nlohmann::json;

constexpr std::string_view kAliases[] = {"explain"};

// Each edge into a node, for walking from a package up to the project.
struct Incoming {
  NodeId from;
  const Edge* edge;
};

std::string describe_edge(const DependencyGraph& graph, const Incoming& in) {
  std::string who = in.from == kRootNode ? "the project" : graph.node(in.from).key();
  // Only the project's own edges carry a range in lode.lock; the others hold what they
  // resolved to.
  std::string spec = in.from == kRootNode && !in.edge->spec.empty() ? "@\"" + in.edge->spec + "\"" : "";
  return in.edge->name + spec + " (" + std::string(edge_type_name(in.edge->type)) + ") from " + who;
}

Result<int> run_why(CommandContext& context, const ParsedArgs& args) {
  if (args.positionals.empty()) return fail(ErrorCode::kUsage, "`lode why` needs a package name", "", "usage: lode why <name>");
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  fs::path lock_path = (*config)->project_dir() / kLockfileName;
  Result<std::string> text = read_file(lock_path);
  if (!text) {
    return fail(ErrorCode::kNotFound, "no lode.lock to explain from", lock_path.string(), "run `lode install` first");
  }
  RegistryLookup registry = [&](std::string_view name) { return (*config)->registry_for(name).value_or(""); };
  Result<DependencyGraph> graph = parse_lockfile(*text, lock_path, registry);
  if (!graph) return std::unexpected(graph.error());

  std::vector<std::vector<Incoming>> incoming(graph->size());
  for (NodeId id = 0; id < graph->size(); ++id) {
    for (const Edge& edge : graph->node(id).edges) {
      if (edge.target != kNoNode) incoming[edge.target].push_back({id, &edge});
    }
  }
  json out = json::array();
  std::string report;
  bool found = false;
  for (const std::string& name : args.positionals) {
    for (NodeId id : graph->versions_of(name)) {
      found = true;
      const PackageNode& node = graph->node(id);
      report += node.key() + (node.dev ? " (dev)" : "") + (node.optional ? " (optional)" : "") + "\n";
      json chains = json::array();
      // Depth-first up the incoming edges; each line is one step toward the project.
      std::set<NodeId> on_path;
      std::function<void(NodeId, const std::string&, json&)> climb = [&](NodeId at, const std::string& indent, json& into) {
        for (const Incoming& in : incoming[at]) {
          if (on_path.contains(in.from)) continue;  // a cycle
          report += indent + describe_edge(*graph, in) + "\n";
          json step = {{"name", in.edge->name}, {"spec", in.edge->spec}, {"type", edge_type_name(in.edge->type)},
                       {"from", in.from == kRootNode ? "" : graph->node(in.from).key()}};
          if (in.from != kRootNode) {
            on_path.insert(in.from);
            json parents = json::array();
            climb(in.from, indent + "  ", parents);
            step["dependents"] = std::move(parents);
            on_path.erase(in.from);
          }
          into.push_back(std::move(step));
        }
      };
      on_path.insert(id);
      climb(id, "  ", chains);
      out.push_back({{"package", node.key()}, {"dependents", std::move(chains)}});
    }
  }
  if (!found) {
    return fail(ErrorCode::kNotFound, "no " + args.positionals.front() + " in lode.lock", lock_path.string(),
                "it is not installed (`lode ls` shows what is)");
  }
  context.terminal().out(context.json() ? out.dump(2) + "\n" : report);
  return 0;
}

}  // namespace

const CommandSpec kWhyCommand = {
    .name = "why",
    .aliases = kAliases,
    .summary = "show which dependencies bring a package in",
    .usage = "why <name>...",
    .description =
        "For each version of the package in lode.lock, prints every chain of dependents that\n"
        "leads to it from the project, with the range each one asked for.",
    .options = {},
    .run = run_why,
    .positional_mode = PositionalMode::kInterleaved,
    .supports_json = true,
};

}  // namespace lode::cli
