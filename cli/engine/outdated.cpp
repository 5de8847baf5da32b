// The engine side of `lode outdated`.
#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "cli/engine/handlers.h"
#include "resolver/package_fetcher.h"
#include "resolver/package_json.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"

namespace lode::cli {

namespace {

// What `name` resolves to from `package_dir`, as node looks it up: its own node_modules,
// then each folder's above it up to the project's (a workspace's dependencies are mostly
// hoisted there).
Result<PackageJson> installed_manifest(const fs::path& package_dir, const fs::path& project_dir,
                                       const std::string& name) {
  for (fs::path folder = package_dir;; folder = folder.parent_path()) {
    Result<PackageJson> found = read_package_json(folder / "node_modules" / name / "package.json");
    if (found || folder == project_dir || folder == folder.parent_path()) return found;
  }
}

}  // namespace

Result<int> run_outdated_command(CommandContext& context, const ParsedArgs& args) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  // Started in a workspace, its own dependencies (npm's workspace detection).
  const fs::path& package_dir = (*config)->package_dir();
  Result<PackageJson> project = read_package_json(package_dir / "package.json");
  if (!project) return std::unexpected(project.error());
  struct Row {
    const DependencyEntry* entry;
    PackageSpec spec;
    std::string current, wanted, latest;
  };
  std::vector<Row> rows;
  for (const DependencyEntry& entry : project->dependencies) {
    if (!args.positionals.empty() &&
        std::find(args.positionals.begin(), args.positionals.end(), entry.name) == args.positionals.end()) {
      continue;
    }
    Result<PackageSpec> spec = parse_dependency_spec(entry.name, entry.spec);
    if (!spec || !spec->from_registry()) continue;
    Row row{&entry, *spec, "", "", ""};
    if (Result<PackageJson> installed = installed_manifest(package_dir, (*config)->project_dir(), entry.name)) {
      row.current = installed->version;
    }
    rows.push_back(std::move(row));
  }
  Result<FetchSession> session = FetchSession::open(**config, context.logger(), 1);
  if (!session) return std::unexpected(session.error());
  std::optional<Error> error;
  for (Row& row : rows) {
    session->fetcher->fetch_document(row.spec.real_name, [&row, &error](Result<SharedDocument> document) {
      if (!document) {
        if (!error) error = document.error();
        return;
      }
      row.latest = std::string((*document)->dist_tag("latest").value_or(""));
      if (auto wanted = pick_version(**document, ParsedVersions::of(**document), row.spec)) row.wanted = (*wanted)->version;
    });
  }
  session->fetcher->run();
  if (error) return std::unexpected(*error);
  std::erase_if(rows, [](const Row& row) { return row.current == row.wanted && row.current == row.latest; });
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.entry->name < b.entry->name; });
  if (context.json()) {
    nlohmann::json out = nlohmann::json::object();
    for (const Row& row : rows) {
      out[row.entry->name] = {{"current", row.current},
                              {"wanted", row.wanted},
                              {"latest", row.latest},
                              {"type", dependency_section(row.entry->type)}};
    }
    context.terminal().out(out.dump(2) + "\n");
  } else if (!rows.empty()) {
    std::vector<std::array<std::string, 5>> table = {{"Package", "Current", "Wanted", "Latest", "Type"}};
    for (const Row& row : rows) {
      table.push_back({row.entry->name, row.current.empty() ? "missing" : row.current, row.wanted, row.latest,
                       std::string(dependency_section(row.entry->type))});
    }
    std::array<size_t, 5> widths{};
    for (const auto& line : table) {
      for (size_t i = 0; i < 5; ++i) widths[i] = std::max(widths[i], line[i].size());
    }
    std::string text;
    for (const auto& line : table) {
      for (size_t i = 0; i < 5; ++i) text += line[i] + (i + 1 < 5 ? std::string(widths[i] - line[i].size() + 2, ' ') : "\n");
    }
    context.terminal().out(text);
  }
  return rows.empty() ? 0 : 1;
}

}  // namespace lode::cli
