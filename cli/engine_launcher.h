// The package-manager commands (install, add, cache, x...) name run_in_engine as their
// handler; it runs the command's real handler (cli/engine/) in this process.
//
// One exception costs a restart: a command about to resolve a dependency graph from
// package documents (an install without lode.lock, an update) decodes tens of megabytes
// into fresh memory, and with 4 KiB pages each first touch is a page fault. lode then
// execs itself with GLIBC_TUNABLES asking glibc's malloc for transparent huge pages,
// which halves that install (the web app from a warm cache without a lockfile: 258 ->
// 116 ms). Installs from a lockfile and adds decode little and gain nothing, so they skip
// the restart (~3 ms here). glibc reads tunables only at start, hence the exec.
#pragma once

#include <string_view>

#include "base/environment.h"
#include "cli/commands.h"

namespace lode::cli {

// The engine's handler for `command`, or nullptr when it has none (cli/engine_handlers.cpp).
CommandRun engine_handler(std::string_view command);

// The environment of a lode restarted for huge pages: `env` plus GLIBC_TUNABLES with the
// huge-page setting; the user's own GLIBC_TUNABLES is kept in LODE_USER_GLIBC_TUNABLES for
// restore_user_tunables.
Environment huge_page_environment(const Environment& env);

// Puts back the GLIBC_TUNABLES huge_page_environment replaced, in this process's own
// environment, so that scripts and other children see the user's. glibc has read the
// tunables by the time main runs; main calls this before it snapshots the environment.
void restore_user_tunables();

// Runs the current command's engine handler, first restarting lode with huge pages when
// the command resolves from documents (see above). Fails (kInternal) when the command has
// no engine handler; a failed restart falls back to running here.
Result<int> run_in_engine(CommandContext& context, const ParsedArgs& args);

}  // namespace lode::cli
