#include "resolver/installer.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>

#include "base/encoding.h"
#include "base/heap.h"
#include "base/integrity.h"
#include "base/process.h"
#include "base/progress.h"
#include "base/strings.h"
#include "base/worker_pool.h"
#include "build_info.h"
#include "registry/downloader.h"
#include "registry/registry_client.h"
#include "resolver/graph_resolver.h"
#include "resolver/install_check.h"
#include "resolver/install_state.h"
#include "resolver/layout.h"
#include "resolver/lockfile.h"
#include "resolver/npm_lockfile.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"
#include "resolver/platform.h"
#include "resolver/reify.h"
#include "resolver/staging.h"

namespace lode {

namespace {

// The heap's huge-page range (address space; memory only as it is touched): alotta-packages'
// install from a warm cache peaks at ~36 MiB of heap.
constexpr size_t kHeapReserve = 64 << 20;

std::string read_optional(const fs::path& path) {
  Result<std::string> text = read_file(path);
  return text ? std::move(*text) : std::string();
}

// What differs between two lockfiles where the project's own package.json files decide,
// for `lode ci`'s error.
std::string root_difference(std::string_view before, std::string_view after) {
  // The root's lines, and those of the project's linked folders ("name@file:path -":
  // workspaces, `file:` folders).
  auto root_lines = [](std::string_view text) {
    std::set<std::string> lines;
    std::string_view section;
    for (std::string_view line : split(text, '\n')) {
      if (line.starts_with('[')) {
        section = line;
      } else if (trim(line).empty()) {
        continue;
      } else if (section == "[root]") {
        lines.emplace(line);
      } else if (section == "[packages]") {
        std::vector<std::string_view> tokens = split(line, ' ');
        if (tokens.size() > 1 && tokens[0].find("@file:") != std::string_view::npos && tokens[1] == "-") {
          lines.emplace(line);
        }
      }
    }
    return lines;
  };
  std::set<std::string> old_lines = root_lines(before);
  std::set<std::string> new_lines = root_lines(after);
  std::string diff;
  for (const std::string& line : old_lines) {
    if (!new_lines.contains(line)) diff += "\n  - " + line;
  }
  for (const std::string& line : new_lines) {
    if (!old_lines.contains(line)) diff += "\n  + " + line;
  }
  return diff.empty() ? "\n  (the dependencies of locked packages differ)" : diff;
}

TarballSpec tarball_of(const PackageNode& node) {
  TarballSpec spec;
  spec.name = node.name;
  spec.version = node.version;
  spec.url = node.resolved;
  if (node.integrity.starts_with("sha1-")) {
    if (auto decoded = base64_decode(std::string_view(node.integrity).substr(5))) spec.shasum = hex_encode(*decoded);
  } else {
    spec.integrity = node.integrity;
  }
  return spec;
}

// The node version engines.node is checked against: the `node-version` config key, else
// the node on PATH. Asking node costs ~40 ms, so the answer is kept in the cache folder,
// keyed by the binary's path, size and modification time.
std::string node_version(const Config& config) {
  if (auto configured = config.get("node-version"); configured && !configured->empty()) {
    return std::string(configured->starts_with('v') ? configured->substr(1) : *configured);
  }
  std::optional<fs::path> node = find_in_path("node", config.env().get("PATH").value_or(""));
  if (!node) return "";
  std::error_code ec;
  fs::path real = fs::canonical(*node, ec);
  if (ec) return "";
  struct stat info;
  if (::stat(real.c_str(), &info) != 0) return "";
  std::string key = real.string() + " " + std::to_string(info.st_size) + " " + std::to_string(info.st_mtime);
  fs::path memo = config.cache_dir() / "node-version";
  if (Result<std::string> text = read_file(memo)) {
    std::vector<std::string_view> lines = split(trim(*text), '\n');
    if (lines.size() == 2 && lines[0] == key) return std::string(lines[1]);
  }
  ProcessSpec spec;
  spec.argv = {real.string(), "--version"};
  spec.stdin_mode = Stdio::kNull;
  spec.stdout_mode = Stdio::kCapture;
  spec.stderr_mode = Stdio::kNull;
  spec.timeout = std::chrono::seconds(10);
  Result<ProcessResult> ran = run_process(spec);
  if (!ran || !ran->succeeded()) return "";
  std::string version(trim(ran->stdout_text));
  if (version.starts_with('v')) version.erase(0, 1);
  (void)write_file_atomic(memo, key + "\n" + version + "\n");
  return version;
}

bool needs_tarball(const PackageNode& node) {
  return node.source == SourceKind::kRegistry || node.source == SourceKind::kRemote;
}

class Installation {
 public:
  Installation(const Config& config, const Logger& logger, const Terminal& terminal, const InstallOptions& options)
      : config_(config), logger_(logger), terminal_(terminal), options_(options), platform_(Platform::current()) {}

  Result<InstallReport> run();

 private:
  bool omitted(const PackageNode& node) const {
    if (options_.omit_dev && node.dev) return true;
    if (options_.omit_optional && node.optional) return true;
    if (options_.omit_dev && options_.omit_optional && node.dev_optional) return true;
    if (options_.omit_peer && node.peer) return true;
    return false;
  }
  bool platform_ok(const PackageNode& node) const { return platform_allows(platform_, node.os, node.cpu, node.libc); }
  void fetch(const DependencyGraph& graph, NodeId id);
  // Looks up in the store (fetching if need be) the packages fetch() deferred that the
  // layout puts where the record did not have them: reify links those from the store.
  Result<void> fetch_moved(const DependencyGraph& graph, const Layout& layout, const std::optional<InstallState>& previous);
  Result<std::string> store_local_tarball(const PackageNode& node);
  // Wants from the stager every placement of `layout` reify will have to make.
  void start_staging(const DependencyGraph& graph, const Layout& layout, const std::optional<InstallState>& previous);
  // The store key of the package fetch() fetched for `node_key`, or why it has none.
  Result<std::string> fetched_store_key(const std::string& node_key) {
    const std::optional<Result<StoredPackage>>& result = tarballs_[node_key];
    if (!result) return fail(ErrorCode::kInternal, "tarball of " + node_key + " was not fetched");
    if (!*result) return std::unexpected(result->error());
    return (*result)->key;
  }
  Result<void> run_scripts(const DependencyGraph& graph, const Layout& layout, const PackageJson& project,
                           const std::set<std::string>& placed, InstallReport& report);
  // Hands the index's checkpoint to options_.index_checkpointer (when this process wrote
  // to the log); makes it here when that cannot be started.
  void start_checkpointer();

  const Config& config_;
  const Logger& logger_;
  const Terminal& terminal_;
  const InstallOptions& options_;
  Platform platform_;
  FetchSession session_;
  Store* store_ = nullptr;
  PackageFetcher* fetcher_ = nullptr;
  Stager* stager_ = nullptr;
  std::unordered_map<std::string, std::optional<Result<StoredPackage>>> tarballs_;  // by node key
  // What the last install put in node_modules, by node key: its store key.
  std::unordered_map<std::string, std::string> recorded_content_;
  // Packages not looked up in the store (recorded with the same content), by node key:
  // reify keeps their folders without it. Their store keys.
  std::unordered_map<std::string, std::string> deferred_;
  std::vector<bool> beyond_skipped_;  // by node id: first found through a skipped package
  Progress* progress_ = nullptr;
};

void Installation::start_checkpointer() {
  if (auto written = store_->flush_writes(); !written) logger_.warn(describe(written.error()));
  ProcessSpec checkpointer;
  checkpointer.argv = options_.index_checkpointer;
  checkpointer.cwd = "/";  // not the project: it may be removed or unmounted meanwhile
  checkpointer.stdout_mode = Stdio::kNull;
  checkpointer.stderr_mode = Stdio::kNull;
  if (Result<bool> started = store_->start_checkpointer(checkpointer); !started) {
    // Copied here then, or installs that never manage to start one would grow the log
    // without end (this process's connections leave it on close).
    logger_.verbose("copying the cache index's log here: " + describe(started.error()));
    store_->checkpoint_in_background().get();
  }
}

void Installation::fetch(const DependencyGraph& graph, NodeId id) {
  const PackageNode& node = graph.node(id);
  if (!needs_tarball(node) || !platform_ok(node) || deferred_.contains(node.key())) return;
  if (!tarballs_.contains(node.key())) {
    // A package the last install put in node_modules with this very content is not looked
    // up in the store (a query and a stat each: 3,800 of them in a large project): reify
    // keeps its folder. If the layout moves it, fetch_moved() looks it up after all.
    if (auto recorded = recorded_content_.find(node.key()); recorded != recorded_content_.end()) {
      Result<Integrity> integrity = parse_integrity(node.integrity);
      if (integrity && integrity->store_key() == recorded->second) {
        deferred_.emplace(node.key(), recorded->second);
        return;
      }
    }
  }
  auto [it, inserted] = tarballs_.try_emplace(node.key());
  if (!inserted) return;
  if (stager_) stager_->expect(node.key());  // in the order resolution finds packages
  fetcher_->fetch_tarball(tarball_of(node), [this, key = node.key()](Result<StoredPackage> stored) {
    if (stored && stager_) stager_->stored(key, *stored);
    tarballs_[key] = std::move(stored);
    if (progress_) progress_->advance();
  });
}

void Installation::start_staging(const DependencyGraph& graph, const Layout& layout,
                                 const std::optional<InstallState>& previous) {
  std::unordered_map<std::string_view, std::string_view> recorded_key;  // by path
  if (previous) {
    for (const InstalledPackage& package : previous->packages) recorded_key[package.path] = package.key;
  }
  for (size_t id = 1; id < layout.placements.size(); ++id) {
    const Placement& placement = layout.placements[id];
    const PackageNode& node = graph.node(placement.node);
    if (!needs_tarball(node) || deferred_.contains(node.key())) continue;
    // Most likely kept by reify as it is: nothing to assemble.
    if (auto recorded = recorded_key.find(placement.path); recorded != recorded_key.end() && recorded->second == node.key()) {
      continue;
    }
    stager_->want(node.key(), placement.path);
  }
}

// Empties node_modules for --clean, except what was staged for this install.
Result<void> clear_node_modules(const fs::path& node_modules) {
  std::error_code ec;
  for (const fs::path& folder : {node_modules, node_modules / ".lode"}) {
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if ((folder == node_modules && name == ".lode") || (folder != node_modules && name == "staged")) continue;
      fs::remove_all(it->path(), ec);
      if (ec) return fail(ErrorCode::kIo, "cannot remove " + it->path().string() + ": " + ec.message(), node_modules.string());
    }
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return fail(ErrorCode::kIo, "cannot list node_modules: " + ec.message(), folder.string());
    }
    ec.clear();
  }
  return {};
}

Result<void> Installation::fetch_moved(const DependencyGraph& graph, const Layout& layout,
                                       const std::optional<InstallState>& previous) {
  if (deferred_.empty()) return {};
  std::unordered_map<std::string_view, const InstalledPackage*> recorded_at;
  for (const InstalledPackage& package : previous->packages) recorded_at[package.path] = &package;
  std::vector<std::string> moved;
  for (size_t id = 1; id < layout.placements.size(); ++id) {
    const Placement& placement = layout.placements[id];
    const PackageNode& node = graph.node(placement.node);
    auto deferred = deferred_.find(node.key());
    if (deferred == deferred_.end()) continue;
    auto recorded = recorded_at.find(placement.path);
    bool same = recorded != recorded_at.end() && recorded->second->key == node.key() &&
                recorded->second->content == deferred->second;
    if (same) continue;
    moved.push_back(node.key());
    fetcher_->fetch_tarball(tarball_of(node), [this, key = node.key()](Result<StoredPackage> stored) {
      tarballs_[key] = std::move(stored);
    });
  }
  if (moved.empty()) return {};
  fetcher_->run();
  for (const std::string& key : moved) {
    if (Result<std::string> stored = fetched_store_key(key); !stored) return std::unexpected(stored.error());
  }
  return {};
}

Result<std::string> Installation::store_local_tarball(const PackageNode& node) {
  fs::path file = (options_.project_dir / node.resolved).lexically_normal();
  Result<std::string> bytes = read_file(file);
  if (!bytes) return std::unexpected(bytes.error().wrap("reading " + node.key()));
  Result<Integrity> computed = compute_integrity(HashAlgorithm::kSha512, *bytes);
  if (!computed) return std::unexpected(computed.error());
  const Integrity& actual = *computed;
  if (!node.integrity.empty()) {
    Result<Integrity> locked = parse_integrity(node.integrity);
    Result<Integrity> relocked = locked ? compute_integrity(locked->algorithm, *bytes) : locked;
    if (locked && relocked && *relocked != *locked) {
      return fail(ErrorCode::kIntegrity, "the tarball changed since it was locked", file.string(),
                  "run `lode install` to lock its new content (`lode ci` refuses it)");
    }
  }
  if (auto found = store_->find(actual.store_key(), FileList::kOmit); found && *found) return actual.store_key();
  Result<UnpackedPackage> unpacked = store_->unpack(*bytes, actual.store_key(), file.string());
  if (!unpacked) return std::unexpected(unpacked.error());
  Result<StoredPackage> recorded =
      store_->record(*unpacked, actual.to_string(), node.name, node.version, static_cast<int64_t>(std::time(nullptr)));
  if (!recorded) return std::unexpected(recorded.error());
  return actual.store_key();
}

Result<void> Installation::run_scripts(const DependencyGraph& graph, const Layout& layout, const PackageJson& project,
                                       const std::set<std::string>& placed, InstallReport& report) {
  // --ignore-scripts asked for none: there is nothing to report as blocked either.
  if (options_.ignore_scripts) return {};
  std::set<std::string> trusted(project.trusted_dependencies.begin(), project.trusted_dependencies.end());
  std::set<std::string> rerun(options_.rerun_scripts.begin(), options_.rerun_scripts.end());
  // Dependencies first, in dependency order: a package's scripts run after those of the
  // packages it depends on (placements come parents-first; walk them deepest-first).
  std::vector<uint32_t> with_scripts;
  for (uint32_t id = static_cast<uint32_t>(layout.placements.size()) - 1; id > 0; --id) {
    const PackageNode& node = graph.node(layout.placements[id].node);
    if (!node.has_install_script || node.source == SourceKind::kDirectory) continue;
    // Scripts run when a package is installed (or newly trusted), not on every install.
    if (!placed.contains(layout.placements[id].path) && !rerun.contains(node.name)) continue;
    if (!trusted.contains(node.name)) {
      report.scripts_blocked.push_back(node.key());
      continue;
    }
    with_scripts.push_back(id);
  }
  std::sort(report.scripts_blocked.begin(), report.scripts_blocked.end());
  report.scripts_blocked.erase(std::unique(report.scripts_blocked.begin(), report.scripts_blocked.end()),
                               report.scripts_blocked.end());
  for (uint32_t id : with_scripts) {
    const PackageNode& node = graph.node(layout.placements[id].node);
    fs::path dir = options_.project_dir / layout.placements[id].path;
    Result<PackageJson> package = read_package_json(dir / "package.json");
    if (!package) return std::unexpected(package.error());
    std::vector<std::pair<std::string, std::string>> scripts;
    for (std::string_view event : {"preinstall", "install", "postinstall"}) {
      if (auto body = package->script(event)) scripts.emplace_back(event, *body);
    }
    if (scripts.empty() && fs::exists(dir / "binding.gyp")) scripts.emplace_back("install", "node-gyp rebuild");
    for (const auto& [event, body] : scripts) {
      logger_.info("running " + event + " of " + node.key());
      ProcessSpec spec;
      spec.argv = script_command(options_.scripts, body, {});
      spec.env = script_environment(options_.scripts, *package, dir, event, body);
      spec.cwd = dir;
      spec.stdin_mode = Stdio::kNull;
      spec.stdout_mode = Stdio::kCapture;
      spec.stderr_mode = Stdio::kCapture;
      Result<ProcessResult> ran = run_process(spec);
      if (!ran) return std::unexpected(ran.error());
      if (!ran->succeeded()) {
        std::string output = ran->stdout_text + ran->stderr_text;
        Error error{ErrorCode::kProcess,
                    event + " script of " + node.key() + " failed with status " + std::to_string(ran->shell_status()),
                    dir.string(), "its output:\n" + output};
        if (node.optional) {
          report.warnings.push_back(describe(error));
          break;
        }
        return fail(error);
      }
    }
  }
  // The project's own lifecycle, with its output shown.
  for (std::string_view event : {"preinstall", "install", "postinstall", "prepare"}) {
    std::optional<std::string_view> body = project.script(event);
    if (!body) continue;
    terminal_.err("> " + std::string(event) + ": " + std::string(*body) + "\n");
    ProcessSpec spec;
    spec.argv = script_command(options_.scripts, *body, {});
    spec.env = script_environment(options_.scripts, project, options_.project_dir, event, *body);
    spec.cwd = options_.project_dir;
    Result<ProcessResult> ran = run_process(spec);
    if (!ran) return std::unexpected(ran.error());
    if (!ran->succeeded()) {
      return fail(ErrorCode::kProcess,
                  "the project's " + std::string(event) + " script failed with status " + std::to_string(ran->shell_status()),
                  (options_.project_dir / "package.json").string());
    }
  }
  return {};
}

Result<InstallReport> Installation::run() {
  InstallReport report;
  // `--loglevel verbose` shows where the time goes, as npm's timing lines do.
  auto phase_start = std::chrono::steady_clock::now();
  auto lap = [&](std::string_view phase) {
    if (!logger_.enabled(LogLevel::kVerbose)) return;
    auto now = std::chrono::steady_clock::now();
    logger_.verbose("timing " + std::string(phase) + " " +
                    format_duration(std::chrono::duration_cast<std::chrono::microseconds>(now - phase_start)));
    phase_start = now;
  };
  const fs::path& project_dir = options_.project_dir;
  fs::path node_modules = project_dir / "node_modules";
  fs::path lock_path = project_dir / kLockfileName;

  Result<std::string> package_text = read_file(project_dir / "package.json");
  if (!package_text) {
    if (package_text.error().code == ErrorCode::kNotFound) {
      return fail(ErrorCode::kNotFound, "no package.json here", (project_dir / "package.json").string(),
                  "run lode in a project folder (one with a package.json)");
    }
    return std::unexpected(package_text.error());
  }
  Result<PackageJson> project = parse_package_json(*package_text, project_dir / "package.json");
  if (!project) return std::unexpected(project.error());
  std::string lock_text = read_optional(lock_path);
  if (options_.lockfile == LockfileMode::kFrozen && lock_text.empty()) {
    return fail(ErrorCode::kNotFound, "no lode.lock to install from", lock_path.string(),
                "run `lode install` to create it (lode ci installs exactly what it locks)");
  }

  if (!options_.force && !options_.clean && options_.update.empty() && !options_.update_all) {
    std::optional<InstallInputs> recorded = read_install_inputs(node_modules);
    std::optional<ProjectInputs> extra;
    if (recorded) extra = read_project_inputs(project_dir, recorded->manifests, recorded->folders);
    if (extra && recorded->hash == install_inputs(*package_text, lock_text, options_, *extra) &&
        tree_unchanged(node_modules, *recorded)) {
      report.up_to_date = true;
      return report;
    }
  }

  std::optional<WorkspaceSet> workspaces;
  if (std::vector<std::string> patterns = workspace_patterns(project_dir, *project); !patterns.empty()) {
    Result<WorkspaceSet> found = find_workspaces(project_dir, patterns);
    if (!found) return std::unexpected(found.error());
    workspaces = std::move(*found);
  }

  // There is work to do, and memory to touch: tens of MiB of heap for a large project.
  back_heap_with_huge_pages(kHeapReserve);

  // The cache opens (SQLite, the network's settings) on another
  // thread while this one reads the lockfile and the install record. With a lockfile the
  // packages are most likely stored, found through their list files: SQLite waits until
  // something is not.
  std::future<Result<FetchSession>> opening;
  if (options_.session == nullptr) {
    IndexOpening index_opening = lock_text.empty() ? IndexOpening::kNow : IndexOpening::kWhenNeeded;
    opening = std::async(std::launch::async,
                         [this, index_opening] { return open_install_session(config_, logger_, index_opening); });
  }
  RegistryLookup registry_for = [this](std::string_view name) {
    Result<std::string> url = config_.registry_for(name);
    return url ? *url : std::string();
  };
  std::optional<DependencyGraph> locked;
  if (!lock_text.empty() && !options_.update_all) {
    Result<DependencyGraph> parsed = parse_lockfile(lock_text, lock_path, registry_for);
    if (!parsed) return std::unexpected(parsed.error());
    locked = std::move(*parsed);
  }
  if (!locked && lock_text.empty() && !options_.update_all) {
    // No lode.lock yet: npm's lockfile, if there is one, is where this project stands.
    for (std::string_view name : {"npm-shrinkwrap.json", "package-lock.json"}) {
      Result<std::string> npm_text = read_file(project_dir / name);
      if (!npm_text) continue;
      Result<DependencyGraph> migrated = read_npm_lockfile(*npm_text, project_dir / name, registry_for);
      if (!migrated) {
        logger_.warn(describe(migrated.error()) + "; resolving without it");
        break;
      }
      locked = std::move(*migrated);
      report.notes.push_back("starting from the versions in " + std::string(name));
      break;
    }
  }
  // What node_modules holds, as the last install recorded it (--clean starts from nothing).
  std::optional<InstallState> previous;
  if (!options_.clean) {
    if (Result<std::optional<InstallState>> state = read_install_state(node_modules); state && *state) {
      previous = std::move(*state);
      for (const InstalledPackage& package : previous->packages) recorded_content_[package.key] = package.content;
    }
  }

  if (opening.valid()) {
    Result<FetchSession> session = opening.get();
    if (!session) return std::unexpected(session.error());
    session_ = std::move(*session);
  }
  FetchSession& active = options_.session ? *options_.session : session_;
  store_ = active.store.get();
  fetcher_ = active.fetcher.get();
  // What the downloads add to the index is copied into its file once they are done (by
  // another process when there is one to start), and written on a thread of its own
  // meanwhile.
  store_->defer_checkpoints(options_.index_checkpointer.empty() ? DeferredCheckpoint::kThisProcess
                                                                : DeferredCheckpoint::kAnotherProcess);
  store_->write_in_background();
  lap("open cache");

  Progress progress(terminal_, logger_.level(), "resolving");
  progress_ = &progress;
  bool omitting = options_.omit_dev || options_.omit_optional || options_.omit_peer;
  bool fetch_while_resolving = !omitting && !locked;
  // Package folders are assembled as their packages land in the store, on these threads,
  // while the network or the resolver is the bottleneck (resolver/staging.h).
  // One processor is left to this thread: it resolves meanwhile, then links too while it
  // waits for the workers. More threads than processors made the kernel stack two on one
  // while the other idled (perf sched: 60% idle on a 2-processor machine).
  WorkerPool pool(std::max(2u, std::thread::hardware_concurrency()) - 1);
  Stager stager(node_modules, *store_, options_.link_mode, fetch_while_resolving ? StageAhead::kYes : StageAhead::kNo,
                pool);
  stager_ = &stager;
  ResolveOptions resolve;
  resolve.workspaces = workspaces ? &*workspaces : nullptr;
  resolve.teardown = options_.teardown;
  resolve.locked = locked ? &*locked : nullptr;
  resolve.update = options_.update;
  resolve.root_pins = options_.pins;
  if (!options_.workspace_dir.empty()) resolve.pins_folder = options_.workspace_dir.lexically_normal();
  // With nothing omitted every platform-compatible package is needed: fetch its tarball
  // while resolution goes on. From a lockfile resolution takes a few milliseconds: the
  // store is asked once the layout is known, so each package found there can be staged
  // at once, while the next ones are looked up.
  if (fetch_while_resolving) {
    resolve.on_node = [this](const DependencyGraph& graph, NodeId id, NodeId parent) {
      // What is found through a package this platform skips (another platform's binary
      // and its dependencies) is fetched only if the final graph reaches it another way.
      if (beyond_skipped_.size() <= id) beyond_skipped_.resize(id + 1, false);
      bool beyond = parent != kRootNode && (beyond_skipped_[parent] || !platform_ok(graph.node(parent)));
      beyond_skipped_[id] = beyond;
      if (beyond) return;
      fetch(graph, id);
      // From a warm cache resolution rarely waits (the documents are read at once), so
      // stored packages are handed to the stager now: the workers link while it goes on.
      fetcher_->deliver_tarballs();
    };
  }
  Result<Resolution> resolution =
      resolve_graph(*project, project_dir, *fetcher_, *store_, logger_, resolve, &progress);
  if (!resolution) return std::unexpected(resolution.error());
  lap("resolve");
  DependencyGraph& graph = resolution->graph;
  report.notes.insert(report.notes.end(), resolution->notes.begin(), resolution->notes.end());
  report.documents = resolution->documents_fetched;

  std::string new_lock_text = write_lockfile(graph, registry_for);
  if (options_.lockfile == LockfileMode::kFrozen && new_lock_text != lock_text) {
    return fail(ErrorCode::kConfig, "package.json and lode.lock disagree:" + root_difference(lock_text, new_lock_text),
                lock_path.string(), "run `lode install` to update lode.lock, then commit it");
  }

  // Which packages this machine gets.
  std::vector<bool> include(graph.size(), false);
  std::vector<NodeId> installed;
  std::vector<NodeId> fetch_order;  // as the graph reaches them, breadth first from the root
  auto wanted = [&](NodeId id) { return !omitted(graph.node(id)) && platform_ok(graph.node(id)); };
  for (NodeId id : graph.reachable(wanted)) {
    const PackageNode& node = graph.node(id);
    if (omitted(node)) continue;
    if (!platform_ok(node)) {
      if (!node.optional) {
        return fail(ErrorCode::kUnsupported,
                    "unsupported platform for " + node.key() + ": it is for " +
                        platform_lists_label(node.os, node.cpu, node.libc) + "; this is " + platform_.label(),
                    (project_dir / "package.json").string());
      }
      report.notes.push_back("skipped optional " + node.key() + " (" + platform_lists_label(node.os, node.cpu, node.libc) +
                             "): not for " + platform_.label());
      ++report.skipped_for_platform;
      continue;
    }
    include[id] = true;
    fetch_order.push_back(id);
  }

  // The layout is known before the tarballs are (unless an optional package fails to
  // fetch, this is the final one): the stager learns where each package goes.
  LayoutOptions layout_options;
  layout_options.include = [&include](NodeId id) { return include[id]; };
  std::vector<bool> provisional_include = include;
  Result<Layout> layout = compute_layout(graph, layout_options);
  if (!layout) return std::unexpected(layout.error());
  start_staging(graph, *layout, previous);

  // Whether each package is stored already is asked of the index under one read snapshot
  // (one lock for hundreds of lookups); each one found goes to the stager right away.
  if (auto held = store_->hold_read_snapshot(); !held) return std::unexpected(held.error());
  for (NodeId id : fetch_order) {
    fetch(graph, id);
    fetcher_->deliver();
  }
  store_->release_read_snapshot();

  // engines.node is checked against the node on PATH once everything is placed; asking it
  // (when the cache does not remember it) takes a process start, which runs while the
  // downloads finish rather than while they are being started.
  std::future<std::string> running_node =
      std::async(std::launch::async, [this] { return node_version(config_); });
  progress.set_label("fetching");
  progress.set_total(tarballs_.size());
  fetcher_->run();
  stager_ = nullptr;
  // The index is written no more: what the downloads added is copied into it meanwhile.
  // Failing to record them costs a later install some lookups, not this one its packages
  // (each stored folder carries its own file list).
  if (auto written = store_->flush_writes(); !written) logger_.warn(describe(written.error()));
  std::future<void> checkpointing;
  if (options_.index_checkpointer.empty() &&
      fetcher_->stats().tarballs_downloaded + fetcher_->stats().documents_downloaded > 0) {
    checkpointing = store_->checkpoint_in_background();
  }
  lap("fetch");
  if (const DownloaderStats& network = active.downloader->stats();
      network.submitted > 0 && logger_.enabled(LogLevel::kVerbose)) {
    logger_.verbose("network: " + plural(network.completed, "request", "requests") + " over " +
                    plural(network.connections_opened, "connection", "connections") + ", at most " +
                    std::to_string(network.most_in_flight) + " at once, " +
                    std::to_string(network.bytes_received / 1024) + " KiB received");
  }
  progress.clear();
  progress_ = nullptr;
  std::map<NodeId, std::string> store_keys;
  for (NodeId id = 1; id < graph.size(); ++id) {
    if (!include[id]) continue;
    const PackageNode& node = graph.node(id);
    if (node.source == SourceKind::kFile) {
      Result<std::string> key = store_local_tarball(node);
      if (!key) return std::unexpected(key.error());
      store_keys[id] = *key;
      continue;
    }
    if (!needs_tarball(node)) continue;
    if (auto deferred = deferred_.find(node.key()); deferred != deferred_.end()) {
      store_keys[id] = deferred->second;
      continue;
    }
    Result<std::string> stored = fetched_store_key(node.key());
    if (stored) {
      store_keys[id] = *stored;
      continue;
    }
    if (node.optional) {
      report.notes.push_back("optional " + node.key() + " left out: " + describe(stored.error()));
      include[id] = false;
      continue;
    }
    return std::unexpected(stored.error());
  }
  for (NodeId id = 1; id < graph.size(); ++id) {
    if (include[id]) installed.push_back(id);
  }

  if (include != provisional_include) {
    layout = compute_layout(graph, layout_options);
    if (!layout) return std::unexpected(layout.error());
  }
  if (options_.strict_peer_deps && !layout->peer_warnings.empty()) {
    return fail(ErrorCode::kConfig, "conflicting peer dependencies: " + join(layout->peer_warnings, "; "),
                (project_dir / "package.json").string(), "fix the versions, or install without --strict-peer-deps");
  }
  for (const std::string& warning : layout->peer_warnings) report.warnings.push_back(warning);

  if (auto moved = fetch_moved(graph, *layout, previous); !moved) return std::unexpected(moved.error());

  // Everything is known and fetched: now the project changes.
  StagedFolders staged = stager.finish();
  if (options_.clean) {
    if (auto cleared = clear_node_modules(node_modules); !cleared) return std::unexpected(cleared.error());
  }
  ReifyInput reify_input;
  reify_input.project_dir = project_dir;
  reify_input.graph = &graph;
  reify_input.layout = &*layout;
  reify_input.store_key_of = [&store_keys](NodeId id) { return store_keys[id]; };
  reify_input.store = store_;
  reify_input.link_mode = options_.link_mode;
  reify_input.previous = &previous;
  reify_input.staged = &staged;
  reify_input.fresh_node_modules = stager.made_node_modules();
  lap("layout");
  Result<ReifyReport> reified = reify(reify_input, pool);
  if (!reified) return std::unexpected(reified.error());
  lap("reify");
  logger_.verbose(std::to_string(reified->added + reified->changed) + " package folders placed, " +
                  std::to_string(reified->staged) + " of them staged while fetching (" +
                  std::to_string(reified->in_place) + " in place)");
  report.added = reified->added;
  report.changed = reified->changed;
  report.removed = reified->removed;
  report.installed = static_cast<int>(reified->installed.size());

  if (options_.lockfile == LockfileMode::kUpdate && new_lock_text != lock_text) {
    if (auto written = write_file_atomic(lock_path, new_lock_text); !written) return std::unexpected(written.error());
    report.lockfile_written = true;
  }
  std::set<std::string> deprecated;
  std::optional<std::string> node_running;
  // Whether the running node meets each engines.node range (a thousand packages of
  // alotta-packages name one, from a few dozen distinct ranges).
  std::unordered_map<std::string, bool> node_meets;
  for (NodeId id : installed) {
    const PackageNode& node = graph.node(id);
    if (!node.deprecated.empty() && deprecated.insert(node.key()).second) {
      report.warnings.push_back("deprecated " + node.key() + ": " + node.deprecated);
    }
    for (const auto& [engine, range] : node.engines) {
      if (engine != "node") continue;
      if (!node_running) node_running = running_node.get();
      auto [meets, inserted] = node_meets.try_emplace(range, true);
      if (inserted) {
        Result<PackageSpec> wanted = parse_dependency_spec("node", range);
        meets->second = node_running->empty() || !wanted || wanted->kind != SpecKind::kRange ||
                        version_satisfies(*node_running, *wanted);
      }
      if (!meets->second) {
        report.warnings.push_back("unsupported engine: " + node.key() + " wants node " + range + ", this is node " +
                                  *node_running);
      }
    }
  }
  report.fetch = fetcher_->stats();

  InstallState state;
  state.packages = std::move(reified->installed);
  state.options = install_options_token(options_);
  // Scripts run before the record says "current": if one fails, the next install retries.
  if (!options_.ignore_scripts) {
    if (auto written = write_install_state(node_modules, state); !written) return std::unexpected(written.error());
    std::set<std::string> placed(reified->placed.begin(), reified->placed.end());
    if (auto scripts = run_scripts(graph, *layout, *project, placed, report); !scripts) {
      return std::unexpected(scripts.error());
    }
  }
  // lode.lock now holds new_lock_text: written above, or equal to it already (frozen mode
  // fails otherwise).
  ProjectInputs extra{read_optional(project_dir / kPnpmWorkspaceFile), resolution->local_manifests,
                      workspaces ? workspaces->folders_listed : std::vector<std::string>()};
  state.inputs = install_inputs(*package_text, new_lock_text, options_, extra);
  // A path the record cannot hold (a tab, a newline) is left out of it: the check then never
  // matches, and installs run in full, which is slow but right.
  auto recordable = [](const std::string& path) { return path.find_first_of("\t\n") == std::string::npos; };
  for (const LocalManifest& manifest : extra.manifests) {
    if (recordable(manifest.path)) state.manifests.push_back(manifest.path);
  }
  for (const std::string& folder : extra.folders) {
    if (recordable(folder)) state.folders.push_back(folder);
  }
  if (auto written = write_install_state(node_modules, state); !written) return std::unexpected(written.error());
  if (!options_.index_checkpointer.empty()) start_checkpointer();
  lap("finish");
  if (options_.teardown == Teardown::kLeaveToExit) {
    // Only data: what owns a thread (the downloader, loading libcurl maybe) is still
    // destroyed, so nothing runs while the process exits. The fetcher's own threads are
    // idle by now; its documents and records are most of what it holds.
    leave_to_exit(std::move(resolution), std::move(layout), std::move(staged), std::move(locked), std::move(previous),
                  std::move(state), std::move(reified), std::move(store_keys), std::move(tarballs_));
    if (!options_.session) leave_to_exit(std::move(session_.fetcher));
  }
  return report;
}

}  // namespace

Result<FetchSession> open_install_session(const Config& config, const Logger& logger, IndexOpening index_opening) {
  return FetchSession::open(config, logger, std::max(2u, std::thread::hardware_concurrency()), index_opening);
}

Result<InstallReport> install_project(const Config& config, const Logger& logger, const Terminal& terminal,
                                      const InstallOptions& options) {
  Installation installation(config, logger, terminal, options);
  return installation.run();
}

}  // namespace lode
