#include "cli/install_options.h"

#include "base/strings.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kInstallOptions[] = {
    {"omit", 0, OptionKind::kValue, "<dev|optional|peer>", "leave out that kind of dependency (repeatable)"},
    {"production", 0, OptionKind::kFlag, "", "same as --omit=dev"},
    {"ignore-scripts", 0, OptionKind::kFlag, "", "run no install scripts, not even the project's"},
    {"strict-peer-deps", 0, OptionKind::kFlag, "", "fail, instead of warning, on conflicting peer dependencies"},
    {"frozen-lockfile", 0, OptionKind::kFlag, "", "fail if lode.lock would change (what `lode ci` does)"},
    {"force", 'f', OptionKind::kFlag, "", "install even when nothing changed since the last install"},
    {"copy", 0, OptionKind::kFlag, "", "copy files from the cache instead of hard-linking them"},
    // Where named packages are saved: `lode add`, and `lode install <name>` as npm has it.
    {"dev", 'D', OptionKind::kFlag, "", "save to devDependencies (also --save-dev)"},
    {"save-dev", 0, OptionKind::kFlag, "", "same as --dev"},
    {"optional", 'O', OptionKind::kFlag, "", "save to optionalDependencies (also --save-optional)"},
    {"save-optional", 0, OptionKind::kFlag, "", "same as --optional"},
    {"peer", 0, OptionKind::kFlag, "", "save to peerDependencies (also --save-peer)"},
    {"save-peer", 0, OptionKind::kFlag, "", "same as --peer"},
    {"exact", 'E', OptionKind::kFlag, "", "save the exact version, not ^version (also --save-exact)"},
    {"save-exact", 0, OptionKind::kFlag, "", "same as --exact"},
};
// The entries above that are not about saving.
constexpr size_t kInstallOnly = 7;

}  // namespace

std::span<const OptionSpec> install_options() { return std::span(kInstallOptions).first(kInstallOnly); }

std::span<const OptionSpec> install_and_save_options() { return kInstallOptions; }

Result<InstallOptions> install_options_from(CommandContext& context, const ParsedArgs& args, const Config& config) {
  InstallOptions options;
  // From a workspace, the install is the whole project's (npm's rule); edits are the
  // workspace's own.
  options.project_dir = config.project_dir();
  if (config.package_dir() != config.project_dir()) options.workspace_dir = config.package_dir();
  for (const std::string& omit : args.values("omit")) {
    for (std::string_view kind : split(omit, ',')) {
      if (kind == "dev") options.omit_dev = true;
      else if (kind == "optional") options.omit_optional = true;
      else if (kind == "peer") options.omit_peer = true;
      else return fail(ErrorCode::kUsage, "invalid --omit value '" + std::string(kind) + "'", "", "use dev, optional or peer");
    }
  }
  if (args.flag("production")) options.omit_dev = true;
  options.ignore_scripts = args.flag("ignore-scripts") || config.get_bool("ignore-scripts").value_or(false);
  options.strict_peer_deps = args.flag("strict-peer-deps");
  options.force = args.flag("force");
  if (args.flag("frozen-lockfile")) options.lockfile = LockfileMode::kFrozen;
  if (args.flag("copy")) options.link_mode = LinkMode::kCopy;
  options.scripts.config = &config;
  options.scripts.env = &context.env();
  options.scripts.self_exe = context.self_exe();
  options.scripts.init_cwd = context.cwd();
  options.scripts.command = "install";
  // Every command that installs ends the process when the install is done; the index's
  // checkpoint (and its syncs) is then another process's (cache/store.h).
  options.teardown = Teardown::kLeaveToExit;
  options.index_checkpointer = {context.self_exe().string(), "cache", "checkpoint", "--wait-for-stdin",
                                "--cache", config.cache_dir().string()};
  return options;
}

}  // namespace lode::cli
