// The package-manager commands (install, add, cache, x...) name run_in_engine as their
// handler; it runs the command's real handler (cli/engine/) in this process, with glibc's
// malloc told to keep large buffers (below). A restart with glibc's huge pages for
// resolutions was tried and removed (docs/architecture.md says why).
#pragma once

#include <string_view>

#include "cli/commands.h"

namespace lode::cli {

// The engine's handler for `command`, or nullptr when it has none (cli/engine_handlers.cpp).
CommandRun engine_handler(std::string_view command);

// Runs the current command's engine handler. Fails (kInternal) when the command has no
// engine handler.
Result<int> run_in_engine(CommandContext& context, const ParsedArgs& args);

}  // namespace lode::cli
