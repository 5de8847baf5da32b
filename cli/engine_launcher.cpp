#include "cli/engine_launcher.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "build_info.h"

namespace lode::cli {

Result<fs::path> engine_path(const CommandContext& context) {
  if (auto override_path = context.env().get("LODE_ENGINE"); override_path && !override_path->empty()) {
    return fs::path(*override_path);
  }
  fs::path dir = context.self_exe().parent_path();
  const fs::path candidates[] = {
      dir / "lode-engine",
      dir.parent_path() / "libexec" / "lode" / "lode-engine",
      fs::path(LODE_ENGINE_INSTALL_DIR) / "lode-engine",
  };
  std::error_code ec;
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate, ec)) return candidate;
  }
  return fail(ErrorCode::kNotFound, "cannot find lode-engine, which `lode " + context.command() + "` needs",
              "looked next to " + context.self_exe().string(), "reinstall lode, or set LODE_ENGINE to its path");
}

namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kUserTunables = "LODE_USER_GLIBC_TUNABLES";
constexpr std::string_view kHugePages = "glibc.malloc.hugetlb=1";

}  // namespace

Environment engine_environment(const Environment& env, const fs::path& lean_exe) {
  Environment result = env;
  result.set("LODE_EXECPATH", lean_exe.string());
  std::optional<std::string_view> user = env.get(kTunables);
  result.set(kUserTunables, user ? "set:" + std::string(*user) : "unset");
  result.set(kTunables, user && !user->empty() ? std::string(*user) + ":" + std::string(kHugePages)
                                                : std::string(kHugePages));
  return result;
}

void restore_user_tunables() {
  const char* saved = std::getenv(kUserTunables);
  if (saved == nullptr) return;
  std::string_view value(saved);
  if (value.starts_with("set:")) {
    ::setenv(kTunables, saved + 4, 1);
  } else {
    ::unsetenv(kTunables);
  }
  ::unsetenv(kUserTunables);
}

Result<int> run_in_engine(CommandContext& context, const ParsedArgs& args) {
  if (CommandRun handler = engine_handler(context.command())) return handler(context, args);
  Result<fs::path> engine = engine_path(context);
  if (!engine) return std::unexpected(engine.error());
  std::vector<std::string> argv = {engine->string()};
  argv.insert(argv.end(), context.raw_args().begin(), context.raw_args().end());
  std::vector<char*> pointers;
  for (std::string& arg : argv) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  // The engine reports the lean binary as npm_execpath, as it is what users call.
  Environment env = engine_environment(context.env(), context.self_exe());
  std::vector<std::string> entries = env.to_entries();
  std::vector<char*> envp;
  for (std::string& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::fflush(nullptr);
  ::execve(engine->c_str(), pointers.data(), envp.data());
  return std::unexpected(system_error(ErrorCode::kProcess, "cannot start lode-engine", engine->string(), errno));
}

}  // namespace lode::cli
