// lode under the name `node`: a link named node pointing at lode makes tools that spawn
// `node` run on lode's runtime. The command line is then node's own
// (`node [options] [script | -e code | -p code | -] [arguments]`), never lode's
// commands: `node install` runs a file named install, as node would.
//
// `node --version` prints the Node API level lode provides (libnode's version, e.g.
// v18.20.4), since that is what scripts checking it need to know; `lode --version` keeps
// lode's own.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "base/environment.h"
#include "base/fs.h"

namespace lode::cli {

// Whether argv[0]'s file name is `node` (or `nodejs`).
bool invoked_as_node(std::string_view argv0);

// Runs node's command line `args` (those after argv[0]) and returns the exit status.
// Node options lode does not implement are accepted and kept in process.execArgv;
// V8 options among them (--max-old-space-size=..., --stack-size=...) reach V8.
int run_as_node(std::span<const std::string> args, Environment env, const fs::path& self_exe, std::string_view argv0);

}  // namespace lode::cli
