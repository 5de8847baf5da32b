// lode run [<script> [args...]]: package.json scripts, with npm's rules. It opens no cache
// and loads no library on the way: its overhead over `sh -c` is what users feel a hundred
// times a day.
#include "base/process.h"
#include "cli/commands.h"
#include "cli/runtime_launcher.h"
#include "resolver/install_check.h"
#include "resolver/script_runner.h"
#include "resolver/workspace_scripts.h"

namespace lode::cli {

namespace {

constexpr OptionSpec kOptions[] = {
    {"if-present", 0, OptionKind::kFlag, "", "do nothing (exit 0) when the script does not exist"},
    {"install", 0, OptionKind::kFlag, "",
     "check node_modules is in sync first and install if not (the default; --no-install skips it)"},
    {"lode-runtime", 0, OptionKind::kFlag, "", "put a `node` that is lode's runtime first on the script's PATH"},
    {"workspaces", 0, OptionKind::kFlag, "", "run the script in every workspace (npm's; -ws)"},
    {"workspace", 'w', OptionKind::kValue, "<name|folder>",
     "run it in this workspace, or those in this folder (npm's; repeatable)"},
    {"include-workspace-root", 0, OptionKind::kFlag, "", "with --workspace(s), the project's own script first (-iwr)"},
    {"filter", 'F', OptionKind::kValue, "<pattern>",
     "run it in the workspaces whose name (\"@app/*\") or folder (\"./apps/*\") matches, dependencies first; "
     "!<pattern> leaves out (pnpm's and bun's; repeatable)"},
    {"recursive", 'r', OptionKind::kFlag, "", "run it in every workspace, dependencies first (pnpm's -r)"},
};

constexpr std::string_view kAliases[] = {"run-script"};

// A folder holding `node` → lode, so scripts that call node run on lode's runtime.
Result<fs::path> node_shim(const Config& config, const fs::path& lode) {
  fs::path dir = config.cache_dir() / "shims";
  fs::path link = dir / "node";
  std::error_code ec;
  if (fs::read_symlink(link, ec) == lode) return dir;
  if (auto made = ensure_directories(dir); !made) return std::unexpected(made.error());
  fs::path temporary = dir / ("node.tmp-" + std::to_string(::getpid()));
  fs::remove(temporary, ec);
  fs::create_symlink(lode, temporary, ec);
  if (!ec) fs::rename(temporary, link, ec);
  if (ec) return fail(ErrorCode::kIo, "cannot make the node shim: " + ec.message(), link.string());
  return dir;
}

// Whether node_modules matters to the package's scripts: it has dependencies, or
// workspaces to link (a pnpm-workspace.yaml alone is not looked for here).
bool has_dependencies(const PackageJson& package) {
  return !package.dependencies.empty() || !package.workspaces.empty();
}

// `lode run build --if-present` is how people write it: lode's own flags after the script
// name (before any `--`) are lode's; every other argument goes to the script. npm's
// workspace flags are taken there too; `-w` is take_workspace_shorthands' to decide.
ParsedArgs take_own_flags(ParsedArgs args) {
  if (args.positionals.size() < 2) return args;
  std::vector<std::string> kept = {args.positionals.front()};
  for (size_t i = 1; i < args.positionals.size(); ++i) {
    const std::string& arg = args.positionals[i];
    if (arg == "--if-present" || arg == "--lode-runtime" || arg == "--workspaces" ||
        arg == "--include-workspace-root") {
      args.options[arg.substr(2)].push_back("true");
    } else if (arg == "-ws" || arg == "-iwr") {
      args.options[arg == "-ws" ? "workspaces" : "include-workspace-root"].push_back("true");
    } else if (arg.starts_with("--workspace=")) {
      args.options["workspace"].push_back(arg.substr(arg.find('=') + 1));
    } else if (arg == "--workspace" && i + 1 < args.positionals.size()) {
      args.options["workspace"].push_back(args.positionals[++i]);
    } else if (arg == "--no-install") {
      args.options["install"].push_back("false");
    } else {
      kept.push_back(arg);
    }
  }
  args.positionals = std::move(kept);
  return args;
}

// npm reads `-w <workspace>` after the script name too (`npm run build -w api`). lode takes
// it there only when the value is one of the project's workspaces, by name or folder:
// `-w` alone, or before anything else, stays the script's (`tsc -w`).
void take_workspace_shorthands(ParsedArgs& args, const fs::path& project_dir, const fs::path& cwd) {
  std::optional<PackageJson> root;
  for (size_t i = 1; i + 1 < args.positionals.size(); ++i) {
    if (args.positionals[i] != "-w") continue;
    if (!root) {
      Result<PackageJson> read = read_package_json(project_dir / "package.json");
      if (!read || read->workspaces.empty()) return;
      root = std::move(*read);
    }
    WorkspaceSelection named;
    named.workspaces = {args.positionals[i + 1]};
    if (!select_workspaces(project_dir, *root, named, cwd)) continue;
    args.options["workspace"].push_back(args.positionals[i + 1]);
    auto flag = args.positionals.begin() + static_cast<long>(i);
    args.positionals.erase(flag, flag + 2);
    --i;
  }
}

WorkspaceSelection workspace_selection(const ParsedArgs& args) {
  WorkspaceSelection selection;
  selection.all = args.flag("workspaces") || args.flag("recursive");
  selection.workspaces = args.values("workspace");
  selection.filters = args.values("filter");
  selection.include_root = args.flag("include-workspace-root");
  // pnpm and bun run a workspace after the ones it depends on; npm by folder.
  if (args.flag("recursive") || !selection.filters.empty()) selection.order = WorkspaceOrder::kDependenciesFirst;
  return selection;
}

Result<std::vector<SelectedPackage>> selected_workspaces(const CommandContext& context, const Config& config,
                                                         const WorkspaceSelection& selection) {
  Result<PackageJson> root = read_package_json(config.project_dir() / "package.json");
  if (!root) return std::unexpected(root.error());
  return select_workspaces(config.project_dir(), *root, selection, context.cwd());
}

// The script in each selected workspace, one after another; every failure is reported
// once all have run, as npm does.
Result<int> run_across_workspaces(CommandContext& context, const ScriptRunRequest& request,
                                  const std::vector<SelectedPackage>& packages) {
  std::vector<WorkspaceScriptFailure> failures = run_in_workspaces(request, packages, context.terminal());
  for (const WorkspaceScriptFailure& failure : failures) {
    if (failure.error) {
      context.logger().error(failure.error->wrap("in " + failure.label));
    } else {
      context.logger().error("script " + request.script + " failed in " + failure.label + " (exit status " +
                             std::to_string(failure.status) + ")");
    }
  }
  int status = workspace_runs_status(failures);
  if (status > 128) exit_like(status);
  return status;
}

Result<int> run_run(CommandContext& context, const ParsedArgs& raw_args) {
  ParsedArgs args = take_own_flags(raw_args);
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  // A workspace's scripts run in it; its node_modules is the project's, above it.
  const fs::path& project = (*config)->package_dir();
  Result<PackageJson> package = read_package_json(project / "package.json");
  // `lode run app.js`, as bun has it: a file to run when package.json has no such script.
  if (!args.positionals.empty() && names_a_script_file(args.positionals.front()) &&
      (!package || !package->script(args.positionals.front()))) {
    std::vector<std::string> script_args(args.positionals.begin() + 1, args.positionals.end());
    script_args.insert(script_args.end(), args.rest.begin(), args.rest.end());
    return run_script_file(context, args.positionals.front(), std::move(script_args));
  }
  if (!package) return std::unexpected(package.error());
  take_workspace_shorthands(args, (*config)->project_dir(), context.cwd());
  WorkspaceSelection selection = workspace_selection(args);
  bool across_workspaces = selection.all || !selection.workspaces.empty() || !selection.filters.empty();
  // Selected before anything runs or installs: a selection that names nothing is the
  // first thing to hear about.
  std::vector<SelectedPackage> workspaces;
  if (across_workspaces) {
    Result<std::vector<SelectedPackage>> selected = selected_workspaces(context, **config, selection);
    if (!selected) return std::unexpected(selected.error());
    workspaces = std::move(*selected);
  }
  if (args.positionals.empty()) {
    if (!across_workspaces) {
      context.terminal().out(list_scripts(*package));
      return 0;
    }
    // Each selected workspace's scripts, as `npm run -ws` lists them.
    for (const SelectedPackage& selected : workspaces) context.terminal().out(list_scripts(selected.package));
    return 0;
  }
  // Before running, node_modules must match package.json and lode.lock (pnpm's
  // verify-deps-before-run): answered from the install record in well under a millisecond.
  bool verify = !args.has("install") || args.flag("install");
  if (verify && (has_dependencies(*package) || across_workspaces) &&
      !install_matches_record((*config)->project_dir())) {
    context.logger().notice("node_modules is not in sync with package.json; installing first");
    ProcessSpec install;
    install.argv = {context.self_exe().string(), "install"};
    install.cwd = project;
    install.env = context.env();
    Result<int> installed = run_foreground(install);
    if (!installed) return std::unexpected(installed.error());
    if (*installed != 0) return *installed;
  }
  ScriptRunRequest request;
  request.context.config = *config;
  request.context.env = &context.env();
  request.context.self_exe = context.self_exe();
  request.context.init_cwd = context.cwd();
  request.context.command = "run-script";
  if (args.flag("lode-runtime") || (*config)->get("runtime") == "lode") {
    Result<fs::path> shim = node_shim(**config, context.self_exe());
    if (!shim) return std::unexpected(shim.error());
    request.context.node_bin_dir = *shim;
  }
  request.package = &*package;
  request.package_dir = project;
  request.script = args.positionals.front();
  request.args.assign(args.positionals.begin() + 1, args.positionals.end());
  request.args.insert(request.args.end(), args.rest.begin(), args.rest.end());
  request.if_present = args.flag("if-present");
  request.announce = context.logger().level() != LogLevel::kSilent;
  if (across_workspaces) return run_across_workspaces(context, request, workspaces);
  Result<int> status = run_package_script(request, context.terminal());
  if (!status) return status;
  // A script killed by a signal kills lode the same way, as a shell would report it.
  if (*status > 128) exit_like(*status);
  return *status;
}

}  // namespace

const CommandSpec kRunCommand = {
    .name = "run",
    .aliases = kAliases,
    .summary = "run a package.json script (lode <script> works too)",
    .usage = "run [options] [<script> [args...]]",
    .description =
        "Runs pre<script>, <script> and post<script> from package.json through sh -c (the\n"
        "script-shell config), in the project folder, with node_modules/.bin of the folder and\n"
        "its ancestors first on PATH and npm's npm_* environment. Arguments after the script\n"
        "name go to the script (`lode run test --watch` and `lode run test -- --watch` both\n"
        "pass --watch; --if-present, --no-install, --lode-runtime and npm's workspace flags\n"
        "are lode's wherever they come before a `--`). The script's exit status is lode's.\n"
        "Without a script name, lists the scripts. First it checks node_modules is in sync\n"
        "with package.json and lode.lock, and installs if not.\n\n"
        "In a project with workspaces, --workspaces (-ws), --workspace <name|folder> (-w),\n"
        "--recursive (-r) and --filter <pattern> (-F) run the script in each selected\n"
        "workspace, one after another: by folder for npm's flags, a workspace after those it\n"
        "depends on for pnpm's and bun's. A failure does not stop the others; each is reported\n"
        "at the end, and lode exits with a lone failure's status, else 1. With --if-present,\n"
        "workspaces without the script are passed over.",
    .options = kOptions,
    .run = run_run,
    .positional_mode = PositionalMode::kStopAtFirst,
};

}  // namespace lode::cli
