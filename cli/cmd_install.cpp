// lode install (i) and lode ci. The no-op check runs right here, before the cache is
// opened; real work runs in the engine handler (cli/engine/install.cpp).
#include <chrono>

#include "cli/commands.h"
#include "cli/engine/install_report.h"
#include "cli/engine_launcher.h"
#include "cli/install_options.h"
#include "resolver/install_check.h"

namespace lode::cli {

namespace {

constexpr std::string_view kInstallAliases[] = {"i"};
constexpr std::string_view kCiAliases[] = {"clean-install"};

Result<int> run_install(CommandContext& context, const ParsedArgs& args) {
  auto started = std::chrono::steady_clock::now();
  // `lode install <name>...` adds them, as npm and bun do (the engine hands it to add).
  if (!args.positionals.empty()) return run_in_engine(context, args);
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  Result<InstallOptions> options = install_options_from(context, args, **config);
  if (!options) return std::unexpected(options.error());
  if (!options->force && options->lockfile == LockfileMode::kUpdate && install_is_current(*options)) {
    report_up_to_date(context, started);
    return 0;
  }
  return run_in_engine(context, args);
}

}  // namespace

const CommandSpec kInstallCommand = {
    .name = "install",
    .aliases = kInstallAliases,
    .summary = "install the project's dependencies (node_modules, lode.lock)",
    .usage = "install [options] [<name>[@<range>|@<tag>|@<version>]...]",
    .description =
        "Resolves package.json's dependencies (reusing lode.lock's versions wherever they still\n"
        "satisfy it), lays out node_modules the way npm does, writes lode.lock, and runs the\n"
        "project's install scripts. With nothing changed since the last install it answers from\n"
        "node_modules/.lode in a few milliseconds. Dependencies' install scripts run only for\n"
        "packages named in \"trustedDependencies\" (see `lode trust`). With package names it is\n"
        "`lode add`: they are saved in package.json (-D, -O, --peer, -E say how) and installed.",
    .options = install_and_save_options(),
    .run = run_install,
};

const CommandSpec kCiCommand = {
    .name = "ci",
    .aliases = kCiAliases,
    .summary = "clean install exactly what lode.lock says (for CI)",
    .usage = "ci [options]",
    .description =
        "Removes node_modules and installs exactly the versions in lode.lock. Fails, changing\n"
        "nothing, when package.json asks for something lode.lock does not provide.",
    .options = install_options(),
    .run = run_in_engine,
};

}  // namespace lode::cli
