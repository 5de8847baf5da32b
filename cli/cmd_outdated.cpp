// lode outdated: which direct dependencies have newer versions (handled in
// cli/engine/outdated.cpp).
#include "cli/commands.h"
#include "cli/engine_launcher.h"

namespace lode::cli {

const CommandSpec kOutdatedCommand = {
    .name = "outdated",
    .aliases = {},
    .summary = "list direct dependencies that have newer versions",
    .usage = "outdated [name...] [--json]",
    .description =
        "For each direct dependency from the registry: the version installed, the newest its\n"
        "range allows (wanted) and the latest. Exits 1 when any is behind, as npm does.",
    .options = {},
    .run = run_in_engine,
    .positional_mode = PositionalMode::kInterleaved,
    .supports_json = true,
};

}  // namespace lode::cli
