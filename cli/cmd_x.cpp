// lode x (exec): run a package's command without adding it to the project (npx, bunx).
// Answered here, without opening the cache index, when the project has its own copy or
// when every package is given at an exact version whose cache folder is installed;
// otherwise the engine picks versions and installs them into a reusable folder
// (cli/engine/x.cpp).
#include "base/process.h"
#include "cli/commands.h"
#include "cli/engine_launcher.h"
#include "cli/x_command_line.h"
#include "resolver/exec_folder.h"
#include "resolver/lifecycle.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"package", 'p', OptionKind::kValue, "<spec>", "install this package (repeatable); the first argument is then a command"},
    {"call", 'c', OptionKind::kValue, "<command>", "run this shell command with the packages' commands on PATH"},
    {"yes", 'y', OptionKind::kFlag, "", "accepted for npx compatibility (lode never asks)"},
};

constexpr std::string_view kAliases[] = {"exec"};

Result<int> run_x(CommandContext& context, const ParsedArgs& args) {
  if (args.positionals.empty() && !args.has("call")) {
    return fail(ErrorCode::kUsage, "`lode x` needs a package (or -c <command>)", "",
                "usage: lode x <package>[@<version>] [args...]");
  }
  // The project's own command: `lode x tsc` in a project with typescript.
  if (!args.has("package") && !args.has("call")) {
    const std::string& name = args.positionals.front();
    bool plain = name.find('@', name.starts_with('@') ? 1 : 0) == std::string::npos;
    std::string command = name.substr(name.find('/') == std::string::npos ? 0 : name.find('/') + 1);
    // The nearest node_modules/.bin that has it, as the PATH of a script would find it (a
    // workspace's commands are mostly in the project's, above it).
    std::optional<fs::path> found;
    for (fs::path dir = context.cwd(); plain && !found; dir = dir.parent_path()) {
      std::error_code ec;
      if (dir.filename() != "node_modules" && fs::exists(dir / "node_modules" / ".bin" / command, ec)) {
        found = dir / "node_modules" / ".bin" / command;
      }
      if (dir == dir.root_path() || dir.empty()) break;
    }
    if (found) {
      ProcessSpec spec;
      spec.argv = {found->string()};
      spec.argv.insert(spec.argv.end(), args.positionals.begin() + 1, args.positionals.end());
      spec.argv.insert(spec.argv.end(), args.rest.begin(), args.rest.end());
      Environment env = context.env();
      env.set("PATH", script_path(context.cwd(), env.get("PATH").value_or("/usr/bin:/bin")));
      spec.env = std::move(env);
      return fail(exec_process(spec));
    }
  }
  XCommandLine line = split_x_command_line(args);
  std::vector<PackageSpec> specs;
  for (const std::string& text : line.specs) {
    Result<PackageSpec> spec = parse_cli_spec(text);
    if (!spec || spec->kind != SpecKind::kVersion) return run_in_engine(context, args);
    specs.push_back(std::move(*spec));
  }
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  ScriptContext scripts = x_script_context(context, **config);
  // Only -c: the shell command runs with the project's commands on PATH, as npx -c does.
  if (specs.empty()) return exec_x_command(context, args, ExecPackages{}, std::move(line.rest), scripts);
  // Exact versions already installed: the folder is known without any document.
  if (std::optional<ExecPackages> packages = installed_exact_packages((*config)->cache_dir(), specs, scripts)) {
    return exec_x_command(context, args, *packages, std::move(line.rest), scripts);
  }
  return run_in_engine(context, args);
}

}  // namespace

const CommandSpec kXCommand = {
    .name = "x",
    .aliases = kAliases,
    .summary = "run a package's command without adding it to the project (npx)",
    .usage = "x [-p <package>]... [-c <command>] [<package>[@<version>] [args...]]",
    .description =
        "Runs the command of a package: the project's own copy when node_modules/.bin has it,\n"
        "else the package installed into a folder in lode's cache (one per set of versions,\n"
        "reused next time, offline too). The command is the package's only bin, or the one\n"
        "named after it. With -p, the first argument names the command to run; with -c, a\n"
        "shell command runs with the packages' commands on PATH.",
    .options = kOptions,
    .run = run_x,
    .positional_mode = PositionalMode::kStopAtFirst,
};

}  // namespace lode::cli
