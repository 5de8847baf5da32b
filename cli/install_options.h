// The options of install-like commands (install, ci, add, remove, update, trust) and
// reading them into InstallOptions. Light: the no-op check uses it before anything loads.
#pragma once

#include <span>

#include "base/error.h"
#include "cli/args.h"
#include "cli/context.h"
#include "resolver/installer_options.h"

namespace lode::cli {

// Options every install-like command accepts (--omit, --production, --ignore-scripts, ...).
std::span<const OptionSpec> install_options();
// Those and where to save named packages (-D, -O, --peer, -E): `lode add`, `lode install <name>`.
std::span<const OptionSpec> install_and_save_options();

// InstallOptions for the project the context is in, from `args`. Fails (kUsage) on a bad
// --omit value.
Result<InstallOptions> install_options_from(CommandContext& context, const ParsedArgs& args, const Config& config);

}  // namespace lode::cli
