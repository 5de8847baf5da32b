// lode config <list|get|set|delete>: shows the effective configuration with where each
// value came from (secrets masked), and edits npmrc files in place.
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli/commands.h"
#include "registry/npmrc.h"

namespace lode::cli {

namespace {

using nlohmann::json;

constexpr OptionSpec kOptions[] = {
    {"location", 'L', OptionKind::kValue, "<user|project|global>",
     "which npmrc `set` and `delete` change (default user)"},
};

constexpr std::string_view kSubcommands[] = {"list", "ls", "get", "set", "delete", "rm"};

std::string origin_of(const ConfigValue& value) {
  std::string source(config_source_name(value.source));
  return value.origin.empty() ? source : source + " " + value.origin;
}

Result<int> list_config(CommandContext& context, const Config& config) {
  if (context.json()) {
    json out = json::object();
    json values = json::object();
    for (const auto& [key, value] : config.effective()) {
      values[key] = {{"value", Config::display_value(key, value.value)},
                     {"source", config_source_name(value.source)},
                     {"origin", value.origin}};
    }
    out["config"] = std::move(values);
    json files = json::array();
    for (const ConfigFile& file : config.files()) {
      files.push_back({{"source", config_source_name(file.source)},
                       {"path", file.path.string()},
                       {"found", file.found}});
    }
    out["files"] = std::move(files);
    out["warnings"] = config.warnings();
    context.terminal().out(out.dump(2) + "\n");
    return 0;
  }
  std::string text = "; lode configuration (precedence: cli > env > project > user > global > default)\n";
  for (const ConfigFile& file : config.files()) {
    text += "; " + std::string(config_source_name(file.source)) + " npmrc: " + file.path.string() +
            (file.found ? "" : " (not found)") + "\n";
  }
  text += "\n";
  for (const auto& [key, value] : config.effective()) {
    std::string shown = is_secret_config_key(key) ? Config::display_value(key, value.value)
                                                  : json(value.value).dump();
    text += key + " = " + shown + " " +
            context.terminal().paint(Stream::kOut, Style::kDim, "; " + origin_of(value)) + "\n";
  }
  for (const std::string& warning : config.warnings()) text += "\n; warning: " + warning;
  if (!config.warnings().empty()) text += "\n";
  context.terminal().out(text);
  return 0;
}

Result<int> get_config(CommandContext& context, const Config& config, std::span<const std::string> keys) {
  if (keys.empty()) return list_config(context, config);
  if (context.json()) {
    json out = json::object();
    for (const std::string& key : keys) {
      auto value = config.get(key);
      out[key] = value ? json(Config::display_value(key, *value)) : json(nullptr);
    }
    context.terminal().out(out.dump(2) + "\n");
    return 0;
  }
  std::string text;
  for (const std::string& key : keys) {
    auto value = config.get(key);
    // npm prints "undefined" for a key nothing sets; scripts rely on that.
    std::string shown = value ? Config::display_value(key, *value) : "undefined";
    text += keys.size() == 1 ? shown + "\n" : key + "=" + shown + "\n";
  }
  context.terminal().out(text);
  return 0;
}

Result<fs::path> npmrc_for_location(const Config& config, std::string_view location) {
  if (location == "user") return *config.get_path("userconfig");
  if (location == "project") return config.project_dir() / ".npmrc";
  if (location == "global") return *config.get_path("globalconfig");
  return fail(ErrorCode::kUsage, "invalid --location '" + std::string(location) + "'", "",
              "use --location user, project or global");
}

// Rewrites the npmrc at `path` with `edit` applied, keeping its mode (0600 for a new
// file: npmrc files hold tokens).
template <class Edit>
Result<void> edit_npmrc(const fs::path& path, Edit edit) {
  Result<std::string> text = read_file(path);
  if (!text && text.error().code != ErrorCode::kNotFound) return std::unexpected(text.error());
  WriteOptions options;
  options.mode = fs::perms::owner_read | fs::perms::owner_write;
  struct stat info;
  if (::stat(path.c_str(), &info) == 0) options.mode = static_cast<fs::perms>(info.st_mode & 07777);
  if (auto made = ensure_directories(path.parent_path()); !made) return made;
  return write_file_atomic(path, edit(text ? *text : std::string()), options);
}

Result<int> set_config(CommandContext& context, const Config& config, const ParsedArgs& args,
                       std::span<const std::string> words) {
  // Both npm forms: `set key=value [key=value...]` and `set key value`.
  std::vector<std::pair<std::string, std::string>> pairs;
  if (words.size() == 2 && words[0].find('=') == std::string::npos) {
    pairs.emplace_back(words[0], words[1]);
  } else {
    for (const std::string& word : words) {
      size_t eq = word.find('=');
      if (eq == std::string::npos || eq == 0) {
        return fail(ErrorCode::kUsage, "`config set` needs key=value, got '" + word + "'", "",
                    "usage: lode config set <key>=<value> [<key>=<value>...]");
      }
      pairs.emplace_back(word.substr(0, eq), word.substr(eq + 1));
    }
  }
  if (pairs.empty()) {
    return fail(ErrorCode::kUsage, "`config set` needs a key and a value", "",
                "usage: lode config set <key>=<value> [<key>=<value>...]");
  }
  Result<fs::path> path = npmrc_for_location(config, args.value("location").value_or("user"));
  if (!path) return std::unexpected(path.error());
  auto written = edit_npmrc(*path, [&](std::string text) {
    for (const auto& [key, value] : pairs) text = npmrc_with_key_set(text, key, value);
    return text;
  });
  if (!written) return std::unexpected(written.error());
  for (const auto& [key, value] : pairs) {
    context.logger().info("set " + key + " in " + path->string());
  }
  return 0;
}

Result<int> delete_config(CommandContext& context, const Config& config, const ParsedArgs& args,
                          std::span<const std::string> keys) {
  if (keys.empty()) {
    return fail(ErrorCode::kUsage, "`config delete` needs at least one key", "",
                "usage: lode config delete <key> [<key>...]");
  }
  Result<fs::path> path = npmrc_for_location(config, args.value("location").value_or("user"));
  if (!path) return std::unexpected(path.error());
  auto written = edit_npmrc(*path, [&](std::string text) {
    for (const std::string& key : keys) text = npmrc_with_key_deleted(text, key);
    return text;
  });
  if (!written) return std::unexpected(written.error());
  context.logger().info("deleted " + join(keys, ", ") + " from " + path->string());
  return 0;
}

Result<int> run_config(CommandContext& context, const ParsedArgs& args) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  if (args.positionals.empty()) return list_config(context, **config);
  const std::string& sub = args.positionals.front();
  std::span<const std::string> rest(args.positionals.begin() + 1, args.positionals.end());
  if (sub == "list" || sub == "ls") return list_config(context, **config);
  if (sub == "get") return get_config(context, **config, rest);
  if (sub == "set") return set_config(context, **config, args, rest);
  if (sub == "delete" || sub == "rm") return delete_config(context, **config, args, rest);
  std::vector<std::string> names(std::begin(kSubcommands), std::end(kSubcommands));
  auto match = closest_match(sub, names);
  return fail(ErrorCode::kUsage, "unknown config subcommand '" + sub + "'", "",
              match ? "did you mean `lode config " + *match + "`?"
                    : "use one of: list, get, set, delete");
}

}  // namespace

const CommandSpec kConfigCommand = {
    .name = "config",
    .aliases = {},
    .summary = "show and change configuration (npmrc files, environment, flags)",
    .usage = "config <list|get|set|delete> [key] [value]",
    .description =
        "list       every effective key, its value and where it came from (secrets masked)\n"
        "get <key>  the effective value of one or more keys (\"undefined\" when unset)\n"
        "set <key>=<value>...  write keys into an npmrc (--location, default user)\n"
        "delete <key>...       remove keys from an npmrc\n\n"
        "Precedence, highest first: command-line flags, LODE_* and npm_config_* environment\n"
        "variables, the project's .npmrc, the user's ~/.npmrc, the global npmrc, defaults.",
    .options = kOptions,
    .run = run_config,
    .positional_mode = PositionalMode::kInterleaved,
    .supports_json = true,
};

}  // namespace lode::cli
