// What an install is asked to do: the options of install, ci, add, remove and update.
// Separate from installer.h so light code (the no-op check, `lode run`) can speak of an
// install without depending on the machinery.
#pragma once

#include <string>
#include <vector>

#include "base/fs.h"
#include "base/teardown.h"
#include "cache/linker.h"
#include "resolver/lifecycle.h"

namespace lode {

struct FetchSession;

enum class LockfileMode {
  kUpdate,  // write lode.lock when the result differs from it
  kFrozen,  // fail, changing nothing, if package.json and lode.lock disagree (lode ci)
};

struct InstallOptions {
  fs::path project_dir;
  // The workspace of project_dir the command was run in (empty: the project itself): lode
  // add, remove, update and trust edit its package.json, and `pins` are its dependencies.
  fs::path workspace_dir;
  LockfileMode lockfile = LockfileMode::kUpdate;
  bool clean = false;  // remove node_modules first (lode ci)
  bool force = false;  // install even when the record says nothing changed
  bool omit_dev = false;
  bool omit_optional = false;
  bool omit_peer = false;
  bool ignore_scripts = false;
  bool strict_peer_deps = false;
  LinkMode link_mode = LinkMode::kAuto;
  std::vector<std::string> update;  // names whose locked versions are re-resolved
  // Root dependencies resolved with another specifier this time: name → spec (lode add).
  std::vector<std::pair<std::string, std::string>> pins;
  // Packages whose install scripts run even if they were not (re)installed now (lode trust).
  std::vector<std::string> rerun_scripts;
  bool update_all = false;
  // An open cache and network to use instead of opening them again: lode add and update
  // open one to pick versions, and the documents they read stay decoded. Not owned.
  FetchSession* session = nullptr;
  ScriptContext scripts;  // for lifecycle scripts (config, env, execpath, INIT_CWD)
  // kLeaveToExit when the process ends after the install (the CLI): its large structures
  // are not freed piece by piece (base/teardown.h).
  Teardown teardown = Teardown::kFree;
  // The command line of a process that copies the cache index's write-ahead log into its
  // file once this one is done with it (the CLI: `lode cache checkpoint --wait-for-stdin`),
  // started detached at the end when the log holds anything. Empty: this process copies it
  // itself, syncing as it does (libraries, tests).
  std::vector<std::string> index_checkpointer;
};

}  // namespace lode
