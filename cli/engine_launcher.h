// lode is two executables built from one CLI. `lode` is lean: it links no libcurl,
// libarchive, SQLite or OpenSSL (together ~20 ms of dynamic loading here), so --version,
// help, config, semver, the no-op install and `lode run` start in a few milliseconds.
// `lode-engine` has everything. A command whose work needs the engine names
// run_in_engine as its handler: inside lode-engine that runs the real handler; inside
// lode it execs lode-engine with the same arguments (same process, same exit status).
#pragma once

#include <string_view>

#include "cli/commands.h"

namespace lode::cli {

// The engine's handler for `command`, or nullptr in the lean executable. Defined once per
// executable: cli/engine_handlers.cpp (lode-engine) and cli/engine_handlers_lean.cpp (lode).
CommandRun engine_handler(std::string_view command);

// Where lode-engine is: $LODE_ENGINE, next to this executable, or in ../libexec/lode.
Result<fs::path> engine_path(const CommandContext& context);

// Runs the current command in the engine (see above). Fails when lode-engine cannot be
// found or started.
Result<int> run_in_engine(CommandContext& context, const ParsedArgs& args);

}  // namespace lode::cli
