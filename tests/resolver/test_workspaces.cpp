// Which folders a project's "workspaces" patterns make workspaces, and which folders the
// no-op check must list again to notice a workspace made or removed.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/fs.h"
#include "resolver/package_json.h"
#include "resolver/workspaces.h"

using namespace lode;

namespace {

struct Project {
  TempDir dir = *TempDir::create();

  void package(const std::string& folder, const std::string& name) const {
    fs::create_directories(dir.path() / folder);
    REQUIRE(write_file_atomic(dir.path() / folder / "package.json",
                              name.empty() ? "{}" : R"({"name": ")" + name + R"(", "version": "1.0.0"})"));
  }

  std::vector<std::string> paths(const std::vector<std::string>& patterns) const {
    Result<WorkspaceSet> set = find_workspaces(dir.path(), patterns);
    REQUIRE(set);
    std::vector<std::string> out;
    for (const Workspace& workspace : set->workspaces) out.push_back(workspace.path);
    return out;
  }
};

using Paths = std::vector<std::string>;

}  // namespace

TEST_CASE("workspaces patterns: wildcards within a name, ** across folders, ! to leave out", "[resolver]") {
  Project project;
  project.package("packages/a", "a");
  project.package("packages/b", "b");
  project.package("packages/group/c", "c");
  project.package("packages/node_modules/x", "x");  // never entered
  project.package("packages/.hidden", "hidden");     // nor dot folders
  project.package("apps/web", "web");
  fs::create_directories(project.dir.path() / "packages/empty");  // no package.json: none
  CHECK(project.paths({"packages/*"}) == Paths{"packages/a", "packages/b"});
  CHECK(project.paths({"packages/**"}) == Paths{"packages/a", "packages/b", "packages/group/c"});
  CHECK(project.paths({"./packages/[ab]", "apps/web/"}) == Paths{"apps/web", "packages/a", "packages/b"});
  CHECK(project.paths({"packages/*", "!packages/b", "apps/*"}) == Paths{"apps/web", "packages/a"});
  CHECK(project.paths({"nothing/*"}).empty());
  fs::create_directory_symlink("..", project.dir.path() / "packages/group/up");  // no endless "**"
  CHECK(project.paths({"packages/**"}) == Paths{"packages/a", "packages/b", "packages/group/c"});
  fs::remove(project.dir.path() / "packages/group/up");

  Result<WorkspaceSet> set = find_workspaces(project.dir.path(), {"packages/*", "apps/web"});
  REQUIRE(set);
  REQUIRE(set->find("b"));
  CHECK(set->find("b")->path == "packages/b");
  CHECK(set->find("c") == nullptr);
  // packages is listed (a wildcard looks into it), and the folders it matched that have no
  // package.json (one written there makes them workspaces); apps/web is named outright and
  // exists: nothing to list.
  CHECK(set->folders_listed == Paths{"packages", "packages/empty", "packages/group"});
}

TEST_CASE("a workspace named nowhere yet, or missing, is watched where it would appear", "[resolver]") {
  Project project;
  Result<WorkspaceSet> set = find_workspaces(project.dir.path(), {"apps/web", "packages/*"});
  REQUIRE(set);
  CHECK(set->workspaces.empty());
  CHECK(set->folders_listed == Paths{"apps", "packages"});
  CHECK_FALSE(folder_listing(project.dir.path() / "packages"));
  project.package("packages/a", "a");
  CHECK(folder_listing(project.dir.path() / "packages") == std::optional<std::string>("a"));
}

TEST_CASE("workspaces that cannot be: no name, one name twice, a pattern leaving the project", "[resolver]") {
  Project project;
  SECTION("no name") {
    project.package("packages/a", "");
    Result<WorkspaceSet> set = find_workspaces(project.dir.path(), {"packages/*"});
    REQUIRE_FALSE(set);
    CHECK(set.error().message == "workspace packages/a has no name");
  }
  SECTION("one name twice") {
    project.package("packages/a", "same");
    project.package("tools/a", "same");
    Result<WorkspaceSet> set = find_workspaces(project.dir.path(), {"packages/*", "tools/*"});
    REQUIRE_FALSE(set);
    CHECK(set.error().message == "two workspaces are named same: packages/a and tools/a");
  }
  SECTION("leaving the project") {
    for (std::string pattern : {"../elsewhere/*", "/abs/*"}) {
      Result<WorkspaceSet> set = find_workspaces(project.dir.path(), {pattern});
      REQUIRE_FALSE(set);
      CHECK(set.error().message == "workspace pattern \"" + pattern + "\" leaves the project");
    }
  }
}

TEST_CASE("pnpm-workspace.yaml's packages, in block and flow style", "[resolver]") {
  CHECK(pnpm_workspace_packages("packages:\n  - 'packages/*'\n  - \"apps/**\"  # the apps\n  - '!**/test/**'\n"
                                "catalog:\n  - not-a-package\n") ==
        Paths{"packages/*", "apps/**", "!**/test/**"});
  CHECK(pnpm_workspace_packages("# a monorepo\npackages: ['libs/*', tools]\n") == Paths{"libs/*", "tools"});
  CHECK(pnpm_workspace_packages("packages:\r\n- web\r\n") == Paths{"web"});
  CHECK(pnpm_workspace_packages("onlyBuiltDependencies:\n  - esbuild\n").empty());
}

TEST_CASE("package.json's workspaces win over pnpm-workspace.yaml, which is read otherwise", "[resolver]") {
  Project project;
  REQUIRE(write_file_atomic(project.dir.path() / "pnpm-workspace.yaml", "packages:\n  - 'libs/*'\n"));
  PackageJson with_field;
  with_field.workspaces = {"apps/*"};
  CHECK(workspace_patterns(project.dir.path(), with_field) == Paths{"apps/*"});
  CHECK(workspace_patterns(project.dir.path(), PackageJson{}) == Paths{"libs/*"});
}
