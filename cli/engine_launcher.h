// lode is two executables built from one CLI. `lode` is lean: it links no libcurl,
// libarchive, SQLite or OpenSSL (together ~20 ms of dynamic loading here), so --version,
// help, config, semver, the no-op install and `lode run` start in a few milliseconds.
// `lode-engine` has everything. A command whose work needs the engine names
// run_in_engine as its handler: inside lode-engine that runs the real handler; inside
// lode it execs lode-engine with the same arguments (same process, same exit status).
#pragma once

#include <string_view>

#include "base/environment.h"
#include "cli/commands.h"

namespace lode::cli {

// The engine's handler for `command`, or nullptr in the lean executable. Defined once per
// executable: cli/engine_handlers.cpp (lode-engine) and cli/engine_handlers_lean.cpp (lode).
CommandRun engine_handler(std::string_view command);

// Where lode-engine is: $LODE_ENGINE, next to this executable, or in ../libexec/lode.
Result<fs::path> engine_path(const CommandContext& context);

// The environment lode-engine starts with: `env`, plus LODE_EXECPATH (the lean binary,
// which scripts see as npm_execpath), plus GLIBC_TUNABLES asking glibc's malloc to back
// the heap with transparent huge pages: resolving decodes tens of megabytes of package
// documents into fresh memory, and 4 KiB pages cost a page fault each (resolving a web
// app from the cache: 12,000 faults and 0.42 s, against 2,800 and 0.30 s). The user's own
// GLIBC_TUNABLES is kept in LODE_USER_GLIBC_TUNABLES for restore_user_tunables.
Environment engine_environment(const Environment& env, const fs::path& lean_exe);

// Puts back the GLIBC_TUNABLES engine_environment replaced, in this process's own
// environment, so that scripts and other children see the user's. glibc has read the
// tunables by the time main runs; main calls this before it snapshots the environment.
void restore_user_tunables();

// Runs the current command in the engine (see above). Fails when lode-engine cannot be
// found or started.
Result<int> run_in_engine(CommandContext& context, const ParsedArgs& args);

}  // namespace lode::cli
