// Reify: make node_modules match a layout, touching only what changed.
//
// Each placed package is compared with the install record: folders holding the right
// content stay as they are; others are removed, and missing ones are assembled from the
// store (cache/linker.h), or taken ready-made from the staged folders, and renamed into
// place, parents before children, several at a time. Every change is journaled as it
// happens, so an install killed half-way is finished correctly by the next one. Local
// folders (file:, link:) become symbolic links. Finally the .bin folders are brought in
// line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "base/worker_pool.h"
#include "cache/linker.h"
#include "cache/store.h"
#include "resolver/dependency_graph.h"
#include "resolver/install_state.h"
#include "resolver/layout.h"
#include "resolver/staging.h"

namespace lode {

struct ReifyInput {
  fs::path project_dir;
  const DependencyGraph* graph = nullptr;
  const Layout* layout = nullptr;
  // The store key holding each installable node's files (registry, remote, file nodes).
  std::function<std::string(NodeId)> store_key_of;
  Store* store = nullptr;
  LinkMode link_mode = LinkMode::kAuto;
  // What the record says is installed now (nullopt: no record, so nothing is trusted).
  const std::optional<InstallState>* previous = nullptr;
  // Folders assembled ahead (resolver/staging.h): one whose content matches is renamed
  // into place instead of linked.
  const StagedFolders* staged = nullptr;
  // node_modules was made by this install (resolver/staging.h): what it holds was put
  // there for this layout, so there is nothing foreign to prune (2,237 top-level folders
  // listed for nothing in alotta-packages: ~5 ms).
  bool fresh_node_modules = false;
};

struct ReifyReport {
  int added = 0;      // package folders that were not there
  int changed = 0;    // replaced with other content
  int removed = 0;    // no longer wanted
  int unchanged = 0;  // left untouched
  uint64_t files_linked = 0;
  int staged = 0;     // added or changed from a folder staged while fetching
  int in_place = 0;   // of those, made in place (a new node_modules): no rename
  std::vector<std::string> placed;          // paths written this time (added or changed)
  std::vector<InstalledPackage> installed;  // the new record, sorted by path
};

// Applies the layout. Fails (kIo) naming the path that could not be written; what was
// done so far is journaled, so running install again completes the job.
Result<ReifyReport> reify(const ReifyInput& input, WorkerPool& pool);

}  // namespace lode
