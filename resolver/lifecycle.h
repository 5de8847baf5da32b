// Running package scripts the way npm does: through `sh -c` (or the `script-shell`
// config), in the package's folder, with npm's environment: PATH with the package's
// node_modules/.bin and every ancestor's first, npm_lifecycle_event/_script,
// npm_package_name/_version/_json, npm_config_* for the effective configuration (never
// credentials), INIT_CWD, npm_command, npm_execpath and npm_node_execpath.
// Used by install (lifecycle scripts) and `lode run`.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/fs.h"
#include "registry/config.h"
#include "resolver/package_json.h"

namespace lode {

struct ScriptContext {
  const Config* config = nullptr;
  const Environment* env = nullptr;  // the environment lode runs in
  fs::path self_exe;                 // npm_execpath
  fs::path init_cwd;                 // where the user started lode
  std::string command;               // npm_command: "install", "run-script", "exec"
  // A folder to put first on PATH (holding a `node` that is lode's runtime), if any.
  fs::path node_bin_dir;
};

// The environment for `package`'s script `event` (whose text is `script`), run in
// `package_dir`.
Environment script_environment(const ScriptContext& context, const PackageJson& package, const fs::path& package_dir,
                               std::string_view event, std::string_view script);

// The command line that runs `script` with `extra_args` appended (each quoted for the
// shell), through the configured script shell.
std::vector<std::string> script_command(const ScriptContext& context, std::string_view script,
                                        std::span<const std::string> extra_args);

// PATH with the .bin folders of `dir` and all its ancestors first, then `base_path`.
std::string script_path(const fs::path& dir, std::string_view base_path);

}  // namespace lode
