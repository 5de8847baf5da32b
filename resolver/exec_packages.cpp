#include "resolver/exec_packages.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/fast_hash.h"
#include "base/strings.h"
#include "resolver/install_check.h"
#include "resolver/installer.h"
#include "resolver/package_fetcher.h"
#include "resolver/package_json.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"

namespace lode {

Result<ExecPackages> prepare_exec_packages(const Config& config, const Logger& logger, const Terminal& terminal,
                                           const std::vector<std::string>& specs, const ScriptContext& scripts) {
  std::vector<PackageSpec> parsed;
  for (const std::string& text : specs) {
    Result<PackageSpec> spec = parse_cli_spec(text);
    if (!spec) return std::unexpected(spec.error());
    if (!spec->from_registry()) {
      return fail(ErrorCode::kUnsupported, "`lode x` runs registry packages", text, "give a package name, with a version if you like");
    }
    parsed.push_back(std::move(*spec));
  }
  // Exact versions first: they name the folder.
  Result<FetchSession> session = FetchSession::open(config, logger, 2);
  if (!session) return std::unexpected(session.error());
  std::map<std::string, SharedDocument> documents;
  std::optional<Error> error;
  for (const PackageSpec& spec : parsed) {
    session->fetcher->fetch_document(spec.real_name, [&, name = spec.real_name](Result<SharedDocument> document) {
      if (document) {
        documents[name] = *document;
      } else if (!error) {
        error = document.error();
      }
    });
  }
  session->fetcher->run();
  if (error) return std::unexpected(*error);
  ExecPackages result;
  nlohmann::ordered_json dependencies = nlohmann::ordered_json::object();
  for (const PackageSpec& spec : parsed) {
    const PackageDocument& document = *documents.at(spec.real_name);
    Result<const PackageVersion*> version = pick_version(document, ParsedVersions::of(document), spec);
    if (!version) return std::unexpected(version.error());
    std::string name = spec.name.empty() ? spec.real_name : spec.name;
    dependencies[name] = spec.alias ? "npm:" + spec.real_name + "@" + (*version)->version : (*version)->version;
    result.installed.push_back(name + "@" + (*version)->version);
  }
  result.first_name = parsed.front().name;
  std::vector<std::string> sorted = result.installed;
  std::sort(sorted.begin(), sorted.end());
  FastHash hash;
  hash.update(join(sorted, "\n"));
  result.dir = config.cache_dir() / "x" / hash.hex();

  std::string package_json = nlohmann::ordered_json{{"name", "lode-x"}, {"private", true},
                                                    {"dependencies", dependencies}}
                                 .dump(2) +
                             "\n";
  if (auto made = ensure_directories(result.dir); !made) return std::unexpected(made.error());
  Result<std::string> existing = read_file(result.dir / "package.json");
  if (!existing || *existing != package_json) {
    if (auto written = write_file_atomic(result.dir / "package.json", package_json); !written) {
      return std::unexpected(written.error());
    }
  }
  InstallOptions options;
  options.project_dir = result.dir;
  options.scripts = scripts;
  options.scripts.command = "exec";
  if (install_is_current(options)) return result;
  logger.info("installing " + join(result.installed, ", ") + " for lode x");
  Result<InstallReport> installed = install_project(config, logger, terminal, options);
  if (!installed) return std::unexpected(installed.error());
  for (const std::string& warning : installed->warnings) logger.warn(warning);
  return result;
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
