// The engine side of the commands that edit package.json, then install: add, remove,
// update, trust.
#include <chrono>
#include <vector>

#include "cli/engine/handlers.h"
#include "cli/engine/install_report.h"
#include "cli/install_options.h"
#include "resolver/project_edit.h"

namespace lode::cli {

Result<int> run_add_command(CommandContext& context, const ParsedArgs& args) {
  auto started = std::chrono::steady_clock::now();
  if (args.positionals.empty()) {
    return fail(ErrorCode::kUsage, "`lode add` needs at least one package", "",
                "usage: lode add <name>[@<range>|@<tag>] [-D|-O|--peer] [-E]");
  }
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  Result<InstallOptions> options = install_options_from(context, args, **config);
  if (!options) return std::unexpected(options.error());
  AddRequest request;
  request.specs = args.positionals;
  if (args.flag("dev") || args.flag("save-dev")) request.type = DependencyType::kDev;
  if (args.flag("optional") || args.flag("save-optional")) request.type = DependencyType::kOptional;
  if (args.flag("peer") || args.flag("save-peer")) request.type = DependencyType::kPeer;
  request.exact = args.flag("exact") || args.flag("save-exact");
  Result<EditOutcome> outcome = add_dependencies(**config, context.logger(), context.terminal(), request, *options);
  if (!outcome) return std::unexpected(outcome.error());
  for (const std::string& saved : outcome->saved) {
    context.terminal().out("saved " + saved + " to " + std::string(dependency_section(request.type)) + "\n");
  }
  return report_install(context, outcome->install, started);
}

Result<int> run_remove_command(CommandContext& context, const ParsedArgs& args) {
  auto started = std::chrono::steady_clock::now();
  if (args.positionals.empty()) {
    return fail(ErrorCode::kUsage, "`lode remove` needs at least one package name", "", "usage: lode remove <name>...");
  }
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  Result<InstallOptions> options = install_options_from(context, args, **config);
  if (!options) return std::unexpected(options.error());
  Result<EditOutcome> outcome =
      remove_dependencies(**config, context.logger(), context.terminal(), args.positionals, *options);
  if (!outcome) return std::unexpected(outcome.error());
  return report_install(context, outcome->install, started);
}

Result<int> run_update_command(CommandContext& context, const ParsedArgs& args) {
  auto started = std::chrono::steady_clock::now();
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  Result<InstallOptions> options = install_options_from(context, args, **config);
  if (!options) return std::unexpected(options.error());
  options->force = true;
  if (args.flag("latest")) {
    Result<EditOutcome> outcome =
        update_to_latest(**config, context.logger(), context.terminal(), args.positionals, *options);
    if (!outcome) return std::unexpected(outcome.error());
    for (const std::string& saved : outcome->saved) context.terminal().out("updated " + saved + " in package.json\n");
    return report_install(context, outcome->install, started);
  }
  if (args.positionals.empty()) {
    options->update_all = true;
  } else {
    options->update = args.positionals;
  }
  return install_and_report(context, **config, *options, started);
}

Result<int> run_trust_command(CommandContext& context, const ParsedArgs& args) {
  auto started = std::chrono::steady_clock::now();
  if (args.positionals.empty()) {
    return fail(ErrorCode::kUsage, "`lode trust` needs at least one package name", "", "usage: lode trust <name>...");
  }
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  Result<InstallOptions> options = install_options_from(context, args, **config);
  if (!options) return std::unexpected(options.error());
  Result<EditOutcome> outcome = trust_dependencies(**config, context.logger(), context.terminal(), args.positionals, *options);
  if (!outcome) return std::unexpected(outcome.error());
  for (const std::string& name : args.positionals) {
    context.terminal().out("trusted " + name + " (in trustedDependencies)\n");
  }
  return report_install(context, outcome->install, started);
}

}  // namespace lode::cli
