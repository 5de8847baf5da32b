// Materialises a stored package in a project: its files, from the store, as reflinks where
// the file system can (independent copies that share blocks), else hard links, else plain
// copies (across file systems, or always with --copy). The package is assembled in a
// scratch folder and renamed into place, so it appears complete or not at all (or, for a
// target in a private folder, assembled in place).
#pragma once

#include <atomic>
#include <span>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "cache/index.h"

namespace lode {

enum class LinkMode {
  kAuto,  // reflink, else hard link, else copy
  kCopy,  // reflink, else copy: never share inodes with the store
};

// What the file system turned out to support, learnt on the first files and shared by
// the threads linking packages, so failing calls are not repeated for every file.
struct LinkCapabilities {
  std::atomic<bool> reflink{true};
  std::atomic<bool> hardlink{true};
};

struct LinkStats {
  std::atomic<uint64_t> reflinked{0};
  std::atomic<uint64_t> hardlinked{0};
  std::atomic<uint64_t> copied{0};
};

struct LinkRequest {
  fs::path source;                  // the package folder in the store
  const std::vector<StoredFile>* files = nullptr;
  fs::path target;                  // where it goes (must not exist; its parent must)
  // A folder on the target's file system where the package is assembled, then renamed to
  // `target`. Empty: assembled at `target` itself, for a target no one else looks at
  // before the caller moves it (it is removed again if linking fails).
  fs::path scratch;
  LinkMode mode = LinkMode::kAuto;
};

// Creates `request.target`. Fails (kIo) naming the file that could not be made; nothing is
// left at the target then.
Result<void> link_package(const LinkRequest& request, LinkCapabilities& capabilities, LinkStats& stats);

// A large package linked in parts, on several threads at once (no scratch folder): first
// make_package_folders, then link_package_files for each part of request.files.

// Creates `request.target` and every folder its files go in. Fails (kIo) naming the
// folder that could not be made; nothing is left at the target then.
Result<void> make_package_folders(const LinkRequest& request);

// Links `files` (a part of request.files) into `request.target`, whose folders exist.
// Fails (kIo) naming the file that could not be made; what was made stays (the caller
// removes the target).
Result<void> link_package_files(const LinkRequest& request, std::span<const StoredFile> files,
                                LinkCapabilities& capabilities, LinkStats& stats);

}  // namespace lode
