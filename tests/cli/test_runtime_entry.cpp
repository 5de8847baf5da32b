// The ways into the JavaScript runtime: `lode <file>`, `lode -`, code piped to a bare
// `lode`, and lode invoked under the name `node` (a link named node), whose command line
// is node's. Also the per-user code cache the runtime keeps in lode's cache folder.
#include <catch2/catch.hpp>

#include "build_info.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;

namespace {

// A `node` link to the built lode in <sandbox>/bin, which is put first on PATH.
fs::path make_node_link(Sandbox& sandbox) {
  fs::path bin = sandbox.root() / "bin";
  fs::create_directories(bin);
  fs::path link = bin / "node";
  fs::create_symlink(lode_binary(), link);
  sandbox.env().set("PATH", bin.string() + ":" + std::string(sandbox.env().get_or("PATH", "/usr/bin:/bin")));
  return link;
}

size_t count_files(const fs::path& dir) {
  std::error_code ec;
  size_t count = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("lode <file> runs the file with its arguments", "[cli]") {
  Sandbox sandbox;
  sandbox.write("app.js", "console.log(JSON.stringify(process.argv.slice(1)));\nprocess.exitCode = 3;\n");
  LodeResult result = sandbox.lode({"app.js", "one", "--two"});
  CHECK(result.status == 3);
  CHECK(result.out == "[\"" + (sandbox.project() / "app.js").string() + "\",\"one\",\"--two\"]\n");
  CHECK(result.err.empty());
}

TEST_CASE("lode <file> reports a missing file as node does", "[cli]") {
  Sandbox sandbox;
  LodeResult result = sandbox.lode({"missing.js"});
  CHECK(result.status == 1);
  CHECK(result.err.find("Error: Cannot find module '" + (sandbox.project() / "missing.js").string() + "'") !=
        std::string::npos);
  CHECK(result.err.find("code: 'MODULE_NOT_FOUND'") != std::string::npos);
}

TEST_CASE("lode <file> runs ES modules by extension and package type", "[cli]") {
  Sandbox sandbox;
  sandbox.write("esm/package.json", R"({"type": "module"})");
  sandbox.write("esm/main.js", "import { sep } from 'node:path';\nconsole.log(typeof require, sep, import.meta.url.startsWith('file://'));\n");
  sandbox.write("b.mjs", "export default 1;\nconsole.log(await Promise.resolve('tla'));\n");
  CHECK(sandbox.lode({"esm/main.js"}).out == "undefined / true\n");
  CHECK(sandbox.lode({"b.mjs"}).out == "tla\n");
}

TEST_CASE("lode - and a pipe into a bare lode run stdin", "[cli]") {
  Sandbox sandbox;
  RunOptions options;
  options.stdin_data = "console.log('from stdin', process.argv.length, __filename)";
  LodeResult dash = sandbox.lode({"-", "extra"}, options);
  CHECK(dash.status == 0);
  CHECK(dash.out == "from stdin 2 [stdin]\n");
  LodeResult piped = sandbox.lode({}, options);
  CHECK(piped.out == "from stdin 1 [stdin]\n");
  // Empty input is no script: a bare lode still prints its help.
  CHECK(sandbox.lode({}).out.find("Usage:") != std::string::npos);
}

TEST_CASE("-e and -p see module, require and the working directory", "[cli]") {
  Sandbox sandbox;
  sandbox.write("sub/data.json", R"({"x": 1})");
  CHECK(sandbox.lode({"-p", "require('./sub/data.json').x + typeof module + __filename"}).out == "1object[eval]\n");
  CHECK(sandbox.lode({"--cwd", "sub", "-p", "require('./data.json').x"}).out == "1\n");
  CHECK(sandbox.lode({"-p", "({ a: [1, { b: 2 }], s: 'x' })"}).out == "{ a: [ 1, { b: 2 } ], s: 'x' }\n");
}

TEST_CASE("invoked as node, lode takes node's command line", "[cli]") {
  Sandbox sandbox;
  fs::path node = make_node_link(sandbox);
  LodeResult version = sandbox.run({node.string(), "--version"});
  CHECK(version.status == 0);
  CHECK(version.out == "v" LODE_NODE_VERSION "\n");
  CHECK(sandbox.run({node.string(), "-v"}).out == "v" LODE_NODE_VERSION "\n");
  CHECK(sandbox.run({"node", "-p", "1 + 1"}).out == "2\n");
  CHECK(sandbox.run({"node", "-e", "console.log(process.execPath, process.version, process.argv0)"}).out ==
        node.string() + " v" LODE_NODE_VERSION " node\n");
  sandbox.write("script.js", "console.log(process.argv.slice(2).join(','), process.title)");
  CHECK(sandbox.run({"node", "script.js", "a", "b"}).out == "a,b node\n");
  // Node options before the script are accepted and kept in execArgv; some act.
  CHECK(sandbox.run({"node", "--no-warnings", "-e", "console.log(process.execArgv)"}).out == "[ '--no-warnings' ]\n");
  CHECK(sandbox.run({"node", "--no-warnings", "-e", "process.emitWarning('quiet')"}).err.empty());
  sandbox.write("preload.js", "globalThis.preloaded = 'yes';");
  CHECK(sandbox.run({"node", "-r", "./preload.js", "--expose-gc", "-p", "preloaded + typeof gc"}).out == "yesfunction\n");
  // A name that is a lode command is a script for node.
  LodeResult install = sandbox.run({"node", "install"});
  CHECK(install.status == 1);
  CHECK(install.err.find("Cannot find module '" + (sandbox.project() / "install").string() + "'") != std::string::npos);
  RunOptions options;
  options.stdin_data = "console.log('piped')";
  CHECK(sandbox.run({"node"}, options).out == "piped\n");
  // Child processes that spawn process.execPath get node again.
  CHECK(sandbox.run({"node", "-p", "require('path').basename(process.execPath)"}).out == "node\n");
}

TEST_CASE("the runtime keeps a code cache in lode's cache folder", "[cli]") {
  Sandbox sandbox;
  sandbox.write("app.js", "require('./lib'); console.log('ok')");
  sandbox.write("lib.js", "module.exports = function () { return 1; };");
  fs::path cache_dir = sandbox.cache() / "lode" / "v8-code";
  CHECK(sandbox.lode({"app.js"}).out == "ok\n");
  size_t first = count_files(cache_dir);
  CHECK(first >= 3);  // built-ins, app.js and lib.js
  CHECK(sandbox.lode({"app.js"}).out == "ok\n");
  CHECK(count_files(cache_dir) == first);
  // A changed file gets a fresh entry and runs its new code.
  sandbox.write("lib.js", "module.exports = 2; console.log('changed');");
  CHECK(sandbox.lode({"app.js"}).out == "changed\nok\n");
  // LODE_CODE_CACHE=0 turns it off.
  Sandbox plain;
  plain.env().set("LODE_CODE_CACHE", "0");
  plain.write("app.js", "console.log('ok')");
  CHECK(plain.lode({"app.js"}).out == "ok\n");
  CHECK(count_files(plain.cache() / "lode" / "v8-code") == 0);
}
