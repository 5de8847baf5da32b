// `lode run`: a package.json script with npm's rules. pre<name>, <name> and post<name> run
// in order through the script shell, in the package's folder, with npm's environment
// (lifecycle.h); arguments after the script name are appended to the main script, each
// quoted for the shell. The first failure stops the run and its status becomes lode's.
//
// When nothing runs after the main script (no post<name>), lode replaces itself with the
// shell (exec): no process waits in between, signals reach the script directly, and its
// exit status (or death by a signal) is lode's as it is. Otherwise lode waits in the
// foreground, forwarding signals, and exits the way the script did.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "base/terminal.h"
#include "resolver/lifecycle.h"
#include "resolver/package_json.h"

namespace lode {

enum class ScriptFinish {
  kExecWhenLast,  // lode becomes the shell of the last script (see above)
  kWait,          // lode waits for every script and returns (more runs follow)
};

struct ScriptRunRequest {
  ScriptContext context;
  const PackageJson* package = nullptr;
  fs::path package_dir;
  std::string script;              // the script's name
  std::vector<std::string> args;   // appended to the main script
  bool if_present = false;         // a missing script is not an error
  bool announce = true;            // print "> name@version script" / "> command" first
  ScriptFinish finish = ScriptFinish::kExecWhenLast;
};

// Runs the request. Returns the exit status (or, with kExecWhenLast, does not return,
// having exec'ed the shell). Fails (kNotFound) for a missing script, naming the closest ones, or when the
// shell cannot be started.
Result<int> run_package_script(const ScriptRunRequest& request, const Terminal& terminal);

// "Scripts in app@1.0.0:" and each script with its command, for `lode run` alone.
std::string list_scripts(const PackageJson& package);

}  // namespace lode
