#include "cli/runtime_launcher.h"

#include <dlfcn.h>

#include "build_info.h"

namespace lode::cli {

Result<fs::path> find_runtime_module(const fs::path& self_exe, const Environment& env) {
  if (auto override_path = env.get("LODE_RUNTIME_MODULE"); override_path && !override_path->empty()) {
    return fs::path(*override_path);
  }
  fs::path dir = self_exe.parent_path();
  const fs::path candidates[] = {
      dir / LODE_RUNTIME_MODULE,
      dir / "runtime" / LODE_RUNTIME_MODULE,
      dir.parent_path() / "lib" / "lode" / LODE_RUNTIME_MODULE,
      fs::path(LODE_RUNTIME_INSTALL_DIR) / LODE_RUNTIME_MODULE,
  };
  std::error_code ec;
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate, ec)) return candidate;
  }
  return fail(ErrorCode::kRuntime, "cannot find the JavaScript runtime module " LODE_RUNTIME_MODULE,
              "looked next to " + self_exe.string(),
              "reinstall lode, or set LODE_RUNTIME_MODULE to the module's path");
}

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
  std::vector<const char*> argv;
  for (const std::string& arg : run.args) argv.push_back(arg.c_str());
  LodeRuntimeRequest request{};
  request.abi_version = kLodeRuntimeAbiVersion;
  request.mode = run.mode;
  request.source = run.source.c_str();
  request.source_name = run.source_name.c_str();
  request.argc = static_cast<int32_t>(argv.size());
  request.argv = argv.data();
  return entry(&request);
}

}  // namespace lode::cli
