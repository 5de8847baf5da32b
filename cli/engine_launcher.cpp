#include "cli/engine_launcher.h"

#include <stdlib.h>

#include <optional>
#include <string>

#include "base/fs.h"
#include "base/process.h"
#include "base/strings.h"

namespace lode::cli {

namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kUserTunables = "LODE_USER_GLIBC_TUNABLES";
constexpr std::string_view kHugePages = "glibc.malloc.hugetlb=1";

// Whether this process was started by a restart for huge pages: the marker is in the
// environment it started with, which /proc/self/environ keeps after
// restore_user_tunables took it out of the live one.
bool restarted_for_huge_pages() {
  Result<std::string> initial = read_file("/proc/self/environ");
  if (!initial) return false;
  std::string marker = std::string(kUserTunables) + "=";
  for (std::string_view entry : split(*initial, '\0')) {
    if (entry.starts_with(marker)) return true;
  }
  return false;
}

// Whether the command resolves its graph from package documents rather than a lockfile.
bool resolves_from_documents(CommandContext& context) {
  std::string_view command = context.command();
  if (command == "update") return true;
  if (command != "install" && command != "add" && command != "remove") return false;
  Result<const Config*> config = context.config();
  if (!config) return false;  // the handler reports it
  std::error_code ec;
  return !fs::exists((*config)->project_dir() / "lode.lock", ec);
}

// Execs lode again with the same arguments and huge pages; returns only if that fails.
void restart_with_huge_pages(const CommandContext& context) {
  ProcessSpec spec;
  spec.argv = {context.self_exe().string()};
  spec.argv.insert(spec.argv.end(), context.raw_args().begin(), context.raw_args().end());
  spec.env = huge_page_environment(context.env());
  (void)exec_process(spec);
}

}  // namespace

Environment huge_page_environment(const Environment& env) {
  Environment result = env;
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
  CommandRun handler = engine_handler(context.command());
  if (!handler) return fail(ErrorCode::kInternal, "no handler for `lode " + context.command() + "`");
  if (resolves_from_documents(context) && !restarted_for_huge_pages()) restart_with_huge_pages(context);
  return handler(context, args);
}

}  // namespace lode::cli
