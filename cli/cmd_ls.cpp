// lode ls: the installed tree, checked. Exits 1, listing the problems, when node_modules
// does not satisfy package.json and lode.lock (as `npm ls` does).
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cli/commands.h"
#include "resolver/installed_tree.h"
#include "resolver/lockfile.h"

namespace lode::cli {

namespace {

using nlohmann::json;

constexpr OptionSpec kOptions[] = {
    {"all", 'a', OptionKind::kFlag, "", "list every package, not just direct dependencies"},
    {"depth", 0, OptionKind::kValue, "<n>", "list dependencies this deep (0: direct ones)"},
};

constexpr std::string_view kAliases[] = {"list"};

// Keeps the branches that lead to one of `names` (all of them when `names` is empty).
bool prune(InstalledNode& node, std::span<const std::string> names) {
  if (names.empty()) return true;
  bool keep = std::find(names.begin(), names.end(), node.name) != names.end();
  std::erase_if(node.children, [&](InstalledNode& child) { return !prune(child, names); });
  return keep || !node.children.empty();
}

void render(const InstalledNode& node, const std::string& prefix, std::string& out, const Terminal& terminal) {
  for (size_t i = 0; i < node.children.size(); ++i) {
    const InstalledNode& child = node.children[i];
    bool last = i + 1 == node.children.size();
    std::string branch = child.children.empty() ? (last ? "└── " : "├── ") : (last ? "└─┬ " : "├─┬ ");
    std::string label = child.name + "@" + (child.missing ? child.spec : child.version);
    if (child.missing) label = terminal.paint(Stream::kOut, Style::kRed, "UNMET DEPENDENCY " + label);
    if (child.invalid) label += " " + terminal.paint(Stream::kOut, Style::kRed, "invalid: \"" + child.spec + "\"");
    if (child.deduped) label += terminal.paint(Stream::kOut, Style::kDim, " deduped");
    out += prefix + branch + label + "\n";
    render(child, prefix + (last ? "  " : "│ "), out, terminal);
  }
}

json to_json(const InstalledNode& node) {
  json out = json::object();
  if (!node.version.empty()) out["version"] = node.version;
  if (!node.path.empty()) out["path"] = node.path;
  if (node.missing) out["missing"] = true;
  if (node.invalid) out["invalid"] = node.spec;
  if (node.deduped) out["deduped"] = true;
  if (!node.children.empty()) {
    json children = json::object();
    for (const InstalledNode& child : node.children) children[child.name] = to_json(child);
    out["dependencies"] = std::move(children);
  }
  return out;
}

Result<int> run_ls(CommandContext& context, const ParsedArgs& args) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  size_t depth = args.flag("all") ? 1000 : 1;
  if (auto value = args.value("depth")) {
    char* end = nullptr;
    long parsed = std::strtol(value->c_str(), &end, 10);
    if (value->empty() || *end != '\0' || parsed < 0) return fail(ErrorCode::kUsage, "--depth needs a number, got '" + *value + "'");
    depth = static_cast<size_t>(parsed) + 1;
  }
  const fs::path& project = (*config)->project_dir();
  std::optional<DependencyGraph> locked;
  if (Result<std::string> text = read_file(project / kLockfileName)) {
    RegistryLookup registry = [&](std::string_view name) { return (*config)->registry_for(name).value_or(""); };
    Result<DependencyGraph> parsed = parse_lockfile(*text, project / kLockfileName, registry);
    if (!parsed) return std::unexpected(parsed.error());
    locked = std::move(*parsed);
  }
  Result<InstalledTree> tree = read_installed_tree(project, depth, locked ? &*locked : nullptr);
  if (!tree) return std::unexpected(tree.error());
  prune(tree->root, args.positionals);
  if (context.json()) {
    json out = to_json(tree->root);
    out["name"] = tree->root.name;
    if (!tree->problems.empty()) out["problems"] = tree->problems;
    context.terminal().out(out.dump(2) + "\n");
  } else {
    std::string text = tree->root.name + "@" + tree->root.version + " " + project.string() + "\n";
    render(tree->root, "", text, context.terminal());
    if (tree->root.children.empty()) text += "└── (empty)\n";
    context.terminal().out(text);
  }
  if (tree->problems.empty()) return 0;
  for (const std::string& problem : tree->problems) context.logger().error(problem);
  context.logger().error(Error{ErrorCode::kConfig,
                               plural(tree->problems.size(), "problem", "problems") + " in node_modules", "",
                               "`lode install --force` puts node_modules right"});
  return 1;
}

}  // namespace

const CommandSpec kLsCommand = {
    .name = "ls",
    .aliases = kAliases,
    .summary = "list installed packages and check them against package.json and lode.lock",
    .usage = "ls [name...] [--all] [--depth <n>] [--json]",
    .description =
        "Prints the project's dependencies as node resolves them from node_modules (direct ones,\n"
        "or every level with --all), only the branches leading to the given names if any. Exits\n"
        "1 and lists the problems when something is missing, does not satisfy its range, is not\n"
        "in lode.lock, or is installed but needed by nothing.",
    .options = kOptions,
    .run = run_ls,
    .positional_mode = PositionalMode::kInterleaved,
    .supports_json = true,
};

}  // namespace lode::cli
