// The package-manager handlers, one per command whose spec names run_in_engine (see
// engine_launcher.h).
#pragma once

#include "cli/commands.h"

namespace lode::cli {

Result<int> run_add_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_cache_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_ci_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_install_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_outdated_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_remove_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_trust_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_update_command(CommandContext& context, const ParsedArgs& args);
Result<int> run_x_command(CommandContext& context, const ParsedArgs& args);

}  // namespace lode::cli
