// What lode installed in a node_modules folder, recorded in node_modules/.lode/:
//
//   inputs    the hash of what produced the install (package.json, lode.lock, options),
//             the signature of node_modules' top (resolver/tree_signature.h), and the
//             options. `lode install` with nothing changed reads only this (the two
//             files it hashes, and a stat per scope folder) and stops: the no-op path.
//   state     every installed package folder: its path, package key and store key.
//   journal   the changes of an install in progress, appended as they happen. An install
//             that was killed leaves it behind; the next one applies it to `state`, so it
//             knows what each folder really holds and finishes the job.
//
// The module loader reads the same record to answer bare specifiers without walking
// node_modules (runtime issue).
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "resolver/tree_signature.h"

namespace lode {

struct InstalledPackage {
  std::string path;       // relative to the project: "node_modules/a/node_modules/b"
  std::string key;        // the graph node key: "b@1.2.3"
  std::string content;    // what the folder holds: a store key, or "link:<target>"

  bool operator==(const InstalledPackage&) const = default;
};

// What the no-op check reads: the inputs hash, the install options it was made with, and
// the fingerprint of node_modules' top when it was written.
struct InstallInputs {
  std::string hash;
  std::string options;  // install_options_token() of the install that wrote it
  TreeSignature tree;   // resolver/tree_signature.h
  // The package.json files, relative to the project, of the `file:` folders inside it whose
  // dependencies were installed: hashed with package.json and lode.lock.
  std::vector<std::string> manifests;
  std::vector<std::string> folders;  // listed by workspaces patterns: their listings are hashed too
};

struct InstallState {
  std::string inputs;
  std::string options;
  std::vector<std::string> manifests;  // as InstallInputs::manifests
  std::vector<std::string> folders;    // as InstallInputs::folders
  std::vector<InstalledPackage> packages;  // sorted by path
  // True when a journal of an interrupted install was applied: folders on disk may hold
  // things the record does not know about.
  bool interrupted = false;
};

// The inputs record alone, as written (the no-op check); nullopt when there is none.
std::optional<InstallInputs> read_install_inputs(const fs::path& node_modules);

// Whether node_modules' top is as it was when `recorded` was written: false when a package
// folder there (or in a scope folder) was added, removed or replaced since. Tools' caches
// in dot folders (.vite, .cache) do not count. Usually a stat per scope folder; when the
// install could not record the quick signature (its times not yet settled), the first
// check after it lists node_modules and records it.
bool tree_unchanged(const fs::path& node_modules, const InstallInputs& recorded);

// The record, with any journal applied; nullopt when node_modules has none. Fails (kParse)
// on a damaged record, which the caller treats like none.
Result<std::optional<InstallState>> read_install_state(const fs::path& node_modules);

// Writes the record atomically (inputs last, so a no-op check never trusts a half-written
// state) and removes the journal.
Result<void> write_install_state(const fs::path& node_modules, const InstallState& state);

// Removes the inputs file: the record no longer describes the folder (written first by
// an install that is about to change it).
Result<void> invalidate_install_inputs(const fs::path& node_modules);

// Whether a journal line is flushed at once: a package reify links is; a folder staged
// before reify began (in place, or renamed there) may wait, flushed with the next line
// flushed at once or at the end of its depth (lost, the folder is only replaced by the
// next install: ~1 ms of write calls saved per 400 folders).
enum class JournalFlush { kNow, kLater };

// Appends the changes an install makes, one line each, flushed as they happen.
class InstallJournal {
 public:
  static Result<InstallJournal> open(const fs::path& node_modules);
  InstallJournal(InstallJournal&& other) noexcept : file_(other.file_) { other.file_ = nullptr; }
  InstallJournal(const InstallJournal&) = delete;
  InstallJournal& operator=(const InstallJournal&) = delete;
  ~InstallJournal();

  void added(const InstalledPackage& package, JournalFlush flush = JournalFlush::kNow);
  void removed(std::string_view path);
  void flush();

 private:
  explicit InstallJournal(std::FILE* file) : file_(file) {}
  std::FILE* file_;
};

}  // namespace lode
