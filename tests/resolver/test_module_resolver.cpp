// Node's module resolution over the fixture tree in tests/fixtures/modules: every case
// runs twice, once with the node_modules walk and once with a LayoutLocator that knows
// the package folders in advance (what the installer's record provides), and both must
// give the expected answer.
#include <catch2/catch.hpp>

#include <set>

#include "resolver/module_resolver.h"
#include "resolver/package_exports.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::resolver;

namespace {

fs::path fixtures() { return test::source_root() / "tests/fixtures/modules"; }

enum class Mode { kRequire, kImport, kMain };

struct Case {
  Mode mode;
  std::string specifier;
  std::string parent;    // relative to the fixtures
  std::string expected;  // a relative path, "builtin:<name>" or "error:<CODE>"
  std::string message;   // a part of the error message, when expected is an error
};

ResolverOptions options_for_tests() {
  ResolverOptions options;
  options.global_folders = {fixtures() / "global"};
  options.is_builtin = [](std::string_view name, bool with_scheme) {
    static const std::set<std::string, std::less<>> kNames = {"fs", "path", "events", "util"};
    return kNames.contains(name) || (with_scheme && name == "test");
  };
  return options;
}

std::string run_case(ModuleResolver& resolver, const Case& c, std::string* message) {
  fs::path parent = fixtures() / c.parent;
  ResolveResult<ResolvedModule> result;
  if (c.mode == Mode::kRequire) {
    result = resolver.resolve_require(c.specifier, parent);
  } else if (c.mode == Mode::kImport) {
    result = resolver.resolve_import(c.specifier, parent);
  } else {
    auto main = resolver.resolve_main(fixtures() / c.specifier);
    if (main) result = ResolvedModule{{}, *main, {}};
    else result = std::unexpected(main.error());
  }
  if (!result) {
    *message = result.error().message;
    return "error:" + result.error().code;
  }
  if (result->is_builtin()) return "builtin:" + result->builtin;
  return result->path.lexically_relative(fs::canonical(fixtures())).string() + result->suffix;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // Relative and absolute paths, extension and index probing.
      {Mode::kRequire, "./rel/file", "app/main.js", "app/rel/file.js", ""},
      {Mode::kRequire, "./rel/file.js", "app/main.js", "app/rel/file.js", ""},
      {Mode::kRequire, "./rel/exact.txt", "app/main.js", "app/rel/exact.txt", ""},
      {Mode::kRequire, "./rel", "app/main.js", "app/rel/index.js", ""},
      {Mode::kRequire, "./rel/", "app/main.js", "app/rel/index.js", ""},
      {Mode::kRequire, ".", "app/rel/file.js", "app/rel/index.js", ""},
      {Mode::kRequire, "..", "app/node_modules/plain/dir/index.js", "app/node_modules/plain/lib/plain.js", ""},
      {Mode::kRequire, "..", "app/rel/file.js", "error:MODULE_NOT_FOUND", "Cannot find module '..'"},
      {Mode::kRequire, "./rel/data", "app/main.js", "app/rel/data.json", ""},
      {Mode::kRequire, "../main", "app/rel/file.js", "app/main.js", ""},
      {Mode::kRequire, "./dir-with-main", "app/main.js", "app/dir-with-main/entry.js", ""},
      {Mode::kRequire, "./dir-main-folder", "app/main.js", "app/dir-main-folder/lib/index.js", ""},
      {Mode::kRequire, "./dir-bad-main", "app/main.js", "app/dir-bad-main/index.js", ""},
      {Mode::kRequire, "./dir-broken-main", "app/main.js", "error:MODULE_NOT_FOUND",
       "dir-broken-main/missing.js'. Please verify that the package.json has a valid \"main\" entry"},
      {Mode::kRequire, "./dir-no-pkg", "app/main.js", "app/dir-no-pkg/index.js", ""},
      {Mode::kRequire, "./nope", "app/main.js", "error:MODULE_NOT_FOUND", "Cannot find module './nope'"},
      {Mode::kRequire, "./rel/file.js/", "app/main.js", "error:MODULE_NOT_FOUND", ""},
      // Built-ins.
      {Mode::kRequire, "fs", "app/main.js", "builtin:fs", ""},
      {Mode::kRequire, "node:path", "app/main.js", "builtin:path", ""},
      {Mode::kRequire, "node:test", "app/main.js", "builtin:test", ""},
      {Mode::kRequire, "node:nope", "app/main.js", "error:ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: node:nope"},
      {Mode::kRequire, "test", "app/main.js", "error:MODULE_NOT_FOUND", "Cannot find module 'test'"},
      // Packages without exports: main, index, subpaths, scopes.
      {Mode::kRequire, "plain", "app/main.js", "app/node_modules/plain/lib/plain.js", ""},
      {Mode::kRequire, "plain/sub", "app/main.js", "app/node_modules/plain/sub.js", ""},
      {Mode::kRequire, "plain/dir", "app/main.js", "app/node_modules/plain/dir/index.js", ""},
      {Mode::kRequire, "plain/package.json", "app/rel/file.js", "app/node_modules/plain/package.json", ""},
      {Mode::kRequire, "legacy", "app/main.js", "app/node_modules/legacy/lib/index.js", ""},
      {Mode::kRequire, "nomain", "app/main.js", "app/node_modules/nomain/index.js", ""},
      {Mode::kRequire, "@scope/plain", "app/main.js", "app/node_modules/@scope/plain/index.js", ""},
      {Mode::kRequire, "nope-pkg", "app/main.js", "error:MODULE_NOT_FOUND", "Cannot find module 'nope-pkg'"},
      // Exports: conditions (lode before require), subpaths, patterns, null, arrays.
      {Mode::kRequire, "exp", "app/main.js", "app/node_modules/exp/lode-require.js", ""},
      {Mode::kRequire, "exp/feature", "app/main.js", "app/node_modules/exp/feature.js", ""},
      {Mode::kRequire, "exp/features/x.js", "app/main.js", "app/node_modules/exp/src/features/x.js", ""},
      {Mode::kRequire, "exp/features/sub/y.js", "app/main.js", "app/node_modules/exp/src/features/sub/y.js", ""},
      {Mode::kRequire, "exp/features/private/secret.js", "app/main.js", "error:ERR_PACKAGE_PATH_NOT_EXPORTED",
       "Package subpath './features/private/secret.js' is not defined by \"exports\" in "},
      {Mode::kRequire, "exp/nested", "app/main.js", "app/node_modules/exp/nested-require.js", ""},
      {Mode::kRequire, "exp/browser-only", "app/main.js", "error:ERR_PACKAGE_PATH_NOT_EXPORTED", ""},
      {Mode::kRequire, "exp/package.json", "app/main.js", "app/node_modules/exp/package.json", ""},
      {Mode::kRequire, "exp/missing", "app/main.js", "error:MODULE_NOT_FOUND", "exp/does-not-exist.js'"},
      {Mode::kRequire, "exp/bad-target", "app/main.js", "error:ERR_INVALID_PACKAGE_TARGET",
       "Invalid \"exports\" target \"../outside.js\" defined for './bad-target' in the package config "},
      {Mode::kRequire, "exp/bad-target-bare", "app/main.js", "error:ERR_INVALID_PACKAGE_TARGET",
       "; targets must start with \"./\""},
      {Mode::kRequire, "exp/array", "app/main.js", "app/node_modules/exp/array.js", ""},
      {Mode::kRequire, "exp/star/a", "app/main.js", "app/node_modules/exp/star/a/index.js", ""},
      {Mode::kRequire, "exp/star/deep/b", "app/main.js", "app/node_modules/exp/star-deep/b.js", ""},
      {Mode::kRequire, "exp/cjs.js", "app/main.js", "error:ERR_PACKAGE_PATH_NOT_EXPORTED", ""},
      {Mode::kRequire, "sugar", "app/main.js", "app/node_modules/sugar/index.js", ""},
      {Mode::kRequire, "sugar/hidden.js", "app/main.js", "error:ERR_PACKAGE_PATH_NOT_EXPORTED",
       "Package subpath './hidden.js' is not defined by \"exports\""},
      {Mode::kRequire, "conds", "app/main.js", "app/node_modules/conds/r.cjs", ""},
      {Mode::kRequire, "mixed", "app/main.js", "error:ERR_INVALID_PACKAGE_CONFIG",
       "\"exports\" cannot contain some keys starting with '.' and some not."},
      {Mode::kRequire, "@scope/pkg", "app/main.js", "app/node_modules/@scope/pkg/index.js", ""},
      {Mode::kRequire, "@scope/pkg/sub", "app/main.js", "app/node_modules/@scope/pkg/sub.js", ""},
      // The node_modules walk: nearest first, and on to the next level when a package
      // folder cannot answer.
      {Mode::kRequire, "inner", "app/node_modules/outer/index.js", "app/node_modules/outer/node_modules/inner/index.js", ""},
      {Mode::kRequire, "plain/other", "app/node_modules/outer/index.js", "app/node_modules/outer/node_modules/plain/other.js", ""},
      {Mode::kRequire, "plain", "app/node_modules/outer/index.js", "app/node_modules/plain/lib/plain.js", ""},
      {Mode::kRequire, "inner", "app/main.js", "error:MODULE_NOT_FOUND", ""},
      // Package imports ("#...").
      {Mode::kRequire, "#internal", "app/lib/feature.js", "app/lib/internal.js", ""},
      {Mode::kRequire, "#dep", "app/main.js", "app/node_modules/dep-node/index.js", ""},
      {Mode::kRequire, "#util/b", "app/rel/file.js", "app/lib/util/b.js", ""},
      {Mode::kRequire, "#nope", "app/main.js", "error:ERR_PACKAGE_IMPORT_NOT_DEFINED",
       "Package import specifier \"#nope\" is not defined in package "},
      {Mode::kRequire, "#missing", "app/main.js", "error:MODULE_NOT_FOUND", "app/lib/not-there.js'"},
      {Mode::kRequire, "#", "app/main.js", "error:ERR_INVALID_MODULE_SPECIFIER",
       "is not a valid internal imports specifier name"},
      // Self-reference by package name.
      {Mode::kRequire, "app", "app/lib/feature.js", "app/main.js", ""},
      {Mode::kRequire, "app/feature", "app/rel/file.js", "app/lib/feature.js", ""},
      {Mode::kRequire, "app/nope", "app/main.js", "error:ERR_PACKAGE_PATH_NOT_EXPORTED", ""},
      {Mode::kRequire, "selfref/util", "selfref/lib/deep.js", "selfref/util.js", ""},
      {Mode::kRequire, "selfref", "app/main.js", "error:MODULE_NOT_FOUND", ""},
      // NODE_PATH (global folders), after node_modules.
      {Mode::kRequire, "np-file", "app/main.js", "global/np-file.js", ""},
      {Mode::kRequire, "np-pkg", "selfref/index.js", "global/np-pkg/main.js", ""},
      // The entry point.
      {Mode::kMain, "app/main", "", "app/main.js", ""},
      {Mode::kMain, "app/rel", "", "app/rel/index.js", ""},
      {Mode::kMain, "app/nope.js", "", "error:MODULE_NOT_FOUND", "/app/nope.js'"},

      // ES modules: no extension or index probing, import conditions, legacy main.
      {Mode::kImport, "./rel/file.js", "app/main.js", "app/rel/file.js", ""},
      {Mode::kImport, "./rel/file", "app/main.js", "error:ERR_MODULE_NOT_FOUND", "/app/rel/file' imported from "},
      {Mode::kImport, "./rel", "app/main.js", "error:ERR_UNSUPPORTED_DIR_IMPORT",
       "/app/rel' is not supported resolving ES modules imported from "},
      {Mode::kImport, "../esm/space%20file.js", "esm/a.js", "esm/space file.js", ""},
      {Mode::kImport, "./a.js?x=1#h", "esm/b.mjs", "esm/a.js?x=1#h", ""},
      {Mode::kImport, "./a%2fb.js", "esm/b.mjs", "error:ERR_INVALID_MODULE_SPECIFIER", "must not include encoded"},
      {Mode::kImport, "fs", "esm/a.js", "builtin:fs", ""},
      {Mode::kImport, "node:fs", "esm/a.js", "builtin:fs", ""},
      {Mode::kImport, "node:nope", "esm/a.js", "error:ERR_UNKNOWN_BUILTIN_MODULE", ""},
      {Mode::kImport, "http://example.invalid/x.js", "esm/a.js", "error:ERR_UNSUPPORTED_ESM_URL_SCHEME",
       "Received protocol 'http:'"},
      {Mode::kImport, "exp", "app/main.js", "app/node_modules/exp/lode-import.mjs", ""},
      {Mode::kImport, "exp/nested", "app/main.js", "app/node_modules/exp/nested-import.mjs", ""},
      {Mode::kImport, "exp/features/x.js", "app/main.js", "app/node_modules/exp/src/features/x.js", ""},
      {Mode::kImport, "exp/nope", "app/main.js", "error:ERR_PACKAGE_PATH_NOT_EXPORTED", " imported from "},
      {Mode::kImport, "conds", "app/main.js", "app/node_modules/conds/i.mjs", ""},
      {Mode::kImport, "plain", "app/main.js", "app/node_modules/plain/lib/plain.js", ""},
      {Mode::kImport, "plain/sub", "app/main.js", "error:ERR_MODULE_NOT_FOUND", "plain/sub' imported from"},
      {Mode::kImport, "plain/sub.js", "app/main.js", "app/node_modules/plain/sub.js", ""},
      {Mode::kImport, "legacy", "app/main.js", "app/node_modules/legacy/lib/index.js", ""},
      {Mode::kImport, "esm-main", "app/main.js", "app/node_modules/esm-main/dist/entry.js", ""},
      {Mode::kImport, "nope-pkg", "app/main.js", "error:ERR_MODULE_NOT_FOUND", "Cannot find package 'nope-pkg' imported from "},
      {Mode::kImport, "@scope/pkg/sub", "app/main.js", "app/node_modules/@scope/pkg/sub.js", ""},
      {Mode::kImport, ".bad", "app/main.js", "error:ERR_INVALID_MODULE_SPECIFIER", "is not a valid package name"},
      {Mode::kImport, "#dep", "app/main.js", "app/node_modules/dep-node/index.js", ""},
      {Mode::kImport, "#util/a", "app/main.js", "app/lib/util/a.js", ""},
      {Mode::kImport, "app/feature", "app/main.js", "app/lib/feature.js", ""},
      {Mode::kImport, "inner", "app/node_modules/outer/index.js", "app/node_modules/outer/node_modules/inner/index.js", ""},
      {Mode::kImport, "np-file", "app/main.js", "error:ERR_MODULE_NOT_FOUND", ""},
  };
  return kCases;
}

}  // namespace

TEST_CASE("module resolution gives the same answers through the walk and the layout record", "[resolver]") {
  NodeModulesLocator walk;
  LayoutLocator layout = LayoutLocator::scan(fixtures());
  REQUIRE(layout.folders().contains(fixtures() / "app/node_modules/@scope/pkg"));
  REQUIRE(layout.folders().contains(fixtures() / "app/node_modules/outer/node_modules/inner"));
  ModuleResolver by_walk(walk, options_for_tests());
  ModuleResolver by_layout(layout, options_for_tests());
  for (const Case& c : cases()) {
    INFO((c.mode == Mode::kImport ? "import " : c.mode == Mode::kMain ? "main " : "require ") << c.specifier
         << " from " << c.parent);
    std::string walk_message;
    std::string layout_message;
    std::string walk_answer = run_case(by_walk, c, &walk_message);
    std::string layout_answer = run_case(by_layout, c, &layout_message);
    INFO("walk: " << walk_answer << " " << walk_message);
    CHECK(walk_answer == c.expected);
    CHECK(layout_answer == walk_answer);
    CHECK(layout_message == walk_message);
    if (!c.message.empty()) CHECK(walk_message.find(c.message) != std::string::npos);
  }
}

TEST_CASE("the file format of an import follows the extension and the package type", "[resolver]") {
  NodeModulesLocator walk;
  ModuleResolver resolver(walk, options_for_tests());
  CHECK(resolver.import_format(fixtures() / "esm/a.js") == ModuleFormat::kModule);
  CHECK(resolver.import_format(fixtures() / "esm/b.mjs") == ModuleFormat::kModule);
  CHECK(resolver.import_format(fixtures() / "esm/c.cjs") == ModuleFormat::kCommonJs);
  CHECK(resolver.import_format(fixtures() / "esm/d.json") == ModuleFormat::kJson);
  CHECK(resolver.import_format(fixtures() / "app/main.js") == ModuleFormat::kCommonJs);
  CHECK(resolver.import_format(fixtures() / "app/node_modules/typemod/index.js") == ModuleFormat::kModule);
  CHECK(resolver.import_format(fixtures() / "app/node_modules/exp/esm.mjs") == ModuleFormat::kModule);
  auto ts = resolver.import_format(fixtures() / "esm/e.ts");
  REQUIRE_FALSE(ts);
  CHECK(ts.error().code == "ERR_UNKNOWN_FILE_EXTENSION");
  CHECK(ts.error().message == "Unknown file extension \".ts\" for " + (fixtures() / "esm/e.ts").string());
}

TEST_CASE("pattern keys sort by specificity as Node's PATTERN_KEY_COMPARE", "[resolver]") {
  CHECK(pattern_key_before("./star/deep/*", "./star/*"));
  CHECK_FALSE(pattern_key_before("./star/*", "./star/deep/*"));
  CHECK(pattern_key_before("./a/*.js", "./a/*"));
  CHECK(pattern_key_before("./a/*", "./a/"));
}

TEST_CASE("NODE_PATH and the home folders make the global folders", "[resolver]") {
  auto folders = global_folders("/x:rel::/y", "/home/u", "/opt/lode/bin/lode", "/cwd");
  std::vector<fs::path> expected = {"/x", "/cwd/rel", "/y", "/home/u/.node_modules", "/home/u/.node_libraries",
                                    "/opt/lode/lib/node"};
  CHECK(folders == expected);
}

TEST_CASE("node_modules paths skip folders named node_modules", "[resolver]") {
  std::vector<fs::path> expected = {"/a/node_modules/b/node_modules", "/a/node_modules", "/node_modules"};
  CHECK(node_modules_paths("/a/node_modules/b") == expected);
}
