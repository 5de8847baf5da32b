// `lode x` (npx, bunx): packages installed for running their commands, outside any
// project. Each set of exact versions gets its own folder in the cache
// (<cache>/x/<hash of name@version...>/), installed once by the ordinary installer and
// reused after, offline too.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "base/log.h"
#include "base/terminal.h"
#include "registry/config.h"
#include "resolver/installer_options.h"

namespace lode {

struct ExecPackages {
  fs::path dir;                      // the folder holding node_modules/.bin
  std::vector<std::string> installed;  // "name@version", in the order given
  std::string first_name;            // the first package's name (to pick its command)
};

// Resolves `specs` (registry packages: "cowsay", "cowsay@1.5", "@scope/x@latest") to exact
// versions and makes sure their folder is installed. Fails with what install fails with;
// a spec that is not a registry package is kUnsupported.
Result<ExecPackages> prepare_exec_packages(const Config& config, const Logger& logger, const Terminal& terminal,
                                           const std::vector<std::string>& specs, const ScriptContext& scripts);

// The command to run for package `name` installed in `dir`: its only bin, or the bin named
// after it (unscoped). Fails (kNotFound) listing the bins it has, if any.
Result<std::string> default_command(const fs::path& dir, const std::string& name);

}  // namespace lode
