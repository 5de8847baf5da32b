// lode's top level: splits the command line into global options, a command and its
// arguments; runs the command; prints any error as one "lode: error:" line plus a hint;
// and returns the exit status (0 ok, 1 failure, 2 usage error, or a child's status).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/environment.h"
#include "base/fs.h"

namespace lode::cli {

// `args` are the arguments after argv[0]; `argv0` is argv[0] itself: when its file name
// is `node`, the whole command line is node's (see node_compat.h), never lode's.
int run_cli(std::span<const std::string> args, Environment env, const fs::path& self_exe, std::string_view argv0 = {});

}  // namespace lode::cli
