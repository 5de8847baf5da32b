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
  fs::remove_all(staged_dir_, ignored);
  // Only empty folders go: after a failed fetch the project looks as it did before.
  if (made_record_) ::rmdir((node_modules_ / ".lode").c_str());
  if (made_node_modules_) ::rmdir(node_modules_.c_str());
}

bool Stager::prepare() {
  if (prepared_ || !usable_) return usable_;
  std::error_code ec;
  made_node_modules_ = !fs::exists(node_modules_, ec);
  made_record_ = !fs::exists(node_modules_ / ".lode", ec);
  // What a killed install left staged is of no use: its folders are not journaled.
  fs::remove_all(staged_dir_, ec);
  fs::create_directories(staged_dir_, ec);
  prepared_ = true;
  usable_ = !ec;
  return usable_;
}

const std::vector<StoredFile>* Stager::FileListOnce::get() {
  std::call_once(once, [this] {
    if (encoded.empty()) return;
    Result<std::vector<StoredFile>> list = decode_file_list(encoded);
    if (list) decoded = std::move(*list);
    usable = list.has_value();
    encoded.clear();
  });
  return usable ? &decoded : nullptr;
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

void Stager::top_up(Package& package) {
  size_t wanted = std::max<size_t>(package.paths.size(), ahead_ == StageAhead::kYes ? 1 : 0);
  for (; package.started < wanted; ++package.started) {
    fs::path folder = staged_dir_ / std::to_string(next_folder_++);
    {
      std::lock_guard lock(mutex_);
      ++running_;
    }
    pool_.post([this, &package, folder] {
      const std::vector<StoredFile>* list = package.files->get();
      bool linked = false;
      if (list) {
        LinkRequest request;
        request.source = package.source;
        request.files = list;
        request.target = folder;
        request.mode = mode_;  // no scratch folder: staged_dir_ is private to this install
        linked = link_package(request, capabilities_, stats_).has_value();
      }
      std::lock_guard lock(mutex_);
      if (linked) package.finished.push_back(folder);
      if (--running_ == 0) idle_.notify_all();
    });
  }
}

void Stager::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return running_ == 0; });
}

StagedFolders Stager::finish() {
  wait_idle();
  StagedFolders staged;
  for (auto& [key, package] : packages_) {
    for (size_t i = 0; i < package.paths.size() && i < package.finished.size(); ++i) {
      staged[package.paths[i]] = StagedFolder{package.finished[i], package.content};
    }
  }
  packages_.clear();
  return staged;
}

}  // namespace lode
