// Is node_modules' top as lode left it? The no-op check (install_state.h) records a
// signature of it after each install and compares before trusting the record:
//
// - the fingerprint: a hash of the name, inode number and modification time of every
//   package folder at node_modules' top and in its scope folders, and of .bin. A folder
//   added, removed or made anew by hand changes it; the caches tools keep in dot folders
//   (.vite, .cache, .tmp) do not. A listing and a stat per entry: ~1.5 ms for 150 packages.
// - the quick signature: the modification times of node_modules and of each scope folder,
//   one stat each. When they are as recorded, no entry was added, removed or renamed, and
//   the fingerprint need not be computed. A tool's dot folder changes node_modules' time
//   (the fingerprint then decides, and the record is refreshed). File times are coarse
//   (a clock tick of several ms), so a change made within the tick of the recording could
//   leave them as they were: a quick signature is recorded only once it has settled, its
//   times older than a file written after them (the file system's clock had moved past
//   them then, so any later change gets a later time), or else a second old: by the
//   install itself (against its state file, written before it signs the tree), or else by
//   the first check after it (against the install's last file).
#pragma once

#include <string>

#include "base/fs.h"

namespace lode {

struct TreeSignature {
  std::string fingerprint;
  std::string quick;
};

// The signature of `node_modules` now (empty fields when it cannot be read).
TreeSignature sign_tree(const fs::path& node_modules);

enum class TreeMatch {
  kQuick,    // unchanged, by the quick signature
  kFull,     // unchanged, by the fingerprint; the recorded quick signature is stale or none
  kChanged,  // a package folder was added, removed or replaced
};

struct TreeComparison {
  TreeMatch match = TreeMatch::kChanged;
  std::string settled_quick;  // with kFull: the quick signature to record now, if settled
};

// Whether a change made from now on gets a later time than each time in `quick`: they are
// older than the time of `written_after` (a file written after they were taken; not
// trusted from the future) or, by the system clock, a second old.
bool quick_signature_settled(const std::string& quick, const fs::path& written_after);

// Compares node_modules with `recorded`: the quick signature first, then the fingerprint.
// `written_after` names a file written after the tree (the install's record), whose time
// settles the quick signature sooner; empty or missing: the one-second rule alone.
TreeComparison match_tree(const fs::path& node_modules, const TreeSignature& recorded,
                          const fs::path& written_after = {});

}  // namespace lode
