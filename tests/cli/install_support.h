// Helpers for install tests: a sandbox whose project points at a test registry, fixture
// packages written on the fly, local tarballs, and reading what got installed.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/process.h"
#include "tests/support/test_support.h"

namespace lode::test {

// A package folder <dir>/<name>/<version>/ with a package.json (`extra` JSON fields merged
// in) and an index.js, in the test registry's fixture layout.
inline void write_fixture(const fs::path& dir, const std::string& name, const std::string& version,
                          const std::string& extra) {
  nlohmann::json package = nlohmann::json::parse(extra);
  package["name"] = name;
  package["version"] = version;
  fs::path folder = dir / name / version;
  fs::create_directories(folder);
  REQUIRE(write_file_atomic(folder / "package.json", package.dump(2) + "\n"));
  REQUIRE(write_file_atomic(folder / "index.js", "module.exports = '" + name + "@" + version + "';\n"));
}

struct InstallSandbox : Sandbox {
  explicit InstallSandbox(const RegistryServer& server) { use_registry(server); }

  void use_registry(const RegistryServer& server) {
    write(".npmrc", "registry=" + server.url() + "\nfetch-retry-mintimeout=10\nfetch-retry-maxtimeout=20\n");
  }
  void package_json(const std::string& text) const { write("package.json", text); }

  // The "version" of the package.json at `path` (relative to the project), or "".
  std::string installed_version(const std::string& path) const {
    auto text = read_file(project() / path / "package.json");
    if (!text) return "";
    return nlohmann::json::parse(*text).value("version", "");
  }

  // Writes package.json, then runs lode.
  LodeResult lode_after_package_json(const std::string& text, const std::vector<std::string>& args) const {
    package_json(text);
    return lode(args);
  }

  // A .tgz holding a package folder with `package_json`, made with tar(1).
  void make_tarball(const fs::path& target, const std::string& package_json_text) const {
    fs::path work = root() / ("tarball-" + target.filename().string());
    write(work / "package" / "package.json", package_json_text);
    write(work / "package" / "index.js", "module.exports = 'packed';\n");
    LodeResult made = run({"tar", "-czf", target.string(), "-C", work.string(), "package"});
    REQUIRE(made.status == 0);
  }

  // Starts lode in the background (for tests that interrupt it).
  ChildProcess spawn_lode(const std::vector<std::string>& args) const {
    ProcessSpec spec;
    spec.argv = {lode_binary().string()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.env = env();
    spec.cwd = project();
    spec.stdin_mode = Stdio::kNull;
    spec.stdout_mode = Stdio::kNull;
    spec.stderr_mode = Stdio::kNull;
    auto child = ChildProcess::spawn(spec);
    REQUIRE(child);
    return std::move(*child);
  }
};

}  // namespace lode::test
