// Staging: package folders assembled while the downloads go on, so that reify only has to
// rename them into place.
//
// Each placement reify will have to make is wanted here; as soon as its package is in the
// store, worker threads link its files into a folder of node_modules/.lode/staged/. While
// resolution goes on the placements are not known yet: packages are then staged ahead, one
// folder each, and given their paths once the layout is computed. Linking thousands of files is most of reify's work, and the
// network leaves the processor idle while it waits: on a cold install the folders are
// ready when the last tarball lands. Nothing outside .lode/staged changes before reify, so
// an install that fails while fetching leaves node_modules as it was.
//
// Into a node_modules this stager made (there was none), top-level packages whose path is
// known are linked in place instead: nothing is there to keep as it was (a failure before
// reify removes the whole folder), and reify has no rename to make. Nested ones are still
// staged: their parent package's folder is being made at the same time.
//
// Staging is an optimisation only: a folder that could not be staged (a full disk, a
// package that failed to fetch) is simply absent from finish()'s answer, and reify links
// that placement itself, reporting any error then.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/fs.h"
#include "base/worker_pool.h"
#include "cache/linker.h"
#include "cache/store.h"

namespace lode {

// A folder staged for one placement (or the placement itself, made in place), and the
// store key of what it holds.
struct StagedFolder {
  fs::path folder;
  std::string content;
};

// Staged folders by placement path ("node_modules/a/node_modules/b").
using StagedFolders = std::unordered_map<std::string, StagedFolder>;

// Whether a package found before its place in node_modules is known is staged anyway.
enum class StageAhead {
  kNo,   // only wanted packages (the layout came first: an install from a lockfile)
  kYes,  // one folder per package as soon as it is stored, placed once the layout is known
};

class Stager {
 public:
  // Stages into `node_modules`/.lode/staged (made on first use) with `pool`'s threads.
  Stager(fs::path node_modules, Store& store, LinkMode mode, StageAhead ahead, WorkerPool& pool);
  // Waits for the workers, then removes the staged folders (and the node_modules folder
  // this stager made: all of it if finish() was not called, else if nothing else was put
  // in it).
  ~Stager();
  Stager(const Stager&) = delete;
  Stager& operator=(const Stager&) = delete;

  // Resolution found the package `node_key` (with StageAhead::kYes, before the layout is
  // known). Into a new node_modules, the first package found of each name is linked
  // straight to node_modules/<name> once stored: the layout mostly puts it there, and then
  // reify has no rename to make. A wrong guess (another version went there, or an alias's
  // name) is moved aside by finish().
  void expect(const std::string& node_key);

  // Wants the package `node_key` at `path`, before or after it is stored().
  void want(const std::string& node_key, const std::string& path);

  // `package` (the one `node_key` resolved to) is in the store: its wanted folders (with
  // StageAhead::kYes, at least one) are assembled on the workers. Takes package.files or
  // package.encoded_files the first time (the caller keeps the rest); later calls for the
  // same key do nothing. Main thread only (it may read the store's index).
  void stored(const std::string& node_key, StoredPackage& package);

  // Waits for the workers; the folders they finished for wanted paths. The stager still
  // owns them: reify moves the ones it uses, the destructor removes the rest (and those
  // staged ahead for packages the layout left out). Folders made in place are reify's.
  StagedFolders finish();

  // Whether node_modules did not exist and was made by this stager.
  bool made_node_modules() const { return made_node_modules_; }

 private:
  // A package's file list, decoded once by the first worker that needs it (one package
  // may be wanted at several paths).
  struct FileListOnce {
    std::string encoded;
    std::vector<StoredFile> decoded;
    std::once_flag once;
    bool usable = true;
    // The list, or nullptr when it is corrupt (reify then says what is wrong).
    const std::vector<StoredFile>* get();
  };
  // One package (node key): where it is wanted, what it holds, the folders made of it.
  struct Package {
    std::string guess;  // the top-level path expect() claimed for it, if any
    std::vector<std::string> paths;
    std::unique_ptr<FileListOnce> files;  // set once stored
    fs::path source;
    std::string content;  // its store key
    size_t started = 0;   // folders handed to the workers
    std::vector<fs::path> finished;  // staged ones; guarded by mutex_
    std::vector<std::string> finished_in_place;  // paths; guarded by mutex_
  };

  // A large package's folder, linked in parts by several workers; the last part to end
  // records the folder as finished, unless one of them failed.
  struct Split {
    Split(Package* owner, LinkRequest link, std::string path, size_t parts)
        : package(owner), request(std::move(link)), in_place_path(std::move(path)), parts_left(parts) {}
    Package* package;
    LinkRequest request;
    std::string in_place_path;
    std::atomic<size_t> parts_left;
    std::atomic<bool> failed{false};
  };

  bool prepare();
  // Makes .lode/staged on first use: into a new node_modules most folders are made in place.
  bool make_staged_dir();
  // Makes the scope folder of top-level `path`, if it has one and it is not made yet.
  bool make_scope_dir(std::string_view path);
  // Starts folders until `package` has one per wanted path (one at least when staging ahead).
  void top_up(Package& package);
  // On a worker: assembles `folder` from `package`, whole or (a large one) in parts; made
  // in place for `in_place_path` when that is not empty.
  void stage(Package& package, const fs::path& folder, const std::string& in_place_path);
  // Records a finished folder (under mutex_).
  void finished(Package& package, const fs::path& folder, const std::string& in_place_path);
  void link_part(Split& split, size_t part);
  void task_done();
  void wait_idle();

  fs::path node_modules_;
  fs::path staged_dir_;
  Store& store_;
  LinkMode mode_;
  StageAhead ahead_;
  WorkerPool& pool_;
  bool prepared_ = false;
  bool usable_ = true;
  bool made_node_modules_ = false;
  bool made_record_ = false;
  bool made_staged_dir_ = false;
  std::unordered_set<std::string> made_scopes_;  // "node_modules/@s"
  std::unordered_set<std::string> in_place_;     // top-level paths taken by a folder made in place
  bool finished_ = false;  // finish() was called: reify owns what is in place
  uint64_t next_folder_ = 0;
  // By node key; elements stay put as it grows, so workers keep pointers to them.
  std::unordered_map<std::string, Package> packages_;

  // Shared with the workers.
  std::mutex mutex_;
  std::condition_variable idle_;
  size_t running_ = 0;
  uint64_t parts_posted_ = 0;  // times a worker split a package into tasks
  LinkCapabilities capabilities_;
  LinkStats stats_;
};

}  // namespace lode
