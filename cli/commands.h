// The command table: every lode command is declared once here (name, aliases, usage,
// options, handler), each implemented in its own cli/cmd_<name>.cpp. Help, suggestions
// for unknown commands, and docs/cli.md's check all read this table.
#pragma once

#include <span>
#include <string_view>

#include "base/error.h"
#include "cli/args.h"
#include "cli/context.h"

namespace lode::cli {

// A command's work. Returns the exit status (0, or what a child process returned), or an
// Error that the caller prints and turns into status 1 (2 for usage errors).
using CommandRun = Result<int> (*)(CommandContext& context, const ParsedArgs& args);

struct CommandSpec {
  std::string_view name;
  std::span<const std::string_view> aliases;
  std::string_view summary;      // one line for `lode --help`
  std::string_view usage;        // "config <get|list|set|delete> [key] [value]"
  std::string_view description;  // a paragraph for `lode help <command>`
  std::span<const OptionSpec> options;
  CommandRun run;
  PositionalMode positional_mode = PositionalMode::kInterleaved;
  bool supports_json = false;
};

// Every command, in the order help lists them.
std::span<const CommandSpec* const> command_table();

// The command named `name` or having it as an alias, or nullptr.
const CommandSpec* find_command(std::string_view name);

// Options every command accepts.
std::span<const OptionSpec> global_options();

// Options that only make sense before a command: -e/--eval, -p/--print, -v/--version.
std::span<const OptionSpec> front_options();

// Each command's spec, defined in its cmd_<name>.cpp.
extern const CommandSpec kAddCommand;
extern const CommandSpec kCacheCommand;
extern const CommandSpec kCiCommand;
extern const CommandSpec kInstallCommand;
extern const CommandSpec kLsCommand;
extern const CommandSpec kOutdatedCommand;
extern const CommandSpec kRemoveCommand;
extern const CommandSpec kRunCommand;
extern const CommandSpec kTrustCommand;
extern const CommandSpec kUpdateCommand;
extern const CommandSpec kWhyCommand;
extern const CommandSpec kXCommand;
extern const CommandSpec kConfigCommand;
extern const CommandSpec kHelpCommand;
extern const CommandSpec kSemverCommand;

}  // namespace lode::cli
