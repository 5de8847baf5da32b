// The engine side of `lode x`: pick the versions, install the packages into their cache
// folder when it is not current, then run.
#include "cli/engine/handlers.h"
#include "cli/x_command_line.h"
#include "resolver/exec_packages.h"

namespace lode::cli {

Result<int> run_x_command(CommandContext& context, const ParsedArgs& args) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  XCommandLine line = split_x_command_line(args);
  ScriptContext scripts = x_script_context(context, **config);
  Result<ExecPackages> packages =
      prepare_exec_packages(**config, context.logger(), context.terminal(), line.specs, scripts);
  if (!packages) return std::unexpected(packages.error());
  return exec_x_command(context, args, *packages, std::move(line.rest), scripts);
}

}  // namespace lode::cli
