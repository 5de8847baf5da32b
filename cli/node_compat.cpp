#include "cli/node_compat.h"

#include <cstdio>
#include <optional>

#include "base/process.h"
#include "base/terminal.h"
#include "build_info.h"
#include "cli/context.h"
#include "cli/runtime_launcher.h"

namespace lode::cli {

namespace {

constexpr std::string_view kUsage =
    "Usage: node [options] [ script.js ] [arguments]\n"
    "       node [options] -e|--eval <script> [arguments]\n"
    "       node [options] -p|--print <script> [arguments]\n"
    "       node [options] - [arguments]\n"
    "\n"
    "This node is lode's JavaScript runtime (Node API v" LODE_NODE_VERSION ").\n"
    "\n"
    "Options:\n"
    "  -e, --eval <script>    evaluate script\n"
    "  -p, --print <script>   evaluate script and print result\n"
    "  -r, --require <module> module to preload\n"
    "  -v, --version          print the Node.js version lode provides\n"
    "  -h, --help             print this help\n"
    "  -                      script read from stdin\n"
    "  --                     indicate the end of node options\n";

// Options that take their value as the next argument when not given as --name=value.
bool takes_value(std::string_view option) {
  return option == "-r" || option == "--require" || option == "--import" || option == "--loader" ||
         option == "--experimental-loader" || option == "--input-type" || option == "--conditions" ||
         option == "-C" || option == "--title" || option == "--inspect-port" || option == "--env-file";
}

// The executable path tools should spawn to get node again: argv[0] when it names a
// file, else the `node` found on PATH; lode's own path as the last resort.
fs::path node_exec_path(std::string_view argv0, const Environment& env, const fs::path& self_exe) {
  std::error_code ec;
  if (argv0.find('/') != std::string_view::npos) return fs::absolute(fs::path(argv0), ec).lexically_normal();
  if (auto found = find_in_path(argv0, env.get_or("PATH", ""))) return *found;
  return self_exe;
}

}  // namespace

bool invoked_as_node(std::string_view argv0) {
  std::string name = fs::path(argv0).filename().string();
  return name == "node" || name == "nodejs";
}

int run_as_node(std::span<const std::string> args, Environment env, const fs::path& self_exe, std::string_view argv0) {
  JavaScriptRun run;
  run.as_node = true;
  run.exec_path = node_exec_path(argv0, env, self_exe);
  run.argv0 = std::string(argv0);
  std::optional<std::string> eval;
  std::optional<std::string> print;
  bool from_stdin = false;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "-") {
      from_stdin = true;
      ++i;
      break;
    }
    if (arg.empty() || arg[0] != '-') break;
    if (arg == "-v" || arg == "--version") {
      std::fputs("v" LODE_NODE_VERSION "\n", stdout);
      return 0;
    }
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    if (arg == "-e" || arg == "--eval" || arg == "-p" || arg == "--print" || arg == "-pe") {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "%s: %s requires an argument\n", std::string(argv0).c_str(), arg.c_str());
        return 9;
      }
      (arg == "-e" || arg == "--eval" ? eval : print) = args[++i];
      continue;
    }
    if (arg.starts_with("--eval=")) {
      eval = arg.substr(7);
      continue;
    }
    if (arg.starts_with("--print=")) {
      print = arg.substr(8);
      continue;
    }
    run.exec_argv.push_back(arg);
    if (takes_value(arg) && i + 1 < args.size()) run.exec_argv.push_back(args[++i]);
  }
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(std::min(i, args.size())), args.end());

  Result<fs::path> cwd = current_directory();
  if (cwd) run.cwd = *cwd;
  ContextOptions options;
  options.env = env;
  options.cwd = run.cwd;
  options.self_exe = self_exe;
  CommandContext context(std::move(options));
  if (Result<const Config*> config = context.config()) run.cache_dir = (*config)->cache_dir();

  if (eval || print) {
    run.mode = print ? kLodeRuntimePrint : kLodeRuntimeEval;
    run.source = print ? *print : *eval;
    run.source_name = "[eval]";
    run.args = std::move(rest);
  } else if (!rest.empty() && !from_stdin) {
    run.mode = kLodeRuntimeFile;
    run.script = rest.front();
    run.args.assign(rest.begin() + 1, rest.end());
  } else {
    if (!from_stdin && !stdin_holds_input()) {
      std::fprintf(stderr, "%s: lode provides no REPL; give a script, -e <code> or pipe code to stdin\n",
                   std::string(argv0).c_str());
      return 9;
    }
    Result<std::string> source = read_stdin();
    if (!source) {
      std::fprintf(stderr, "%s: %s\n", std::string(argv0).c_str(), describe(source.error()).c_str());
      return 1;
    }
    run.mode = kLodeRuntimeStdin;
    run.source = std::move(*source);
    run.source_name = "[stdin]";
    run.args = std::move(rest);
  }
  Result<int> status = run_javascript(self_exe, env, run);
  if (!status) {
    std::fprintf(stderr, "%s: %s\n", std::string(argv0).c_str(), describe(status.error()).c_str());
    return 1;
  }
  return *status;
}

}  // namespace lode::cli
