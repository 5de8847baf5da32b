#include "resolver/script_runner.h"

#include "base/process.h"
#include "base/strings.h"

namespace lode {

namespace {

ProcessSpec script_spec(const ScriptRunRequest& request, std::string_view event, std::string_view body,
                        std::span<const std::string> args) {
  ProcessSpec spec;
  spec.argv = script_command(request.context, body, args);
  spec.env = script_environment(request.context, *request.package, request.package_dir, event, body);
  spec.cwd = request.package_dir;
  return spec;
}

void announce(const ScriptRunRequest& request, const Terminal& terminal, std::string_view event, std::string_view body,
              std::span<const std::string> args) {
  if (!request.announce) return;
  std::string command(body);
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  std::string who = request.package->name.empty() ? "" : request.package->name + "@" + request.package->version + " ";
  terminal.err(terminal.paint(Stream::kErr, Style::kDim, "> " + who + std::string(event) + "\n> " + command) + "\n");
}

}  // namespace

std::string list_scripts(const PackageJson& package) {
  std::string who = package.name.empty() ? "this package" : package.name + "@" + package.version;
  if (package.scripts.empty()) return "no scripts in " + who + "\n";
  std::string out = "Scripts in " + who + ":\n";
  for (const auto& [name, body] : package.scripts) out += "  " + name + "\n    " + body + "\n";
  return out;
}

Result<int> run_package_script(const ScriptRunRequest& request, const Terminal& terminal) {
  const PackageJson& package = *request.package;
  std::optional<std::string_view> main = package.script(request.script);
  if (!main) {
    if (request.if_present) return 0;
    std::vector<std::string> names;
    for (const auto& [name, body] : package.scripts) names.push_back(name);
    std::vector<std::string> close = close_matches(request.script, names, 3);
    std::string hint = close.empty() ? (names.empty() ? "package.json has no scripts"
                                                      : "scripts here: " + join(names, ", "))
                                     : "did you mean " + join(close, ", ") + "? (scripts here: " + join(names, ", ") + ")";
    return fail(ErrorCode::kNotFound, "missing script: " + request.script, (request.package_dir / "package.json").string(),
                hint);
  }
  std::string pre_name = "pre" + request.script;
  std::string post_name = "post" + request.script;
  if (std::optional<std::string_view> pre = package.script(pre_name)) {
    announce(request, terminal, pre_name, *pre, {});
    Result<int> status = run_foreground(script_spec(request, pre_name, *pre, {}));
    if (!status) return status;
    if (*status != 0) return *status;
  }
  std::optional<std::string_view> post = package.script(post_name);
  announce(request, terminal, request.script, *main, request.args);
  ProcessSpec main_spec = script_spec(request, request.script, *main, request.args);
  if (!post && request.finish == ScriptFinish::kExecWhenLast) return fail(exec_process(main_spec));
  Result<int> status = run_foreground(main_spec);
  if (!status) return status;
  if (*status != 0 || !post) return *status;
  announce(request, terminal, post_name, *post, {});
  return run_foreground(script_spec(request, post_name, *post, {}));
}

}  // namespace lode
