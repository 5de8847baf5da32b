#include "resolver/staging.h"

#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace lode {

Stager::Stager(fs::path node_modules, Store& store, LinkMode mode, WorkerPool& pool)
    : node_modules_(std::move(node_modules)),
      staged_dir_(node_modules_ / ".lode" / "staged"),
      store_(store),
      mode_(mode),
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

void Stager::want(const std::string& node_key, const std::string& path) { wanted_[node_key].push_back(path); }

void Stager::stored(const std::string& node_key, StoredPackage& package) {
  auto wanted = wanted_.find(node_key);
  if (wanted == wanted_.end() || !prepare()) return;
  std::vector<std::string> paths = std::move(wanted->second);
  wanted_.erase(wanted);
  // The fetcher hands over the file list (found, still encoded, or just unpacked); one
  // that lacks it is looked up.
  auto files = std::make_shared<FileListOnce>();
  if (!package.encoded_files.empty()) {
    files->encoded = std::move(package.encoded_files);
  } else if (package.files.empty() && package.file_count > 0) {
    Result<std::optional<StoredPackage>> found = store_.find(package.key, FileList::kEncoded);
    if (!found || !*found) return;  // reify will say what is wrong
    files->encoded = std::move((*found)->encoded_files);
  } else {
    files->decoded = std::move(package.files);
  }
  fs::path source = store_.package_dir(package.key);
  for (const std::string& path : paths) {
    fs::path folder = staged_dir_ / std::to_string(next_folder_++);
    {
      std::lock_guard lock(mutex_);
      ++running_;
    }
    pool_.post([this, files, source, folder, path, key = package.key] {
      const std::vector<StoredFile>* list = files->get();
      bool linked = false;
      if (list) {
        LinkRequest request;
        request.source = source;
        request.files = list;
        request.target = folder;
        request.mode = mode_;  // no scratch folder: staged_dir_ is private to this install
        linked = link_package(request, capabilities_, stats_).has_value();
      }
      std::lock_guard lock(mutex_);
      if (linked) done_[path] = StagedFolder{folder, key};
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
  wanted_.clear();
  std::lock_guard lock(mutex_);
  return std::move(done_);
}

}  // namespace lode
