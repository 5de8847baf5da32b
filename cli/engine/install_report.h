// Running an install and printing its outcome the same way for every install-like command.
#pragma once

#include <chrono>

#include "base/error.h"
#include "cli/context.h"
#include "resolver/installer.h"

namespace lode::cli {

// Prints an install's outcome: the summary line on stdout; warnings, notes and blocked
// scripts on stderr. Returns the exit status.
Result<int> report_install(CommandContext& context, const InstallReport& report,
                           std::chrono::steady_clock::time_point started);

// Prints "up to date in <time>" (nothing with --silent): an install that had nothing to do,
// found by the no-op check before the engine or by the engine itself.
void report_up_to_date(CommandContext& context, std::chrono::steady_clock::time_point started);

// Runs the install, then report_install().
Result<int> install_and_report(CommandContext& context, const Config& config, const InstallOptions& options,
                               std::chrono::steady_clock::time_point started);

}  // namespace lode::cli
