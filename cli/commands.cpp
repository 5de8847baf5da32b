#include "cli/commands.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kGlobalOptions[] = {
    {"cwd", 0, OptionKind::kValue, "<dir>", "run as if lode was started in <dir>"},
    {"verbose", 0, OptionKind::kFlag, "", "log more (same as --loglevel=verbose)"},
    {"silent", 0, OptionKind::kFlag, "", "log nothing but errors of the command itself (--loglevel=silent)"},
    {"json", 0, OptionKind::kFlag, "", "machine-readable output, for commands that have it"},
    {"help", 'h', OptionKind::kFlag, "", "show help for the command"},
};

constexpr OptionSpec kFrontOptions[] = {
    {"eval", 'e', OptionKind::kValue, "<code>", "run JavaScript code"},
    {"print", 'p', OptionKind::kValue, "<code>", "run JavaScript code and print its result"},
    {"version", 'v', OptionKind::kFlag, "", "print lode's version and the V8 it embeds"},
};

const CommandSpec* const kCommands[] = {
    &kInstallCommand,
    &kRunCommand,
    &kXCommand,
    &kAddCommand,
    &kRemoveCommand,
    &kUpdateCommand,
    &kCiCommand,
    &kTrustCommand,
    &kLsCommand,
    &kWhyCommand,
    &kOutdatedCommand,
    &kCacheCommand,
    &kConfigCommand,
    &kHelpCommand,
    &kSemverCommand,
};

}  // namespace

std::span<const CommandSpec* const> command_table() { return kCommands; }

const CommandSpec* find_command(std::string_view name) {
  for (const CommandSpec* command : kCommands) {
    if (command->name == name) return command;
    for (std::string_view alias : command->aliases) {
      if (alias == name) return command;
    }
  }
  return nullptr;
}

std::span<const OptionSpec> global_options() { return kGlobalOptions; }
std::span<const OptionSpec> front_options() { return kFrontOptions; }

}  // namespace lode::cli
