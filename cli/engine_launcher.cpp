#include "cli/engine_launcher.h"

#include <malloc.h>

namespace lode::cli {

namespace {

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

Result<int> run_in_engine(CommandContext& context, const ParsedArgs& args) {
  CommandRun handler = engine_handler(context.command());
  if (!handler) return fail(ErrorCode::kInternal, "no handler for `lode " + context.command() + "`");
  keep_large_buffers_in_heap();
  return handler(context, args);
}

}  // namespace lode::cli
