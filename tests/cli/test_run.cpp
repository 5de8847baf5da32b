// `lode run`, `lode <script>` and `lode x` through the binary.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/cli/install_support.h"

using namespace lode;
using namespace lode::test;
using namespace std::chrono_literals;

TEST_CASE("run: pre, main and post in order, with arguments quoted for the shell", "[cli]") {
  Sandbox sandbox;
  sandbox.write("package.json", R"({"name": "app", "version": "1.2.3", "scripts": {
    "prebuild": "echo pre",
    "build": "printf '%s|' main",
    "postbuild": "echo; echo post"}})");
  LodeResult result = sandbox.lode({"run", "build", "a b", "it's", "$HOME", "--watch"});
  INFO(result.err);
  CHECK(result.status == 0);
  CHECK(result.out == "pre\nmain|a b|it's|$HOME|--watch|\npost\n");
  CHECK(result.err.find("> app@1.2.3 prebuild\n> echo pre\n") != std::string::npos);
  CHECK(sandbox.lode({"run", "build", "--", "--watch"}).out == "pre\nmain|--watch|\npost\n");
  CHECK(sandbox.lode({"build", "x"}).out == "pre\nmain|x|\npost\n");  // the shorthand
  CHECK(sandbox.lode({"--silent", "run", "build"}).err.empty());
}

TEST_CASE("run: npm's environment and PATH", "[cli]") {
  Sandbox sandbox;
  sandbox.write(sandbox.root() / "node_modules/.bin/tool", "#!/bin/sh\necho outer\n");
  sandbox.write("node_modules/.bin/tool", "#!/bin/sh\necho inner\n");
  sandbox.run({"chmod", "+x", (sandbox.root() / "node_modules/.bin/tool").string(),
               (sandbox.project() / "node_modules/.bin/tool").string()});
  sandbox.write(".npmrc", "registry=http://127.0.0.1:9/\n//127.0.0.1:9/:_authToken=s3cr3tvalue\n");
  sandbox.write("package.json", R"({"name": "envy", "version": "0.0.7", "scripts": {
    "env": "echo $npm_lifecycle_event,$npm_lifecycle_script,$npm_package_name,$npm_package_version; echo $npm_package_json; echo $INIT_CWD; echo $npm_config_registry; echo $npm_execpath; tool; env | grep -c s3cr3t''value || true"}})");
  sandbox.write("sub/.keep", "");
  RunOptions in_sub;
  in_sub.cwd = sandbox.project() / "sub";
  LodeResult result = sandbox.lode({"run", "env"}, in_sub);
  INFO(result.err);
  REQUIRE(result.status == 0);
  CHECK(result.out.starts_with("env,echo $npm_lifecycle_event,"));
  CHECK(result.out.find(",envy,0.0.7\n") != std::string::npos);
  CHECK(result.out.find((sandbox.project() / "package.json").string() + "\n") != std::string::npos);
  CHECK(result.out.find((sandbox.project() / "sub").string() + "\n") != std::string::npos);  // INIT_CWD
  CHECK(result.out.find("http://127.0.0.1:9/\n") != std::string::npos);
  CHECK(result.out.find(lode_binary().string() + "\n") != std::string::npos);
  CHECK(result.out.find("inner\n") != std::string::npos);  // the project's .bin beats its parent's
  CHECK(result.out.ends_with("0\n"));                      // no credentials in the environment
}

TEST_CASE("run: exit status, signals, missing scripts", "[cli]") {
  Sandbox sandbox;
  sandbox.write("package.json", R"({"name": "app", "scripts": {
    "fails": "exit 7", "prefails": "true",
    "post-fails": "true", "postpost-fails": "exit 9",
    "killed": "kill -TERM $$",
    "test": "true", "build": "true"}})");
  CHECK(sandbox.lode({"run", "fails"}).status == 7);
  CHECK(sandbox.lode({"run", "post-fails"}).status == 9);
  CHECK(sandbox.lode({"run", "killed"}).status == 128 + SIGTERM);
  LodeResult missing = sandbox.lode({"run", "tset"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("lode: error: missing script: tset") == 0);
  CHECK(missing.err.find("did you mean test?") != std::string::npos);
  CHECK(sandbox.lode({"run", "tset", "--if-present"}).status == 0);
  LodeResult list = sandbox.lode({"run"});
  CHECK(list.out.find("Scripts in app@:\n  fails\n    exit 7\n") == 0);
  Sandbox empty;
  LodeResult no_project = empty.lode({"run", "x"});
  CHECK(no_project.status == 1);
  CHECK(no_project.err.find("no package.json found") != std::string::npos);
}

TEST_CASE("run: a signal sent to lode reaches the script, and lode ends the same way", "[cli]") {
  Sandbox sandbox;
  // With a post script lode waits for the main one (instead of becoming it).
  sandbox.write("package.json", R"({"scripts": {
    "wait": "trap 'echo got-term > term.txt; exit 143' TERM; echo started > started.txt; sleep 20 & wait",
    "postwait": "true"}})");
  ProcessSpec spec;
  spec.argv = {lode_binary().string(), "run", "wait"};
  spec.env = sandbox.env();
  spec.cwd = sandbox.project();
  spec.stdin_mode = Stdio::kNull;
  spec.stdout_mode = Stdio::kNull;
  spec.stderr_mode = Stdio::kNull;
  auto child = ChildProcess::spawn(spec);
  REQUIRE(child);
  for (int i = 0; i < 500 && !fs::exists(sandbox.project() / "started.txt"); ++i) std::this_thread::sleep_for(10ms);
  child->kill(SIGTERM);
  auto ended = child->wait();
  REQUIRE(ended);
  CHECK(ended->shell_status() == 143);
  CHECK(sandbox.read("term.txt") == "got-term\n");
}

namespace {

// A root with a build script; @m/a fails with 3, b (needing @m/a) prints its name and
// folder, c has no build script, web (needing b) has a prebuild.
void write_workspaces(const Sandbox& sandbox) {
  sandbox.write("package.json", R"({"name": "root", "workspaces": ["packages/*", "apps/*"],
    "scripts": {"build": "echo root"}})");
  sandbox.write("packages/a/package.json", R"({"name": "@m/a", "version": "1.0.0",
    "scripts": {"build": "echo a; exit 3"}})");
  sandbox.write("packages/b/package.json", R"json({"name": "b", "version": "2.0.0", "dependencies": {"@m/a": "^1"},
    "scripts": {"build": "echo b $npm_package_name $(basename \"$PWD\")"}})json");
  sandbox.write("packages/c/package.json", R"({"name": "c", "version": "1.0.0"})");
  sandbox.write("apps/web/package.json", R"({"name": "web", "version": "1.0.0", "dependencies": {"b": "^2"},
    "scripts": {"prebuild": "echo preweb", "build": "echo web"}})");
}

}  // namespace

TEST_CASE("run across workspaces with npm's flags: by folder, every failure reported at the end", "[cli]") {
  Sandbox sandbox;
  write_workspaces(sandbox);
  // In sync, so that runs from a workspace with dependencies do not install first.
  REQUIRE(sandbox.lode({"install"}).status == 0);
  LodeResult all = sandbox.lode({"run", "build", "--workspaces"});
  INFO(all.err);
  CHECK(all.status == 1);
  CHECK(all.out == "preweb\nweb\na\nb b b\n");
  CHECK(all.err.find("> web@1.0.0 prebuild\n") != std::string::npos);
  CHECK(all.err.find("lode: error: script build failed in @m/a@1.0.0 (packages/a) (exit status 3)") !=
        std::string::npos);
  CHECK(all.err.find("lode: error: in c@1.0.0 (packages/c): missing script: build") != std::string::npos);
  // The shorthands, before and after the script name, and `lode <script>`.
  CHECK(sandbox.lode({"run", "-ws", "build"}).out == all.out);
  CHECK(sandbox.lode({"build", "-ws"}).out == all.out);
  // --if-present passes over c: the lone failure's status is lode's.
  LodeResult present = sandbox.lode({"run", "build", "-ws", "--if-present"});
  CHECK(present.status == 3);
  CHECK(present.err.find("packages/c") == std::string::npos);
  LodeResult some = sandbox.lode({"run", "-w", "b", "-w", "apps", "build"});
  CHECK(some.status == 0);
  CHECK(some.out == "preweb\nweb\nb b b\n");
  LodeResult with_root = sandbox.lode({"run", "build", "--workspace=apps/web", "-iwr"});
  CHECK(with_root.out == "root\npreweb\nweb\n");
  // Folders are relative to where lode runs; from a workspace, -ws is still every one.
  RunOptions in_web;
  in_web.cwd = sandbox.project() / "apps/web";
  CHECK(sandbox.lode({"run", "-w", "../../packages/b", "build"}, in_web).out == "b b b\n");
  CHECK(sandbox.lode({"run", "build", "-ws", "--if-present"}, in_web).out == all.out);
  // Without a script name, each selected workspace's scripts.
  CHECK(sandbox.lode({"run", "-w", "b", "-w", "c"}).out ==
        "Scripts in b@2.0.0:\n  build\n    echo b $npm_package_name $(basename \"$PWD\")\nno scripts in c@1.0.0\n");
  LodeResult unknown = sandbox.lode({"run", "-w", "nope", "build"});
  CHECK(unknown.status == 1);
  CHECK(unknown.err.find("lode: error: no workspace is named nope or lies in that folder") == 0);
  // After the script name, -w is lode's when a workspace follows (npm's `run build -w b`),
  // else the script's (tsc -w).
  CHECK(sandbox.lode({"run", "build", "-w", "b", "-w", "apps/web"}).out == "preweb\nweb\nb b b\n");
  sandbox.write("packages/b/package.json", R"({"name": "b", "version": "2.0.0", "scripts": {"watch": "echo $@"}})");
  RunOptions in_b;
  in_b.cwd = sandbox.project() / "packages/b";
  CHECK(sandbox.lode({"run", "--no-install", "watch", "-w"}, in_b).out == "-w\n");
  CHECK(sandbox.lode({"run", "--no-install", "watch", "-w", "src"}, in_b).out == "-w src\n");
}

TEST_CASE("run across workspaces with pnpm's and bun's flags: dependencies first", "[cli]") {
  Sandbox sandbox;
  write_workspaces(sandbox);
  // The workspaces are linked first: a project with workspaces is checked for sync too.
  LodeResult recursive_first = sandbox.lode({"run", "-r", "build", "--if-present"});
  CHECK(recursive_first.err.find("installing first") != std::string::npos);
  CHECK(fs::is_symlink(sandbox.project() / "node_modules/@m/a"));
  LodeResult recursive = sandbox.lode({"run", "-r", "build", "--if-present"});
  CHECK(recursive.status == 3);
  CHECK(recursive.out == "a\nb b b\npreweb\nweb\n");
  CHECK(sandbox.lode({"run", "--filter", "./apps/*", "--filter", "b", "build"}).out == "b b b\npreweb\nweb\n");
  CHECK(sandbox.lode({"run", "-F", "!@m/*", "-F", "!c", "build"}).out == "b b b\npreweb\nweb\n");
  LodeResult none = sandbox.lode({"run", "--filter", "zzz", "build"});
  CHECK(none.status == 1);
  CHECK(none.err.find("lode: error: --filter zzz matches no workspace") == 0);
  LodeResult selector = sandbox.lode({"run", "--filter", "web...", "build"});
  CHECK(selector.status == 2);
  CHECK(selector.err.find("lode has no dependency or git selectors yet") != std::string::npos);
  Sandbox solo;
  solo.write("package.json", R"({"name": "solo", "scripts": {"build": "true"}})");
  LodeResult no_workspaces = solo.lode({"run", "-ws", "build"});
  CHECK(no_workspaces.status == 1);
  CHECK(no_workspaces.err.find("lode: error: this project has no workspaces") == 0);
}

TEST_CASE("run installs first when node_modules is out of date", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"dependencies": {"with-bin": "1.0.0"}, "scripts": {"go": "with-bin ran"}})");
  LodeResult first = sandbox.lode({"run", "go"});
  INFO(first.err);
  CHECK(first.status == 0);
  CHECK(first.err.find("node_modules is not in sync with package.json; installing first") != std::string::npos);
  CHECK(first.out.find("with-bin ran\n") != std::string::npos);
  LodeResult again = sandbox.lode({"run", "go"});
  CHECK(again.err.find("installing first") == std::string::npos);
  sandbox.package_json(R"({"dependencies": {"with-bin": "1.0.0", "left-pad": "^1"}, "scripts": {"go": "with-bin ran"}})");
  LodeResult skipped = sandbox.lode({"run", "--no-install", "go"});
  CHECK(skipped.err.find("installing first") == std::string::npos);
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules/left-pad"));
  // An install with --production is in sync for run: the record keeps its options.
  REQUIRE(sandbox.lode({"install", "--production"}).status == 0);
  CHECK(sandbox.lode({"run", "go"}).err.find("installing first") == std::string::npos);
}

TEST_CASE("run --lode-runtime puts lode's node first on PATH", "[cli]") {
  Sandbox sandbox;
  sandbox.write("package.json", R"({"scripts": {"which": "command -v node"}})");
  LodeResult shimmed = sandbox.lode({"run", "--lode-runtime", "which"});
  CHECK(shimmed.out == (sandbox.cache() / "lode/shims/node").string() + "\n");
  CHECK(fs::read_symlink(sandbox.cache() / "lode/shims/node") == lode_binary());
  CHECK(sandbox.lode({"run", "which"}).out != shimmed.out);
  // The shim answers as node does, on lode's runtime.
  sandbox.write("package.json", R"({"scripts": {"js": "node -p 'process.release.name + typeof lode_marker' && node main.js a"}})");
  sandbox.write("main.js", "console.log(process.argv.slice(2).join(), require('path').basename(process.execPath))\n");
  LodeResult ran = sandbox.lode({"run", "js", "--lode-runtime"});
  INFO(ran.err);
  CHECK(ran.status == 0);
  CHECK(ran.out == "nodeundefined\na node\n");
}

TEST_CASE("run <file> runs a JavaScript file when package.json has no such script", "[cli]") {
  Sandbox sandbox;
  sandbox.write("tool.js", "console.log('tool', process.argv.slice(2).join('|')); process.exitCode = 3\n");
  LodeResult no_manifest = sandbox.lode({"run", "tool.js", "x", "--flag"});  // no package.json needed
  INFO(no_manifest.err);
  CHECK(no_manifest.status == 3);
  CHECK(no_manifest.out == "tool x|--flag\n");
  sandbox.write("package.json", R"({"scripts": {"tool.js": "echo the script wins"}})");
  CHECK(sandbox.lode({"run", "tool.js"}).out == "the script wins\n");
  LodeResult missing = sandbox.lode({"run", "absent.js"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("absent.js") != std::string::npos);
}

TEST_CASE("x installs a package once into the cache and runs its command, offline after", "[cli]") {
  RegistryServer server;
  InstallSandbox sandbox(server);
  sandbox.package_json(R"({"name": "empty"})");
  LodeResult first = sandbox.lode({"x", "with-bin", "hello"});
  INFO(first.err);
  REQUIRE(first.status == 0);
  CHECK(first.out == "with-bin hello\n");
  CHECK(server.count_requests("/with-bin/-/with-bin-1.0.0.tgz") == 1);
  server.clear_requests();
  CHECK(sandbox.lode({"x", "with-bin", "again"}).out == "with-bin again\n");
  CHECK(server.requests().empty());  // the document is fresh, the folder installed
  CHECK(sandbox.lode({"x", "--offline", "with-bin@1.0.0", "offline"}).out == "with-bin offline\n");
  CHECK(sandbox.lode({"exec", "-p", "with-bin", "with-bin", "via-p"}).out == "with-bin via-p\n");
  CHECK(sandbox.lode({"x", "-p", "with-bin", "-c", "with-bin via-c"}).out == "with-bin via-c\n");
  CHECK_FALSE(fs::exists(sandbox.project() / "node_modules"));  // the project is untouched
  // An exact version whose folder is installed never opens the cache index (LD_DEBUG
  // shows SQLite is not even loaded); a range has to.
  sandbox.env().set("LD_DEBUG", "files");
  LodeResult lean = sandbox.lode({"x", "with-bin@1.0.0", "lean"});
  CHECK(lean.out == "with-bin lean\n");
  CHECK(lean.err.find("libsqlite3") == std::string::npos);
  CHECK(sandbox.lode({"x", "with-bin@v1.0.0", "lean-v"}).out == "with-bin lean-v\n");
  CHECK(sandbox.lode({"x", "-p", "with-bin@1.0.0", "-c", "with-bin lean-c"}).out == "with-bin lean-c\n");
  LodeResult ranged = sandbox.lode({"x", "with-bin@^1", "ranged"});
  CHECK(ranged.out == "with-bin ranged\n");
  CHECK(ranged.err.find("libsqlite3") != std::string::npos);
  sandbox.env().unset("LD_DEBUG");
  LodeResult no_bin = sandbox.lode({"x", "left-pad"});
  CHECK(no_bin.status == 1);
  CHECK(no_bin.err.find("left-pad has no commands to run") != std::string::npos);
  LodeResult missing = sandbox.lode({"x", "no-such-tool"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("package no-such-tool not found") != std::string::npos);
}

TEST_CASE("x uses the project's own copy when it has one", "[cli]") {
  Sandbox sandbox;
  sandbox.write("package.json", R"({"name": "app"})");
  sandbox.write("node_modules/.bin/mytool", "#!/bin/sh\necho project copy \"$@\"\n");
  sandbox.run({"chmod", "+x", (sandbox.project() / "node_modules/.bin/mytool").string()});
  LodeResult result = sandbox.lode({"x", "mytool", "arg"});
  CHECK(result.status == 0);
  CHECK(result.out == "project copy arg\n");
  // -c alone runs a shell command with the project's commands on PATH (npx -c).
  LodeResult call = sandbox.lode({"x", "-c", "mytool from-c"});
  CHECK(call.status == 0);
  CHECK(call.out == "project copy from-c\n");
}
