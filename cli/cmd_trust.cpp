// lode trust <name>...: allow dependencies' install scripts, and run them.
#include "cli/commands.h"
#include "cli/engine_launcher.h"
#include "cli/install_options.h"

namespace lode::cli {

namespace {


}  // namespace

const CommandSpec kTrustCommand = {
    .name = "trust",
    .aliases = {},
    .summary = "let dependencies run their install scripts, and run them now",
    .usage = "trust <name>...",
    .description =
        "Adds the packages to \"trustedDependencies\" in package.json (bun's field) and runs their\n"
        "install scripts. Install scripts of other dependencies are not run: lode lists them\n"
        "after each install.",
    .options = {},
    .run = run_in_engine,
};

}  // namespace lode::cli
