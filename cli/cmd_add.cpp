// lode add <spec>...: save dependencies in package.json and install them.
#include "cli/commands.h"
#include "cli/engine_launcher.h"
#include "cli/install_options.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"dev", 'D', OptionKind::kFlag, "", "save to devDependencies (also --save-dev)"},
    {"save-dev", 0, OptionKind::kFlag, "", "same as --dev"},
    {"optional", 'O', OptionKind::kFlag, "", "save to optionalDependencies (also --save-optional)"},
    {"save-optional", 0, OptionKind::kFlag, "", "same as --optional"},
    {"peer", 0, OptionKind::kFlag, "", "save to peerDependencies (also --save-peer)"},
    {"save-peer", 0, OptionKind::kFlag, "", "same as --peer"},
    {"exact", 'E', OptionKind::kFlag, "", "save the exact version, not ^version (also --save-exact)"},
    {"save-exact", 0, OptionKind::kFlag, "", "same as --exact"},
    {"omit", 0, OptionKind::kValue, "<dev|optional|peer>", "leave out that kind of dependency (repeatable)"},
    {"ignore-scripts", 0, OptionKind::kFlag, "", "run no install scripts, not even the project's"},
    {"copy", 0, OptionKind::kFlag, "", "copy files from the cache instead of hard-linking them"},
};

constexpr std::string_view kAliases[] = {"a"};


}  // namespace

const CommandSpec kAddCommand = {
    .name = "add",
    .aliases = kAliases,
    .summary = "add dependencies to package.json and install them",
    .usage = "add <name>[@<range>|@<tag>|@<version>]... [-D|-O|--peer] [-E]",
    .description =
        "Resolves each package, saves it in package.json (as ^<version> unless a range is given,\n"
        "or --exact), keeping the file's formatting and key order, and installs. Also takes\n"
        "aliases (name@npm:other@range), tarball URLs (name@https://...) and local folders\n"
        "(./path, file:./path, link:./path). If the install fails, package.json is restored.",
    .options = kOptions,
    .run = run_in_engine,
};

}  // namespace lode::cli
