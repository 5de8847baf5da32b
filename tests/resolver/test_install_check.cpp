// The no-op check's inputs hash: the check streams package.json and lode.lock from disk in
// pieces, the install hashes the texts it holds; both must agree, byte for byte.
#include <catch2/catch.hpp>
#include <string>

#include "base/fs.h"
#include "resolver/install_check.h"
#include "resolver/install_state.h"
#include "resolver/lockfile.h"

using namespace lode;

namespace {

// A project whose node_modules records an install from `package_json` and `lockfile`.
struct Project {
  TempDir dir = *TempDir::create();
  InstallOptions options;

  Project(const std::string& package_json, const std::string& lockfile) {
    options.project_dir = dir.path();
    REQUIRE(write_file_atomic(dir.path() / "package.json", package_json));
    if (!lockfile.empty()) REQUIRE(write_file_atomic(dir.path() / kLockfileName, lockfile));
    fs::create_directories(dir.path() / "node_modules" / "a");
    InstallState state;
    state.inputs = install_inputs(package_json, lockfile, options);
    state.options = install_options_token(options);
    REQUIRE(write_install_state(dir.path() / "node_modules", state));
  }
};

// Text of `size` bytes that differs from line to line, like a lockfile.
std::string lockfile_of_size(size_t size) {
  std::string text;
  for (size_t line = 0; text.size() < size; ++line) text += "pkg-" + std::to_string(line) + "@1.0.0 sha512-x\n";
  text.resize(size);
  return text;
}

}  // namespace

TEST_CASE("the no-op check hashes files on disk as the install hashed their texts", "[resolver]") {
  const std::string package_json = R"({"name":"p","dependencies":{"a":"^1.0.0"}})";
  // Empty (no lockfile), smaller than a piece, exactly one and two pieces, and more.
  size_t size = GENERATE(0, 100, 16 << 10, 32 << 10, 580 << 10);
  Project project(package_json, lockfile_of_size(size));
  CHECK(install_is_current(project.options));
  CHECK(install_matches_record(project.dir.path()));
}

TEST_CASE("the no-op check sees a change anywhere in a large lockfile", "[resolver]") {
  std::string lockfile = lockfile_of_size(100 << 10);
  Project project(R"({"name":"p"})", lockfile);
  REQUIRE(install_is_current(project.options));
  fs::path lock_path = project.dir.path() / kLockfileName;
  SECTION("one byte in a middle piece") {
    lockfile[40000] = lockfile[40000] == 'x' ? 'y' : 'x';
    REQUIRE(write_file_atomic(lock_path, lockfile));
  }
  SECTION("the last byte removed") {
    lockfile.pop_back();
    REQUIRE(write_file_atomic(lock_path, lockfile));
  }
  SECTION("a byte appended") {
    REQUIRE(write_file_atomic(lock_path, lockfile + "\n"));
  }
  SECTION("the lockfile removed") {
    fs::remove(lock_path);
  }
  CHECK_FALSE(install_is_current(project.options));
}

TEST_CASE("the no-op check fails without package.json or with other options", "[resolver]") {
  Project project(R"({"name":"p"})", "");
  REQUIRE(install_is_current(project.options));
  SECTION("package.json removed") {
    fs::remove(project.dir.path() / "package.json");
    CHECK_FALSE(install_is_current(project.options));
  }
  SECTION("dev dependencies omitted") {
    project.options.omit_dev = true;
    CHECK_FALSE(install_is_current(project.options));
  }
}

TEST_CASE("the no-op check hashes the project's own folders' manifests and the workspaces' folders", "[resolver]") {
  TempDir dir = *TempDir::create();
  InstallOptions options;
  options.project_dir = dir.path();
  const std::string package_json = R"({"dependencies":{"a":"file:packages/a"}})";
  const std::string manifest = R"({"name":"a","dependencies":{"is-number":"^7.0.0"}})";
  REQUIRE(write_file_atomic(dir.path() / "package.json", package_json));
  fs::create_directories(dir.path() / "packages/a");
  REQUIRE(write_file_atomic(dir.path() / "packages/a/package.json", manifest));
  fs::create_directories(dir.path() / "node_modules" / "a");
  ProjectInputs extra{"", {{"packages/a/package.json", manifest}}, {"packages"}};
  InstallState state;
  state.inputs = install_inputs(package_json, "", options, extra);
  state.options = install_options_token(options);
  state.manifests = {"packages/a/package.json"};
  state.folders = {"packages"};
  REQUIRE(write_install_state(dir.path() / "node_modules", state));
  std::optional<InstallInputs> recorded = read_install_inputs(dir.path() / "node_modules");
  REQUIRE(recorded);
  CHECK(recorded->manifests == std::vector<std::string>{"packages/a/package.json"});
  CHECK(recorded->folders == std::vector<std::string>{"packages"});
  REQUIRE(install_is_current(options));
  SECTION("the manifest changed") {
    REQUIRE(write_file_atomic(dir.path() / "packages/a/package.json", R"({"name":"a"})"));
    CHECK_FALSE(install_is_current(options));
  }
  SECTION("the manifest is gone") {
    fs::remove(dir.path() / "packages/a/package.json");
    CHECK_FALSE(install_is_current(options));
    CHECK_FALSE(read_project_inputs(dir.path(), recorded->manifests, recorded->folders));
  }
  SECTION("a pnpm-workspace.yaml appeared") {
    REQUIRE(write_file_atomic(dir.path() / "pnpm-workspace.yaml", "packages:\n  - 'libs/*'\n"));
    CHECK_FALSE(install_is_current(options));
  }
  SECTION("a folder appeared where the workspaces patterns look") {
    fs::create_directories(dir.path() / "packages/b");
    CHECK_FALSE(install_is_current(options));
  }
  SECTION("an install that read it hashes the same") {
    std::optional<ProjectInputs> read = read_project_inputs(dir.path(), recorded->manifests, recorded->folders);
    REQUIRE(read);
    CHECK(install_inputs(package_json, "", options, *read) == recorded->hash);
  }
}
