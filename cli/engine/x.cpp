// The engine side of `lode x`: install the packages into their cache folder, then run.
#include "base/process.h"
#include "cli/engine/handlers.h"
#include "resolver/exec_packages.h"
#include "resolver/lifecycle.h"

namespace lode::cli {

Result<int> run_x_command(CommandContext& context, const ParsedArgs& args) {
  Result<const Config*> config = context.config();
  if (!config) return std::unexpected(config.error());
  std::vector<std::string> specs = args.values("package");
  std::vector<std::string> rest(args.positionals.begin(), args.positionals.end());
  rest.insert(rest.end(), args.rest.begin(), args.rest.end());
  if (specs.empty()) {
    specs.push_back(rest.front());
    rest.erase(rest.begin());
  }
  ScriptContext scripts;
  scripts.config = *config;
  scripts.env = &context.env();
  scripts.self_exe = context.execpath();
  scripts.init_cwd = context.cwd();
  Result<ExecPackages> packages = prepare_exec_packages(**config, context.logger(), context.terminal(), specs, scripts);
  if (!packages) return std::unexpected(packages.error());
  fs::path bin = packages->dir / "node_modules" / ".bin";
  Environment env = context.env();
  env.set("PATH", bin.string() + ":" + script_path(context.cwd(), env.get("PATH").value_or("/usr/bin:/bin")));
  ProcessSpec spec;
  if (auto call = args.value("call")) {
    spec.argv = script_command(scripts, *call, rest);
  } else {
    std::string command;
    if (args.has("package")) {
      if (rest.empty()) return fail(ErrorCode::kUsage, "with -p, name the command to run", "", "lode x -p <package> <command> [args]");
      command = rest.front();
      rest.erase(rest.begin());
    } else {
      Result<std::string> chosen = default_command(packages->dir, packages->first_name);
      if (!chosen) return std::unexpected(chosen.error());
      command = *chosen;
    }
    spec.argv = {command};
    spec.argv.insert(spec.argv.end(), rest.begin(), rest.end());
  }
  spec.env = std::move(env);
  return fail(exec_process(spec));
}

}  // namespace lode::cli
