#include "resolver/exec_folder.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/fast_hash.h"
#include "base/strings.h"
#include "resolver/install_check.h"
#include "resolver/package_json.h"
#include "resolver/semver_version.h"

namespace lode {

fs::path exec_folder(const fs::path& cache_dir, std::vector<std::string> installed) {
  std::sort(installed.begin(), installed.end());
  FastHash hash;
  hash.update(join(installed, "\n"));
  return cache_dir / "x" / hash.hex();
}

std::string exec_package_json(const std::vector<PackageSpec>& specs, const std::vector<std::string>& versions) {
  nlohmann::ordered_json dependencies = nlohmann::ordered_json::object();
  for (size_t i = 0; i < specs.size(); ++i) {
    const PackageSpec& spec = specs[i];
    std::string name = spec.name.empty() ? spec.real_name : spec.name;
    dependencies[name] = spec.alias ? "npm:" + spec.real_name + "@" + versions[i] : versions[i];
  }
  return nlohmann::ordered_json{{"name", "lode-x"}, {"private", true}, {"dependencies", dependencies}}.dump(2) + "\n";
}

InstallOptions exec_install_options(const fs::path& dir, const ScriptContext& scripts) {
  InstallOptions options;
  options.project_dir = dir;
  options.scripts = scripts;
  options.scripts.command = "exec";
  return options;
}

std::optional<ExecPackages> installed_exact_packages(const fs::path& cache_dir, const std::vector<PackageSpec>& specs,
                                                     const ScriptContext& scripts) {
  if (specs.empty()) return std::nullopt;
  ExecPackages packages;
  std::vector<std::string> versions;
  for (const PackageSpec& spec : specs) {
    if (spec.kind != SpecKind::kVersion) return std::nullopt;
    // "v1.2.3" and "=1.2.3" name the version the engine writes as "1.2.3".
    Result<std::string> version = semver::clean(spec.target);
    if (!version) return std::nullopt;
    std::string name = spec.name.empty() ? spec.real_name : spec.name;
    packages.installed.push_back(name + "@" + *version);
    versions.push_back(*version);
  }
  packages.first_name = specs.front().name;
  packages.dir = exec_folder(cache_dir, packages.installed);
  // The folder must hold exactly these packages, installed from this package.json.
  Result<std::string> written = read_file(packages.dir / "package.json");
  if (!written || *written != exec_package_json(specs, versions)) return std::nullopt;
  if (!install_is_current(exec_install_options(packages.dir, scripts))) return std::nullopt;
  return packages;
}

Result<std::string> default_command(const fs::path& dir, const std::string& name) {
  Result<PackageJson> package = read_package_json(dir / "node_modules" / name / "package.json");
  if (!package) return std::unexpected(package.error());
  std::string unscoped = name.substr(name.find('/') == std::string::npos ? 0 : name.find('/') + 1);
  std::vector<std::string> commands;
  for (const auto& [command, path] : package->bin) commands.push_back(command);
  if (commands.size() == 1) return commands.front();
  if (std::find(commands.begin(), commands.end(), unscoped) != commands.end()) return unscoped;
  if (commands.empty()) {
    return fail(ErrorCode::kNotFound, name + " has no commands to run", (dir / "node_modules" / name).string(),
                "`lode x` runs a package's \"bin\"; this one has none");
  }
  return fail(ErrorCode::kNotFound, name + " has several commands and none is called " + unscoped, "",
              "pick one: lode x -p " + name + " <" + join(commands, "|") + "> [args]");
}

}  // namespace lode
