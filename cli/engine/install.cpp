// The engine side of `lode install` and `lode ci`.
#include <chrono>

#include "cli/engine/handlers.h"
#include "cli/engine/install_report.h"
#include "cli/install_options.h"

namespace lode::cli {

namespace {

Result<int> run_install_like(CommandContext& context, const ParsedArgs& args, bool clean) {
  auto started = std::chrono::steady_clock::now();
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  if (!args.positionals.empty()) {
    return fail(ErrorCode::kUsage, "`lode " + context.command() + "` takes no package names", "",
                "to add packages run `lode add " + args.positionals.front() + "`");
  }
  Result<InstallOptions> options = install_options_from(context, args, **config);
  if (!options) return std::unexpected(options.error());
  if (clean) {
    options->clean = true;
    options->lockfile = LockfileMode::kFrozen;
    options->scripts.command = "ci";
  }
  return install_and_report(context, **config, *options, started);
}

}  // namespace

Result<int> run_install_command(CommandContext& context, const ParsedArgs& args) {
  if (!args.positionals.empty()) return run_add_command(context, args);  // npm's `install <name>`
  return run_install_like(context, args, false);
}

Result<int> run_ci_command(CommandContext& context, const ParsedArgs& args) {
  return run_install_like(context, args, true);
}

}  // namespace lode::cli
