#include "resolver/exec_packages.h"

#include <map>

#include "base/strings.h"
#include "resolver/install_check.h"
#include "resolver/installer.h"
#include "resolver/package_fetcher.h"
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
  std::vector<std::string> versions;
  for (const PackageSpec& spec : parsed) {
    const DocumentView& document = *documents.at(spec.real_name);
    Result<const PackageVersion*> version = pick_version(document, ParsedVersions::of(document), spec);
    if (!version) return std::unexpected(version.error());
    std::string name = spec.name.empty() ? spec.real_name : spec.name;
    versions.push_back((*version)->version);
    result.installed.push_back(name + "@" + (*version)->version);
  }
  result.first_name = parsed.front().name;
  result.dir = exec_folder(config.cache_dir(), result.installed);

  std::string package_json = exec_package_json(parsed, versions);
  if (auto made = ensure_directories(result.dir); !made) return std::unexpected(made.error());
  Result<std::string> existing = read_file(result.dir / "package.json");
  if (!existing || *existing != package_json) {
    if (auto written = write_file_atomic(result.dir / "package.json", package_json); !written) {
      return std::unexpected(written.error());
    }
  }
  InstallOptions options = exec_install_options(result.dir, scripts);
  if (install_is_current(options)) return result;
  logger.info("installing " + join(result.installed, ", ") + " for lode x");
  Result<InstallReport> installed = install_project(config, logger, terminal, options);
  if (!installed) return std::unexpected(installed.error());
  for (const std::string& warning : installed->warnings) logger.warn(warning);
  return result;
}

}  // namespace lode
