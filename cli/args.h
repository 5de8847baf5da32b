// Command-line parsing for every lode command: long and short options, --name=value and
// --name value, --no-name for flags, "--" to end options, options anywhere among the
// positional arguments (npm's convention), and config keys accepted as flags on every
// command (--registry <url>, --@scope:registry=<url>, --//host/:_authToken=<token>).
// Unknown options are usage errors that name the closest valid one.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace lode::cli {

enum class OptionKind {
  kFlag,   // --name / --no-name
  kValue,  // --name <value> or --name=<value>
};

struct OptionSpec {
  std::string_view name;  // long name without the dashes
  char short_name = 0;    // 0 when there is none
  OptionKind kind = OptionKind::kFlag;
  std::string_view value_name;  // shown in help: "<dir>"
  std::string_view help;
};

struct ParsedArgs {
  // Long option name → every value given, in order ("true"/"false" for flags).
  std::map<std::string, std::vector<std::string>, std::less<>> options;
  std::vector<std::string> positionals;
  // Everything after a bare "--", untouched.
  std::vector<std::string> rest;
  // Config keys given as flags, in order.
  std::vector<std::pair<std::string, std::string>> config;
  // With PositionalMode::kStopAtFirst: the index in the input of the first positional
  // (where option parsing stopped), or the input's size when there was none.
  size_t first_positional = 0;

  bool has(std::string_view name) const { return options.contains(name); }
  // The last value of a flag as a bool; false when absent.
  bool flag(std::string_view name) const;
  // The last value given, or nullopt.
  std::optional<std::string> value(std::string_view name) const;
  std::vector<std::string> values(std::string_view name) const;
};

enum class PositionalMode {
  kInterleaved,  // options may follow positionals (npm style)
  kStopAtFirst,  // the first positional ends option parsing; the rest are positionals
  // The command reads its own options (to mirror another tool's parser exactly): every
  // argument is a positional, in order, except -h/--help.
  kVerbatim,
};

struct ParseRules {
  std::span<const OptionSpec> command_options;
  std::span<const OptionSpec> global_options;
  PositionalMode positional_mode = PositionalMode::kInterleaved;
  // Accept config keys (known_config_keys(), @scope:registry, //host/:key) as flags.
  bool accept_config_keys = true;
};

// Parses `args`. Fails with kUsage for an unknown option (naming the closest valid one),
// a missing value, or a value given to a flag.
Result<ParsedArgs> parse_args(std::span<const std::string> args, const ParseRules& rules);

}  // namespace lode::cli
