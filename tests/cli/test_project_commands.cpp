// The commands around install: add, remove, update, ls, why, outdated, and starting from
// npm's package-lock.json.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/cli/install_support.h"

using namespace lode;
using namespace lode::test;

TEST_CASE("add saves ^version in the right section, keeping package.json's format", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json("{\n    \"version\": \"1.0.0\",\n    \"name\": \"app\"\n}\n");
  LodeResult added = sandbox.lode({"add", "left-pad", "@lode-test/scoped@~1.0.0"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  CHECK(added.out.find("saved left-pad@^1.3.0 to dependencies\n") != std::string::npos);
  CHECK(added.out.find("saved @lode-test/scoped@~1.0.0 to dependencies\n") != std::string::npos);
  CHECK(sandbox.read("package.json") ==
        "{\n    \"version\": \"1.0.0\",\n    \"name\": \"app\",\n    \"dependencies\": {\n"
        "        \"@lode-test/scoped\": \"~1.0.0\",\n        \"left-pad\": \"^1.3.0\"\n    }\n}\n");
  CHECK(sandbox.installed_version("node_modules/@lode-test/scoped") == "1.0.0");
  REQUIRE(sandbox.lode({"add", "-D", "-E", "is-number@6"}).status == 0);
  CHECK(sandbox.read("package.json").find("\"devDependencies\": {\n        \"is-number\": \"6.0.0\"\n    }") !=
        std::string::npos);
  REQUIRE(sandbox.lode({"add", "pad2@npm:left-pad@1.0.0", "--optional"}).status == 0);
  CHECK(sandbox.read("package.json").find("\"pad2\": \"npm:left-pad@^1.0.0\"") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/pad2") == "1.0.0");
  CHECK(sandbox.lode({"ls"}).status == 0);
}

TEST_CASE("install with package names adds them, as npm install does", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "app"})");
  LodeResult installed = sandbox.lode({"install", "-D", "left-pad"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  CHECK(installed.out.find("saved left-pad@^1.3.0 to devDependencies\n") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  REQUIRE(sandbox.lode({"i", "--save-exact", "is-number@6"}).status == 0);
  CHECK(sandbox.read("package.json").find("\"is-number\": \"6.0.0\"") != std::string::npos);
  // Without names it is the ordinary install; ci takes no names and no save flags.
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date"));
  CHECK(sandbox.lode({"ci", "-D"}).status == 2);
}

TEST_CASE("add of something that does not exist changes nothing", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  std::string original = "{\"name\": \"app\", \"dependencies\": {\"left-pad\": \"^1.0.0\"}}";
  sandbox.package_json(original);
  REQUIRE(sandbox.lode({"install"}).status == 0);
  LodeResult missing = sandbox.lode({"add", "no-such-package"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("package no-such-package not found") != std::string::npos);
  LodeResult range = sandbox.lode({"add", "left-pad@^9"});
  CHECK(range.status == 1);
  CHECK(range.err.find("no version of left-pad matches \"^9\"") != std::string::npos);
  CHECK(sandbox.read("package.json") == original);
  CHECK(sandbox.lode({"add"}).status == 2);
}

TEST_CASE("remove takes a dependency out of package.json and node_modules", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "left-pad": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  REQUIRE(fs::exists(sandbox.project() / "node_modules/is-number"));
  LodeResult removed = sandbox.lode({"remove", "is-odd"});
  INFO(removed.err);
  REQUIRE(removed.status == 0);
  CHECK(removed.out.starts_with("removed 2 packages"));
  CHECK(sandbox.read("package.json").find("is-odd") == std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-odd"));
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-number"));
  CHECK(sandbox.read("lode.lock").find("is-odd") == std::string::npos);
  LodeResult unknown = sandbox.lode({"rm", "never-added"});
  CHECK(unknown.status == 1);
  CHECK(unknown.err.find("never-added is not a dependency of this project") != std::string::npos);
}

TEST_CASE("install keeps locked versions; update moves within ranges; --latest beyond", "[cli]") {
  TempDir packages = *TempDir::create();
  write_fixture(packages.path(), "evolving", "1.0.0", "{}");
  auto server = std::make_unique<RegistryServer>(RegistryServer::Options{{packages.path()}, {}});
  InstallSandbox sandbox(*server);
  sandbox.package_json(R"({"dependencies": {"evolving": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  // New versions are published.
  write_fixture(packages.path(), "evolving", "1.1.0", "{}");
  write_fixture(packages.path(), "evolving", "2.0.0", "{}");
  server = std::make_unique<RegistryServer>(RegistryServer::Options{{packages.path()}, {}});
  sandbox.use_registry(*server);
  REQUIRE(sandbox.lode({"install", "--prefer-online"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/evolving") == "1.0.0");  // locked
  LodeResult outdated = sandbox.lode({"outdated", "--prefer-online"});
  CHECK(outdated.status == 1);
  CHECK(outdated.out.find("evolving  1.0.0    1.1.0   2.0.0   dependencies") != std::string::npos);
  auto json = nlohmann::json::parse(sandbox.lode({"outdated", "--json"}).out);
  CHECK(json["evolving"]["wanted"] == "1.1.0");
  // In a workspace, outdated is about its own dependencies, found where node finds them.
  sandbox.write("packages/w/package.json", R"({"name": "w", "version": "1.0.0", "dependencies": {"evolving": "~1.0.0"}})");
  sandbox.package_json(R"({"workspaces": ["packages/*"], "dependencies": {"evolving": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  LodeResult in_workspace = sandbox.lode({"--cwd", "packages/w", "outdated", "--json"});
  INFO(in_workspace.err);
  CHECK(in_workspace.status == 1);
  auto workspace_json = nlohmann::json::parse(in_workspace.out);
  CHECK(workspace_json["evolving"]["current"] == "1.0.0");
  CHECK(workspace_json["evolving"]["wanted"] == "1.0.0");  // ~1.0.0 allows no 1.1.0
  CHECK(workspace_json["evolving"]["latest"] == "2.0.0");
  sandbox.package_json(R"({"dependencies": {"evolving": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  REQUIRE(sandbox.lode({"update", "--prefer-online"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/evolving") == "1.1.0");
  CHECK(sandbox.read("package.json").find("\"^1.0.0\"") != std::string::npos);
  LodeResult latest = sandbox.lode({"update", "--latest", "evolving"});
  INFO(latest.err);
  REQUIRE(latest.status == 0);
  CHECK(latest.out.find("updated evolving@^2.0.0 in package.json") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/evolving") == "2.0.0");
  CHECK(sandbox.lode({"outdated"}).status == 0);
}

TEST_CASE("ls accepts bundled dependencies, which the lockfile does not list", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "bundler", "1.0.0",
                R"({"dependencies": {"inner": "^1.0.0", "is-number": "^7"}, "bundleDependencies": ["inner"]})");
  // The bundled package ships inside the tarball.
  fs::path inner = extra.path() / "bundler/1.0.0/node_modules/inner";
  fs::create_directories(inner);
  REQUIRE(write_file_atomic(inner / "package.json", R"({"name": "inner", "version": "1.0.0"})"));
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "app", "version": "1.0.0", "dependencies": {"bundler": "^1.0.0"}})");
  LodeResult installed = sandbox.lode({"install"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  CHECK(sandbox.installed_version("node_modules/bundler/node_modules/inner") == "1.0.0");
  CHECK(sandbox.read("lode.lock").find("inner") == std::string::npos);
  LodeResult tree = sandbox.lode({"ls", "--all"});
  INFO(tree.err);
  CHECK(tree.status == 0);
  CHECK(tree.out.find("inner@1.0.0") != std::string::npos);
  // A package the lockfile lacks elsewhere is still a problem.
  sandbox.write("node_modules/bundler/node_modules/is-number/package.json", R"({"name": "is-number", "version": "1.0.0"})");
  LodeResult stray = sandbox.lode({"ls", "--all"});
  CHECK(stray.status == 1);
  CHECK(stray.err.find("is-number@1.0.0") != std::string::npos);
}

TEST_CASE("ls prints the tree and fails on problems; why explains", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "app", "version": "1.0.0", "dependencies": {"is-odd": "^3.0.0", "is-number": "^7"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  LodeResult tree = sandbox.lode({"ls", "--all"});
  CHECK(tree.status == 0);
  CHECK(tree.out == "app@1.0.0 " + sandbox.project().string() +
                        "\n├── is-number@7.0.0\n└─┬ is-odd@3.0.1\n  └── is-number@6.0.0\n");
  CHECK(sandbox.lode({"ls", "is-number"}).out.find("is-number@7.0.0") != std::string::npos);
  auto json = nlohmann::json::parse(sandbox.lode({"ls", "--all", "--json"}).out);
  CHECK(json["dependencies"]["is-odd"]["dependencies"]["is-number"]["version"] == "6.0.0");

  LodeResult why = sandbox.lode({"why", "is-number"});
  CHECK(why.status == 0);
  CHECK(why.out ==
        "is-number@6.0.0\n  is-number (prod) from is-odd@3.0.1\n    is-odd@\"^3.0.0\" (prod) from the project\n"
        "is-number@7.0.0\n  is-number@\"^7\" (prod) from the project\n");
  CHECK(sandbox.lode({"why", "nothing-like-it"}).status == 1);

  fs::remove_all(sandbox.project() / "node_modules/is-odd/node_modules/is-number");
  sandbox.write("node_modules/stray/package.json", R"({"name": "stray", "version": "0.0.1"})");
  LodeResult broken = sandbox.lode({"ls"});
  CHECK(broken.status == 1);
  // node now finds the project's is-number@7 from is-odd, outside is-odd's range.
  CHECK(broken.err.find("lode: error: invalid: is-number@7.0.0 (^6.0.0 wanted), required by is-odd@3.0.1") !=
        std::string::npos);
  CHECK(broken.err.find("extraneous: stray@0.0.1 at node_modules/stray") != std::string::npos);
  REQUIRE(sandbox.lode({"install", "--force"}).status == 0);
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
}

TEST_CASE("with no lode.lock, npm's package-lock.json versions are kept", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "app", "dependencies": {"left-pad": "^1.0.0"}})");
  // npm locked 1.1.0 although 1.3.0 is newest within the range.
  sandbox.write("package-lock.json", R"({"name": "app", "lockfileVersion": 3, "requires": true, "packages": {
    "": {"name": "app", "dependencies": {"left-pad": "^1.0.0"}},
    "node_modules/left-pad": {"version": "1.1.0"}}})");
  LodeResult result = sandbox.lode({"install", "--loglevel", "info"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(result.err.find("starting from the versions in package-lock.json") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.1.0");
  CHECK(sandbox.read("lode.lock").find("left-pad prod ^1.0.0 left-pad@1.1.0") != std::string::npos);
  for (const auto& entry : server.requests()) CHECK(entry["path"].get<std::string>().ends_with(".tgz"));
}
