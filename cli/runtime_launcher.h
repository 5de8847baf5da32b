// Finds lode-runtime.so next to the lode executable (or in the install's lib/lode), loads
// it with dlopen, and hands it a request. This is the only place libnode enters the
// process: commands that do not run JavaScript never call it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "base/fs.h"
#include "runtime/runtime_api.h"

namespace lode::cli {

class CommandContext;

struct JavaScriptRun {
  LodeRuntimeMode mode = kLodeRuntimeEval;
  std::string source;                  // eval, print, stdin
  std::string source_name = "[eval]";
  std::string script;                  // file: the path as given
  std::vector<std::string> args;       // process.argv after the script
  std::vector<std::string> exec_argv;  // process.execArgv
  fs::path exec_path;                  // process.execPath; empty: lode's own executable
  std::string argv0;                   // process.argv0; empty: exec_path
  fs::path cwd;                        // empty: the process's working directory
  fs::path cache_dir;                  // lode's cache folder (code cache); empty: none
  bool as_node = false;                // invoked under the name `node`
};

// The runtime module's path: $LODE_RUNTIME_MODULE, else <exe dir>/lode-runtime.so,
// the build tree's runtime/ folder, <exe dir>/../lib/lode/... (base/shared_library.h)
Result<fs::path> find_runtime_module(const fs::path& self_exe, const Environment& env);

// Loads the module and runs `run`; returns the script's exit status. Fails when the
// module cannot be found or loaded.
Result<int> run_javascript(const fs::path& self_exe, const Environment& env, const JavaScriptRun& run);

// Runs the JavaScript file `script` (CommonJS or ES module, decided as Node decides)
// with `args` as its arguments, in the context's working directory and environment,
// with the code cache in the configured cache folder: what `lode <file>` does and what
// `lode run <file>` should do. Returns the script's exit status; fails only when the
// runtime cannot be loaded (a missing or throwing script is a status, printed by the
// runtime).
Result<int> run_script_file(CommandContext& context, const std::string& script, std::vector<std::string> args);

// Whether a command-line word names a JavaScript file rather than a command or a script:
// it ends in a JavaScript extension, or it is a path (has a '/') to an existing file.
bool names_a_script_file(std::string_view word);

// Reads all of stdin (for `lode -` and `node -`). Fails on a read error.
Result<std::string> read_stdin();

// Whether stdin is a pipe or a regular file, i.e. holds a script when lode is started
// without one (`echo 'code' | lode`), as opposed to a terminal or /dev/null.
bool stdin_holds_input();

}  // namespace lode::cli
