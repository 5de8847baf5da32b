// lode add <spec>...: save dependencies in package.json and install them.
#include "cli/commands.h"
#include "cli/engine_launcher.h"
#include "cli/install_options.h"

namespace lode::cli {

namespace {

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
    .options = install_and_save_options(),
    .run = run_in_engine,
};

}  // namespace lode::cli
