#include "resolver/workspace_scripts.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "resolver/workspaces.h"

namespace lode {

namespace {

// `value` (relative to `cwd`) as a '/'-separated path relative to the project: "." for the
// project itself; nullopt when it lies outside.
std::optional<std::string> project_relative(const fs::path& project_dir, const fs::path& cwd, std::string_view value) {
  fs::path absolute = (cwd / fs::path(value)).lexically_normal();
  fs::path relative = absolute.lexically_relative(project_dir.lexically_normal());
  std::string text = relative.generic_string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  if (text.empty() || text == "..") return std::nullopt;
  if (text.starts_with("../")) return std::nullopt;
  return text;
}

bool inside_folder(std::string_view path, std::string_view folder) {
  return folder == "." || path == folder || (path.starts_with(folder) && path.size() > folder.size() &&
                                             path[folder.size()] == '/');
}

bool is_path_filter(std::string_view filter) {
  return filter == "." || filter == ".." || filter.starts_with("./") || filter.starts_with("../") ||
         filter.starts_with('/') || (filter.starts_with('{') && filter.ends_with('}'));
}

bool has_wildcard(std::string_view text) { return text.find_first_of("*?[") != std::string_view::npos; }

// Whether one filter (without its '!') takes `candidate`.
struct FilterMatcher {
  const fs::path& project_dir;
  const fs::path& cwd;

  bool matches(std::string_view filter, const SelectedPackage& candidate) const {
    if (is_path_filter(filter)) {
      // pnpm writes a folder in braces ("{packages/a}"), relative to where it runs.
      std::string_view folder = filter.starts_with('{') ? filter.substr(1, filter.size() - 2) : filter;
      std::optional<std::string> glob = project_relative(project_dir, cwd, folder);
      if (!glob) return false;
      if (candidate.path == ".") return *glob == ".";
      // A folder takes what lies under it, as a glob of folders does.
      for (std::string_view path = candidate.path;;) {
        if (::fnmatch(glob->c_str(), std::string(path).c_str(), FNM_PATHNAME | FNM_PERIOD) == 0) return true;
        size_t slash = path.rfind('/');
        if (slash == std::string_view::npos) return false;
        path = path.substr(0, slash);
      }
    }
    const std::string& name = candidate.package.name;
    // A wildcard takes workspaces only: the project itself is named, not matched.
    if (candidate.path == ".") return !has_wildcard(filter) && name == filter;
    return ::fnmatch(std::string(filter).c_str(), name.c_str(), 0) == 0;
  }
};

// `packages` with each one after the packages of the list it depends on (any dependency
// section); ties, and cycles, keep the given order.
std::vector<SelectedPackage> dependencies_first(std::vector<SelectedPackage> packages) {
  std::map<std::string, size_t, std::less<>> index_of;
  for (size_t i = 0; i < packages.size(); ++i) index_of.emplace(packages[i].package.name, i);
  std::vector<std::set<size_t>> needs(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) {
    for (const DependencyEntry& entry : packages[i].package.dependencies) {
      auto found = index_of.find(entry.name);
      if (found != index_of.end() && found->second != i) needs[i].insert(found->second);
    }
  }
  std::vector<SelectedPackage> ordered;
  std::vector<bool> placed(packages.size(), false);
  while (ordered.size() < packages.size()) {
    size_t next = packages.size();
    for (size_t i = 0; i < packages.size() && next == packages.size(); ++i) {
      if (placed[i]) continue;
      bool ready = std::all_of(needs[i].begin(), needs[i].end(), [&](size_t need) { return placed[need]; });
      if (ready) next = i;
    }
    // A cycle: the first one left goes, as npm and pnpm do not refuse these either.
    if (next == packages.size()) {
      next = static_cast<size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
    }
    placed[next] = true;
    ordered.push_back(std::move(packages[next]));
  }
  return ordered;
}

}  // namespace

std::string SelectedPackage::label() const {
  std::string who = package.name.empty() ? "the project" : package.name + "@" + package.version;
  return path == "." ? who : who + " (" + path + ")";
}

Result<std::vector<SelectedPackage>> select_workspaces(const fs::path& project_dir, const PackageJson& root,
                                                       const WorkspaceSelection& selection, const fs::path& cwd) {
  const fs::path manifest = project_dir / "package.json";
  std::vector<std::string> patterns = workspace_patterns(project_dir, root);
  if (patterns.empty()) {
    return fail(ErrorCode::kNotFound, "this project has no workspaces", manifest.string(),
                "list them in package.json's \"workspaces\" (\"packages/*\"), or run the script without "
                "workspace options");
  }
  Result<WorkspaceSet> found = find_workspaces(project_dir, patterns);
  if (!found) return std::unexpected(found.error());
  std::vector<SelectedPackage> candidates;
  candidates.push_back(SelectedPackage{".", project_dir, root});
  for (const Workspace& workspace : found->workspaces) {
    fs::path dir = project_dir / workspace.path;
    Result<PackageJson> package = read_package_json(dir / "package.json");
    if (!package) return std::unexpected(package.error());
    candidates.push_back(SelectedPackage{workspace.path, dir, std::move(*package)});
  }

  std::vector<bool> chosen(candidates.size(), false);
  chosen[0] = selection.include_root;
  for (size_t i = 1; i < candidates.size(); ++i) chosen[i] = selection.all;
  for (const std::string& value : selection.workspaces) {
    bool any = false;
    std::optional<std::string> folder = project_relative(project_dir, cwd, value);
    for (size_t i = 1; i < candidates.size(); ++i) {
      if (candidates[i].package.name == value || (folder && inside_folder(candidates[i].path, *folder))) {
        chosen[i] = any = true;
      }
    }
    if (!any) {
      std::vector<std::string> names;
      for (size_t i = 1; i < candidates.size(); ++i) names.push_back(candidates[i].package.name);
      return fail(ErrorCode::kNotFound, "no workspace is named " + value + " or lies in that folder",
                  manifest.string(), names.empty() ? "the workspaces patterns match no folder with a package.json"
                                                   : "workspaces: " + join(names, ", "));
    }
  }
  if (!selection.filters.empty()) {
    FilterMatcher matcher{project_dir, cwd};
    bool only_exclusions = true;
    for (const std::string& filter : selection.filters) {
      std::string_view body = std::string_view(filter).substr(filter.starts_with('!') ? 1 : 0);
      if (body.find("...") != std::string_view::npos || body.starts_with('^') || body.starts_with('[')) {
        return fail(ErrorCode::kUsage, "--filter " + filter + ": lode has no dependency or git selectors yet",
                    "", "name workspaces by name or folder globs (\"@app/*\", \"./packages/*\")");
      }
      only_exclusions = only_exclusions && filter.starts_with('!');
    }
    // Only exclusions ("--filter '!a'"): from every workspace, as pnpm reads them.
    if (only_exclusions) std::fill(chosen.begin() + 1, chosen.end(), true);
    // Inclusions first, then exclusions, whatever their order on the command line.
    for (bool excluding : {false, true}) {
      for (const std::string& filter : selection.filters) {
        if (filter.starts_with('!') != excluding) continue;
        std::string_view body = std::string_view(filter).substr(excluding ? 1 : 0);
        for (size_t i = 0; i < candidates.size(); ++i) {
          if (matcher.matches(body, candidates[i])) chosen[i] = !excluding;
        }
      }
    }
  }

  std::vector<SelectedPackage> selected;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (chosen[i]) selected.push_back(std::move(candidates[i]));
  }
  if (selected.empty()) {
    std::string what =
        selection.filters.empty() ? "the selection" : "--filter " + join(selection.filters, " --filter ");
    return fail(ErrorCode::kNotFound, what + " matches no workspace", manifest.string(),
                "filters match package names (\"@app/*\") or, starting with ./, folders");
  }
  if (selection.order == WorkspaceOrder::kDependenciesFirst) selected = dependencies_first(std::move(selected));
  return selected;
}

std::vector<WorkspaceScriptFailure> run_in_workspaces(const ScriptRunRequest& base,
                                                      std::span<const SelectedPackage> packages,
                                                      const Terminal& terminal) {
  std::vector<WorkspaceScriptFailure> failures;
  for (const SelectedPackage& selected : packages) {
    ScriptRunRequest request = base;
    request.package = &selected.package;
    request.package_dir = selected.dir;
    request.finish = ScriptFinish::kWait;
    Result<int> status = run_package_script(request, terminal);
    if (!status) {
      failures.push_back(WorkspaceScriptFailure{selected.label(), 1, status.error()});
    } else if (*status != 0) {
      failures.push_back(WorkspaceScriptFailure{selected.label(), *status, std::nullopt});
      // Killed by a signal (the user's Ctrl-C among them): the rest do not start.
      if (*status > 128) break;
    }
  }
  return failures;
}

int workspace_runs_status(std::span<const WorkspaceScriptFailure> failures) {
  if (failures.empty()) return 0;
  if (failures.size() == 1 || failures.back().status > 128) return failures.back().status;
  return 1;
}

}  // namespace lode
