// lode's top level: splits the command line into global options, a command and its
// arguments; runs the command; prints any error as one "lode: error:" line plus a hint;
// and returns the exit status (0 ok, 1 failure, 2 usage error, or a child's status).
#pragma once

#include <span>
#include <string>

#include "base/environment.h"
#include "base/fs.h"

namespace lode::cli {

int run_cli(std::span<const std::string> args, Environment env, const fs::path& self_exe);

}  // namespace lode::cli
