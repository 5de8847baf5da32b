// The part of `lode x` its two paths share (cli/cmd_x.cpp for installed packages,
// cli/engine/x.cpp for the rest): which arguments name packages and which make the
// command line, and running that command from the packages' folder.
#pragma once

#include <string>
#include <vector>

#include "cli/commands.h"
#include "resolver/exec_folder.h"
#include "resolver/lifecycle.h"

namespace lode::cli {

struct XCommandLine {
  std::vector<std::string> specs;  // the packages: every -p, else the first argument
  std::vector<std::string> rest;   // what follows: the command (with -p) and its arguments
};

XCommandLine split_x_command_line(const ParsedArgs& args);

// The script context `lode x` installs and runs with.
ScriptContext x_script_context(CommandContext& context, const Config& config);

// Replaces this process with the command (or the -c shell command) run with the packages'
// commands first on PATH (none when `packages.dir` is empty), then the project's. Returns only on failure: a usage error, a package without the
// command, or a failed exec.
Result<int> exec_x_command(CommandContext& context, const ParsedArgs& args, const ExecPackages& packages,
                           std::vector<std::string> rest, const ScriptContext& scripts);

}  // namespace lode::cli
