// install_project as a library, against the test registry: who copies the cache index's
// write-ahead log into its file when the install is done. (Everything else about installs
// is tested through the binary: tests/cli/test_install.cpp.)
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "cache/index.h"
#include "resolver/installer.h"
#include "tests/resolver/library_world.h"

using namespace lode;
using namespace lode::test;

namespace {

struct InstallWorld : LibraryWorld {
  Config config;

  explicit InstallWorld(RegistryServer& server)
      : LibraryWorld(server), config(load_config({{"cache", (dir.path() / "cache").string()}})) {
    fs::create_directories(project());
    REQUIRE(write_file_atomic(project() / "package.json", R"({"dependencies": {"left-pad": "^1.0.0"}})"));
  }

  fs::path project() const { return dir.path() / "project"; }
  fs::path index_file() const { return dir.path() / "cache" / "index.sqlite"; }

  void install(std::vector<std::string> checkpointer) {
    InstallOptions options;
    options.project_dir = project();
    options.ignore_scripts = true;
    options.index_checkpointer = std::move(checkpointer);
    auto report = install_project(config, logger, terminal, options);
    REQUIRE(report);
    REQUIRE(report->installed == 1);
  }

  // The packages that index.sqlite holds by itself, without its log.
  size_t packages_in_file_alone() {
    auto copy = TempDir::create();
    REQUIRE(copy);
    fs::copy_file(index_file(), copy->path() / "index.sqlite");
    auto alone = CacheIndex::open(copy->path() / "index.sqlite");
    REQUIRE(alone);
    auto packages = alone->packages();
    REQUIRE(packages);
    return packages->size();
  }
};

}  // namespace

TEST_CASE("an install with a checkpointer leaves the index's log to it, started once the index is closed",
          "[resolver]") {
  RegistryServer server;
  InstallWorld world(server);
  fs::path marker = world.dir.path() / "checkpointer-ran";
  // Stands in for `lode cache checkpoint --wait-for-stdin`: waits for the end of its stdin.
  world.install({"/bin/sh", "-c", "cat >/dev/null; echo ran > \"$1\"", "sh", marker.string()});
  for (int waited = 0; waited < 1000 && !fs::exists(marker); ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(fs::exists(marker));
  // The install copied nothing itself (that copy is what syncs): the package it recorded
  // is only in the log.
  CHECK(world.packages_in_file_alone() == 0);
  auto copied = CacheIndex::checkpoint(world.index_file());
  REQUIRE(copied);
  CHECK(world.packages_in_file_alone() == 1);
}

TEST_CASE("an install whose checkpointer cannot start copies the index's log itself", "[resolver]") {
  RegistryServer server;
  InstallWorld world(server);
  world.install({(world.dir.path() / "no-such-checkpointer").string()});
  CHECK(world.packages_in_file_alone() == 1);
}

TEST_CASE("an install without a checkpointer copies the index's log itself", "[resolver]") {
  RegistryServer server;
  InstallWorld world(server);
  world.install({});
  CHECK(world.packages_in_file_alone() == 1);
}
