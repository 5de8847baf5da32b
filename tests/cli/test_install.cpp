// `lode install` and `lode ci` through the binary, against the test registry: layout that
// npm accepts, the lockfile, the no-op path, network modes, malformed input, aliases and
// local folders, peers, optional platform packages, overrides, scripts, interruption.
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "tests/cli/install_support.h"

using namespace lode;
using namespace lode::test;
using namespace std::chrono_literals;

TEST_CASE("install lays out node_modules the way npm and node expect", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "app", "version": "1.0.0",
    "dependencies": {"is-odd": "^3.0.0", "is-number": "^7.0.0", "@lode-test/scoped": "^1.0.0",
                     "with-bin": "1.0.0", "with-bin-string": "^1.0.0", "deep-a": "*"},
    "devDependencies": {"left-pad": "~1.1.0"}})");
  LodeResult result = sandbox.lode({"install"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(result.out.starts_with("added 10 packages in "));
  // The hoisting conflict: the project's is-number 7 on top, is-odd's 6 nested.
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK(sandbox.installed_version("node_modules/is-odd/node_modules/is-number") == "6.0.0");
  CHECK(sandbox.installed_version("node_modules/deep-c") == "1.0.0");  // hoisted from deep-b
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.1.0");
  // Bins, string and map form, linked relative and executable.
  CHECK(fs::read_symlink(sandbox.project() / "node_modules/.bin/with-bin") == "../with-bin/cli.js");
  CHECK(fs::read_symlink(sandbox.project() / "node_modules/.bin/with-bin-string") == "../with-bin-string/bin/run.js");
  struct stat info;
  REQUIRE(::stat((sandbox.project() / "node_modules/with-bin-string/bin/run.js").c_str(), &info) == 0);
  CHECK((info.st_mode & 0111) == 0111);
  // npm itself accepts the tree, and node resolves what the graph chose.
  LodeResult npm_ls = sandbox.run({"npm", "ls", "--all"});
  INFO(npm_ls.out << npm_ls.err);
  CHECK(npm_ls.status == 0);
  LodeResult node = sandbox.run({"node", "-e",
                                 "console.log(require('is-odd')(3), require('is-number/package.json').version, "
                                 "require('@lode-test/scoped').version)"});
  CHECK(node.out == "true 7.0.0 1.1.0\n");
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
}

TEST_CASE("a second install with nothing changed is a no-op", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  fs::path file = sandbox.project() / "node_modules/is-odd/index.js";
  struct stat before;
  REQUIRE(::stat(file.c_str(), &before) == 0);
  server.clear_requests();
  LodeResult again = sandbox.lode({"install"});
  CHECK(again.status == 0);
  CHECK(again.out.starts_with("up to date in "));
  CHECK(server.requests().empty());
  // A forced install changes nothing either: the folders are the right ones already.
  LodeResult forced = sandbox.lode({"install", "--force"});
  CHECK(forced.out.starts_with("no changes in "));
  struct stat after;
  REQUIRE(::stat(file.c_str(), &after) == 0);
  CHECK(after.st_ino == before.st_ino);
  // A package folder deleted by hand is noticed and put back.
  fs::remove_all(sandbox.project() / "node_modules/is-odd");
  LodeResult repaired = sandbox.lode({"install"});
  CHECK(repaired.out.starts_with("changed 1 package"));
  CHECK(sandbox.installed_version("node_modules/is-odd") == "3.0.1");
  // Caches that tools keep in node_modules (vite's .vite, babel's .cache) are not changes.
  sandbox.write("node_modules/.vite/deps/_metadata.json", "{}");
  sandbox.write("node_modules/.cache/babel/x.json", "{}");
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date in "));
  // A folder made anew under the same name (even with the old inode number) is noticed,
  // and put back.
  fs::remove_all(sandbox.project() / "node_modules/is-number");
  sandbox.write("node_modules/is-number/package.json", R"({"name": "is-number", "version": "0.0.1"})");
  LodeResult replaced = sandbox.lode({"install"});
  INFO(replaced.out + replaced.err);
  CHECK(replaced.out.starts_with("changed 1 package"));
  CHECK(sandbox.installed_version("node_modules/is-number") != "0.0.1");
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date in "));
  // node_modules restored with its times (a CI cache, cp -a): new inodes, same content.
  // The record came along and its folder times still hold; and even an install that does
  // not trust the record (--force) relinks nothing.
  fs::path restored = sandbox.project() / "restored";
  REQUIRE(sandbox.run({"cp", "-a", (sandbox.project() / "node_modules").string(), restored.string()}).status == 0);
  fs::remove_all(sandbox.project() / "node_modules");
  fs::rename(restored, sandbox.project() / "node_modules");
  LodeResult after_restore = sandbox.lode({"install"});
  INFO(after_restore.out + after_restore.err);
  CHECK(after_restore.out.starts_with("up to date in "));
  CHECK(sandbox.lode({"install", "--force"}).out.starts_with("no changes in "));
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date in "));
}

TEST_CASE("install --silent prints nothing, as npm's does", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0"}})");
  LodeResult first = sandbox.lode({"install", "--silent"});
  CHECK(first.status == 0);
  CHECK(first.out.empty());
  CHECK(first.err.empty());
  CHECK(sandbox.installed_version("node_modules/is-odd") == "3.0.1");
  LodeResult again = sandbox.lode({"install", "--silent"});
  CHECK(again.status == 0);
  CHECK(again.out.empty());
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date in "));
}

TEST_CASE("two installs sharing a cache fetch each tarball once", "[cli]") {
  // Latency keeps both processes resolving at the same time: one waits for the other's
  // downloads, and must then see what it stored (the resolver reads through a snapshot).
  RegistryServer server({{}, {"--latency-ms", "150"}});
  InstallSandbox sandbox(server);
  std::string manifest = R"({"dependencies": {"is-odd": "^3.0.0", "left-pad": "^1.0.0", "deep-a": "*"}})";
  sandbox.package_json(manifest);
  fs::path second = sandbox.root() / "second";
  sandbox.write(second / "package.json", manifest);
  sandbox.write(second / ".npmrc", "registry=" + server.url() + "\n");
  RunOptions in_second;
  in_second.cwd = second;
  LodeResult first_run, second_run;
  std::thread other([&] { second_run = sandbox.lode({"install"}, in_second); });
  first_run = sandbox.lode({"install"});
  other.join();
  INFO(first_run.err << second_run.err);
  REQUIRE(first_run.status == 0);
  REQUIRE(second_run.status == 0);
  CHECK(sandbox.read("lode.lock") == sandbox.read(second / "lode.lock"));
  std::map<std::string, int> tarball_requests;
  for (const auto& entry : server.requests()) {
    std::string path = entry["path"].get<std::string>();
    if (path.ends_with(".tgz")) ++tarball_requests[path];
  }
  CHECK_FALSE(tarball_requests.empty());
  for (const auto& [path, count] : tarball_requests) {
    INFO(path);
    CHECK(count == 1);
  }
  CHECK(sandbox.lode({"ls", "--all"}, in_second).status == 0);
}

TEST_CASE("a scoped package folder deleted by hand is noticed", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"@lode-test/scoped": "1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  fs::remove_all(sandbox.project() / "node_modules/@lode-test/scoped");
  LodeResult repaired = sandbox.lode({"install"});
  CHECK_FALSE(repaired.out.starts_with("up to date"));
  CHECK(fs::exists(sandbox.project() / "node_modules/@lode-test/scoped/package.json"));
}

TEST_CASE("the lockfile has the same bytes whatever order answers come in", "[cli]") {
  RegistryServer server({{}, {"--jitter-ms", "40"}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"deep-a": "*", "is-odd": "^3", "is-number": "^7",
    "@lode-test/scoped": "^1", "native-parent": "^1", "peer-plugin": "^1"}, "devDependencies": {"left-pad": "^1"}})");
  std::string first;
  for (int run = 0; run < 3; ++run) {
    fs::remove_all(sandbox.project() / "node_modules");
    fs::remove(sandbox.project() / "lode.lock");
    fs::remove_all(sandbox.cache());
    LodeResult result = sandbox.lode({"install"});
    INFO(result.err);
    REQUIRE(result.status == 0);
    std::string lock = sandbox.read("lode.lock");
    if (run == 0) first = lock;
    CHECK(lock == first);
  }
  // Package lines are sorted; optional packages of every platform are listed.
  CHECK(first.find("optional-native-darwin-arm64@1.0.0 ") != std::string::npos);
  CHECK(first.find(" os=darwin cpu=arm64 optional") != std::string::npos);
  CHECK(first.find("\nis-number@6.0.0 ") < first.find("\nis-number@7.0.0 "));
}

TEST_CASE("with a lockfile, install fetches no package documents", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "@lode-test/scoped": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  std::string lock = sandbox.read("lode.lock");
  fs::remove_all(sandbox.project() / "node_modules");
  fs::remove_all(sandbox.cache());
  server.clear_requests();
  LodeResult result = sandbox.lode({"install"});
  REQUIRE(result.status == 0);
  for (const auto& entry : server.requests()) {
    INFO(entry["path"]);
    CHECK(entry["path"].get<std::string>().ends_with(".tgz"));
  }
  CHECK(sandbox.read("lode.lock") == lock);
}

TEST_CASE("with a lockfile and a warm store, install reads the packages' own file lists, not the index", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "@lode-test/scoped": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  fs::remove_all(sandbox.project() / "node_modules");
  // Without the index, only the list files can tell what each stored package holds.
  fs::path cache = sandbox.cache() / "lode";
  REQUIRE(fs::exists(cache / "index.sqlite"));
  for (const char* name : {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm"}) fs::remove(cache / name);
  server.clear_requests();
  LodeResult result = sandbox.lode({"install"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(server.requests().empty());
  CHECK(sandbox.installed_version("node_modules/is-number") == "6.0.0");
  CHECK(fs::exists(sandbox.project() / "node_modules/@lode-test/scoped/package.json"));
  CHECK_FALSE(fs::exists(cache / "index.sqlite"));
  // A package missing from the store opens the index after all, and is fetched.
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "@lode-test/scoped": "^1.0.0", "left-pad": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  CHECK(fs::exists(cache / "index.sqlite"));
}

TEST_CASE("lode ci installs exactly the lockfile, and refuses a mismatch changing nothing", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0"}})");
  LodeResult no_lock = sandbox.lode({"ci"});
  CHECK(no_lock.status == 1);
  CHECK(no_lock.err.find("no lode.lock to install from") != std::string::npos);
  REQUIRE(sandbox.lode({"install"}).status == 0);
  REQUIRE(sandbox.lode({"ci"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  sandbox.package_json(R"({"dependencies": {"left-pad": "^2.0.0-beta.1"}})");
  std::string lock = sandbox.read("lode.lock");
  LodeResult mismatch = sandbox.lode({"ci"});
  CHECK(mismatch.status == 1);
  CHECK(mismatch.err.find("package.json and lode.lock disagree:") != std::string::npos);
  CHECK(mismatch.err.find("- left-pad prod ^1.0.0 left-pad@1.3.0") != std::string::npos);
  CHECK(mismatch.err.find("+ left-pad prod ^2.0.0-beta.1 left-pad@2.0.0-beta.1") != std::string::npos);
  CHECK(sandbox.read("lode.lock") == lock);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  CHECK(sandbox.lode({"install", "--frozen-lockfile"}).status == 1);
}

TEST_CASE("--offline installs from a warm cache without the network", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  fs::remove_all(sandbox.project() / "node_modules");
  fs::remove(sandbox.project() / "lode.lock");
  server.clear_requests();
  LodeResult offline = sandbox.lode({"install", "--offline"});
  INFO(offline.err);
  CHECK(offline.status == 0);
  CHECK(server.requests().empty());
  CHECK(sandbox.installed_version("node_modules/is-number") == "6.0.0");
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "deep-a": "*"}})");
  LodeResult missing = sandbox.lode({"install", "--offline"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("package deep-a is not in the cache, and --offline forbids the network") != std::string::npos);
}

TEST_CASE("--prefix <dir> makes that folder the project, as npm's does", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.write("app/package.json", R"({"dependencies": {"left-pad": "^1.0.0"}})");
  sandbox.write("app/.npmrc", sandbox.read(".npmrc"));
  LodeResult installed = sandbox.lode({"install", "--prefix", "app/"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  CHECK(sandbox.installed_version("app/node_modules/left-pad") == "1.3.0");
  CHECK(fs::exists(sandbox.project() / "app/lode.lock"));
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules"));
  CHECK(sandbox.lode({"ls", "--prefix", sandbox.project().string() + "/app"}).out.find("left-pad@1.3.0") !=
        std::string::npos);
}

TEST_CASE("a malformed package.json or lockfile is an error that changes nothing", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  std::string lock = sandbox.read("lode.lock");
  sandbox.package_json("{\n  \"dependencies\": {\n    \"left-pad\": ^1.0.0\n  }\n}\n");
  LodeResult syntax = sandbox.lode({"install"});
  CHECK(syntax.status == 1);
  CHECK(syntax.err.find("package.json is not valid JSON") != std::string::npos);
  CHECK(syntax.err.find((sandbox.project() / "package.json").string() + ":3:17") != std::string::npos);
  sandbox.package_json("{\n  \"dependencies\": {\"left-pad\": 1}\n}\n");
  LodeResult field = sandbox.lode({"install"});
  CHECK(field.status == 1);
  CHECK(field.err.find("invalid \"dependencies\" in package.json: the value of \"left-pad\" must be a string") !=
        std::string::npos);
  CHECK(field.err.find("package.json:2:3") != std::string::npos);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0", "deep-a": "*"}})");
  sandbox.write("lode.lock", "lockfile 1\n[packages]\nbroken\n");
  LodeResult broken = sandbox.lode({"install"});
  CHECK(broken.status == 1);
  CHECK(broken.err.find("malformed lockfile") != std::string::npos);
  CHECK(broken.err.find("lode.lock:3") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/deep-a"));
  sandbox.write("lode.lock", lock);
}

TEST_CASE("a registry failure changes nothing", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0", "deep-a": "*", "no-such-package": "^1"}})");
  LodeResult missing = sandbox.lode({"install"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("package no-such-package not found in registry") != std::string::npos);
  CHECK(missing.err.find("required by the project") != std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/deep-a"));
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0", "is-number": "^7"}})");
  server.set_faults({{{"path", "/is-number/-/*"}, {"action", "corrupt"}, {"times", -1}}});
  LodeResult corrupt = sandbox.lode({"install"});
  CHECK(corrupt.status == 1);
  CHECK(corrupt.err.find("integrity check failed for is-number@7.0.0") != std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-number"));
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
  CHECK(sandbox.read("lode.lock").find("is-number") == std::string::npos);
  // A first install that fails while fetching leaves no node_modules behind, though the
  // folders of what was fetched were being assembled meanwhile.
  fs::remove_all(sandbox.project() / "node_modules");
  LodeResult fresh = sandbox.lode({"install"});
  CHECK(fresh.status == 1);
  CHECK(fresh.err.find("integrity check failed for is-number@7.0.0") != std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules"));
}

TEST_CASE("an unreachable registry: cached documents at once, else retries said out loud", "[cli]") {
  std::optional<RegistryServer> server(std::in_place);
  InstallSandbox sandbox(*server);
  std::string host = "127.0.0.1:" + std::to_string(server->port());
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  fs::remove_all(sandbox.project() / "node_modules");
  fs::remove(sandbox.project() / "lode.lock");
  server.reset();  // nothing listens on the port any more

  LodeResult stale = sandbox.lode({"install", "--prefer-online"});
  INFO(stale.err);
  CHECK(stale.status == 0);
  CHECK(sandbox.installed_version("node_modules/is-number") == "6.0.0");
  // One warning for the registry, not one per document, and no retries before it.
  size_t warning = stale.err.find("cannot connect to " + host);
  REQUIRE(warning != std::string::npos);
  CHECK(stale.err.find("using cached package documents", warning) != std::string::npos);
  CHECK(stale.err.find("cannot connect", warning + 1) == std::string::npos);
  CHECK(stale.err.find("retrying") == std::string::npos);

  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "deep-a": "*"}})");
  LodeResult missing = sandbox.lode({"install"});
  INFO(missing.err);
  CHECK(missing.status == 1);
  CHECK(missing.err.find("cannot connect to " + host + "; retrying in 10ms (retry 1 of 2)") != std::string::npos);
  CHECK(missing.err.find("(retry 2 of 2)") != std::string::npos);
  CHECK(missing.err.find("after 3 attempts (deep-a@*, required by the project)") != std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/deep-a"));
}

TEST_CASE("aliases, file: folders and tarballs, link: folders", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.write(sandbox.root() / "local-lib/package.json", R"({"name": "local-lib", "version": "2.0.0"})");
  sandbox.write(sandbox.root() / "local-lib/index.js", "module.exports = 'local';\n");
  sandbox.write(sandbox.root() / "linked/package.json", R"({"name": "linked", "version": "0.1.0", "bin": "run.js"})");
  sandbox.write(sandbox.root() / "linked/run.js", "#!/bin/sh\necho linked\n");
  sandbox.make_tarball(sandbox.root() / "packed.tgz", R"({"name": "packed", "version": "3.0.0",
    "dependencies": {"left-pad": "^1.0.0"}})");
  sandbox.package_json(R"({"dependencies": {"my-pad": "npm:left-pad@^1.0.0", "local-lib": "file:../local-lib",
    "linked": "link:../linked", "packed": "file:../packed.tgz"}})");
  LodeResult result = sandbox.lode({"install"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(sandbox.read("node_modules/my-pad/package.json").find("\"name\": \"left-pad\"") != std::string::npos);
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/local-lib"));
  CHECK(fs::read_symlink(sandbox.project() / "node_modules/local-lib") == "../../local-lib");
  CHECK(sandbox.run({"node", "-e", "console.log(require('local-lib'))"}).out == "local\n");
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/linked"));
  CHECK(sandbox.run({"sh", "-c", "node_modules/.bin/linked"}).out == "linked\n");
  CHECK(sandbox.installed_version("node_modules/packed") == "3.0.0");
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");  // packed's own dependency
  std::string lock = sandbox.read("lode.lock");
  CHECK(lock.find("my-pad prod npm:left-pad@^1.0.0 left-pad@1.3.0") != std::string::npos);
  CHECK(lock.find("local-lib@file:../local-lib - version=2.0.0") != std::string::npos);
  CHECK(lock.find("packed@file:../packed.tgz sha512-") != std::string::npos);
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date"));
  LodeResult git = sandbox.lode_after_package_json(R"({"dependencies": {"x": "github:user/repo"}})", {"install"});
  CHECK(git.status == 1);
  CHECK(git.err.find("git dependencies are not supported yet (x@github:user/repo") != std::string::npos);
}

TEST_CASE("a file: folder inside the project has its dependencies installed, as npm does", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.write("packages/a/package.json", R"({"name": "a", "version": "1.0.0",
    "dependencies": {"is-number": "^7.0.0"}, "devDependencies": {"is-odd": "^3.0.1"}})");
  sandbox.write("packages/a/index.js", "module.exports = require('is-odd')(3) && require('is-number').version;\n");
  sandbox.package_json(R"({"dependencies": {"a": "file:packages/a"}})");
  LodeResult installed = sandbox.lode({"install"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  // Hoisted to the project's node_modules, where node looks from packages/a; is-odd's own
  // is-number (^6) nests below it.
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK(sandbox.installed_version("node_modules/is-odd") == "3.0.1");
  CHECK(sandbox.installed_version("node_modules/is-odd/node_modules/is-number") == "6.0.0");
  CHECK(sandbox.run({"node", "-e", "console.log(require('a'))"}).out == "7.0.0\n");
  CHECK(sandbox.read("lode.lock").find("a@file:packages/a - version=1.0.0 dep=is-number@7.0.0 dev=is-odd@3.0.1") !=
        std::string::npos);
  CHECK(sandbox.run({"npm", "ls", "--all"}).status == 0);
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date"));

  // From the lockfile alone, and with ci: the same tree.
  fs::remove_all(sandbox.project() / "node_modules");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/is-odd") == "3.0.1");
  REQUIRE(sandbox.lode({"ci"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");

  // The folder's package.json is an input of the install: changing it is not "up to date".
  sandbox.write("packages/a/package.json", R"({"name": "a", "version": "1.0.0",
    "dependencies": {"is-number": "^7.0.0", "left-pad": "^1.0.0"}})");
  LodeResult changed = sandbox.lode({"install"});
  INFO(changed.err);
  REQUIRE(changed.status == 0);
  CHECK_FALSE(changed.out.starts_with("up to date"));
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-odd"));
  CHECK(sandbox.run({"npm", "ls", "--all"}).status == 0);
  fs::remove(sandbox.project() / "packages/a/package.json");
  LodeResult gone = sandbox.lode({"install"});
  CHECK(gone.status == 1);
  CHECK(gone.err.find("reading the linked folder packages/a: no package.json found") != std::string::npos);

  // A folder outside the project (npm's rule) and a link: (pnpm's) keep their own
  // dependencies: nothing of theirs is installed here.
  sandbox.write(sandbox.root() / "outside/package.json", R"({"name": "outside", "version": "1.0.0",
    "dependencies": {"is-odd": "^3.0.1"}})");
  sandbox.write("packages/b/package.json", R"({"name": "b", "version": "1.0.0", "dependencies": {"is-odd": "^3.0.1"}})");
  LodeResult kept = sandbox.lode_after_package_json(
      R"({"dependencies": {"outside": "file:../outside", "b": "link:packages/b"}})", {"install"});
  INFO(kept.err);
  REQUIRE(kept.status == 0);
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/outside"));
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/b"));
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-odd"));
}

TEST_CASE("workspaces are linked by name and install their dependencies with the project's", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.write("packages/a/package.json", R"({"name": "@m/a", "version": "1.2.0",
    "dependencies": {"is-number": "^7.0.0"}, "devDependencies": {"is-odd": "^3.0.1"}})");
  sandbox.write("packages/a/index.js", "module.exports = 'a' + require('is-number').version;\n");
  sandbox.write("packages/b/package.json", R"({"name": "@m/b", "version": "0.1.0", "dependencies": {"@m/a": "^1.0.0"}})");
  sandbox.write("packages/b/index.js", "module.exports = 'b+' + require('@m/a');\n");
  sandbox.write("packages/notes/README.md", "a folder without a package.json is no workspace\n");
  sandbox.write("apps/web/package.json", R"({"name": "web", "version": "1.0.0", "dependencies": {"@m/b": "workspace:*"}})");
  sandbox.package_json(R"({"name": "mono", "workspaces": ["packages/*", "apps/*"],
    "devDependencies": {"left-pad": "^1.3.0"}})");
  LodeResult installed = sandbox.lode({"install"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  for (const char* link : {"node_modules/@m/a", "node_modules/@m/b", "node_modules/web"}) {
    CHECK(fs::is_symlink(sandbox.project() / link));
  }
  CHECK(fs::read_symlink(sandbox.project() / "node_modules/@m/a") == "../../packages/a");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/notes"));
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK(sandbox.installed_version("node_modules/is-odd") == "3.0.1");  // a's devDependency
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  // What the workspaces answer is never asked of the registry.
  for (const auto& entry : server.requests()) {
    std::string path = entry["path"].get<std::string>();
    INFO(path);
    CHECK(path.find("@m") == std::string::npos);
    CHECK(path.find("web") == std::string::npos);
  }
  LodeResult required = sandbox.run({"node", "-e", "process.chdir('apps/web'); console.log(require(require.resolve('@m/b', {paths: ['.']})))"});
  CHECK(required.out == "b+a7.0.0\n");
  std::string lock = sandbox.read("lode.lock");
  CHECK(lock.find("@m/b@file:packages/b - version=0.1.0 dep=@m/a@file:packages/a\n") != std::string::npos);
  CHECK(lock.find("web@file:apps/web - version=1.0.0 dep=@m/b@file:packages/b\n") != std::string::npos);
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date"));

  // From inside a workspace, commands act on the whole project (npm's workspace root
  // detection); add edits the workspace's own package.json, and installs what it picked.
  CHECK(sandbox.lode({"--cwd", "packages/b", "install"}).out.starts_with("up to date"));
  LodeResult added = sandbox.lode({"--cwd", "packages/b", "add", "left-pad@1.1.0"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  CHECK(sandbox.read("packages/b/package.json").find(R"("left-pad": "^1.1.0")") != std::string::npos);
  CHECK(sandbox.read("package.json").find("1.1.0") == std::string::npos);
  CHECK(sandbox.read("lode.lock").find("@m/b@file:packages/b - version=0.1.0 dep=@m/a@file:packages/a dep=left-pad@1.1.0\n") !=
        std::string::npos);
  CHECK(sandbox.installed_version("packages/b/node_modules/left-pad") == "1.1.0");  // the root has its 1.3.0
  CHECK_FALSE(fs::exists(sandbox.project() / "packages/b/lode.lock"));
  CHECK(sandbox.lode({"--cwd", "packages/b", "ls", "--all"}).status == 0);
  // A workspace's scripts run in it, with the project's commands; so does lode x.
  sandbox.write("packages/a/package.json", R"({"name": "@m/a", "version": "1.2.0", "scripts": {"where": "pwd"},
    "dependencies": {"is-number": "^7.0.0"}, "devDependencies": {"is-odd": "^3.0.1", "with-bin": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  LodeResult script = sandbox.lode({"--cwd", "packages/a", "run", "where"});
  CHECK(script.out.find((sandbox.project() / "packages/a").string()) != std::string::npos);
  REQUIRE(fs::exists(sandbox.project() / "node_modules/.bin/with-bin"));
  LodeResult own_command = sandbox.lode({"--cwd", "packages/a", "x", "with-bin", "hi"});
  CHECK(own_command.out == "with-bin hi\n");
  CHECK_FALSE(fs::exists(sandbox.cache() / "lode" / "x"));  // the project's copy, not a download

  // A workspace made later is noticed (the patterns' folders are inputs of the no-op check).
  sandbox.write("packages/c/package.json", R"({"name": "c", "version": "1.0.0"})");
  LodeResult grown = sandbox.lode({"install"});
  CHECK_FALSE(grown.out.starts_with("up to date"));
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/c"));

  // With ranges only (npm has no "workspace:"), npm accepts the tree.
  sandbox.write("apps/web/package.json", R"({"name": "web", "version": "1.0.0", "dependencies": {"@m/b": "^0.1.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.run({"npm", "ls", "--all"}).status == 0);

  // ci names the workspace whose package.json the lockfile no longer matches.
  sandbox.write("apps/web/package.json", R"({"name": "web", "version": "1.0.0",
    "dependencies": {"@m/b": "^0.1.0", "left-pad": "^1.0.0"}})");
  LodeResult frozen = sandbox.lode({"ci"});
  CHECK(frozen.status == 1);
  CHECK(frozen.err.find("+ web@file:apps/web - version=1.0.0 dep=@m/b@file:packages/b dep=left-pad@1.3.0") !=
        std::string::npos);

  // What cannot be: a "workspace:" range the workspace's version misses, two of one name, a
  // malformed field.
  sandbox.write("apps/web/package.json", R"({"name": "web", "version": "1.0.0", "dependencies": {"@m/a": "workspace:^2.0.0"}})");
  LodeResult missed = sandbox.lode({"install"});
  CHECK(missed.status == 1);
  CHECK(missed.err.find("workspace @m/a is at 1.2.0, not ^2.0.0") != std::string::npos);
  sandbox.write("apps/web/package.json", R"({"name": "c", "version": "2.0.0"})");
  LodeResult twice = sandbox.lode({"install"});
  CHECK(twice.status == 1);
  CHECK(twice.err.find("two workspaces are named c: apps/web and packages/c") != std::string::npos);
  LodeResult malformed = sandbox.lode_after_package_json(R"({"name": "mono", "workspaces": 5})", {"install"});
  CHECK(malformed.status == 1);
  CHECK(malformed.err.find("workspaces") != std::string::npos);
}

TEST_CASE("a pnpm-workspace.yaml names the workspaces of a project without the field", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.write("pnpm-workspace.yaml", "packages:\n  - 'libs/*'\n");
  sandbox.write("libs/core/package.json", R"({"name": "core", "version": "2.0.0", "dependencies": {"is-number": "^7.0.0"}})");
  sandbox.write("libs/app/package.json", R"({"name": "app", "version": "1.0.0", "dependencies": {"core": "workspace:^"}})");
  sandbox.package_json(R"({"name": "mono"})");
  LodeResult installed = sandbox.lode({"install"});
  INFO(installed.err);
  REQUIRE(installed.status == 0);
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/core"));
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/app"));
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK(sandbox.read("lode.lock").find("app@file:libs/app - version=1.0.0 dep=core@file:libs/core\n") != std::string::npos);
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date"));
  // The file is an input: what it names next is installed.
  sandbox.write("tools/x/package.json", R"({"name": "x", "version": "1.0.0"})");
  sandbox.write("pnpm-workspace.yaml", "packages:\n  - 'libs/*'\n  - 'tools/*'\n");
  LodeResult grown = sandbox.lode({"install"});
  CHECK_FALSE(grown.out.starts_with("up to date"));
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/x"));
}

TEST_CASE("peers are installed next to their dependent; conflicts warn or fail", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "peer-host", "2.0.0", "{}");
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"peer-plugin": "^1.0.0"}})");
  LodeResult auto_peer = sandbox.lode({"install"});
  REQUIRE(auto_peer.status == 0);
  CHECK(sandbox.installed_version("node_modules/peer-host") == "1.0.0");
  CHECK(sandbox.read("lode.lock").find("peer-host@1.0.0 sha512-") != std::string::npos);
  sandbox.package_json(R"({"dependencies": {"peer-plugin": "^1.0.0", "peer-host": "^2.0.0"}})");
  LodeResult conflict = sandbox.lode({"install"});
  INFO(conflict.err);
  CHECK(conflict.status == 0);
  CHECK(conflict.err.find("peer-plugin@1.0.0 needs peer peer-host@") != std::string::npos);
  CHECK(conflict.err.find("but peer-host@2.0.0 is installed") != std::string::npos);
  LodeResult strict = sandbox.lode({"install", "--force", "--strict-peer-deps"});
  CHECK(strict.status == 1);
  CHECK(strict.err.find("conflicting peer dependencies") != std::string::npos);
}

TEST_CASE("an optional peer is never installed for its dependent, only checked", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "yaml-lib", "1.0.0", "{}");
  write_fixture(extra.path(), "yaml-lib", "2.0.0", "{}");
  write_fixture(extra.path(), "loader", "1.0.0",
                R"({"peerDependencies": {"yaml-lib": "^2.0.0"}, "peerDependenciesMeta": {"yaml-lib": {"optional": true}}})");
  RegistryServer server({{extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"loader": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/yaml-lib"));
  CHECK(sandbox.read("lode.lock").find("optpeer=yaml-lib range=yaml-lib:^2.0.0") != std::string::npos);

  // The tree has it at a version the range accepts: the lock says which one.
  sandbox.package_json(R"({"dependencies": {"loader": "^1.0.0", "yaml-lib": "^2.0.0"}})");
  LodeResult accepted = sandbox.lode({"install"});
  INFO(accepted.err);
  REQUIRE(accepted.status == 0);
  CHECK(accepted.err.find("needs peer") == std::string::npos);
  CHECK(sandbox.installed_version("node_modules/yaml-lib") == "2.0.0");
  CHECK(sandbox.read("lode.lock").find("optpeer=yaml-lib@2.0.0") != std::string::npos);

  // At a version the range refuses: a warning, as npm's "invalid" edge, and no private
  // yaml-lib@2 (npm ls calls a copy only an optional peer reaches extraneous). The
  // locked 2.0.0 goes from the lock, fresh or frozen.
  sandbox.package_json(R"({"dependencies": {"loader": "^1.0.0", "yaml-lib": "^1.0.0"}})");
  auto check_tree = [&](const LodeResult& result) {
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.err.find("loader@1.0.0 needs peer yaml-lib@^2.0.0, but yaml-lib@1.0.0 is installed") !=
          std::string::npos);
    CHECK(sandbox.installed_version("node_modules/yaml-lib") == "1.0.0");
    CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/loader/node_modules"));
    CHECK(sandbox.read("lode.lock").find("yaml-lib@2.0.0") == std::string::npos);
  };
  check_tree(sandbox.lode({"install"}));
  std::string lock = sandbox.read("lode.lock");
  fs::remove_all(sandbox.project() / "node_modules");
  check_tree(sandbox.lode({"install", "--frozen-lockfile"}));
  CHECK(sandbox.read("lode.lock") == lock);
}

TEST_CASE("a plugin is not hoisted past its host's version, from a fresh resolution or the lockfile", "[cli]") {
  // The project → host-lib@2, tool; tool → host-lib 1.0.0, plugin-x (peer host-lib ^1).
  // At the top plugin-x would see host-lib@2: it must stay beside tool's host-lib@1.
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "host-lib", "1.0.0", "{}");
  write_fixture(extra.path(), "host-lib", "2.0.0", "{}");
  write_fixture(extra.path(), "tool", "1.0.0", R"({"dependencies": {"host-lib": "1.0.0", "plugin-x": "^1.0.0"}})");
  write_fixture(extra.path(), "plugin-x", "1.0.0", R"({"peerDependencies": {"host-lib": "^1.0.0"}})");
  RegistryServer server({{extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"host-lib": "^2.0.0", "tool": "^1.0.0"}})");
  auto check_tree = [&](const LodeResult& result) {
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.err.find("needs peer") == std::string::npos);
    CHECK(sandbox.installed_version("node_modules/host-lib") == "2.0.0");
    CHECK(sandbox.installed_version("node_modules/plugin-x").empty());
    CHECK(sandbox.installed_version("node_modules/tool/node_modules/plugin-x") == "1.0.0");
    CHECK(sandbox.installed_version("node_modules/tool/node_modules/host-lib") == "1.0.0");
  };
  check_tree(sandbox.lode({"install"}));
  CHECK(sandbox.read("lode.lock").find("peer=host-lib@1.0.0 range=host-lib:^1.0.0") != std::string::npos);
  fs::remove_all(sandbox.project() / "node_modules");
  check_tree(sandbox.lode({"install", "--frozen-lockfile"}));
}

TEST_CASE("what node_modules holds is not looked up in the store again; what moves is", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "mover-a", "1.0.0", R"({"dependencies": {"mover-c": "^1.0.0"}})");
  write_fixture(extra.path(), "mover-c", "1.0.0", "{}");
  write_fixture(extra.path(), "mover-c", "2.0.0", "{}");
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0", "mover-a": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/mover-c") == "1.0.0");
  // With the store emptied, adding a package re-downloads nothing node_modules keeps.
  REQUIRE(sandbox.lode({"cache", "clean"}).status == 0);
  server.clear_requests();
  LodeResult added = sandbox.lode_after_package_json(
      R"({"dependencies": {"left-pad": "^1.0.0", "mover-a": "^1.0.0", "is-number": "^7.0.0"}})", {"install"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  CHECK(server.count_requests("/left-pad/-/left-pad-1.3.0.tgz") == 0);
  CHECK(server.count_requests("/mover-c/-/mover-c-1.0.0.tgz") == 0);
  CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
  CHECK_FALSE(sandbox.installed_version("node_modules/is-number").empty());
  // mover-c@1 moves below mover-a when the project takes mover-c@2: linked again, so it is
  // fetched again.
  REQUIRE(sandbox.lode({"cache", "clean"}).status == 0);
  server.clear_requests();
  LodeResult moved = sandbox.lode_after_package_json(
      R"({"dependencies": {"left-pad": "^1.0.0", "mover-a": "^1.0.0", "mover-c": "^2.0.0", "is-number": "^7.0.0"}})",
      {"install"});
  INFO(moved.err);
  REQUIRE(moved.status == 0);
  CHECK(server.count_requests("/mover-c/-/mover-c-1.0.0.tgz") == 1);
  CHECK(server.count_requests("/left-pad/-/left-pad-1.3.0.tgz") == 0);
  CHECK(sandbox.installed_version("node_modules/mover-c") == "2.0.0");
  CHECK(sandbox.installed_version("node_modules/mover-a/node_modules/mover-c") == "1.0.0");
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
}

TEST_CASE("optional packages for other platforms are locked but not installed", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"native-parent": "^1.0.0"}})");
  LodeResult result = sandbox.lode({"install", "--loglevel", "info"});
  REQUIRE(result.status == 0);
  CHECK(fs::exists(sandbox.project() / "node_modules/optional-native-linux-x64"));
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/optional-native-darwin-arm64"));
  CHECK(result.err.find("skipped optional optional-native-darwin-arm64@1.0.0 (darwin arm64): not for linux x64 ") !=
        std::string::npos);
  std::string lock = sandbox.read("lode.lock");
  CHECK(lock.find("optional-native-darwin-arm64@1.0.0 sha512-") != std::string::npos);
  CHECK(lock.find("optional-native-linux-x64@1.0.0 sha512-") != std::string::npos);
}

TEST_CASE("what only another platform's package needs is locked but neither fetched nor installed", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "wasm-binding", "1.0.0", R"({"cpu": ["wasm32"], "dependencies": {"wasm-helper": "1.0.0"}})");
  write_fixture(extra.path(), "wasm-helper", "1.0.0", "{}");
  write_fixture(extra.path(), "with-bindings", "1.0.0",
                R"({"optionalDependencies": {"wasm-binding": "1.0.0", "optional-native-linux-x64": "1.0.0"}})");
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"with-bindings": "1.0.0"}})");
  for (int round = 0; round < 2; ++round) {  // resolving, then from lode.lock
    LodeResult result = sandbox.lode({"install", "--loglevel", "info"});
    INFO(result.err);
    REQUIRE(result.status == 0);
    // A list the package leaves empty (os here) is not named.
    CHECK(result.err.find("skipped optional wasm-binding@1.0.0 (wasm32): not for linux x64") != std::string::npos);
    CHECK(fs::exists(sandbox.project() / "node_modules/optional-native-linux-x64"));
    CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/wasm-binding"));
    CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/wasm-helper"));
    CHECK(sandbox.read("lode.lock").find("wasm-helper@1.0.0 sha512-") != std::string::npos);
    CHECK(server.count_requests("/wasm-helper/-/wasm-helper-1.0.0.tgz") == 0);
    CHECK(sandbox.lode({"ls", "--all"}).status == 0);
    fs::remove_all(sandbox.project() / "node_modules");
    fs::remove_all(sandbox.cache());
  }
}

TEST_CASE("overrides replace specifiers, and may not contradict direct dependencies", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0"}, "overrides": {"is-number": "7.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-odd/node_modules"));
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0"}, "overrides": {"is-odd": {"is-number": "7.0.0"}}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3.0.0", "is-number": "^7.0.0"},
    "overrides": {"is-number": "$is-number"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/is-odd/node_modules"));
  sandbox.package_json(R"({"dependencies": {"is-number": "^7.0.0"}, "overrides": {"is-number": "6.0.0"}})");
  LodeResult conflict = sandbox.lode({"install"});
  CHECK(conflict.status == 1);
  CHECK(conflict.err.find("conflicts with the direct dependency is-number@^7.0.0") != std::string::npos);
}

TEST_CASE("dependencies' install scripts are denied by default and run when trusted", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "fails-to-build", "1.0.0", R"({"scripts": {"postinstall": "echo broken >&2; exit 3"}})");
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"with-install-script": "^1.0.0"}})");
  LodeResult denied = sandbox.lode({"install"});
  REQUIRE(denied.status == 0);
  CHECK(denied.err.find("install scripts that were not run: with-install-script@1.0.0") != std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/with-install-script/postinstall-marker.txt"));
  InstallSandbox quiet(server);  // --ignore-scripts asked for no scripts: nothing to report
  quiet.package_json(R"({"dependencies": {"with-install-script": "^1.0.0"}})");
  LodeResult ignored = quiet.lode({"install", "--ignore-scripts"});
  REQUIRE(ignored.status == 0);
  CHECK(ignored.err.find("install scripts") == std::string::npos);
  LodeResult trusted = sandbox.lode({"trust", "with-install-script"});
  INFO(trusted.err);
  REQUIRE(trusted.status == 0);
  CHECK(fs::exists(sandbox.project() / "node_modules/with-install-script/postinstall-marker.txt"));
  CHECK(sandbox.read("package.json").find("\"trustedDependencies\": [\n    \"with-install-script\"\n  ]") !=
        std::string::npos);
  sandbox.package_json(R"({"dependencies": {"fails-to-build": "1.0.0"}, "trustedDependencies": ["fails-to-build"]})");
  LodeResult failed = sandbox.lode({"install"});
  CHECK(failed.status == 1);
  CHECK(failed.err.find("postinstall script of fails-to-build@1.0.0 failed with status 3") != std::string::npos);
  CHECK(failed.err.find("broken") != std::string::npos);
  CHECK_FALSE(sandbox.lode({"install"}).out.starts_with("up to date"));  // it tries again
}

TEST_CASE("the project's lifecycle scripts run with .bin on PATH and npm's environment", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "app", "version": "2.3.4", "dependencies": {"with-bin": "1.0.0"},
    "scripts": {"postinstall": "with-bin > out.txt; echo $npm_lifecycle_event $npm_package_name $npm_package_version >> out.txt",
                "prepare": "echo prepared >> out.txt"}})");
  LodeResult result = sandbox.lode({"install"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(sandbox.read("out.txt") == "with-bin \npostinstall app 2.3.4\nprepared\n");
  fs::remove(sandbox.project() / "out.txt");
  REQUIRE(sandbox.lode({"install", "--force", "--ignore-scripts"}).status == 0);
  CHECK_FALSE(fs::exists(sandbox.project() / "out.txt"));
}

TEST_CASE("install scripts see the user's GLIBC_TUNABLES as it was", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"left-pad": "^1.0.0"}, "scripts": {"postinstall":
      "echo ${GLIBC_TUNABLES-unset} > seen.txt"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  CHECK(sandbox.read("seen.txt") == "unset\n");
  sandbox.env().set("GLIBC_TUNABLES", "glibc.malloc.check=0");
  fs::remove(sandbox.project() / "lode.lock");
  REQUIRE(sandbox.lode({"install", "--force"}).status == 0);
  CHECK(sandbox.read("seen.txt") == "glibc.malloc.check=0\n");
}

TEST_CASE("a verbose install says what went over the network", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3", "left-pad": "^1.0.0"}})");
  server.clear_requests();
  LodeResult result = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  size_t requests = server.requests().size();
  REQUIRE(requests >= 6);  // three documents, three tarballs
  CHECK(result.err.find("network: " + std::to_string(requests) + " requests over ") != std::string::npos);
  CHECK(result.err.find(" KiB received") != std::string::npos);
  // From the cache, nothing goes over the network, and nothing is said about it.
  fs::remove_all(sandbox.project() / "node_modules");
  LodeResult again = sandbox.lode({"install", "--loglevel", "verbose"});
  REQUIRE(again.status == 0);
  CHECK(again.err.find("network: ") == std::string::npos);
}

TEST_CASE("an install leaves copying the index's log to a process that runs once it has exited", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3", "left-pad": "^1.0.0"}})");
  LodeResult result = sandbox.lode({"install"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  // What the install recorded is in index.sqlite itself once `lode cache checkpoint` ran in
  // the background: a copy of the file alone (no log) lists the packages.
  fs::path index = sandbox.cache() / "lode" / "index.sqlite";
  fs::path alone = sandbox.root() / "index-alone";
  std::string listed;
  for (int attempt = 0; attempt < 200 && listed.find("left-pad@") == std::string::npos; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    fs::remove_all(alone);
    fs::create_directories(alone);
    fs::copy_file(index, alone / "index.sqlite");
    listed = sandbox.lode({"cache", "ls", "--cache", alone.string()}).out;
  }
  CHECK(listed.find("is-odd@3.") != std::string::npos);
  CHECK(listed.find("left-pad@1.3.0") != std::string::npos);
  // By hand it says what it copied; once the background one is done, that is the log's one
  // restarting commit.
  std::string expected = "copied 1 page of 1 from the log into " + index.string() + "\n";
  LodeResult by_hand;
  for (int attempt = 0; attempt < 100 && by_hand.out != expected; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    by_hand = sandbox.lode({"cache", "checkpoint"});
    REQUIRE(by_hand.status == 0);
  }
  CHECK(by_hand.out == expected);
}

TEST_CASE("package folders are assembled while the tarballs download, and renamed into place", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3", "left-pad": "^1.0.0"}})");
  LodeResult first = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(first.err);
  REQUIRE(first.status == 0);
  CHECK(first.err.find("3 package folders placed, 3 of them staged while fetching (") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/is-number") == "6.0.0");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
  // lode ci empties node_modules after staging, and keeps what it staged.
  LodeResult ci = sandbox.lode({"ci", "--loglevel", "verbose"});
  INFO(ci.err);
  REQUIRE(ci.status == 0);
  CHECK(ci.err.find("3 package folders placed, 3 of them staged while fetching (") != std::string::npos);
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
  // An update stages only what it fetches: is-number@7 here. The 6.0.0 that moves below
  // is-odd was in node_modules already, so it is not looked up before the layout says it
  // moves, and reify links it itself.
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3", "left-pad": "^1.0.0", "is-number": "^7"}})");
  LodeResult added = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(added.err);
  REQUIRE(added.status == 0);
  CHECK(added.err.find("2 package folders placed, 1 of them staged while fetching (") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK(sandbox.installed_version("node_modules/is-odd/node_modules/is-number") == "6.0.0");
  // No lockfile, a warm cache: packages are staged as resolution finds them, and given
  // their paths once the layout is known.
  fs::remove_all(sandbox.project() / "node_modules");
  fs::remove(sandbox.project() / "lode.lock");
  LodeResult ahead = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(ahead.err);
  REQUIRE(ahead.status == 0);
  CHECK(ahead.err.find("4 package folders placed, 4 of them staged while fetching (") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/is-odd/node_modules/is-number") == "6.0.0");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
  CHECK(sandbox.run({"npm", "ls", "--all"}).status == 0);
}

TEST_CASE("into a new node_modules, top-level packages are linked in place and nested ones staged", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-odd": "^3", "is-number": "^7", "@lode-test/scoped": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);
  fs::remove_all(sandbox.project() / "node_modules");
  LodeResult fresh = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(fresh.err);
  REQUIRE(fresh.status == 0);
  // All top-level ones in place (a scoped one too); is-odd's own is-number@6 staged.
  CHECK(fresh.err.find("5 package folders placed, 5 of them staged while fetching (4 in place)") != std::string::npos);
  CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
  CHECK(sandbox.installed_version("node_modules/is-odd/node_modules/is-number") == "6.0.0");
  CHECK(fs::exists(sandbox.project() / "node_modules/@lode-test/scoped/package.json"));
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
  CHECK(sandbox.run({"npm", "ls", "--all"}).status == 0);
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date in "));
  // With node_modules there, nothing is made in place: folders are staged, then renamed.
  fs::remove_all(sandbox.project() / "node_modules/is-odd");
  LodeResult again = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(again.err);
  REQUIRE(again.status == 0);
  CHECK(again.err.find("(0 in place)") != std::string::npos);
  // A new node_modules whose install fails before reify is removed whole.
  fs::remove_all(sandbox.project() / "node_modules");
  fs::remove_all(sandbox.cache() / "lode" / "store");
  server.set_faults({{{"path", "/is-number/-/is-number-6.0.0.tgz"}, {"action", "corrupt"}, {"times", -1}}});
  LodeResult failed = sandbox.lode({"install"});
  CHECK(failed.status == 1);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules"));
}

TEST_CASE("staged before the layout, a package is linked at the top when its name is free there, and moved if wrong",
          "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  // Resolution meets is-number@6 first (through the alias, whose name sorts first) and
  // guesses node_modules/is-number for it; the layout puts 7 there and 6 at a-num.
  sandbox.package_json(R"({"dependencies": {"a-num": "npm:is-number@6", "is-number": "^7", "left-pad": "^1.0.0"}})");
  // Cold (how many are linked in place depends on when downloads end), then warm.
  for (bool warm : {false, true}) {
    if (!warm) fs::remove_all(sandbox.cache());
    fs::remove_all(sandbox.project() / "node_modules");
    fs::remove(sandbox.project() / "lode.lock");
    LodeResult result = sandbox.lode({"install", "--loglevel", "verbose"});
    INFO(result.err);
    REQUIRE(result.status == 0);
    // Warm, all are stored before the layout is known: left-pad's guess was right;
    // is-number@6's was not, and 7 had to be staged aside.
    CHECK(result.err.find(warm ? "3 package folders placed, 3 of them staged while fetching (1 in place)"
                               : "3 package folders placed, 3 of them staged while fetching (") != std::string::npos);
    CHECK(sandbox.installed_version("node_modules/a-num") == "6.0.0");
    CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
    CHECK(sandbox.installed_version("node_modules/left-pad") == "1.3.0");
    CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
    CHECK(sandbox.lode({"ls", "--all"}).status == 0);
  }
}

TEST_CASE("a package placed at two paths is staged twice, whether it was found before the layout or after", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "twin-a", "1.0.0", R"({"dependencies": {"is-number": "^6.0.0"}})");
  write_fixture(extra.path(), "twin-b", "1.0.0", R"({"dependencies": {"is-number": "^6.0.0"}})");
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"is-number": "^7", "twin-a": "1", "twin-b": "1"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);  // warms the cache
  for (bool with_lockfile : {false, true}) {
    fs::remove_all(sandbox.project() / "node_modules");
    if (!with_lockfile) fs::remove(sandbox.project() / "lode.lock");
    LodeResult result = sandbox.lode({"install", "--loglevel", "verbose"});
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.err.find("5 package folders placed, 5 of them staged while fetching (") != std::string::npos);
    CHECK(sandbox.installed_version("node_modules/twin-a/node_modules/is-number") == "6.0.0");
    CHECK(sandbox.installed_version("node_modules/twin-b/node_modules/is-number") == "6.0.0");
    CHECK(sandbox.installed_version("node_modules/is-number") == "7.0.0");
    CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
  }
}

TEST_CASE("a package of hundreds of files is staged in parts, all of it", "[cli]") {
  // 300 files in nested folders: more than one worker's part (resolver/staging.cpp).
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "many-files", "1.0.0", "{}");
  for (int i = 0; i < 300; ++i) {
    std::string relative = "lib/" + std::to_string(i % 7) + "/" + std::to_string(i % 3) + "/f" + std::to_string(i) + ".js";
    fs::path file = extra.path() / "many-files/1.0.0" / relative;
    fs::create_directories(file.parent_path());
    REQUIRE(write_file_atomic(file, "module.exports = " + std::to_string(i) + ";\n"));
  }
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"many-files": "^1.0.0", "left-pad": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);  // warms the cache
  for (bool with_lockfile : {true, false}) {
    fs::remove_all(sandbox.project() / "node_modules");
    if (!with_lockfile) fs::remove(sandbox.project() / "lode.lock");
    LodeResult result = sandbox.lode({"install", "--loglevel", "verbose"});
    INFO(result.err);
    REQUIRE(result.status == 0);
    CHECK(result.err.find("2 package folders placed, 2 of them staged while fetching (") != std::string::npos);
    for (int i = 0; i < 300; ++i) {
      std::string relative = "lib/" + std::to_string(i % 7) + "/" + std::to_string(i % 3) + "/f" + std::to_string(i) + ".js";
      REQUIRE(sandbox.read("node_modules/many-files/" + relative) == "module.exports = " + std::to_string(i) + ";\n");
    }
    CHECK(sandbox.read("node_modules/many-files/package.json").find("many-files") != std::string::npos);
    CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/.lode/staged"));
  }
}

TEST_CASE("a large tarball is unpacked as it downloads: cut and retried, or corrupt and refused", "[cli]") {
  // 2.5 MB that gzip cannot shrink: the download is streamed into the extraction.
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "big-blob", "1.0.0", "{}");
  std::string blob(2560 * 1024, '\0');
  uint64_t state = 0x9e3779b97f4a7c15ULL;
  for (char& byte : blob) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    byte = static_cast<char>(state);
  }
  REQUIRE(write_file_atomic(extra.path() / "big-blob/1.0.0/blob.bin", blob));
  RegistryServer server({{extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"big-blob": "^1.0.0"}})");
  REQUIRE(sandbox.lode({"install"}).status == 0);  // locks it; then a cold cache each time
  fs::remove_all(sandbox.project() / "node_modules");
  REQUIRE(sandbox.lode({"cache", "clean"}).status == 0);

  // Cut half-way once: the stream started is abandoned, the retry installs the whole file.
  server.clear_requests();
  server.set_faults({{{"path", "/big-blob/-/*"}, {"action", "cut"}, {"after_bytes", 800000}, {"times", 1}}});
  LodeResult cut = sandbox.lode({"install", "--loglevel", "verbose"});
  INFO(cut.err);
  REQUIRE(cut.status == 0);
  CHECK(cut.err.find("big-blob@1.0.0 is unpacked as it downloads") != std::string::npos);
  CHECK(sandbox.read("node_modules/big-blob/blob.bin") == blob);
  CHECK(server.count_requests("/big-blob/-/big-blob-1.0.0.tgz") == 2);

  // Corrupt every time: refused, and nothing of it entered the store.
  fs::remove_all(sandbox.project() / "node_modules");
  REQUIRE(sandbox.lode({"cache", "clean"}).status == 0);
  server.set_faults({{{"path", "/big-blob/-/*"}, {"action", "corrupt"}, {"times", -1}}});
  LodeResult corrupt = sandbox.lode({"install"});
  CHECK(corrupt.status == 1);
  CHECK(corrupt.err.find("integrity check failed for big-blob@1.0.0") != std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules"));
  server.set_faults(nlohmann::json::array());
  LodeResult offline = sandbox.lode({"install", "--offline"});
  CHECK(offline.status == 1);
  CHECK(offline.err.find("not in the cache") != std::string::npos);
}

TEST_CASE("an install killed half-way is completed by the next one", "[cli]") {
  // Enough packages that linking takes a while: the kill lands while folders are appearing.
  TempDir extra = *TempDir::create();
  std::string dependencies;
  for (int i = 0; i < 150; ++i) {
    std::string name = "bulk-" + std::to_string(i);
    write_fixture(extra.path(), name, "1.0.0", "{}");
    dependencies += (i ? ", \"" : "\"") + name + "\": \"^1.0.0\"";
  }
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json("{\"dependencies\": {" + dependencies + ", \"is-odd\": \"^3\"}}");
  REQUIRE(sandbox.lode({"install"}).status == 0);  // warms the cache and writes lode.lock
  fs::path journal = sandbox.project() / "node_modules/.lode/journal";
  bool interrupted = false;
  for (int attempt = 0; attempt < 20 && !interrupted; ++attempt) {
    fs::remove_all(sandbox.project() / "node_modules");
    auto child = sandbox.spawn_lode({"install"});
    // Kill it hard as soon as it has started changing node_modules (folders staged while
    // fetching take a few milliseconds to place: watch closely). The install may end, and
    // remove its journal, between two looks: no exceptions from the file size.
    auto journal_written = [&] {
      std::error_code missing;
      uintmax_t size = fs::file_size(journal, missing);
      return !missing && size > 0;
    };
    for (int i = 0; i < 20000 && !journal_written(); ++i) {
      std::this_thread::sleep_for(100us);
    }
    child.kill(SIGKILL);
    (void)child.wait();
    interrupted = fs::exists(journal);
  }
  REQUIRE(interrupted);  // the journal of the killed install is there to be replayed
  LodeResult again = sandbox.lode({"install"});
  INFO(again.err);
  REQUIRE(again.status == 0);
  CHECK_FALSE(fs::exists(journal));
  CHECK(sandbox.lode({"ls", "--all"}).status == 0);
  CHECK(sandbox.run({"npm", "ls", "--all"}).status == 0);
  CHECK(sandbox.installed_version("node_modules/bulk-149") == "1.0.0");
  CHECK(sandbox.lode({"install"}).out.starts_with("up to date"));
}

TEST_CASE("engines mismatches and deprecations are warned about once each", "[cli]") {
  TempDir extra = *TempDir::create();
  write_fixture(extra.path(), "needs-new-node", "1.0.0", R"({"engines": {"node": ">=99"}})");
  write_fixture(extra.path(), "fine-node", "1.0.0", R"({"engines": {"node": ">=12"}})");
  RegistryServer server({{source_root() / "tests/fixtures/registry", extra.path()}, {}});
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"needs-new-node": "1", "fine-node": "1", "deprecated-pkg": "1",
    "@lode-test/scoped": "1.0.0"}})");
  LodeResult result = sandbox.lode({"install", "--node-version", "v20.1.0"});
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(result.err.find("lode: warn: unsupported engine: needs-new-node@1.0.0 wants node >=99, this is node 20.1.0\n") !=
        std::string::npos);
  CHECK(result.err.find("fine-node") == std::string::npos);
  size_t first = result.err.find("deprecated deprecated-pkg@1.0.0");
  CHECK(first != std::string::npos);
  CHECK(result.err.find("deprecated deprecated-pkg@1.0.0", first + 1) == std::string::npos);
}
