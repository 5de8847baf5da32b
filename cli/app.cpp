#include "cli/app.h"

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "base/log.h"
#include "base/strings.h"
#include "base/terminal.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/help.h"
#include "cli/node_compat.h"
#include "cli/runtime_launcher.h"
#include "resolver/package_json.h"

namespace lode::cli {

namespace {

// Errors found before a command context exists still honour NO_COLOR and --silent.
int report(const Error& error, const Environment& env, bool json, LogLevel level) {
  Terminal terminal = Terminal::detect(env, ColorMode::kAuto);
  if (json) {
    nlohmann::json out = {{"error",
                           {{"code", error_code_name(error.code)},
                            {"message", error.message},
                            {"subject", error.subject},
                            {"hint", error.hint}}}};
    terminal.out(out.dump(2) + "\n");
  }
  Logger(terminal, level == LogLevel::kSilent ? LogLevel::kError : level).error(error);
  return exit_status_for(error);
}

// Whether the nearest package.json above the working directory has script `name`. A
// cheap textual check first: most unknown commands are typos, not scripts.
bool project_has_script(const std::string& name) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return false;
  std::optional<fs::path> dir = find_upwards(cwd, "package.json");
  if (!dir) return false;
  Result<std::string> text = read_file(*dir / "package.json");
  if (!text || text->find("\"" + name + "\"") == std::string::npos) return false;
  Result<PackageJson> package = parse_package_json(*text, *dir / "package.json");
  return package && package->script(name).has_value();
}

Error unknown_command(const std::string& name) {
  std::vector<std::string> names;
  for (const CommandSpec* command : command_table()) {
    names.emplace_back(command->name);
    for (std::string_view alias : command->aliases) names.emplace_back(alias);
  }
  Error error{ErrorCode::kUsage, "unknown command '" + name + "'", "", ""};
  auto match = closest_match(name, names);
  error.hint = match ? "did you mean `lode " + *match + "`?" : "run `lode help` for the list of commands";
  return error;
}

// Folds the options given before the command into those given after it.
void merge_into(ParsedArgs& target, const ParsedArgs& front) {
  for (const auto& [name, values] : front.options) {
    auto& slot = target.options[name];
    slot.insert(slot.begin(), values.begin(), values.end());
  }
  target.config.insert(target.config.begin(), front.config.begin(), front.config.end());
}

std::optional<LogLevel> log_level_from(const ParsedArgs& args) {
  std::optional<LogLevel> level;
  for (const auto& [key, value] : args.config) {
    if (key == "loglevel") level = parse_log_level(value);
  }
  if (args.flag("verbose")) level = LogLevel::kVerbose;
  if (args.flag("silent")) level = LogLevel::kSilent;
  return level;
}

Result<ContextOptions> context_options(const ParsedArgs& args, Environment env, const fs::path& self_exe) {
  ContextOptions options;
  options.env = std::move(env);
  options.self_exe = self_exe;
  options.json = args.flag("json");
  options.log_level = log_level_from(args);
  options.config_flags = args.config;
  for (const auto& [key, value] : args.config) {
    if (key != "color") continue;
    options.color_mode = parse_color_mode(value);
    if (!options.color_mode) {
      return fail(ErrorCode::kUsage, "invalid --color value '" + value + "'", "",
                  "use --color=always, --color=never or --color=auto");
    }
  }
  Result<fs::path> cwd = current_directory();
  if (!cwd) return std::unexpected(cwd.error());
  options.cwd = *cwd;
  if (auto dir = args.value("cwd")) {
    fs::path target = fs::path(*dir).is_absolute() ? fs::path(*dir) : *cwd / *dir;
    std::error_code ec;
    if (!fs::is_directory(target, ec)) {
      return fail(ErrorCode::kUsage, "--cwd names no directory", target.string());
    }
    // Child processes and relative paths must see the same directory lode works in.
    if (::chdir(target.c_str()) != 0) {
      return std::unexpected(system_error(ErrorCode::kIo, "cannot enter --cwd directory", target.string(), errno));
    }
    options.cwd = fs::canonical(target, ec);
    if (ec) options.cwd = target.lexically_normal();
  }
  return options;
}

// The cache folder for the code cache: the configured one, or none when the
// configuration cannot be read (running code does not depend on it).
fs::path code_cache_dir(CommandContext& context) {
  Result<const Config*> config = context.config();
  return config ? (*config)->cache_dir() : fs::path();
}

// -e, -p, a script file, or stdin: everything that runs JavaScript without a command.
int run_javascript_front(const ParsedArgs& front, const Environment& env, const fs::path& self_exe, bool json,
                         LogLevel level, JavaScriptRun run) {
  Result<ContextOptions> options = context_options(front, env, self_exe);
  if (!options) return report(options.error(), env, json, level);
  CommandContext context(std::move(*options));
  run.cwd = context.cwd();
  run.cache_dir = code_cache_dir(context);
  Result<int> status = run_javascript(self_exe, context.env(), run);
  return status ? *status : report(status.error(), env, json, level);
}

}  // namespace

int run_cli(std::span<const std::string> args, Environment env, const fs::path& self_exe, std::string_view argv0) {
  if (invoked_as_node(argv0)) return run_as_node(args, std::move(env), self_exe, argv0);
  ParseRules front_rules{front_options(), global_options(), PositionalMode::kStopAtFirst, true};
  Result<ParsedArgs> front = parse_args(args, front_rules);
  if (!front) return report(front.error(), env, false, LogLevel::kNotice);
  bool json = front->flag("json");
  LogLevel level = log_level_from(*front).value_or(LogLevel::kNotice);

  if (front->flag("version")) {
    Terminal::detect(env, ColorMode::kAuto).out(version_text());
    return 0;
  }
  auto eval = front->value("eval");
  auto print = front->value("print");
  if (eval || print) {
    JavaScriptRun run;
    run.mode = print ? kLodeRuntimePrint : kLodeRuntimeEval;
    run.source = print ? *print : *eval;
    run.source_name = "[eval]";  // node names -p code [eval] too
    run.args = front->positionals;
    run.args.insert(run.args.end(), front->rest.begin(), front->rest.end());
    return run_javascript_front(*front, env, self_exe, json, level, std::move(run));
  }
  // `lode -` runs stdin; so does a bare `lode` whose stdin is a pipe or file with code in
  // it (`echo 'code' | lode`). A bare `lode` with empty input prints the help, as ever.
  bool explicit_stdin = !front->positionals.empty() && front->positionals.front() == "-";
  bool piped = front->positionals.empty() && front->rest.empty() && !front->flag("help") && stdin_holds_input();
  if (explicit_stdin || piped) {
    Result<std::string> source = read_stdin();
    if (!source) return report(source.error(), env, json, level);
    if (!explicit_stdin && source->empty()) {
      Terminal::detect(env, ColorMode::kAuto).out(general_help());
      return 0;
    }
    JavaScriptRun run;
    run.mode = kLodeRuntimeStdin;
    run.source = std::move(*source);
    run.source_name = "[stdin]";
    if (explicit_stdin) run.args.assign(front->positionals.begin() + 1, front->positionals.end());
    run.args.insert(run.args.end(), front->rest.begin(), front->rest.end());
    return run_javascript_front(*front, env, self_exe, json, level, std::move(run));
  }
  if (front->positionals.empty()) {
    Terminal::detect(env, ColorMode::kAuto).out(general_help());
    return 0;
  }

  const std::string& name = front->positionals.front();
  const CommandSpec* command = find_command(name);
  if (!command) {
    // `lode <script>`: a package.json script of the project, when no command has the name.
    if (project_has_script(name)) {
      std::vector<std::string> with_run(args.begin(), args.begin() + static_cast<long>(front->first_positional));
      with_run.push_back("run");
      with_run.insert(with_run.end(), args.begin() + static_cast<long>(front->first_positional), args.end());
      return run_cli(with_run, std::move(env), self_exe);
    }
    if (names_a_script_file(name)) {
      JavaScriptRun run;
      run.mode = kLodeRuntimeFile;
      run.script = name;
      run.args.assign(front->positionals.begin() + 1, front->positionals.end());
      run.args.insert(run.args.end(), front->rest.begin(), front->rest.end());
      return run_javascript_front(*front, env, self_exe, json, level, std::move(run));
    }
    return report(unknown_command(name), env, json, level);
  }

  std::span<const std::string> command_args = args.subspan(front->first_positional + 1);
  ParseRules rules{command->options, global_options(), command->positional_mode, true};
  Result<ParsedArgs> parsed = parse_args(command_args, rules);
  if (!parsed) return report(parsed.error().with_hint(parsed.error().hint.empty()
                                                          ? "run `lode help " + std::string(command->name) + "`"
                                                          : parsed.error().hint),
                             env, json, level);
  merge_into(*parsed, *front);
  json = parsed->flag("json");
  level = log_level_from(*parsed).value_or(LogLevel::kNotice);

  if (parsed->flag("help")) {
    Terminal::detect(env, ColorMode::kAuto).out(command_help(*command));
    return 0;
  }
  if (json && !command->supports_json) {
    return report(Error{ErrorCode::kUsage, "--json is not supported by `lode " + std::string(command->name) + "`",
                        "", ""},
                  env, false, level);
  }
  Result<ContextOptions> options = context_options(*parsed, env, self_exe);
  if (!options) return report(options.error(), env, json, level);
  options->command = std::string(command->name);
  options->raw_args.assign(args.begin(), args.end());
  CommandContext context(std::move(*options));
  Result<int> status = command->run(context, *parsed);
  if (status) return *status;
  return report(status.error(), context.env(), json, context.logger().level());
}

}  // namespace lode::cli
