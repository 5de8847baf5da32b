#include "resolver/lifecycle.h"

#include "base/process.h"
#include "base/strings.h"
#include "build_info.h"

namespace lode {

namespace {

std::string config_env_name(std::string_view key) {
  std::string name = "npm_config_";
  for (char c : key) name += c == '-' ? '_' : c;
  return name;
}

}  // namespace

std::string script_path(const fs::path& dir, std::string_view base_path) {
  std::string path;
  for (fs::path current = dir;; current = current.parent_path()) {
    if (current.filename() != "node_modules") {
      path += (current / "node_modules" / ".bin").string() + ":";
    }
    if (current == current.root_path() || current.empty()) break;
  }
  return path + std::string(base_path);
}

Environment script_environment(const ScriptContext& context, const PackageJson& package, const fs::path& package_dir,
                               std::string_view event, std::string_view script) {
  Environment env = *context.env;
  std::string base_path = std::string(context.env->get("PATH").value_or("/usr/local/bin:/usr/bin:/bin"));
  std::string path = script_path(package_dir, base_path);
  if (!context.node_bin_dir.empty()) path = context.node_bin_dir.string() + ":" + path;
  env.set("PATH", path);
  env.set("npm_lifecycle_event", std::string(event));
  env.set("npm_lifecycle_script", std::string(script));
  env.set("npm_package_name", package.name);
  env.set("npm_package_version", package.version);
  env.set("npm_package_json", (package_dir / "package.json").string());
  env.set("npm_command", context.command);
  env.set("npm_execpath", context.self_exe.string());
  env.set("INIT_CWD", context.init_cwd.string());
  env.set("npm_config_user_agent", "lode/" LODE_VERSION);
  fs::path node = !context.node_bin_dir.empty() ? context.node_bin_dir / "node"
                                                : find_in_path("node", base_path).value_or(fs::path());
  if (!node.empty()) {
    env.set("npm_node_execpath", node.string());
    env.set("NODE", node.string());
  }
  if (context.config) {
    for (const auto& [key, value] : context.config->effective()) {
      // Credentials and per-registry keys stay out of scripts' environments.
      if (is_secret_config_key(key) || key.starts_with("//") || key.starts_with('@')) continue;
      env.set(config_env_name(key), value.value);
    }
  }
  return env;
}

std::vector<std::string> script_command(const ScriptContext& context, std::string_view script,
                                        std::span<const std::string> extra_args) {
  std::string shell = "sh";
  if (context.config) {
    if (auto configured = context.config->get("script-shell"); configured && !configured->empty()) {
      shell = std::string(*configured);
    }
  }
  std::string text(script);
  for (const std::string& arg : extra_args) text += " " + shell_quote(arg);
  return {shell, "-c", text};
}

}  // namespace lode
