// The node_modules tree as it really is on disk, read the way node resolves modules: each
// dependency of each package found by walking up through node_modules folders, and
// checked against the range that asked for it and against lode.lock. `lode ls` prints it;
// its problems (missing, invalid, extraneous) make `lode ls` exit 1, as `npm ls` does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "resolver/dependency_graph.h"

namespace lode {

struct InstalledNode {
  std::string name;      // the folder name
  std::string version;   // from its package.json ("" when missing)
  std::string path;      // relative to the project ("" for the project itself)
  std::string spec;      // the range the parent asked for
  std::string kind;      // "dependency", "devDependency", "optionalDependency", "peerDependency"
  bool missing = false;  // not found anywhere node would look
  bool invalid = false;  // found, but its version does not satisfy `spec`
  bool deduped = false;  // already shown higher in the tree (its children are not repeated)
  std::vector<InstalledNode> children;
};

struct InstalledTree {
  InstalledNode root;
  std::vector<std::string> problems;  // one line each: "missing: a@^1.0.0, required by b@2.0.0"
};

// Reads the project at `project_dir`. `depth` limits how far dependencies are listed
// (problems are found at every depth). `locked`, when given, adds "locked" problems for
// packages whose version differs from lode.lock's. Fails only when the project's own
// package.json cannot be read.
Result<InstalledTree> read_installed_tree(const fs::path& project_dir, size_t depth, const DependencyGraph* locked);

}  // namespace lode
