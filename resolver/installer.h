// `lode install` and its relatives (ci, add, remove, update): from package.json and
// lode.lock to a node_modules that node and every tool accept, a lockfile that reproduces
// it anywhere, and a record that makes the next unchanged install a few-millisecond no-op.
//
// Nothing on disk changes until resolution, the frozen-lockfile check and every download
// have succeeded: a malformed package.json or lockfile, a missing package, a registry
// error or an integrity mismatch leaves node_modules and lode.lock as they were.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "base/log.h"
#include "base/terminal.h"
#include "cache/linker.h"
#include "registry/config.h"
#include "resolver/installer_options.h"
#include "resolver/package_fetcher.h"

namespace lode {

struct InstallReport {
  bool up_to_date = false;
  int installed = 0;  // packages in node_modules now
  int added = 0;
  int changed = 0;
  int removed = 0;
  bool lockfile_written = false;
  std::vector<std::string> warnings;         // peers, deprecations, platforms
  std::vector<std::string> notes;            // optional packages left out
  int skipped_for_platform = 0;              // optional packages for other platforms
  std::vector<std::string> scripts_blocked;  // "name@version": install scripts not run
  FetcherStats fetch;
  int documents = 0;
};

// Opens the cache and network as an install uses them (as many unpacking threads as cores).
// Fails as FetchSession::open does.
Result<FetchSession> open_install_session(const Config& config, const Logger& logger,
                                          IndexOpening index_opening = IndexOpening::kNow);

// Installs the project at options.project_dir. Errors name the file, URL or package.
Result<InstallReport> install_project(const Config& config, const Logger& logger, const Terminal& terminal,
                                      const InstallOptions& options);

}  // namespace lode
