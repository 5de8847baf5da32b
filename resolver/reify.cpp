#include "resolver/reify.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "resolver/bin_links.h"

namespace lode {

namespace {

struct Wanted {
  InstalledPackage record;
  uint32_t placement = 0;
  size_t depth = 0;
};

size_t depth_of(std::string_view path) {
  size_t depth = 0;
  for (size_t at = 0; (at = path.find("node_modules/", at)) != std::string_view::npos; at += 13) ++depth;
  return depth;
}

bool exists_on_disk(const fs::path& path) {
  struct stat info;
  return ::lstat(path.c_str(), &info) == 0;
}

bool later(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec != b.tv_sec ? a.tv_sec > b.tv_sec : a.tv_nsec > b.tv_nsec;
}

// When the install record was last written (its state file, or the journal of an
// interrupted install): the zero time when there is none.
struct timespec record_time(const fs::path& record) {
  struct timespec newest {};
  for (const char* name : {"state", "journal"}) {
    struct stat info {};
    if (::stat((record / name).c_str(), &info) == 0 && later(info.st_mtim, newest)) newest = info.st_mtim;
  }
  return newest;
}

// Whether the folder at `path` exists and is the one lode put there: not modified after
// the record was written. One made after it (a package folder replaced by hand) is not
// trusted, whatever the record says it holds; a tree restored with its times (a CI cache
// unpacked by tar, cp -a) is.
bool placed_before(const fs::path& path, const struct timespec& recorded) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return false;
  return !later(info.st_mtim, recorded);
}

// Removes a folder (or link) so that it vanishes at once: renamed into the trash first,
// then deleted. A crash leaves only trash, which the next install empties.
class Remover {
 public:
  explicit Remover(fs::path trash) : trash_(std::move(trash)) {}
  Result<void> remove(const fs::path& path) {
    if (!made_) {
      if (auto made = ensure_directories(trash_); !made) return made;
      made_ = true;
    }
    fs::path target = trash_ / std::to_string(counter_++);
    if (std::rename(path.c_str(), target.c_str()) != 0) {
      if (errno == ENOENT) return {};
      return std::unexpected(system_error(ErrorCode::kIo, "cannot remove", path.string(), errno));
    }
    std::error_code ec;
    fs::remove_all(target, ec);
    return {};
  }

 private:
  fs::path trash_;
  uint64_t counter_ = 0;
  bool made_ = false;  // the trash folder is made at the first removal
};

// Makes the folders packages go in, remembering which exist: hundreds of packages share a
// handful of parents (node_modules, its scopes), each checked once.
class ParentFolders {
 public:
  Result<void> ensure(const fs::path& folder) {
    if (known_.contains(folder.native())) return {};
    // Mostly only the last folder is missing (a scope, a nested node_modules): one mkdir.
    if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
      if (auto made = ensure_directories(folder); !made) return made;
    }
    known_.insert(folder.native());
    return {};
  }

 private:
  std::unordered_set<std::string> known_;
};

// Renames a staged folder to `target`, first making its parent (once per parent: a fifth
// of alotta-packages' renames went into a nested node_modules or scope not made yet, and
// failed once) and, when the rename fails, clearing whatever is in the way. False when
// the staged folder cannot be moved (reify then links the package).
Result<bool> move_into_place(const fs::path& staged, const fs::path& target, Remover& remover, ParentFolders& parents) {
  if (auto made = parents.ensure(target.parent_path()); !made) return std::unexpected(made.error());
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (std::rename(staged.c_str(), target.c_str()) == 0) return true;
    if (errno == ENOENT && exists_on_disk(staged)) {
      if (auto made = parents.ensure(target.parent_path()); !made) return std::unexpected(made.error());
    } else if (errno == EEXIST || errno == ENOTEMPTY || errno == ENOTDIR || errno == EISDIR) {
      if (auto removed = remover.remove(target); !removed) return std::unexpected(removed.error());
    } else {
      return false;
    }
  }
  return false;
}

}  // namespace

Result<ReifyReport> reify(const ReifyInput& input, WorkerPool& pool) {
  const DependencyGraph& graph = *input.graph;
  const Layout& layout = *input.layout;
  const fs::path& project = input.project_dir;
  fs::path node_modules = project / "node_modules";
  fs::path record = node_modules / ".lode";
  ReifyReport report;

  std::vector<Wanted> wanted;
  std::unordered_map<std::string, size_t> wanted_by_path;
  for (uint32_t id = 1; id < layout.placements.size(); ++id) {
    const Placement& placement = layout.placements[id];
    const PackageNode& node = graph.node(placement.node);
    Wanted entry;
    entry.record.path = placement.path;
    entry.record.key = node.key();
    if (node.source == SourceKind::kDirectory) {
      fs::path link_dir = (project / placement.path).parent_path();
      entry.record.content = "link:" + (project / node.resolved).lexically_normal().lexically_relative(link_dir).string();
    } else {
      entry.record.content = input.store_key_of(placement.node);
    }
    entry.placement = id;
    entry.depth = depth_of(placement.path);
    wanted_by_path[entry.record.path] = wanted.size();
    wanted.push_back(std::move(entry));
  }

  // From here on the folder changes: the record no longer vouches for it.
  if (auto made = ensure_directories(record); !made) return std::unexpected(made.error());
  if (auto invalidated = invalidate_install_inputs(node_modules); !invalidated) return std::unexpected(invalidated.error());
  // What a killed install left in tmp/ and trash/ goes; both are made again only if needed
  // (an install into a new node_modules needs neither, and each rmdir costs ~0.4 ms here).
  std::error_code ec;
  fs::remove_all(record / "tmp", ec);
  fs::remove_all(record / "trash", ec);
  bool made_tmp = false;
  Remover remover(record / "trash");
  struct timespec recorded_at = record_time(record);
  Result<InstallJournal> journal = InstallJournal::open(node_modules);
  if (!journal) return std::unexpected(journal.error());

  // 1. What the record lists but is not wanted (or holds other content) goes. Paths sort
  //    parents first, so a removed folder's nested packages are known to be gone with it.
  std::vector<std::string> kept;
  std::unordered_set<std::string> gone;
  std::unordered_set<std::string> old_paths;
  bool have_record = input.previous && input.previous->has_value();
  if (have_record) {
    for (const InstalledPackage& old : (*input.previous)->packages) {
      old_paths.insert(old.path);
      // Inside a folder removed just before? (Its package folders are its ancestors that
      // end before a "/node_modules/".)
      bool inside_gone = false;
      for (size_t at = old.path.find("/node_modules/"); at != std::string::npos && !inside_gone;
           at = old.path.find("/node_modules/", at + 1)) {
        inside_gone = gone.contains(old.path.substr(0, at));
      }
      auto it = wanted_by_path.find(old.path);
      bool same = it != wanted_by_path.end() && wanted[it->second].record.content == old.content &&
                  wanted[it->second].record.key == old.key;
      if (inside_gone) {
        journal->removed(old.path);
        if (it == wanted_by_path.end()) ++report.removed;
        continue;
      }
      if (same && placed_before(project / old.path, recorded_at)) {
        kept.push_back(old.path);
        continue;
      }
      journal->removed(old.path);
      if (auto removed = remover.remove(project / old.path); !removed) return std::unexpected(removed.error());
      gone.insert(old.path);
      if (it == wanted_by_path.end()) {
        ++report.removed;
      } else {
        ++report.changed;
      }
    }
  }
  if (!input.fresh_node_modules) {
    // Top-level folders nobody wants go, as npm prunes them: leftovers of other tools, or
    // folders put there by hand. (Without a record, nothing in node_modules is trusted:
    // the wanted folders are replaced below.)
    for (fs::directory_iterator it(node_modules, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (name.starts_with('.')) continue;
      std::vector<fs::path> entries = {it->path()};
      if (name.starts_with('@') && it->is_directory()) {
        entries.clear();
        for (fs::directory_iterator scoped(it->path(), ec), scoped_end; !ec && scoped != scoped_end; scoped.increment(ec)) {
          entries.push_back(scoped->path());
        }
        ec.clear();
      }
      for (const fs::path& entry : entries) {
        std::string relative = entry.lexically_relative(project).string();
        if (wanted_by_path.contains(relative) || old_paths.contains(relative)) continue;
        if (auto removed = remover.remove(entry); !removed) return std::unexpected(removed.error());
        ++report.removed;
      }
    }
    ec.clear();
  }
  std::sort(kept.begin(), kept.end());
  report.unchanged = static_cast<int>(kept.size());

  // 2. Place what is missing, one depth at a time (a nested package needs its parent).
  size_t max_depth = 0;
  for (const Wanted& entry : wanted) max_depth = std::max(max_depth, entry.depth);
  LinkCapabilities capabilities;
  LinkStats stats;
  std::mutex journal_mutex;
  std::vector<StoredPackage> file_lists(wanted.size());
  ParentFolders parents;
  for (size_t depth = 1; depth <= max_depth; ++depth) {
    if (auto held = input.store->hold_read_snapshot(); !held) return std::unexpected(held.error());
    std::vector<std::function<void()>> tasks;
    std::vector<size_t> placed;
    std::vector<std::optional<Error>> errors;
    std::vector<size_t> task_entry;
    for (size_t i = 0; i < wanted.size(); ++i) {
      const Wanted& entry = wanted[i];
      if (entry.depth != depth || std::binary_search(kept.begin(), kept.end(), entry.record.path)) continue;
      fs::path target = project / entry.record.path;
      if (input.staged) {
        auto staged = input.staged->find(entry.record.path);
        if (staged != input.staged->end() && staged->second.content == entry.record.content) {
          // Made in place (into a node_modules the stager made), or renamed there now.
          bool in_place = staged->second.folder == target;
          Result<bool> moved = in_place ? true : move_into_place(staged->second.folder, target, remover, parents);
          if (!moved) return std::unexpected(moved.error());
          if (*moved) {
            if (in_place) ++report.in_place;
            journal->added(entry.record, JournalFlush::kLater);
            placed.push_back(i);
            ++report.staged;
            continue;
          }
        }
      }
      if (exists_on_disk(target)) {
        if (auto removed = remover.remove(target); !removed) return std::unexpected(removed.error());
      }
      if (auto made = parents.ensure(target.parent_path()); !made) return std::unexpected(made.error());
      if (entry.record.content.starts_with("link:")) {
        std::string link_target = entry.record.content.substr(5);
        if (::symlink(link_target.c_str(), target.c_str()) != 0) {
          return std::unexpected(system_error(ErrorCode::kIo, "cannot link", target.string(), errno));
        }
        placed.push_back(i);
        continue;
      }
      Result<std::optional<StoredPackage>> stored = input.store->find(entry.record.content, FileList::kInclude);
      if (!stored) return std::unexpected(stored.error());
      if (!*stored) {
        return fail(ErrorCode::kNotFound, entry.record.key + " is missing from the cache", entry.record.content,
                    "run `lode install` again to fetch it");
      }
      file_lists[i] = std::move(**stored);
      task_entry.push_back(i);
    }
    input.store->release_read_snapshot();
    if (!task_entry.empty() && !made_tmp) {
      if (auto made = ensure_directories(record / "tmp"); !made) return std::unexpected(made.error());
      made_tmp = true;
    }
    errors.resize(task_entry.size());
    for (size_t t = 0; t < task_entry.size(); ++t) {
      size_t i = task_entry[t];
      tasks.push_back([&, i, t] {
        LinkRequest request;
        request.source = input.store->package_dir(wanted[i].record.content);
        request.files = &file_lists[i].files;
        request.target = project / wanted[i].record.path;
        request.scratch = record / "tmp";
        request.mode = input.link_mode;
        if (auto linked = link_package(request, capabilities, stats); !linked) {
          errors[t] = linked.error();
          return;
        }
        // Journaled as soon as it is in place, so a kill loses track of nothing.
        std::lock_guard lock(journal_mutex);
        journal->added(wanted[i].record);
      });
    }
    journal->flush();
    pool.run_all(std::move(tasks));
    std::optional<Error> first_error;
    for (size_t t = 0; t < task_entry.size(); ++t) {
      if (errors[t]) {
        if (!first_error) first_error = errors[t];
        continue;
      }
      placed.push_back(task_entry[t]);
    }
    for (size_t i : placed) {
      if (wanted[i].record.content.starts_with("link:")) journal->added(wanted[i].record);
      report.placed.push_back(wanted[i].record.path);
      if (!old_paths.contains(wanted[i].record.path)) ++report.added;
    }
    if (first_error) return fail(*first_error);
  }
  report.files_linked = stats.reflinked + stats.hardlinked + stats.copied;

  // 3. Commands.
  BinLister bins_of = [&](uint32_t placement) {
    const PackageNode& node = graph.node(layout.placements[placement].node);
    std::vector<std::pair<std::string, std::string>> bins = node.bin;
    if (bins.empty() && !node.bin_directory.empty()) {
      // directories.bin: every file in that folder is a command named after the file.
      fs::path dir = project / layout.placements[placement].path / node.bin_directory;
      std::error_code list_error;
      for (fs::directory_iterator it(dir, list_error), end; !list_error && it != end; it.increment(list_error)) {
        if (!it->is_regular_file()) continue;
        bins.emplace_back(it->path().filename().string(),
                          (fs::path(node.bin_directory) / it->path().filename()).lexically_normal().string());
      }
    }
    return bins;
  };
  if (auto linked = apply_bin_links(project, plan_bin_links(layout, bins_of)); !linked) {
    return std::unexpected(linked.error());
  }
  fs::remove_all(record / "trash", ec);
  if (made_tmp) fs::remove_all(record / "tmp", ec);

  for (Wanted& entry : wanted) report.installed.push_back(std::move(entry.record));
  std::sort(report.installed.begin(), report.installed.end(),
            [](const InstalledPackage& a, const InstalledPackage& b) { return a.path < b.path; });
  return report;
}

}  // namespace lode
