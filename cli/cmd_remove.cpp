// lode remove <name>...: take dependencies out of package.json and node_modules.
#include "cli/commands.h"
#include "cli/engine_launcher.h"
#include "cli/install_options.h"

namespace lode::cli {

namespace {

constexpr std::string_view kAliases[] = {"rm", "uninstall", "un"};


}  // namespace

const CommandSpec kRemoveCommand = {
    .name = "remove",
    .aliases = kAliases,
    .summary = "remove dependencies from package.json and node_modules",
    .usage = "remove <name>...",
    .description = "Removes the packages from every dependency section of package.json and installs.",
    .options = install_options(),
    .run = run_in_engine,
};

}  // namespace lode::cli
