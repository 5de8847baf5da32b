// lode cache <add|ls|verify|clean|dir|checkpoint>: the package cache by hand (handled in
// cli/engine/cache.cpp).
#include "cli/commands.h"
#include "cli/engine_launcher.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"older-than", 0, OptionKind::kValue, "<days>", "clean: remove only packages unused for <days> days"},
    {"wait-for-stdin", 0, OptionKind::kFlag, "", "checkpoint: first wait for standard input to end (installs start it so)"},
};

}  // namespace

const CommandSpec kCacheCommand = {
    .name = "cache",
    .aliases = {},
    .summary = "manage the package cache (add, ls, verify, clean, dir, checkpoint)",
    .usage = "cache <add|ls|verify|clean|dir|checkpoint> [args]",
    .description =
        "add <name>[@<range>|@<tag>]...  fetch packages into the cache (prints name@version)\n"
        "ls [pattern...]    list cached packages (pattern: a substring, or * wildcards)\n"
        "verify             re-hash every stored file; drop packages that do not match\n"
        "clean              remove everything, or with --older-than <days> the packages unused that long\n"
        "dir                print the cache folder\n"
        "checkpoint         copy the index's write-ahead log into index.sqlite (an install that\n"
        "                   wrote to the index starts this in the background as it ends)\n\n"
        "Network modes apply to add: --offline never touches the network, --prefer-offline\n"
        "uses cached documents without revalidating them.",
    .options = kOptions,
    .run = run_in_engine,
    .positional_mode = PositionalMode::kInterleaved,
    .supports_json = true,
};

}  // namespace lode::cli
