#include "resolver/workspaces.h"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "resolver/package_json.h"

namespace lode {

namespace {

bool enterable(std::string_view name) { return !name.empty() && name.front() != '.' && name != "node_modules"; }

enum class Links { kFollow, kSkip };

// kSkip for "**", which would go round a link to a folder above it forever.
std::vector<std::string> subfolders(const fs::path& folder, Links links = Links::kFollow) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::error_code type_error;
    if (links == Links::kSkip && it->is_symlink(type_error)) continue;
    if (enterable(name) && it->is_directory(type_error)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Expansion {
  const fs::path& project;
  std::set<std::string> matched;  // folders, relative to the project
  std::set<std::string> listed;

  static std::string child(const std::string& relative, const std::string& name) {
    return relative.empty() ? name : relative + "/" + name;
  }

  // Matches segments[at..] below the project folder `relative` ("" for the project).
  void expand(const std::vector<std::string>& segments, size_t at, const std::string& relative) {
    if (at == segments.size()) {
      if (!relative.empty()) matched.insert(relative);
      return;
    }
    const std::string& segment = segments[at];
    fs::path here = relative.empty() ? project : project / relative;
    if (segment.find_first_of("*?[") == std::string::npos) {
      std::error_code ec;
      if (!enterable(segment)) return;
      if (fs::is_directory(here / segment, ec)) {
        expand(segments, at + 1, child(relative, segment));
      } else {
        listed.insert(child(relative, segment));  // not there yet: made later, it matters
      }
      return;
    }
    // What a wildcard matches in a folder changes as folders come and go there: the no-op
    // check lists it again.
    listed.insert(relative.empty() ? "." : relative);
    if (segment == "**") {
      expand(segments, at + 1, relative);  // no folder at all
      for (const std::string& name : subfolders(here, Links::kSkip)) expand(segments, at, child(relative, name));
      return;
    }
    for (const std::string& name : subfolders(here)) {
      if (::fnmatch(segment.c_str(), name.c_str(), FNM_PERIOD) == 0) expand(segments, at + 1, child(relative, name));
    }
  }
};

// The pattern's folder names, with "./" and empty parts dropped; nullopt when it leaves
// the project.
std::optional<std::vector<std::string>> pattern_segments(std::string_view pattern) {
  if (pattern.starts_with('/')) return std::nullopt;
  std::vector<std::string> segments;
  for (std::string_view part : split(pattern, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") return std::nullopt;
    segments.emplace_back(part);
  }
  return segments;
}

}  // namespace

const Workspace* WorkspaceSet::find(std::string_view name) const {
  for (const Workspace& workspace : workspaces) {
    if (workspace.name == name) return &workspace;
  }
  return nullptr;
}

Result<WorkspaceSet> find_workspaces(const fs::path& project_dir, const std::vector<std::string>& patterns) {
  Expansion included{project_dir, {}, {}};
  Expansion excluded{project_dir, {}, {}};
  for (const std::string& pattern : patterns) {
    bool negated = pattern.starts_with('!');
    std::optional<std::vector<std::string>> segments = pattern_segments(negated ? pattern.substr(1) : pattern);
    if (!segments) {
      return fail(ErrorCode::kConfig, "workspace pattern \"" + pattern + "\" leaves the project",
                  (project_dir / "package.json").string(), "name folders inside the project");
    }
    (negated ? excluded : included).expand(*segments, 0, "");
  }
  WorkspaceSet set;
  std::map<std::string, std::string> path_of;  // name → the first folder that has it
  for (const std::string& folder : included.matched) {
    if (excluded.matched.contains(folder)) continue;
    fs::path manifest = project_dir / folder / "package.json";
    std::error_code ec;
    if (!fs::exists(manifest, ec)) {
      included.listed.insert(folder);  // a package.json written there later makes it one
      continue;
    }
    Result<PackageJson> package = read_package_json(manifest);
    if (!package) return std::unexpected(package.error().wrap("reading workspace " + folder));
    if (package->name.empty()) {
      return fail(ErrorCode::kConfig, "workspace " + folder + " has no name", manifest.string(),
                  "give its package.json a \"name\": node_modules links it under that name");
    }
    auto [other, inserted] = path_of.emplace(package->name, folder);
    if (!inserted) {
      return fail(ErrorCode::kConfig,
                  "two workspaces are named " + package->name + ": " + other->second + " and " + folder,
                  (project_dir / "package.json").string(), "rename one of them");
    }
    set.workspaces.push_back(Workspace{package->name, package->version, folder});
  }
  for (const Expansion* expansion : {&included, &excluded}) {
    set.folders_listed.insert(set.folders_listed.end(), expansion->listed.begin(), expansion->listed.end());
  }
  std::sort(set.folders_listed.begin(), set.folders_listed.end());
  set.folders_listed.erase(std::unique(set.folders_listed.begin(), set.folders_listed.end()), set.folders_listed.end());
  return set;
}

std::vector<std::string> pnpm_workspace_packages(std::string_view yaml) {
  std::vector<std::string> packages;
  auto unquote = [](std::string_view item) {
    if (size_t comment = item.find(" #"); comment != std::string_view::npos) item = item.substr(0, comment);
    item = trim(item);
    if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') && item.back() == item.front()) {
      item = item.substr(1, item.size() - 2);
    }
    return std::string(item);
  };
  bool in_packages = false;
  for (std::string_view line : split(yaml, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view content = trim(line);
    if (content.empty() || content.starts_with('#')) continue;
    // A key at the margin ends the list; its items may sit at the margin too ("- a").
    bool top_level = line.front() != ' ' && line.front() != '\t' && !content.starts_with('-');
    if (top_level) {
      in_packages = content.starts_with("packages:");
      if (!in_packages) continue;
      std::string_view rest = trim(content.substr(9));
      if (rest.starts_with('[')) {  // flow style: packages: [a, 'b']
        size_t end = rest.find(']');
        for (std::string_view item : split(rest.substr(1, end == std::string_view::npos ? rest.npos : end - 1), ',')) {
          if (std::string value = unquote(item); !value.empty()) packages.push_back(std::move(value));
        }
        in_packages = false;
      }
      continue;
    }
    if (in_packages && content.starts_with('-')) {
      if (std::string value = unquote(content.substr(1)); !value.empty()) packages.push_back(std::move(value));
    }
  }
  return packages;
}

std::vector<std::string> workspace_patterns(const fs::path& project_dir, const PackageJson& package) {
  if (!package.workspaces.empty()) return package.workspaces;
  Result<std::string> yaml = read_file(project_dir / kPnpmWorkspaceFile);
  return yaml ? pnpm_workspace_packages(*yaml) : std::vector<std::string>();
}

fs::path workspace_root(const fs::path& dir) {
  fs::path folder = dir.lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();
  for (fs::path above = folder.parent_path(); !above.empty(); above = above.parent_path()) {
    std::error_code ec;
    if (fs::exists(above / "package.json", ec)) {
      Result<PackageJson> package = read_package_json(above / "package.json");
      std::vector<std::string> patterns = package ? workspace_patterns(above, *package) : std::vector<std::string>();
      if (!patterns.empty()) {
        Result<WorkspaceSet> set = find_workspaces(above, patterns);
        std::string relative = folder.lexically_relative(above).string();
        if (set && std::any_of(set->workspaces.begin(), set->workspaces.end(),
                               [&](const Workspace& workspace) { return workspace.path == relative; })) {
          return above;
        }
      }
    }
    if (above == above.root_path()) break;
  }
  return dir;
}

std::optional<std::string> folder_listing(const fs::path& folder) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) return std::nullopt;
  std::vector<std::string> names;
  for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (enterable(name)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return join(names, "\n");
}

}  // namespace lode
