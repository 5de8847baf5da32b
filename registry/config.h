// lode's effective configuration, layered with npm's precedence (highest first):
//   command-line flags > LODE_* and npm_config_* environment variables >
//   the project's .npmrc > the user's ~/.npmrc > the global npmrc > built-in defaults.
// Every value remembers where it came from, so `lode config list` can say, and so errors
// about a bad value name the file and line that set it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "base/fs.h"

namespace lode {

enum class ConfigSource { kDefault, kGlobal, kUser, kProject, kEnv, kCli };

// "default", "global", "user", "project", "env", "cli".
std::string_view config_source_name(ConfigSource source);

struct ConfigValue {
  std::string value;
  ConfigSource source = ConfigSource::kDefault;
  std::string origin;  // "/home/u/.npmrc:3", "LODE_REGISTRY", "--registry", or ""
};

enum class ConfigType { kString, kUrl, kPath, kBool, kInt, kChoice };

// A key lode knows: its type, whether it is accepted as a --flag, and what it means.
struct ConfigKey {
  std::string_view name;
  ConfigType type;
  std::string_view description;
  std::string_view choices = {};  // for kChoice: "a|b|c"
};

// Every key lode understands (others are kept and shown, as npm does, but unused).
std::span<const ConfigKey> known_config_keys();
const ConfigKey* find_config_key(std::string_view name);

// Keys whose values are credentials: never printed, not even with --verbose.
bool is_secret_config_key(std::string_view key);

// What Config::load reads. The environment is passed in, never read from the process.
struct ConfigLoadOptions {
  fs::path cwd;                 // the directory lode works in (after --cwd)
  const Environment* env = nullptr;
  // key → value pairs from command-line flags (--registry=..., --@scope:registry=...).
  std::vector<std::pair<std::string, std::string>> cli;
  // The registry used when nothing configures one (the build's default).
  std::string default_registry;
  // The project a package folder is part of (npm's workspace root detection, which the
  // resolver layer knows); the folder itself when unset.
  std::function<fs::path(const fs::path&)> project_of;
};

// One file that was read (or looked for) while loading.
struct ConfigFile {
  ConfigSource source;
  fs::path path;
  bool found = false;
};

class Config {
 public:
  // Reads the layers. Fails only when a file that exists cannot be read; lines npm would
  // skip become warnings.
  static Result<Config> load(const ConfigLoadOptions& options);

  // The effective value of `key`, or nullptr when no layer sets it.
  const ConfigValue* find(std::string_view key) const;
  std::optional<std::string_view> get(std::string_view key) const;

  // Typed reads; an unparseable value is an error naming its origin.
  Result<bool> get_bool(std::string_view key) const;
  Result<int64_t> get_int(std::string_view key) const;
  // A path value with "~/" expanded and relative paths resolved against the project.
  std::optional<fs::path> get_path(std::string_view key) const;

  // The default registry URL (always ending in '/'); an error when none is configured.
  Result<std::string> registry() const;
  // The registry serving `package_name`: its scope's @scope:registry, else registry().
  Result<std::string> registry_for(std::string_view package_name) const;

  fs::path cache_dir() const;
  // The project: the nearest ancestor of cwd holding a package.json (npm's local prefix),
  // else cwd, or the workspace root above that folder when it is a workspace. Its .npmrc
  // is the project's config.
  const fs::path& project_dir() const { return project_dir_; }
  // The nearest ancestor of cwd holding a package.json: project_dir(), or the workspace
  // inside it that lode was started in (whose package.json `lode add` and `lode run` use).
  const fs::path& package_dir() const { return package_dir_; }
  const fs::path& cwd() const { return cwd_; }

  // Every effective key and value, sorted by key.
  std::vector<std::pair<std::string, ConfigValue>> effective() const;
  const std::vector<ConfigFile>& files() const { return files_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  const Environment& env() const { return *env_; }

  // `value` as it may be shown for `key`: "(protected)" for secrets.
  static std::string display_value(std::string_view key, std::string_view value);

 private:
  void set(std::string key, std::string value, ConfigSource source, std::string origin);
  Result<void> load_file(ConfigSource source, const fs::path& path);

  std::map<std::string, ConfigValue, std::less<>> values_;
  std::vector<ConfigFile> files_;
  std::vector<std::string> warnings_;
  fs::path cwd_;
  fs::path project_dir_;
  fs::path package_dir_;
  const Environment* env_ = nullptr;
};

// The config key an environment variable sets, or nullopt when it sets none:
// npm_config_foo_bar and LODE_FOO_BAR → "foo-bar" (case-insensitive prefix; a leading
// underscore is kept: npm_config__auth → "_auth"). Empty values set nothing.
std::optional<std::string> config_key_from_env(std::string_view name);

// Removes a trailing path segment's missing slash: "http://h/x" → "http://h/x/".
std::string with_trailing_slash(std::string_view url);

}  // namespace lode
