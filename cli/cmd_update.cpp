// lode update [name...] [--latest]: newer versions within (or beyond) package.json's ranges.
#include "cli/commands.h"
#include "cli/engine_launcher.h"
#include "cli/install_options.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"latest", 'L', OptionKind::kFlag, "", "move package.json's ranges to ^<latest> first"},
    {"omit", 0, OptionKind::kValue, "<dev|optional|peer>", "leave out that kind of dependency (repeatable)"},
    {"ignore-scripts", 0, OptionKind::kFlag, "", "run no install scripts, not even the project's"},
};

constexpr std::string_view kAliases[] = {"up", "upgrade"};


}  // namespace

const CommandSpec kUpdateCommand = {
    .name = "update",
    .aliases = kAliases,
    .summary = "update dependencies to the newest versions their ranges allow",
    .usage = "update [name...] [--latest]",
    .description =
        "Re-resolves the named packages (all of them without names), ignoring their locked\n"
        "versions, within package.json's ranges, and installs. --latest first rewrites the\n"
        "ranges to ^<latest version>.",
    .options = kOptions,
    .run = run_in_engine,
};

}  // namespace lode::cli
