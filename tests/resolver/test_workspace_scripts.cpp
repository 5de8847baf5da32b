// Which workspaces `lode run` selects for npm's, pnpm's and bun's flags, in which order,
// and what its exit status is after several runs.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/fs.h"
#include "resolver/package_json.h"
#include "resolver/workspace_scripts.h"

using namespace lode;

namespace {

using Names = std::vector<std::string>;

// packages/a (@m/a), packages/b (b, needs @m/a), packages/nested/c (c), apps/web (web,
// needs b), and a root named "root".
struct Project {
  TempDir dir = *TempDir::create();

  Project() {
    write(".", R"({"name": "root", "workspaces": ["packages/**", "apps/*"]})");
    write("packages/a", R"({"name": "@m/a", "version": "1.0.0"})");
    write("packages/b", R"({"name": "b", "version": "1.0.0", "devDependencies": {"@m/a": "^1"}})");
    write("packages/nested/c", R"({"name": "c", "version": "1.0.0"})");
    write("apps/web", R"({"name": "web", "version": "1.0.0", "dependencies": {"b": "^1"}})");
  }

  void write(const std::string& folder, const std::string& manifest) const {
    fs::create_directories(dir.path() / folder);
    REQUIRE(write_file_atomic(dir.path() / folder / "package.json", manifest));
  }

  Result<std::vector<SelectedPackage>> select(const WorkspaceSelection& selection, const std::string& cwd = ".") const {
    Result<PackageJson> root = read_package_json(dir.path() / "package.json");
    REQUIRE(root);
    return select_workspaces(dir.path(), *root, selection, (dir.path() / cwd).lexically_normal());
  }

  Names names(const WorkspaceSelection& selection, const std::string& cwd = ".") const {
    Result<std::vector<SelectedPackage>> selected = select(selection, cwd);
    INFO((selected ? "" : selected.error().message));
    REQUIRE(selected);
    Names out;
    for (const SelectedPackage& package : *selected) out.push_back(package.package.name);
    return out;
  }
};

WorkspaceSelection all(WorkspaceOrder order = WorkspaceOrder::kListed) {
  WorkspaceSelection selection;
  selection.all = true;
  selection.order = order;
  return selection;
}

WorkspaceSelection filtered(std::vector<std::string> filters) {
  WorkspaceSelection selection;
  selection.filters = std::move(filters);
  selection.order = WorkspaceOrder::kDependenciesFirst;
  return selection;
}

}  // namespace

TEST_CASE("workspace runs: npm's order is by folder, pnpm's and bun's puts dependencies first", "[resolver]") {
  Project project;
  CHECK(project.names(all()) == Names{"web", "@m/a", "b", "c"});
  CHECK(project.names(all(WorkspaceOrder::kDependenciesFirst)) == Names{"@m/a", "b", "web", "c"});
  WorkspaceSelection with_root = all();
  with_root.include_root = true;
  CHECK(project.names(with_root) == Names{"root", "web", "@m/a", "b", "c"});
  Result<std::vector<SelectedPackage>> selected = project.select(all());
  REQUIRE(selected);
  CHECK((*selected)[0].label() == "web@1.0.0 (apps/web)");
  CHECK((*selected)[0].dir == project.dir.path() / "apps/web");
}

TEST_CASE("workspace runs: a dependency cycle keeps the folder order for what it holds up", "[resolver]") {
  Project project;
  project.write("packages/a", R"({"name": "@m/a", "version": "1.0.0", "dependencies": {"web": "*"}})");
  // web needs b, b needs @m/a, @m/a needs web: c alone is free; then the first left goes.
  CHECK(project.names(all(WorkspaceOrder::kDependenciesFirst)) == Names{"c", "web", "@m/a", "b"});
}

TEST_CASE("workspace runs: --workspace takes a name, a folder, or a folder above several", "[resolver]") {
  Project project;
  WorkspaceSelection selection;
  selection.workspaces = {"b", "apps/web"};
  CHECK(project.names(selection) == Names{"web", "b"});
  selection.workspaces = {"packages"};
  CHECK(project.names(selection) == Names{"@m/a", "b", "c"});
  // Folders are relative to where lode runs.
  selection.workspaces = {"../../packages/nested/c"};
  CHECK(project.names(selection, "apps/web") == Names{"c"});
  selection.workspaces = {"nope"};
  Result<std::vector<SelectedPackage>> missing = project.select(selection);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
  CHECK(missing.error().message == "no workspace is named nope or lies in that folder");
  CHECK(missing.error().hint == "workspaces: web, @m/a, b, c");
}

TEST_CASE("workspace runs: --filter by name glob, by ./folder glob, and ! to leave out", "[resolver]") {
  Project project;
  CHECK(project.names(filtered({"@m/*"})) == Names{"@m/a"});
  CHECK(project.names(filtered({"*"})) == Names{"@m/a", "b", "web", "c"});  // not the root
  CHECK(project.names(filtered({"root"})) == Names{"root"});                // named, it is
  CHECK(project.names(filtered({"./packages/*"})) == Names{"@m/a", "b", "c"});
  CHECK(project.names(filtered({"{packages/nested/c}"})) == Names{"c"});
  CHECK(project.names(filtered({"."}), "packages/b") == Names{"b"});
  CHECK(project.names(filtered({"!b", "*"})) == Names{"web", "@m/a", "c"});  // exclusions last
  CHECK(project.names(filtered({"!b", "!./apps/*"})) == Names{"@m/a", "c"});  // from every workspace
  Result<std::vector<SelectedPackage>> none = project.select(filtered({"zzz"}));
  REQUIRE_FALSE(none);
  CHECK(none.error().message == "--filter zzz matches no workspace");
  Result<std::vector<SelectedPackage>> selector = project.select(filtered({"web..."}));
  REQUIRE_FALSE(selector);
  CHECK(selector.error().code == ErrorCode::kUsage);
}

TEST_CASE("workspace runs: a project without workspaces says so", "[resolver]") {
  TempDir dir = *TempDir::create();
  REQUIRE(write_file_atomic(dir.path() / "package.json", R"({"name": "solo"})"));
  Result<PackageJson> root = read_package_json(dir.path() / "package.json");
  REQUIRE(root);
  Result<std::vector<SelectedPackage>> selected = select_workspaces(dir.path(), *root, all(), dir.path());
  REQUIRE_FALSE(selected);
  CHECK(selected.error().message == "this project has no workspaces");
}

TEST_CASE("workspace runs: the exit status is a lone failure's, else 1", "[resolver]") {
  using Failures = std::vector<WorkspaceScriptFailure>;
  CHECK(workspace_runs_status(Failures{}) == 0);
  CHECK(workspace_runs_status(Failures{{"a", 3, std::nullopt}}) == 3);
  CHECK(workspace_runs_status(Failures{{"a", 3, std::nullopt}, {"b", 4, std::nullopt}}) == 1);
  // Killed by a signal, the last run ends lode the same way.
  CHECK(workspace_runs_status(Failures{{"a", 3, std::nullopt}, {"b", 130, std::nullopt}}) == 130);
}
