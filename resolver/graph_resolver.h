// Resolution: from a project's package.json to its full dependency graph.
//
// Decisions are made in one fixed order (breadth first from the root, edges by name), so
// the same inputs give the same graph whatever order the registry answers in. Documents are
// fetched in parallel ahead of the decisions: as each arrives, lode guesses the version it
// will pick and asks for that version's dependencies' documents, so the waterfall is the
// graph's depth, not its size.
//
// For each dependency edge: a version already chosen that satisfies it is reused (dedupe);
// otherwise a locked version that satisfies it; otherwise the registry's pick (the latest
// tag when it satisfies, else the highest satisfying version, preferring non-deprecated
// ones). Peer dependencies are resolved like dependencies (npm 7+ installs them). Optional
// peers (peerDependenciesMeta optional) wait until the rest is resolved and never bring a
// version of their own (npm would call it extraneous): the edge points at the highest
// version in the graph its range accepts, else at nothing. Overrides replace specifiers; optional dependencies that cannot be resolved are left out with a
// note. Optional packages of every platform are resolved: filtering is install's job.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "base/log.h"
#include "base/progress.h"
#include "base/teardown.h"
#include "cache/store.h"
#include "resolver/dependency_graph.h"
#include "resolver/install_check.h"
#include "resolver/package_fetcher.h"
#include "resolver/package_json.h"
#include "resolver/workspaces.h"

namespace lode {

struct ResolveOptions {
  // The project's workspaces (linked at the top, and wherever their names are asked for
  // with a range they satisfy or "workspace:"); nullptr when it has none.
  const WorkspaceSet* workspaces = nullptr;
  // The lockfile's graph: its versions are kept wherever they still satisfy.
  const DependencyGraph* locked = nullptr;
  // Names whose locked versions are ignored (`lode update <name>`).
  std::vector<std::string> update;
  // Root dependencies to resolve with another specifier this time (`lode add x@1.0.0`
  // saves ^1.0.0 but installs 1.0.0): name → specifier. The graph keeps package.json's.
  std::vector<std::pair<std::string, std::string>> root_pins;
  // Whose dependencies root_pins are: a workspace's folder (absolute), or empty for the root.
  fs::path pins_folder;
  // Called as soon as a node is final, so its tarball can be fetched while resolution goes
  // on, with the node whose edge found it first (kRootNode for the project's own).
  std::function<void(const DependencyGraph&, NodeId id, NodeId parent)> on_node;
  // kLeaveToExit: the resolver's caches (documents' version lists, parsed specifiers) are
  // left to the process's exit rather than freed on return (base/teardown.h).
  Teardown teardown = Teardown::kFree;
};

struct Resolution {
  DependencyGraph graph;             // flags computed
  std::vector<std::string> notes;    // optional dependencies left out, and why
  int documents_fetched = 0;         // documents resolution needed (0 with a complete lockfile)
  // The package.json of each `file:` folder inside the project whose dependencies were
  // resolved, as read, by path.
  std::vector<LocalManifest> local_manifests;
};

// Resolves `project` (whose folder is `project_dir`). Fails with the first error of a
// required dependency, naming what required it.
Result<Resolution> resolve_graph(const PackageJson& project, const fs::path& project_dir, PackageFetcher& fetcher,
                                 Store& store, const Logger& logger, const ResolveOptions& options,
                                 Progress* progress);

}  // namespace lode
