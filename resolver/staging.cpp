#include "resolver/staging.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace lode {

Stager::Stager(fs::path node_modules, Store& store, LinkMode mode, StageAhead ahead, WorkerPool& pool)
    : node_modules_(std::move(node_modules)),
      staged_dir_(node_modules_ / ".lode" / "staged"),
      store_(store),
      mode_(mode),
      ahead_(ahead),
      pool_(pool) {}

Stager::~Stager() {
  wait_idle();
  if (!prepared_) return;
  std::error_code ignored;
  if (made_node_modules_ && !finished_) {
    // Whatever was made in place goes too: the project had no node_modules.
    fs::remove_all(node_modules_, ignored);
    return;
  }
  // (Each rmdir costs ~0.4 ms on this machine's file system: only what was made goes.)
  if (made_staged_dir_) fs::remove_all(staged_dir_, ignored);
  // Only empty folders go: after a failed fetch the project looks as it did before.
  if (made_record_) ::rmdir((node_modules_ / ".lode").c_str());
  if (made_node_modules_) ::rmdir(node_modules_.c_str());
}

bool Stager::prepare() {
  if (prepared_ || !usable_) return usable_;
  std::error_code ec;
  made_node_modules_ = !fs::exists(node_modules_, ec);
  if (made_node_modules_) {
    made_record_ = true;
    fs::create_directory(node_modules_, ec);
  } else {
    made_record_ = !fs::exists(node_modules_ / ".lode", ec);
    // What a killed install left staged is of no use: its folders are not journaled.
    fs::remove_all(staged_dir_, ec);
  }
  prepared_ = true;
  usable_ = !ec;
  return usable_;
}

bool Stager::make_scope_dir(std::string_view path) {
  // "node_modules/@s/a": node_modules/@s, made once for all of its packages.
  constexpr std::string_view kScoped = "node_modules/@";
  if (!path.starts_with(kScoped)) return true;
  std::string scope(path.substr(0, path.find('/', kScoped.size())));
  if (made_scopes_.contains(scope)) return true;
  if (!ensure_directories(node_modules_.parent_path() / scope)) return false;
  made_scopes_.insert(std::move(scope));
  return true;
}

bool Stager::make_staged_dir() {
  if (made_staged_dir_) return true;
  std::error_code ec;
  fs::create_directories(staged_dir_, ec);
  made_staged_dir_ = !ec;
  return made_staged_dir_;
}

const std::vector<StoredFile>* Stager::FileListOnce::get() {
  std::call_once(once, [this] {
    if (encoded.empty()) return;
    Result<std::vector<StoredFile>> list = decode_file_list(encoded, FileDigests::kSkip);
    if (list) decoded = std::move(*list);
    usable = list.has_value();
    encoded.clear();
  });
  return usable ? &decoded : nullptr;
}

void Stager::expect(const std::string& node_key) {
  if (ahead_ == StageAhead::kNo || !prepare() || !made_node_modules_) return;
  Package& package = packages_[node_key];
  if (!package.guess.empty() || !package.paths.empty()) return;
  std::string path = "node_modules/" + node_key.substr(0, node_key.find('@', 1));  // no '@' past a scope's
  if (in_place_.insert(path).second) package.guess = std::move(path);
}

void Stager::want(const std::string& node_key, const std::string& path) {
  Package& package = packages_[node_key];
  package.paths.push_back(path);
  if (package.files) top_up(package);
}

void Stager::stored(const std::string& node_key, StoredPackage& stored) {
  auto found = packages_.find(node_key);
  if (ahead_ == StageAhead::kNo && found == packages_.end()) return;
  Package& package = found != packages_.end() ? found->second : packages_[node_key];
  if (package.files || !prepare()) return;
  // The fetcher hands over the file list (found, still encoded, or just unpacked); one
  // that lacks it is looked up.
  auto files = std::make_unique<FileListOnce>();
  if (!stored.encoded_files.empty()) {
    files->encoded = std::move(stored.encoded_files);
  } else if (stored.files.empty() && stored.file_count > 0) {
    Result<std::optional<StoredPackage>> found_again = store_.find(stored.key, FileList::kEncoded);
    if (!found_again || !*found_again) return;  // reify will say what is wrong
    files->encoded = std::move((*found_again)->encoded_files);
  } else {
    files->decoded = std::move(stored.files);
  }
  package.files = std::move(files);
  package.source = store_.package_dir(stored.key);
  package.content = stored.key;
  top_up(package);
}

namespace {

// Whether `path` ("node_modules/a", "node_modules/@s/a/node_modules/b") is a top-level one.
bool top_level(std::string_view path) { return path.find("/node_modules/") == std::string_view::npos; }

}  // namespace

void Stager::top_up(Package& package) {
  size_t wanted = std::max<size_t>(package.paths.size(), ahead_ == StageAhead::kYes ? 1 : 0);
  for (; package.started < wanted; ++package.started) {
    std::string in_place_path;
    fs::path folder;
    // In place: at the path expect() claimed for it, or at a wanted top-level one no other
    // folder was made at.
    std::string path = package.guess;
    bool in_place = !path.empty();
    if (package.started < package.paths.size()) {
      path = package.paths[package.started];
      in_place = made_node_modules_ && top_level(path) && (path == package.guess || in_place_.insert(path).second);
    }
    if (in_place && make_scope_dir(path)) {
      if (path == package.guess) package.guess.clear();
      in_place_path = std::move(path);
      folder = node_modules_.parent_path() / in_place_path;
    } else if (make_staged_dir()) {
      folder = staged_dir_ / std::to_string(next_folder_++);
    } else {
      continue;  // reify links it
    }
    {
      std::lock_guard lock(mutex_);
      ++running_;
    }
    pool_.post([this, &package, folder, in_place_path] {
      stage(package, folder, in_place_path);
      task_done();
    });
  }
}

namespace {

// Packages of more files than this are linked in parts of this many, each a task of its
// own: two packages of 840 files each hold ~30% of the web app's files, and whichever
// came last kept one worker busy for milliseconds while the others had nothing to do.
constexpr size_t kFilesPerPart = 128;

}  // namespace

void Stager::finished(Package& package, const fs::path& folder, const std::string& in_place_path) {
  std::lock_guard lock(mutex_);
  if (in_place_path.empty()) {
    package.finished.push_back(folder);
  } else {
    package.finished_in_place.push_back(in_place_path);
  }
}

void Stager::stage(Package& package, const fs::path& folder, const std::string& in_place_path) {
  const std::vector<StoredFile>* list = package.files->get();
  if (!list) return;
  LinkRequest request;
  request.source = package.source;
  request.files = list;
  request.target = folder;
  request.mode = mode_;  // no scratch folder: staged_dir_ is private to this install
  if (list->size() <= kFilesPerPart) {
    if (link_package(request, capabilities_, stats_)) finished(package, folder, in_place_path);
    return;
  }
  if (!make_package_folders(request)) return;
  size_t parts = (list->size() + kFilesPerPart - 1) / kFilesPerPart;
  auto split = std::make_shared<Split>(&package, std::move(request), in_place_path, parts);
  {
    std::lock_guard lock(mutex_);
    running_ += parts - 1;
  }
  for (size_t part = 1; part < parts; ++part) {
    pool_.post([this, split, part] {
      link_part(*split, part);
      task_done();
    });
  }
  {
    std::lock_guard lock(mutex_);
    ++parts_posted_;
  }
  idle_.notify_all();  // a thread in wait_idle() takes some
  link_part(*split, 0);
}

void Stager::link_part(Split& split, size_t part) {
  const std::vector<StoredFile>& files = *split.request.files;
  size_t first = part * kFilesPerPart;
  std::span<const StoredFile> slice(files.data() + first, std::min(kFilesPerPart, files.size() - first));
  if (!link_package_files(split.request, slice, capabilities_, stats_)) split.failed = true;
  if (split.parts_left.fetch_sub(1) != 1) return;
  // The last part to end: a folder with a part missing is left for the destructor (or, in
  // place, for reify to replace).
  if (split.failed) return;
  finished(*split.package, split.request.target, split.in_place_path);
}

void Stager::task_done() {
  std::lock_guard lock(mutex_);
  if (--running_ == 0) idle_.notify_all();
}

void Stager::wait_idle() {
  // The waiting thread links too: the pool leaves it a processor for this.
  while (true) {
    while (pool_.run_one()) {
    }
    std::unique_lock lock(mutex_);
    uint64_t posted = parts_posted_;
    idle_.wait(lock, [&] { return running_ == 0 || parts_posted_ != posted; });
    if (running_ == 0) return;
  }
}

StagedFolders Stager::finish() {
  wait_idle();
  finished_ = true;
  StagedFolders staged;
  for (auto& [key, package] : packages_) {
    for (const std::string& path : package.finished_in_place) {
      fs::path folder = node_modules_.parent_path() / path;
      if (std::find(package.paths.begin(), package.paths.end(), path) != package.paths.end()) {
        staged[path] = StagedFolder{folder, package.content};
        continue;
      }
      // A wrong guess (another version went to the top, or an alias's name): out of the
      // way, staged for whatever path this package has.
      fs::path moved = staged_dir_ / std::to_string(next_folder_++);
      if (make_staged_dir() && std::rename(folder.c_str(), moved.c_str()) == 0) {
        package.finished.push_back(moved);
      } else {
        std::error_code ignored;
        fs::remove_all(folder, ignored);  // (reify relies on a new node_modules holding nothing else)
      }
    }
    size_t next = 0;
    for (const std::string& path : package.paths) {
      if (staged.contains(path) || next == package.finished.size()) continue;
      staged[path] = StagedFolder{package.finished[next++], package.content};
    }
  }
  packages_.clear();
  return staged;
}

}  // namespace lode
