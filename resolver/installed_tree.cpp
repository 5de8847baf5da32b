#include "resolver/installed_tree.h"

#include <algorithm>
#include <functional>
#include <set>

#include "resolver/package_json.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"
#include "resolver/workspaces.h"

namespace lode {

namespace {

std::string_view kind_name(DependencyType type) {
  switch (type) {
    case DependencyType::kProd: return "dependency";
    case DependencyType::kDev: return "devDependency";
    case DependencyType::kOptional: return "optionalDependency";
    case DependencyType::kPeer: return "peerDependency";
  }
  return "dependency";
}

class TreeReader {
 public:
  TreeReader(const fs::path& project, size_t depth, const DependencyGraph* locked)
      : project_(project), depth_(depth), locked_(locked) {}

  Result<InstalledTree> run();

 private:
  // The folder node would find `name` in, looking from the package whose real folder is
  // `from` (relative to the project): each folder up to the project's, but node_modules
  // folders themselves, is asked for node_modules/<name>.
  std::optional<std::string> find(const std::string& from, const std::string& name) const {
    fs::path dir = from;
    while (true) {
      if (dir.filename() != "node_modules") {
        std::string candidate = (dir / "node_modules" / name).string();
        std::error_code ec;
        if (fs::exists(project_ / candidate / "package.json", ec)) return candidate;
      }
      if (dir.empty()) return std::nullopt;
      dir = dir.parent_path();
    }
  }

  // Where a linked folder really is, relative to the project, when it is inside it (npm
  // installs the dependencies of those); nullopt for any other folder.
  std::optional<std::string> linked_inside(const std::string& path) const {
    std::error_code ec;
    if (!fs::is_symlink(project_ / path, ec)) return std::nullopt;
    fs::path real = fs::canonical(project_ / path, ec);
    if (ec) return std::nullopt;
    fs::path relative = real.lexically_relative(fs::canonical(project_, ec));
    if (ec || relative.empty() || *relative.begin() == "..") return std::nullopt;
    return relative.string();
  }

  // `from`: where node looks from for the package's dependencies (its real folder).
  // `own_project`: the project, or a folder of it that a `file:` dependency links, whose
  // devDependencies are installed too.
  void visit(InstalledNode& node, const PackageJson& package, size_t level, const std::string& from, bool own_project);
  void find_extraneous(const fs::path& node_modules);

  fs::path project_;
  size_t depth_;
  const DependencyGraph* locked_;
  std::set<std::string> seen_;
  // Folders of bundled dependencies (shipped inside their dependent's tarball, so not in
  // the lockfile), and everything below them.
  std::vector<std::string> bundled_;
  InstalledTree tree_;
};

void TreeReader::visit(InstalledNode& node, const PackageJson& package, size_t level, const std::string& from,
                       bool own_project) {
  std::string who = node.path.empty() ? "the project" : node.name + "@" + node.version;
  std::vector<std::pair<InstalledNode, Result<PackageJson>>> children;
  for (const DependencyEntry& entry : package.dependencies) {
    if (entry.type == DependencyType::kDev && !own_project) continue;
    InstalledNode child;
    child.name = entry.name;
    child.spec = entry.spec;
    child.kind = std::string(kind_name(entry.type));
    bool optional_peer = entry.type == DependencyType::kPeer &&
                         std::find(package.optional_peers.begin(), package.optional_peers.end(), entry.name) !=
                             package.optional_peers.end();
    std::optional<std::string> path = find(from, entry.name);
    if (!path) {
      if (entry.type == DependencyType::kOptional || optional_peer) continue;
      child.missing = true;
      tree_.problems.push_back("missing: " + entry.name + "@" + entry.spec + ", required by " + who);
      children.push_back({std::move(child), fail(ErrorCode::kNotFound, "missing")});
      continue;
    }
    child.path = *path;
    Result<PackageJson> installed = read_package_json(project_ / *path / "package.json");
    if (installed) child.version = installed->version;
    Result<PackageSpec> spec = parse_dependency_spec(entry.name, entry.spec);
    if (installed && spec && spec->from_registry() && spec->kind != SpecKind::kTag) {
      bool name_ok = !spec->alias || installed->name == spec->real_name;
      if (!name_ok || !version_satisfies(child.version, *spec)) {
        child.invalid = true;
        tree_.problems.push_back("invalid: " + entry.name + "@" + child.version + " (" + entry.spec + " wanted), required by " +
                                 who + ", at " + *path);
      }
    }
    child.deduped = !seen_.insert(*path).second;
    children.push_back({std::move(child), std::move(installed)});
  }
  // Breadth first: a package shows under the shallowest dependent that needs it, and is
  // "deduped" elsewhere (npm ls's convention).
  std::sort(children.begin(), children.end(), [](const auto& a, const auto& b) { return a.first.name < b.first.name; });
  for (auto& [child, installed] : children) {
    if (!child.deduped && installed) {
      bool shipped = std::find(package.bundled.begin(), package.bundled.end(), child.name) != package.bundled.end() &&
                     child.path.starts_with(node.path + "/node_modules/");
      if (shipped) bundled_.push_back(child.path + "/");
      bool in_bundle = std::any_of(bundled_.begin(), bundled_.end(),
                                   [&](const std::string& folder) { return (child.path + "/").starts_with(folder); });
      if (locked_ && !in_bundle) {
        bool locked_version = false;
        std::string real_name = installed->name.empty() ? child.name : installed->name;
        for (NodeId id : locked_->versions_of(real_name)) {
          if (locked_->node(id).version == child.version || locked_->node(id).source != SourceKind::kRegistry) {
            locked_version = true;
          }
        }
        if (!locked_version) {
          tree_.problems.push_back("not in lode.lock: " + real_name + "@" + child.version + " at " + child.path);
        }
      }
      // Linked folders keep their own dependencies, but for `file:` folders inside the
      // project, whose dependencies the install placed (graph_resolver.cpp).
      std::error_code ec;
      if (!fs::is_symlink(project_ / child.path, ec)) {
        visit(child, *installed, level + 1, child.path, false);
      } else if (std::optional<std::string> real = linked_inside(child.path)) {
        // A `file:` folder or a workspace (asked for by range or "workspace:"); not link:.
        Result<PackageSpec> spec = parse_dependency_spec(child.name, child.spec);
        if (!spec || spec->kind != SpecKind::kLink) visit(child, *installed, level + 1, *real, true);
      }
    }
    if (level < depth_) node.children.push_back(std::move(child));
  }
}

void TreeReader::find_extraneous(const fs::path& node_modules) {
  std::error_code ec;
  for (fs::directory_iterator it(node_modules, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with('.')) continue;
    std::vector<fs::path> folders;
    if (name.starts_with('@') && it->is_directory()) {
      for (fs::directory_iterator scoped(it->path(), ec), scoped_end; !ec && scoped != scoped_end; scoped.increment(ec)) {
        folders.push_back(scoped->path());
      }
      ec.clear();
    } else {
      folders.push_back(it->path());
    }
    for (const fs::path& folder : folders) {
      std::string relative = folder.lexically_relative(project_).string();
      if (!seen_.contains(relative)) {
        Result<PackageJson> package = read_package_json(folder / "package.json");
        std::string label = package ? package->name + "@" + package->version : folder.filename().string();
        tree_.problems.push_back("extraneous: " + label + " at " + relative);
        continue;
      }
      std::error_code link_error;
      if (!fs::is_symlink(folder, link_error)) find_extraneous(folder / "node_modules");
    }
  }
}

Result<InstalledTree> TreeReader::run() {
  Result<PackageJson> project = read_package_json(project_ / "package.json");
  if (!project) return std::unexpected(project.error());
  tree_.root.name = project->name;
  tree_.root.version = project->version;
  if (std::vector<std::string> patterns = workspace_patterns(project_, *project); !patterns.empty()) {
    // Every workspace hangs from the project, as the install links it.
    Result<WorkspaceSet> workspaces = find_workspaces(project_, patterns);
    if (!workspaces) return std::unexpected(workspaces.error());
    for (const Workspace& workspace : workspaces->workspaces) {
      if (!project->find_dependency(workspace.name)) {
        project->dependencies.push_back({workspace.name, "file:" + workspace.path, DependencyType::kProd});
      }
    }
  }
  visit(tree_.root, *project, 0, "", true);
  find_extraneous(project_ / "node_modules");
  return std::move(tree_);
}

}  // namespace

Result<InstalledTree> read_installed_tree(const fs::path& project_dir, size_t depth, const DependencyGraph* locked) {
  TreeReader reader(project_dir, depth, locked);
  return reader.run();
}

}  // namespace lode
