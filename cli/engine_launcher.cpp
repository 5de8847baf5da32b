#include "cli/engine_launcher.h"

#include <malloc.h>
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

// Package-manager commands allocate and free many buffers of 128 KiB to a few MiB
// (response bodies, their padded copies for the parser, decoded documents, tarballs).
// Above glibc's mmap threshold each is a fresh mapping whose every page faults on first
// touch: two thirds of the main thread's time while a clean install decodes its first
// package documents, holding back the requests for the next ones. Kept in the heap and not
// trimmed, freed buffers are reused instead (web, clean install: 1.70 -> 1.58 s; api from
// a lockfile with no cache: 0.72 -> 0.66 s). 32 MiB is the largest threshold glibc takes.
void keep_large_buffers_in_heap() {
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 512 << 20);
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
  keep_large_buffers_in_heap();
  return handler(context, args);
}

}  // namespace lode::cli
