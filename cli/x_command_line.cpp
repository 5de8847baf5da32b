#include "cli/x_command_line.h"

#include "base/process.h"

namespace lode::cli {

XCommandLine split_x_command_line(const ParsedArgs& args) {
  XCommandLine line;
  line.specs = args.values("package");
  line.rest.assign(args.positionals.begin(), args.positionals.end());
  line.rest.insert(line.rest.end(), args.rest.begin(), args.rest.end());
  if (line.specs.empty() && !line.rest.empty()) {
    line.specs.push_back(line.rest.front());
    line.rest.erase(line.rest.begin());
  }
  return line;
}

ScriptContext x_script_context(CommandContext& context, const Config& config) {
  ScriptContext scripts;
  scripts.config = &config;
  scripts.env = &context.env();
  scripts.self_exe = context.self_exe();
  scripts.init_cwd = context.cwd();
  return scripts;
}

Result<int> exec_x_command(CommandContext& context, const ParsedArgs& args, const ExecPackages& packages,
                           std::vector<std::string> rest, const ScriptContext& scripts) {
  Environment env = context.env();
  std::string path = script_path(context.cwd(), env.get("PATH").value_or("/usr/bin:/bin"));
  if (!packages.dir.empty()) path = (packages.dir / "node_modules" / ".bin").string() + ":" + path;
  env.set("PATH", path);
  ProcessSpec spec;
  if (auto call = args.value("call")) {
    spec.argv = script_command(scripts, *call, rest);
  } else {
    std::string command;
    if (args.has("package")) {
      if (rest.empty()) {
        return fail(ErrorCode::kUsage, "with -p, name the command to run", "", "lode x -p <package> <command> [args]");
      }
      command = rest.front();
      rest.erase(rest.begin());
    } else {
      Result<std::string> chosen = default_command(packages.dir, packages.first_name);
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
