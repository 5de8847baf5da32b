#include "registry/config.h"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <charconv>

#include "base/process.h"
#include "base/strings.h"
#include "registry/npmrc.h"

namespace lode {

namespace {

constexpr std::array kKnownKeys = {
    ConfigKey{"registry", ConfigType::kUrl, "the registry packages are fetched from"},
    ConfigKey{"cache", ConfigType::kPath, "where lode keeps package documents and tarballs"},
    ConfigKey{"cafile", ConfigType::kPath, "a PEM file of certificate authorities to trust"},
    ConfigKey{"strict-ssl", ConfigType::kBool, "verify TLS certificates of registries"},
    ConfigKey{"userconfig", ConfigType::kPath, "the user's npmrc (default ~/.npmrc)"},
    ConfigKey{"globalconfig", ConfigType::kPath, "the global npmrc (default <prefix>/etc/npmrc)"},
    ConfigKey{"prefix", ConfigType::kPath, "the global prefix (default: that of node on PATH)"},
    ConfigKey{"loglevel", ConfigType::kChoice, "how much to log",
              "silent|error|warn|notice|http|info|verbose|silly"},
    ConfigKey{"color", ConfigType::kChoice, "colour output", "auto|always|never|true|false"},
    ConfigKey{"network-concurrency", ConfigType::kInt, "most HTTP requests in flight at once"},
    ConfigKey{"fetch-retries", ConfigType::kInt, "retries of a failed request"},
    ConfigKey{"fetch-retry-mintimeout", ConfigType::kInt, "first retry delay in milliseconds"},
    ConfigKey{"fetch-retry-maxtimeout", ConfigType::kInt, "longest retry delay in milliseconds"},
    ConfigKey{"fetch-timeout", ConfigType::kInt, "request timeout in milliseconds"},
    ConfigKey{"offline", ConfigType::kBool, "never touch the network"},
    ConfigKey{"prefer-offline", ConfigType::kBool, "use cached documents without revalidating"},
    ConfigKey{"prefer-online", ConfigType::kBool, "revalidate every cached document"},
    ConfigKey{"cache-max-age", ConfigType::kInt,
              "seconds a cached document stays fresh when the registry sets no max-age"},
    ConfigKey{"fetch-retry-factor", ConfigType::kInt, "how much each retry delay grows"},
    ConfigKey{"proxy", ConfigType::kUrl, "proxy for http requests"},
    ConfigKey{"https-proxy", ConfigType::kUrl, "proxy for https requests"},
    ConfigKey{"noproxy", ConfigType::kString, "hosts reached without a proxy, comma-separated"},
    ConfigKey{"script-shell", ConfigType::kPath, "the shell package scripts run in (default sh)"},
    ConfigKey{"ignore-scripts", ConfigType::kBool, "run no install scripts, not even the project's"},
    ConfigKey{"node-version", ConfigType::kString, "the node version engines.node is checked against"},
    ConfigKey{"runtime", ConfigType::kChoice, "what `node` is for lode run's scripts", "node|lode"},
    ConfigKey{"save-exact", ConfigType::kBool, "lode add saves exact versions instead of ^ranges"},
};

// Values that hold when nothing else sets a key (cache, userconfig and globalconfig are
// derived from the environment in load()).
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kDefaults = {{
    {"strict-ssl", "true"},
    {"loglevel", "notice"},
    {"color", "auto"},
    {"network-concurrency", "64"},
    {"fetch-retries", "2"},
    {"fetch-retry-mintimeout", "10000"},
    {"fetch-retry-maxtimeout", "60000"},
    {"fetch-retry-factor", "10"},
    {"cache-max-age", "300"},
}};

// LODE_ variables lode reads for itself, not as config keys.
constexpr std::array<std::string_view, 2> kReservedLodeVariables = {"LODE_RUNTIME_MODULE", "LODE_CODE_CACHE"};

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  return to_lower(text.substr(0, prefix.size())) == prefix;
}

std::string home_directory(const Environment& env) {
  if (auto home = env.get("HOME"); home && !home->empty()) return std::string(*home);
  struct passwd entry;
  struct passwd* found = nullptr;
  char buffer[4096];
  if (::getpwuid_r(::getuid(), &entry, buffer, sizeof buffer, &found) == 0 && found) {
    return found->pw_dir;
  }
  return "/";
}

fs::path expand_home(std::string_view value, const Environment& env) {
  if (value == "~") return home_directory(env);
  if (value.starts_with("~/")) return fs::path(home_directory(env)) / value.substr(2);
  return fs::path(value);
}

// npm's default prefix is the directory above the one holding the node binary.
fs::path default_prefix(const Environment& env) {
  if (auto node = find_in_path("node", env.get("PATH").value_or(""))) {
    std::error_code ec;
    fs::path real = fs::canonical(*node, ec);
    if (!ec) return real.parent_path().parent_path();
  }
  return "/usr/local";
}

std::string describe_origin(const ConfigValue& value) {
  if (value.origin.empty()) return std::string(config_source_name(value.source));
  return value.origin;
}

}  // namespace

std::string_view config_source_name(ConfigSource source) {
  switch (source) {
    case ConfigSource::kDefault: return "default";
    case ConfigSource::kGlobal: return "global";
    case ConfigSource::kUser: return "user";
    case ConfigSource::kProject: return "project";
    case ConfigSource::kEnv: return "env";
    case ConfigSource::kCli: return "cli";
  }
  return "default";
}

std::span<const ConfigKey> known_config_keys() { return kKnownKeys; }

const ConfigKey* find_config_key(std::string_view name) {
  for (const ConfigKey& key : kKnownKeys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

bool is_secret_config_key(std::string_view key) {
  size_t colon = key.rfind(':');
  std::string_view leaf = colon == std::string_view::npos ? key : key.substr(colon + 1);
  return leaf == "_authToken" || leaf == "_auth" || leaf == "_password" || leaf == "password";
}

std::optional<std::string> config_key_from_env(std::string_view name) {
  std::string_view rest;
  if (starts_with_ignoring_case(name, "npm_config_")) {
    rest = name.substr(11);
  } else if (name.starts_with("LODE_")) {
    for (std::string_view reserved : kReservedLodeVariables) {
      if (name == reserved) return std::nullopt;
    }
    rest = name.substr(5);
  } else {
    return std::nullopt;
  }
  if (rest.empty()) return std::nullopt;
  // Keys like //host/:_authToken are taken as written.
  if (rest.starts_with("//")) return std::string(rest);
  std::string key = to_lower(rest);
  for (size_t i = 1; i < key.size(); ++i) {
    if (key[i] == '_') key[i] = '-';
  }
  return key;
}

std::string with_trailing_slash(std::string_view url) {
  std::string out(url);
  if (out.empty() || out.back() != '/') out += '/';
  return out;
}

void Config::set(std::string key, std::string value, ConfigSource source, std::string origin) {
  auto it = values_.find(key);
  if (it != values_.end() && it->second.source > source) return;
  values_.insert_or_assign(std::move(key), ConfigValue{std::move(value), source, std::move(origin)});
}

Result<void> Config::load_file(ConfigSource source, const fs::path& path) {
  Result<std::string> text = read_file(path);
  if (!text) {
    files_.push_back({source, path, false});
    if (text.error().code == ErrorCode::kNotFound) return {};
    return fail(text.error().wrap("cannot read " + std::string(config_source_name(source)) + " npmrc"));
  }
  files_.push_back({source, path, true});
  NpmrcParseResult parsed = parse_npmrc(*text, path.string(), *env_);
  for (std::string& warning : parsed.warnings) warnings_.push_back(std::move(warning));
  for (NpmrcEntry& entry : parsed.entries) {
    set(std::move(entry.key), std::move(entry.value), source,
        path.string() + ":" + std::to_string(entry.line));
  }
  return {};
}

Result<Config> Config::load(const ConfigLoadOptions& options) {
  Config config;
  config.env_ = options.env;
  config.cwd_ = options.cwd;
  const Environment& env = *options.env;

  for (const auto& [key, value] : kDefaults) {
    config.set(std::string(key), std::string(value), ConfigSource::kDefault, "");
  }
  if (!options.default_registry.empty()) {
    config.set("registry", with_trailing_slash(options.default_registry), ConfigSource::kDefault, "");
  }
  std::string xdg_cache = env.get_or("XDG_CACHE_HOME", "");
  fs::path cache = xdg_cache.empty() ? fs::path(home_directory(env)) / ".cache" / "lode"
                                     : fs::path(xdg_cache) / "lode";
  config.set("cache", cache.string(), ConfigSource::kDefault, "");
  config.set("userconfig", (fs::path(home_directory(env)) / ".npmrc").string(),
             ConfigSource::kDefault, "");

  // npm_config_* first so that LODE_* (more specific to lode) wins when both are set.
  for (bool lode_prefix : {false, true}) {
    for (const auto& [name, value] : env.variables()) {
      if (value.empty() || name.starts_with("LODE_") != lode_prefix) continue;
      if (auto key = config_key_from_env(name)) config.set(*key, value, ConfigSource::kEnv, name);
    }
  }
  for (const auto& [key, value] : options.cli) {
    config.set(key, value, ConfigSource::kCli, "--" + key);
  }

  std::optional<fs::path> project = find_upwards(options.cwd, "package.json");
  if (!project) project = find_upwards(options.cwd, "node_modules");
  config.package_dir_ = project.value_or(options.cwd);
  config.project_dir_ = options.project_of ? options.project_of(config.package_dir_) : config.package_dir_;
  // npm's --prefix on the command line makes that folder the project, as it does for
  // npm's local commands (`npm install --prefix app`); no search upwards from it.
  for (const auto& [key, value] : options.cli) {
    if (key != "prefix" || value.empty()) continue;
    fs::path prefix = expand_home(value, env);
    prefix = (prefix.is_relative() ? options.cwd / prefix : prefix).lexically_normal();
    config.project_dir_ = prefix.has_filename() ? prefix : prefix.parent_path();
    config.package_dir_ = config.project_dir_;
  }

  // Each file may name the next: the project's .npmrc can set userconfig, the user's
  // can set globalconfig (npm reads them in this order for that reason).
  fs::path project_rc = config.project_dir_ / ".npmrc";
  fs::path user_rc = *config.get_path("userconfig");
  if (project_rc != user_rc) {
    if (auto loaded = config.load_file(ConfigSource::kProject, project_rc); !loaded) {
      return std::unexpected(loaded.error());
    }
  }
  user_rc = *config.get_path("userconfig");
  if (auto loaded = config.load_file(ConfigSource::kUser, user_rc); !loaded) {
    return std::unexpected(loaded.error());
  }
  if (!config.find("prefix")) {
    config.set("prefix", default_prefix(env).string(), ConfigSource::kDefault, "");
  }
  config.set("globalconfig", (*config.get_path("prefix") / "etc" / "npmrc").string(),
             ConfigSource::kDefault, "");
  if (auto loaded = config.load_file(ConfigSource::kGlobal, *config.get_path("globalconfig"));
      !loaded) {
    return std::unexpected(loaded.error());
  }
  return config;
}

const ConfigValue* Config::find(std::string_view key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

std::optional<std::string_view> Config::get(std::string_view key) const {
  const ConfigValue* value = find(key);
  if (!value) return std::nullopt;
  return std::string_view(value->value);
}

Result<bool> Config::get_bool(std::string_view key) const {
  const ConfigValue* value = find(key);
  if (!value) return false;
  if (value->value == "true" || value->value.empty()) return true;
  if (value->value == "false") return false;
  return fail(ErrorCode::kConfig,
              "invalid value for " + std::string(key) + ": \"" + value->value + "\" (expected true or false)",
              describe_origin(*value));
}

Result<int64_t> Config::get_int(std::string_view key) const {
  const ConfigValue* value = find(key);
  if (!value) return 0;
  int64_t parsed = 0;
  const char* begin = value->value.data();
  const char* end = begin + value->value.size();
  auto [stop, ec] = std::from_chars(begin, end, parsed);
  if (ec != std::errc() || stop != end || parsed < 0) {
    return fail(ErrorCode::kConfig,
                "invalid value for " + std::string(key) + ": \"" + value->value +
                    "\" (expected a non-negative whole number)",
                describe_origin(*value));
  }
  return parsed;
}

std::optional<fs::path> Config::get_path(std::string_view key) const {
  const ConfigValue* value = find(key);
  if (!value || value->value.empty()) return std::nullopt;
  fs::path path = expand_home(value->value, *env_);
  if (path.is_relative()) path = project_dir_.empty() ? cwd_ / path : project_dir_ / path;
  return path.lexically_normal();
}

Result<std::string> Config::registry() const {
  std::optional<std::string_view> url = get("registry");
  if (!url || url->empty()) {
    return fail(ErrorCode::kConfig, "no registry is configured", "",
                "set registry=<url> in ~/.npmrc, or pass --registry <url>");
  }
  return with_trailing_slash(*url);
}

Result<std::string> Config::registry_for(std::string_view package_name) const {
  if (package_name.starts_with('@')) {
    size_t slash = package_name.find('/');
    std::string scope_key(package_name.substr(0, slash));
    scope_key += ":registry";
    if (auto url = get(scope_key); url && !url->empty()) return with_trailing_slash(*url);
  }
  return registry();
}

fs::path Config::cache_dir() const { return *get_path("cache"); }

std::vector<std::pair<std::string, ConfigValue>> Config::effective() const {
  return {values_.begin(), values_.end()};
}

std::string Config::display_value(std::string_view key, std::string_view value) {
  if (is_secret_config_key(key)) return "(protected)";
  return std::string(value);
}

}  // namespace lode
