#include "cli/args.h"

#include "base/strings.h"
#include "registry/config.h"

namespace lode::cli {

namespace {

const OptionSpec* find_long(const ParseRules& rules, std::string_view name) {
  for (auto options : {rules.command_options, rules.global_options}) {
    for (const OptionSpec& spec : options) {
      if (spec.name == name) return &spec;
    }
  }
  return nullptr;
}

const OptionSpec* find_short(const ParseRules& rules, char name) {
  for (auto options : {rules.command_options, rules.global_options}) {
    for (const OptionSpec& spec : options) {
      if (spec.short_name == name) return &spec;
    }
  }
  return nullptr;
}

// Keys npm accepts as flags although no table lists them: registry scopes and
// per-registry settings.
bool is_free_form_config_key(std::string_view name) {
  return (name.starts_with('@') && name.find(':') != std::string_view::npos) ||
         name.starts_with("//");
}

Error unknown_option(std::string_view shown, std::string_view name, const ParseRules& rules) {
  std::vector<std::string> candidates;
  for (auto options : {rules.command_options, rules.global_options}) {
    for (const OptionSpec& spec : options) candidates.emplace_back(spec.name);
  }
  if (rules.accept_config_keys) {
    for (const ConfigKey& key : known_config_keys()) candidates.emplace_back(key.name);
  }
  Error error{ErrorCode::kUsage, "unknown option " + std::string(shown), "", ""};
  if (auto match = closest_match(name, candidates)) {
    error.hint = "did you mean --" + *match + "?";
  } else {
    error.hint = "run `lode help` for the list of options";
  }
  return error;
}

// Keys that work as flags: booleans, and choices that include true/false (--color,
// --no-color, --color=always).
bool accepts_bool(const ConfigKey& key) {
  return key.type == ConfigType::kBool ||
         (key.type == ConfigType::kChoice && key.choices.find("true") != std::string_view::npos);
}

// Parses "true"/"false" given as a flag's value.
std::optional<std::string> bool_text(std::string_view text) {
  if (text == "true" || text == "false") return std::string(text);
  return std::nullopt;
}

}  // namespace

bool ParsedArgs::flag(std::string_view name) const {
  auto it = options.find(name);
  return it != options.end() && !it->second.empty() && it->second.back() == "true";
}

std::optional<std::string> ParsedArgs::value(std::string_view name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::values(std::string_view name) const {
  auto it = options.find(name);
  return it == options.end() ? std::vector<std::string>{} : it->second;
}

namespace {

// "-ws" is --workspaces and "-iwr" --include-workspace-root to npm, not bundled letters.
std::optional<std::string_view> npm_shorthand(std::string_view token) {
  if (token == "-ws") return "workspaces";
  if (token == "-iwr") return "include-workspace-root";
  return std::nullopt;
}

}  // namespace

Result<ParsedArgs> parse_args(std::span<const std::string> args, const ParseRules& rules) {
  ParsedArgs parsed;
  parsed.first_positional = args.size();
  if (rules.positional_mode == PositionalMode::kVerbatim) {
    for (const std::string& token : args) {
      if (token == "--help" || token == "-h") {
        parsed.options["help"].push_back("true");
      } else {
        if (parsed.positionals.empty()) parsed.first_positional = static_cast<size_t>(&token - args.data());
        parsed.positionals.push_back(token);
      }
    }
    return parsed;
  }
  auto next_is_bool = [&](size_t i) { return i + 1 < args.size() && bool_text(args[i + 1]); };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& token = args[i];
    if (token == "--") {
      parsed.rest.assign(args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    bool stop = rules.positional_mode == PositionalMode::kStopAtFirst && !parsed.positionals.empty();
    if (stop || token.size() < 2 || token[0] != '-') {
      if (parsed.positionals.empty()) parsed.first_positional = i;
      parsed.positionals.push_back(token);
      continue;
    }

    if (token.starts_with("--")) {
      std::string_view body = std::string_view(token).substr(2);
      size_t eq = body.find('=');
      std::string_view name = body.substr(0, eq);
      std::optional<std::string> inline_value;
      if (eq != std::string_view::npos) inline_value = std::string(body.substr(eq + 1));

      auto take_value = [&](std::string_view shown, std::string_view value_name) -> Result<std::string> {
        if (inline_value) return *inline_value;
        if (i + 1 >= args.size()) {
          return fail(ErrorCode::kUsage,
                      "option --" + std::string(shown) + " needs a value " + std::string(value_name));
        }
        return args[++i];
      };
      auto take_flag = [&](std::string_view shown, bool negated) -> Result<std::string> {
        if (inline_value) {
          auto text = bool_text(*inline_value);
          if (!text || negated) {
            return fail(ErrorCode::kUsage, "option --" + std::string(shown) +
                                               " is a flag; it takes no value other than true/false");
          }
          return *text;
        }
        if (!negated && next_is_bool(i)) return args[++i];
        return std::string(negated ? "false" : "true");
      };

      if (const OptionSpec* spec = find_long(rules, name)) {
        Result<std::string> value = spec->kind == OptionKind::kFlag ? take_flag(name, false)
                                                                    : take_value(name, spec->value_name);
        if (!value) return std::unexpected(value.error());
        parsed.options[std::string(spec->name)].push_back(std::move(*value));
        continue;
      }
      if (name.starts_with("no-")) {
        std::string_view positive = name.substr(3);
        const OptionSpec* spec = find_long(rules, positive);
        const ConfigKey* key = rules.accept_config_keys ? find_config_key(positive) : nullptr;
        if ((spec && spec->kind == OptionKind::kFlag) || (key && accepts_bool(*key))) {
          Result<std::string> value = take_flag(name, true);
          if (!value) return std::unexpected(value.error());
          if (spec) {
            parsed.options[std::string(spec->name)].push_back(*value);
          } else {
            parsed.config.emplace_back(std::string(positive), *value);
          }
          continue;
        }
      }
      if (rules.accept_config_keys) {
        if (const ConfigKey* key = find_config_key(name)) {
          Result<std::string> value;
          if (key->type == ConfigType::kBool) {
            value = take_flag(name, false);
          } else if (accepts_bool(*key) && !inline_value) {
            value = std::string("true");  // --color alone means --color=true
          } else {
            value = take_value(name, "<" + std::string(key->name) + ">");
          }
          if (!value) return std::unexpected(value.error());
          parsed.config.emplace_back(std::string(key->name), std::move(*value));
          continue;
        }
        if (is_free_form_config_key(name)) {
          Result<std::string> value = take_value(name, "<value>");
          if (!value) return std::unexpected(value.error());
          parsed.config.emplace_back(std::string(name), std::move(*value));
          continue;
        }
      }
      return std::unexpected(unknown_option("--" + std::string(name), name, rules));
    }

    // npm's two- and three-letter shorthands, for the commands that have their options.
    if (auto npm_short = npm_shorthand(token); npm_short && find_long(rules, *npm_short)) {
      parsed.options[std::string(*npm_short)].push_back("true");
      continue;
    }

    // Short options: -v, -abc (bundled flags), -e<code> or -e <code>.
    for (size_t k = 1; k < token.size(); ++k) {
      const OptionSpec* spec = find_short(rules, token[k]);
      if (!spec) {
        return std::unexpected(unknown_option("-" + std::string(1, token[k]), std::string(1, token[k]), rules));
      }
      std::string& slot = parsed.options[std::string(spec->name)].emplace_back();
      if (spec->kind == OptionKind::kFlag) {
        slot = "true";
        continue;
      }
      if (k + 1 < token.size()) {
        slot = token.substr(k + 1);
      } else if (i + 1 < args.size()) {
        slot = args[++i];
      } else {
        return fail(ErrorCode::kUsage, "option -" + std::string(1, token[k]) + " needs a value " +
                                           std::string(spec->value_name));
      }
      break;
    }
  }
  return parsed;
}

}  // namespace lode::cli
