// Migration from npm: package-lock.json (lockfileVersion 2 or 3) or npm-shrinkwrap.json
// read into a DependencyGraph. With no lode.lock, install starts from it: npm's versions
// are kept wherever they satisfy package.json, so switching to lode changes nothing that
// does not have to change.
#pragma once

#include <string_view>

#include "base/error.h"
#include "base/fs.h"
#include "resolver/dependency_graph.h"
#include "resolver/lockfile.h"

namespace lode {

// The graph npm's lockfile describes. Each package's dependencies are found the way node
// finds them in the tree the lockfile records; `registry` gives the usual tarball URL of
// entries npm wrote without one. Fails (kParse) on JSON errors and (kUnsupported)
// for lockfileVersion 1, naming the file.
Result<DependencyGraph> read_npm_lockfile(std::string_view text, const fs::path& path, const RegistryLookup& registry);

}  // namespace lode
