// lode help [command]
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/help.h"

namespace lode::cli {

namespace {

Result<int> run_help(CommandContext& context, const ParsedArgs& args) {
  if (args.positionals.empty()) {
    context.terminal().out(general_help());
    return 0;
  }
  const std::string& name = args.positionals.front();
  const CommandSpec* command = find_command(name);
  if (!command) {
    std::vector<std::string> names;
    for (const CommandSpec* spec : command_table()) names.emplace_back(spec->name);
    auto match = closest_match(name, names);
    return fail(ErrorCode::kUsage, "no help for unknown command '" + name + "'", "",
                match ? "did you mean `lode help " + *match + "`?" : "run `lode help` for the list of commands");
  }
  context.terminal().out(command_help(*command));
  return 0;
}

}  // namespace

const CommandSpec kHelpCommand = {
    .name = "help",
    .aliases = {},
    .summary = "show help for lode or one of its commands",
    .usage = "help [command]",
    .description = "Prints the list of commands, or the usage and options of one command.",
    .options = {},
    .run = run_help,
};

}  // namespace lode::cli
