// Finds lode-runtime.so next to the lode executable (or in the install's lib/lode), loads
// it with dlopen, and hands it a request. This is the only place libnode enters the
// process: commands that do not run JavaScript never call it.
#pragma once

#include <string>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "base/fs.h"
#include "runtime/runtime_api.h"

namespace lode::cli {

struct JavaScriptRun {
  LodeRuntimeMode mode = kLodeRuntimeEval;
  std::string source;
  std::string source_name = "[eval]";
  std::vector<std::string> args;  // process.argv after the script
};

// The runtime module's path: $LODE_RUNTIME_MODULE, else <exe dir>/lode-runtime.so,
// <exe dir>/runtime/lode-runtime.so (the build tree), <exe dir>/../lib/lode/...
Result<fs::path> find_runtime_module(const fs::path& self_exe, const Environment& env);

// Loads the module and runs `run`; returns the script's exit status. Fails when the
// module cannot be found or loaded.
Result<int> run_javascript(const fs::path& self_exe, const Environment& env, const JavaScriptRun& run);

}  // namespace lode::cli
