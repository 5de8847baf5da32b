// Help text, rendered from the command table so it cannot drift from the code.
#pragma once

#include <string>

#include "cli/commands.h"

namespace lode::cli {

// `lode --help`: usage, every visible command with its summary, the global options.
std::string general_help();

// `lode help <command>` / `lode <command> --help`: usage, description, options.
std::string command_help(const CommandSpec& command);

// The version line(s) `lode --version` prints.
std::string version_text();

}  // namespace lode::cli
