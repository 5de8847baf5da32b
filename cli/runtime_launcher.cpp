#include "cli/runtime_launcher.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/shared_library.h"
#include "build_info.h"
#include "cli/context.h"

namespace lode::cli {

Result<fs::path> find_runtime_module(const fs::path& self_exe, const Environment& env) {
  if (auto override_path = env.get("LODE_RUNTIME_MODULE"); override_path && !override_path->empty()) {
    return fs::path(*override_path);
  }
  if (std::optional<fs::path> found =
          find_lode_module(self_exe.parent_path(), LODE_RUNTIME_MODULE, "runtime", LODE_RUNTIME_INSTALL_DIR)) {
    return *found;
  }
  return fail(ErrorCode::kRuntime, "cannot find the JavaScript runtime module " LODE_RUNTIME_MODULE,
              "looked next to " + self_exe.string(),
              "reinstall lode, or set LODE_RUNTIME_MODULE to the module's path");
}

namespace {

std::vector<const char*> pointers(const std::vector<std::string>& values) {
  std::vector<const char*> out;
  out.reserve(values.size() + 1);
  for (const std::string& value : values) out.push_back(value.c_str());
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<int> run_javascript(const fs::path& self_exe, const Environment& env, const JavaScriptRun& run) {
  Result<fs::path> module_path = find_runtime_module(self_exe, env);
  if (!module_path) return std::unexpected(module_path.error());
  // Never closed: V8 keeps process-wide state until exit.
  void* module = ::dlopen(module_path->c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!module) {
    return fail(ErrorCode::kRuntime, std::string("cannot load the JavaScript runtime: ") + ::dlerror(),
                module_path->string(), "run scripts/bootstrap to install V8 (libnode108), then rebuild");
  }
  auto entry = reinterpret_cast<LodeRuntimeMain>(::dlsym(module, kLodeRuntimeEntrySymbol));
  if (!entry) {
    return fail(ErrorCode::kRuntime, "the runtime module has no entry point", module_path->string(),
                "rebuild lode: the module does not belong to this binary");
  }
  std::vector<const char*> argv = pointers(run.args);
  std::vector<const char*> exec_argv = pointers(run.exec_argv);
  std::vector<std::string> env_entries = env.to_entries();
  std::vector<const char*> envp = pointers(env_entries);
  std::string exec_path = run.exec_path.empty() ? self_exe.string() : run.exec_path.string();
  std::string argv0 = run.argv0.empty() ? exec_path : run.argv0;
  fs::path cwd = run.cwd;
  if (cwd.empty()) {
    Result<fs::path> current = current_directory();
    if (current) cwd = *current;
  }
  std::string cwd_text = cwd.string();
  std::string cache_text = run.cache_dir.string();

  LodeRuntimeRequest request{};
  request.abi_version = kLodeRuntimeAbiVersion;
  request.mode = run.mode;
  request.source = run.source.c_str();
  request.source_name = run.source_name.c_str();
  request.script = run.script.c_str();
  request.argc = static_cast<int32_t>(run.args.size());
  request.argv = argv.data();
  request.exec_path = exec_path.c_str();
  request.argv0 = argv0.c_str();
  request.exec_argc = static_cast<int32_t>(run.exec_argv.size());
  request.exec_argv = exec_argv.data();
  request.envc = static_cast<int32_t>(env_entries.size());
  request.envp = envp.data();
  request.cwd = cwd_text.c_str();
  request.cache_dir = cache_text.empty() ? nullptr : cache_text.c_str();
  request.flags = run.as_node ? kLodeRuntimeAsNode : kLodeRuntimeNoFlags;
  return entry(&request);
}

Result<int> run_script_file(CommandContext& context, const std::string& script, std::vector<std::string> args) {
  JavaScriptRun run;
  run.mode = kLodeRuntimeFile;
  run.script = script;
  run.args = std::move(args);
  run.cwd = context.cwd();
  if (Result<const Config*> config = context.config()) run.cache_dir = (*config)->cache_dir();
  return run_javascript(context.self_exe(), context.env(), run);
}

bool names_a_script_file(std::string_view word) {
  for (std::string_view extension : {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"}) {
    if (word.ends_with(extension)) return true;
  }
  std::error_code ec;
  return word.find('/') != std::string_view::npos && fs::is_regular_file(fs::path(word), ec);
}

Result<std::string> read_stdin() {
  std::string text;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(system_error(ErrorCode::kIo, "cannot read the script from stdin", "stdin", errno));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  return text;
}

bool stdin_holds_input() {
  struct stat info {};
  if (::fstat(STDIN_FILENO, &info) != 0) return false;
  return S_ISFIFO(info.st_mode) || S_ISREG(info.st_mode);
}

}  // namespace lode::cli
