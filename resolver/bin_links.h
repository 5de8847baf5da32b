// node_modules/.bin: a link for every command of every installed package, in the .bin of
// the node_modules folder the package sits in (so bins of packages lower in the tree go in
// their own .bin), pointing at the file relative to the link and marked executable.
// Links are compared with what is there: only missing or different ones are written, and
// links no package claims any more are removed.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "resolver/layout.h"

namespace lode {

struct BinLink {
  std::string link;    // project-relative: "node_modules/.bin/tsc"
  std::string target;  // the link's text: "../typescript/bin/tsc"
  std::string file;    // project-relative path of the command file (made executable)
};

// The commands of the package at a placement (command → path inside the package).
using BinLister = std::function<std::vector<std::pair<std::string, std::string>>(uint32_t placement)>;

// The links `layout` wants. The project's direct dependencies claim names first, then
// the other packages in path order; a name already claimed in a .bin folder is skipped.
// Command names are reduced to a plain file name; paths that leave the package are skipped.
std::vector<BinLink> plan_bin_links(const Layout& layout, const BinLister& bins_of);

struct BinLinkStats {
  int created = 0;
  int removed = 0;
};

// Makes the .bin folders under `project` match `links`.
Result<BinLinkStats> apply_bin_links(const fs::path& project, const std::vector<BinLink>& links);

}  // namespace lode
