// `lode x` (npx, bunx): packages installed for running their commands, outside any
// project, in their folder of the cache (resolver/exec_folder.h), installed once by the
// ordinary installer and reused after, offline too.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "base/log.h"
#include "base/terminal.h"
#include "registry/config.h"
#include "resolver/exec_folder.h"
#include "resolver/installer_options.h"

namespace lode {

// Resolves `specs` (registry packages: "cowsay", "cowsay@1.5", "@scope/x@latest") to exact
// versions and makes sure their folder is installed. Fails with what install fails with;
// a spec that is not a registry package is kUnsupported.
Result<ExecPackages> prepare_exec_packages(const Config& config, const Logger& logger, const Terminal& terminal,
                                           const std::vector<std::string>& specs, const ScriptContext& scripts);

}  // namespace lode
