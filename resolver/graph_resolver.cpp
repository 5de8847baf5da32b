#include "resolver/graph_resolver.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "base/encoding.h"
#include "base/integrity.h"
#include "resolver/overrides.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"

namespace lode {

namespace {

constexpr semver::SemverOptions kLoose{.loose = true, .include_prerelease = false};

struct WorkItem {
  NodeId from;
  uint32_t edge;
};

enum class Step { kDone, kWaiting };

// The SRI string for a manifest: its integrity, or its sha1 shasum in SRI form.
std::string integrity_of(const PackageVersion& manifest) {
  if (!manifest.integrity.empty()) return manifest.integrity;
  if (auto sha1 = integrity_from_shasum(manifest.shasum)) return sha1->to_string();
  return "";
}

// A graph node for a registry manifest, with its dependency edges (bundled ones left out:
// they come inside the tarball).
PackageNode node_from_manifest(std::string_view name, const PackageVersion& manifest) {
  PackageNode node;
  node.name = std::string(name);
  node.version = manifest.version;
  node.source = SourceKind::kRegistry;
  node.resolved = manifest.tarball;
  node.integrity = integrity_of(manifest);
  node.bin = manifest.bin;
  node.bin_directory = manifest.bin_directory;
  node.os = manifest.os;
  node.cpu = manifest.cpu;
  node.libc = manifest.libc;
  node.engines = manifest.engines;
  node.deprecated = manifest.deprecated;
  node.has_install_script = manifest.has_install_script;
  auto bundled = [&](const std::string& dependency) {
    return std::find(manifest.bundled.begin(), manifest.bundled.end(), dependency) != manifest.bundled.end();
  };
  std::unordered_set<std::string> seen;
  auto add_edges = [&](const StringPairs& pairs, EdgeType type) {
    for (const auto& [dependency, spec] : pairs) {
      if (bundled(dependency) || !seen.insert(dependency).second) continue;
      EdgeType edge_type = type;
      if (type == EdgeType::kPeer && std::find(manifest.optional_peers.begin(), manifest.optional_peers.end(),
                                               dependency) != manifest.optional_peers.end()) {
        edge_type = EdgeType::kPeerOptional;
      }
      node.edges.push_back(Edge{dependency, spec, edge_type, kNoNode});
    }
  };
  // Optional first: a name in both dependencies and optionalDependencies is optional.
  add_edges(manifest.optional_dependencies, EdgeType::kOptional);
  add_edges(manifest.dependencies, EdgeType::kProd);
  add_edges(manifest.peer_dependencies, EdgeType::kPeer);
  std::sort(node.edges.begin(), node.edges.end(), [](const Edge& a, const Edge& b) { return a.name < b.name; });
  return node;
}

// Edges of a package.json (a local tarball's or a remote one's): its own dependencies.
void add_package_json_edges(PackageNode& node, const PackageJson& package) {
  for (const DependencyEntry& entry : package.dependencies) {
    if (entry.type == DependencyType::kDev) continue;
    if (std::find(package.bundled.begin(), package.bundled.end(), entry.name) != package.bundled.end()) continue;
    EdgeType type = entry.type == DependencyType::kOptional ? EdgeType::kOptional
                    : entry.type == DependencyType::kPeer
                        ? (std::find(package.optional_peers.begin(), package.optional_peers.end(), entry.name) !=
                                   package.optional_peers.end()
                               ? EdgeType::kPeerOptional
                               : EdgeType::kPeer)
                        : EdgeType::kProd;
    node.edges.push_back(Edge{entry.name, entry.spec, type, kNoNode});
  }
  std::sort(node.edges.begin(), node.edges.end(), [](const Edge& a, const Edge& b) { return a.name < b.name; });
}

// The edges of a project (the root, or a folder inside it that a `file:` dependency
// links): every section, devDependencies too, each name once.
void add_project_edges(PackageNode& node, const PackageJson& project) {
  for (const DependencyEntry& entry : project.dependencies) {
    EdgeType type = entry.type == DependencyType::kDev ? EdgeType::kDev
                    : entry.type == DependencyType::kOptional ? EdgeType::kOptional
                    : entry.type == DependencyType::kPeer ? EdgeType::kPeer
                                                          : EdgeType::kProd;
    node.edges.push_back(Edge{entry.name, entry.spec, type, kNoNode});
  }
  std::sort(node.edges.begin(), node.edges.end(), [](const Edge& a, const Edge& b) { return a.name < b.name; });
}

// Whether `folder` (absolute, normalised) is `project_dir` or inside it.
bool inside(const fs::path& folder, const fs::path& project_dir) {
  fs::path relative = folder.lexically_relative(project_dir);
  return !relative.empty() && *relative.begin() != "..";
}

class Resolver {
 public:
  Resolver(const fs::path& project_dir, PackageFetcher& fetcher, Store& store, const Logger& logger,
           const ResolveOptions& options, Progress* progress)
      : project_dir_(project_dir), fetcher_(fetcher), store_(store), logger_(logger), options_(options),
        progress_(progress) {}

  // Documents fetched on speculation may arrive after resolution is over: their callbacks
  // check this token rather than touch a resolver that is gone (or retired).
  ~Resolver() { retire(); }
  void retire() { *alive_ = false; }

  Result<Resolution> run(const PackageJson& project);

 private:
  struct Document {
    bool requested = false;
    bool ready = false;
    SharedDocument document;
    std::optional<ParsedVersions> parsed;
    std::optional<Error> error;
  };
  struct Remote {
    bool requested = false;
    bool ready = false;
    std::optional<Result<StoredPackage>> stored;
  };

  // ---- nodes ----
  NodeId add_node(PackageNode node, Overrides::ContextId context, NodeId locked_origin, fs::path dir, NodeId parent);
  NodeId import_locked(NodeId locked_id, Overrides::ContextId context, NodeId parent);
  void set_target(const WorkItem& item, NodeId target, const std::string& spec);

  // ---- documents ----
  Document& request_document(const std::string& name);
  void prefetch(const std::string& name, const std::string& spec);
  void speculate(const std::string& name, const std::string& spec);

  // ---- decisions ----
  Result<Step> process(const WorkItem& item);
  Result<Step> resolve_registry(const WorkItem& item, const Edge& edge, const PackageSpec& spec);
  Result<Step> resolve_local(const WorkItem& item, const PackageSpec& spec);
  enum class FolderDependencies { kInstall, kLeave };
  // A linked folder as the target of `item`'s edge; kInstall also makes its dependencies
  // edges (and its package.json an input of the install).
  Result<Step> link_folder(const WorkItem& item, const fs::path& folder, const PackageSpec& spec,
                           FolderDependencies dependencies);
  // The workspace `spec` is answered by (npm's rule, or "workspace:"), or nullptr.
  const Workspace* workspace_for(const PackageSpec& spec) const;
  Result<Step> resolve_workspace(const WorkItem& item, const PackageSpec& spec);
  // Whether the pins are the dependencies of `id` (the root, or the workspace pinned for).
  bool pinned_here(NodeId id) const {
    if (options_.pins_folder.empty()) return id == kRootNode;
    return id != kRootNode && node_dirs_[id] == options_.pins_folder;
  }
  bool satisfies(const PackageNode& node, const PackageSpec& spec);
  const Result<PackageSpec>& spec_of(std::string_view name, std::string_view spec);
  // The highest version already in the graph that `spec` accepts (dedupe), or kNoNode.
  NodeId highest_chosen(const PackageSpec& spec);
  // npm's rule (its calc-dep-flags): a package reached only through optional peer edges is
  // extraneous, so an optional peer never brings a version of its own. Once the rest of
  // the graph is resolved, its edge points at the highest chosen version its range
  // accepts, or at nothing; the layout only checks what the dependent finds.
  Result<Step> settle_optional_peer(const WorkItem& item, const Edge& edge);
  // The lockfile's node for a root dependency, when it still satisfies package.json.
  NodeId locked_root_target(const Edge& edge, const PackageSpec& spec);
  bool updating(std::string_view name) const {
    return std::find(options_.update.begin(), options_.update.end(), name) != options_.update.end();
  }
  std::string context_of(NodeId from) const {
    return from == kRootNode ? "the project" : graph_.node(from).key();
  }

  const fs::path& project_dir_;
  PackageFetcher& fetcher_;
  Store& store_;
  const Logger& logger_;
  const ResolveOptions& options_;
  Progress* progress_;

  DependencyGraph graph_;
  std::optional<Overrides> overrides_;
  std::vector<Overrides::ContextId> contexts_;
  std::vector<NodeId> locked_origin_;
  std::vector<fs::path> node_dirs_;  // where a local package's own file: paths start
  std::deque<WorkItem> queue_;
  // Optional peers wait until everything else is resolved (settle_optional_peer);
  // settling_optional_peers_ marks that second round.
  std::vector<WorkItem> optional_peers_;
  bool settling_optional_peers_ = false;
  std::unordered_map<std::string, Document> documents_;
  std::unordered_set<std::string> speculated_;  // "name\x1fspec" pairs already guessed from
  std::unordered_map<std::string, std::vector<std::string>> specs_by_name_;
  std::unordered_map<std::string, Remote> remotes_;
  std::unordered_map<std::string, std::optional<semver::Range>> ranges_;
  // parse_dependency_spec's answers by name and specifier: the same few thousand pairs
  // come up again and again (every manifest of a speculation, every edge), and telling a
  // range from a tag parses the range.
  std::unordered_map<std::string, Result<PackageSpec>> specs_;
  Resolution result_;
  std::function<bool()> wait_for_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

NodeId Resolver::add_node(PackageNode node, Overrides::ContextId context, NodeId locked_origin, fs::path dir,
                         NodeId parent) {
  size_t before = graph_.size();
  std::string real_name = node.name;
  std::string version = node.version;
  NodeId id = graph_.add(std::move(node));
  if (graph_.size() == before) return id;  // already there
  contexts_.push_back(overrides_->enter(context, real_name, version));
  locked_origin_.push_back(locked_origin);
  node_dirs_.push_back(std::move(dir));
  const PackageNode& added = graph_.node(id);
  for (uint32_t i = 0; i < added.edges.size(); ++i) {
    queue_.push_back({id, i});
    const Edge& edge = added.edges[i];
    bool locked_edge = locked_origin != kNoNode && !updating(edge.name);
    if (edge.type != EdgeType::kPeerOptional && !locked_edge) {
      if (const auto& spec = spec_of(edge.name, edge.spec); spec && spec->from_registry() && !workspace_for(*spec)) {
        // A peer is mostly met by a package that is there anyway: its document may be
        // needed, a guess at its own dependencies mostly is not.
        if (edge.type == EdgeType::kPeer) {
          request_document(spec->real_name);
        } else {
          prefetch(spec->real_name, spec->target);
        }
      }
    }
  }
  if (options_.on_node) options_.on_node(graph_, id, parent);
  if (progress_) progress_->set_total(graph_.size() - 1);
  return id;
}

NodeId Resolver::import_locked(NodeId locked_id, Overrides::ContextId context, NodeId parent) {
  const PackageNode& locked = options_.locked->node(locked_id);
  NodeId existing = graph_.find(locked.key());
  if (existing != kNoNode) return existing;
  PackageNode copy = locked;
  for (Edge& edge : copy.edges) edge.target = kNoNode;
  fs::path dir = copy.source == SourceKind::kDirectory ? project_dir_ / copy.resolved : fs::path();
  return add_node(std::move(copy), context, locked_id, std::move(dir), parent);
}

void Resolver::set_target(const WorkItem& item, NodeId target, const std::string& spec) {
  Edge& edge = graph_.node(item.from).edges[item.edge];
  edge.target = target;
  edge.spec = spec;
  if (progress_) progress_->advance();
}

Resolver::Document& Resolver::request_document(const std::string& name) {
  Document& entry = documents_[name];
  if (entry.requested) return entry;
  entry.requested = true;
  fetcher_.fetch_document(name, [this, alive = alive_, name](Result<SharedDocument> document) {
    if (!*alive) return;
    Document& done = documents_[name];
    done.ready = true;
    if (!document) {
      done.error = document.error();
      return;
    }
    done.document = *document;
    done.parsed = ParsedVersions::of(**document);
    ++result_.documents_fetched;
    // Guess ahead: the specs seen so far for this name pick versions whose own
    // dependencies will be wanted next.
    std::vector<std::string> specs = specs_by_name_[name];
    for (const std::string& spec : specs) speculate(name, spec);
  });
  return entry;
}

void Resolver::prefetch(const std::string& name, const std::string& spec) {
  if (!speculated_.insert(name + "\x1f" + spec).second) return;
  // What a workspace answers needs no document (nor does what it depends on: its own
  // edges come from its package.json when it is added).
  if (const Result<PackageSpec>& parsed = spec_of(name, spec); parsed && workspace_for(*parsed)) return;
  specs_by_name_[name].push_back(spec);
  Document& entry = request_document(name);
  if (entry.ready) speculate(name, spec);
}

void Resolver::speculate(const std::string& name, const std::string& spec) {
  Document& entry = documents_[name];
  if (!entry.document) return;
  const Result<PackageSpec>& parsed = spec_of(name, spec);
  if (!parsed || !parsed->from_registry()) return;
  Result<const PackageVersion*> manifest = pick_version(*entry.document, *entry.parsed, *parsed);
  if (!manifest) return;
  for (const StringPairs* pairs : {&(*manifest)->dependencies, &(*manifest)->optional_dependencies}) {
    for (const auto& [dependency, dependency_spec] : *pairs) {
      const Result<PackageSpec>& next = spec_of(dependency, dependency_spec);
      if (next && next->from_registry()) prefetch(next->real_name, next->target);
    }
  }
  // Peers as in add_node: their documents, no guess beyond (optional ones not even that).
  const std::vector<std::string>& optional_peers = (*manifest)->optional_peers;
  for (const auto& [dependency, dependency_spec] : (*manifest)->peer_dependencies) {
    if (std::find(optional_peers.begin(), optional_peers.end(), dependency) != optional_peers.end()) continue;
    const Result<PackageSpec>& next = spec_of(dependency, dependency_spec);
    if (next && next->from_registry()) request_document(next->real_name);
  }
}

NodeId Resolver::highest_chosen(const PackageSpec& spec) {
  NodeId best = kNoNode;
  for (NodeId candidate : graph_.versions_of(spec.real_name)) {
    if (!satisfies(graph_.node(candidate), spec)) continue;
    if (best == kNoNode || version_greater(graph_.node(candidate).version, graph_.node(best).version)) best = candidate;
  }
  return best;
}

Result<Step> Resolver::settle_optional_peer(const WorkItem& item, const Edge& edge) {
  if (!settling_optional_peers_) {
    optional_peers_.push_back(item);
    return Step::kDone;
  }
  // Decided again on every resolution, locked or not, so a version that was in the tree
  // only for this edge (or an older lode's choice) does not linger in the lock.
  const Result<PackageSpec>& spec = spec_of(edge.name, edge.spec);
  if (!spec || !spec->from_registry() || spec->kind == SpecKind::kTag) return Step::kDone;
  if (NodeId best = highest_chosen(*spec); best != kNoNode) set_target(item, best, edge.spec);
  return Step::kDone;
}

const Result<PackageSpec>& Resolver::spec_of(std::string_view name, std::string_view spec) {
  std::string key;
  key.reserve(name.size() + spec.size() + 1);
  key.append(name).push_back('\0');
  key.append(spec);
  auto found = specs_.find(key);
  if (found == specs_.end()) found = specs_.emplace(std::move(key), parse_dependency_spec(name, spec)).first;
  return found->second;
}

bool Resolver::satisfies(const PackageNode& node, const PackageSpec& spec) {
  if (node.source != SourceKind::kRegistry || node.name != spec.real_name) return false;
  Result<semver::Version> version = semver::Version::parse(node.version, kLoose);
  if (!version) return false;
  if (spec.kind == SpecKind::kVersion) return version_satisfies(node.version, spec);
  if (spec.kind != SpecKind::kRange) return false;
  auto [it, inserted] = ranges_.try_emplace(spec.target);
  if (inserted) {
    if (auto range = semver::Range::parse(spec.target, kLoose)) it->second = std::move(*range);
  }
  return it->second && it->second->test(*version);
}

NodeId Resolver::locked_root_target(const Edge& edge, const PackageSpec& spec) {
  if (!options_.locked || updating(spec.real_name)) return kNoNode;
  for (const Edge& locked : options_.locked->root().edges) {
    if (locked.name != edge.name || locked.target == kNoNode) continue;
    const PackageNode& target = options_.locked->node(locked.target);
    bool same_tag = spec.kind == SpecKind::kTag && locked.spec == spec.raw;
    if (same_tag || satisfies(target, spec)) return locked.target;
  }
  return kNoNode;
}

Result<Step> Resolver::process(const WorkItem& item) {
  Edge edge = graph_.node(item.from).edges[item.edge];
  if (edge.type == EdgeType::kPeerOptional) return settle_optional_peer(item, edge);
  NodeId origin = locked_origin_[item.from];
  Overrides::ContextId context = contexts_[item.from];
  std::string spec_text = edge.spec;

  if (item.from != kRootNode && origin != kNoNode) {
    const PackageNode& locked_from = options_.locked->node(origin);
    if (!updating(edge.name)) {
      for (const Edge& locked_edge : locked_from.edges) {
        if (locked_edge.name != edge.name || locked_edge.type != edge.type) continue;
        if (locked_edge.target == kNoNode) return Step::kDone;
        NodeId target = import_locked(locked_edge.target, context, item.from);
        set_target(item, target, locked_edge.spec.empty() ? graph_.node(target).version : locked_edge.spec);
        return Step::kDone;
      }
    }
    // Updating (or the lock lacks the edge): the real specifier is in the dependent's manifest.
    Document& document = request_document(locked_from.name);
    if (!document.ready) {
      wait_for_ = [&document] { return document.ready; };
      return Step::kWaiting;
    }
    const PackageVersion* manifest = document.document ? document.document->find_version(locked_from.version) : nullptr;
    if (!manifest) {
      return fail(ErrorCode::kNotFound, "cannot find " + locked_from.key() + " in the registry to update it");
    }
    PackageNode fresh = node_from_manifest(locked_from.name, *manifest);
    for (const Edge& fresh_edge : fresh.edges) {
      if (fresh_edge.name == edge.name) spec_text = fresh_edge.spec;
    }
  }

  std::optional<std::string> written_spec;  // package.json's, when a pin resolves instead
  if (pinned_here(item.from)) {
    for (const auto& [name, pin] : options_.root_pins) {
      if (name == edge.name) {
        written_spec = spec_text;
        spec_text = pin;
      }
    }
  }
  Result<PackageSpec> spec = spec_of(edge.name, spec_text);
  if (spec && !overrides_->empty()) {
    bool needs_document = false;
    std::optional<std::string> replacement = overrides_->replacement(context, spec->real_name, [&]() -> std::optional<std::string> {
      if (!spec->from_registry()) return std::nullopt;
      Document& document = request_document(spec->real_name);
      if (!document.ready) {
        needs_document = true;
        return std::nullopt;
      }
      if (!document.document) return std::nullopt;
      auto picked = pick_version(*document.document, *document.parsed, *spec);
      return picked ? std::optional<std::string>((*picked)->version) : std::nullopt;
    });
    if (needs_document) {
      Document& document = documents_[spec->real_name];
      wait_for_ = [&document] { return document.ready; };
      return Step::kWaiting;
    }
    if (replacement) {
      spec_text = *replacement;
      spec = spec_of(edge.name, spec_text);
    }
  }
  auto failure = [&](const Error& error) -> Result<Step> {
    if (edge.type == EdgeType::kOptional) {
      result_.notes.push_back("optional " + edge.name + "@" + spec_text + " left out: " + describe(error));
      return Step::kDone;
    }
    Error wrapped = error;
    wrapped.subject = edge.name + "@" + spec_text + ", required by " + context_of(item.from);
    return fail(wrapped);
  };
  if (!spec) return failure(spec.error());
  Result<Step> step = spec->kind == SpecKind::kWorkspace || workspace_for(*spec) ? resolve_workspace(item, *spec)
                      : spec->from_registry()                                  ? resolve_registry(item, edge, *spec)
                                                                               : resolve_local(item, *spec);
  if (!step) return failure(step.error());
  if (*step == Step::kDone && written_spec) graph_.node(item.from).edges[item.edge].spec = *written_spec;
  return step;
}

Result<Step> Resolver::resolve_registry(const WorkItem& item, const Edge& edge, const PackageSpec& spec) {
  Overrides::ContextId context = contexts_[item.from];
  bool pinned = pinned_here(item.from) && std::any_of(options_.root_pins.begin(), options_.root_pins.end(),
                                                      [&](const auto& pin) { return pin.first == edge.name; });
  if (item.from == kRootNode && !pinned) {
    if (NodeId locked = locked_root_target(edge, spec); locked != kNoNode) {
      set_target(item, import_locked(locked, context, item.from), spec.raw);
      return Step::kDone;
    }
  }
  if (spec.kind != SpecKind::kTag) {
    if (NodeId best = highest_chosen(spec); best != kNoNode) {
      set_target(item, best, spec.raw);
      return Step::kDone;
    }
    if (options_.locked && !updating(spec.real_name)) {
      NodeId locked_best = kNoNode;
      for (NodeId candidate : options_.locked->versions_of(spec.real_name)) {
        const PackageNode& node = options_.locked->node(candidate);
        if (!satisfies(node, spec)) continue;
        if (locked_best == kNoNode || version_greater(node.version, options_.locked->node(locked_best).version)) {
          locked_best = candidate;
        }
      }
      if (locked_best != kNoNode) {
        set_target(item, import_locked(locked_best, context, item.from), spec.raw);
        return Step::kDone;
      }
    }
  }
  Document& document = request_document(spec.real_name);
  if (!document.ready) {
    wait_for_ = [&document] { return document.ready; };
    return Step::kWaiting;
  }
  if (document.error) return fail(*document.error);
  Result<const PackageVersion*> manifest = pick_version(*document.document, *document.parsed, spec);
  if (!manifest) return fail(manifest.error());
  NodeId id = add_node(node_from_manifest(spec.real_name, **manifest), context, kNoNode, {}, item.from);
  set_target(item, id, spec.raw);
  return Step::kDone;
}

Result<Step> Resolver::link_folder(const WorkItem& item, const fs::path& folder, const PackageSpec& spec,
                                   FolderDependencies dependencies) {
  fs::path manifest = folder / "package.json";
  Result<std::string> text = read_file(manifest);
  Result<PackageJson> package = text ? parse_package_json(*text, manifest) : read_package_json(manifest);
  std::string shown = folder.lexically_relative(project_dir_).string();
  if (!package) return fail(package.error().wrap("reading the linked folder " + shown));
  PackageNode node;
  node.name = package->name.empty() ? spec.name : package->name;
  node.version = package->version;
  node.source = SourceKind::kDirectory;
  node.resolved = std::move(shown);
  node.bin = package->bin;
  node.bin_directory = package->bin_directory;
  if (dependencies == FolderDependencies::kInstall) {
    add_project_edges(node, *package);
    std::string path = manifest.lexically_relative(project_dir_).string();
    auto& manifests = result_.local_manifests;
    if (std::none_of(manifests.begin(), manifests.end(), [&](const LocalManifest& m) { return m.path == path; })) {
      manifests.push_back(LocalManifest{std::move(path), std::move(*text)});
    }
  }
  NodeId id = add_node(std::move(node), contexts_[item.from], kNoNode, folder.lexically_normal(), item.from);
  set_target(item, id, spec.raw);
  return Step::kDone;
}

const Workspace* Resolver::workspace_for(const PackageSpec& spec) const {
  if (options_.workspaces == nullptr) return nullptr;
  const Workspace* workspace = options_.workspaces->find(spec.real_name.empty() ? spec.name : spec.real_name);
  if (workspace == nullptr) return nullptr;
  if (spec.kind == SpecKind::kWorkspace) return workspace;
  // npm links a workspace wherever its version satisfies what is asked for by its name.
  bool asks_version = spec.kind == SpecKind::kRange || spec.kind == SpecKind::kVersion;
  return asks_version && version_satisfies(workspace->version, spec) ? workspace : nullptr;
}

Result<Step> Resolver::resolve_workspace(const WorkItem& item, const PackageSpec& spec) {
  const Workspace* workspace = workspace_for(spec);
  if (spec.kind == SpecKind::kWorkspace) {
    std::string_view wanted = spec.target;
    if (workspace == nullptr) {
      return fail(ErrorCode::kNotFound, "no workspace is named " + spec.name,
                  (project_dir_ / "package.json").string(), "\"workspace:\" names a package of the project's workspaces");
    }
    // "workspace:*", "workspace:^" and "workspace:~" take the workspace as it is; a range
    // must accept its version (yarn's and pnpm's meaning).
    if (wanted != "*" && wanted != "^" && wanted != "~" && !wanted.empty()) {
      Result<PackageSpec> range = parse_dependency_spec(spec.name, wanted);
      if (!range || !range->from_registry() || range->kind == SpecKind::kTag ||
          !version_satisfies(workspace->version, *range)) {
        return fail(ErrorCode::kNotFound,
                    "workspace " + workspace->name + " is at " + workspace->version + ", not " + std::string(wanted),
                    (project_dir_ / workspace->path / "package.json").string(), "change the range or the version");
      }
    }
  }
  return link_folder(item, project_dir_ / workspace->path, spec, FolderDependencies::kInstall);
}

Result<Step> Resolver::resolve_local(const WorkItem& item, const PackageSpec& spec) {
  Overrides::ContextId context = contexts_[item.from];
  const fs::path& base = item.from == kRootNode ? project_dir_ : node_dirs_[item.from];
  if (spec.kind == SpecKind::kDirectory || spec.kind == SpecKind::kLink) {
    fs::path folder = (base / spec.target).lexically_normal();
    // npm's rule for a `file:` folder inside the project: a part of it, whose dependencies
    // (devDependencies too) are installed with the project's, where node finds them from
    // the folder. A folder elsewhere, or any `link:` (pnpm's and yarn's meaning), keeps its
    // own node_modules: its dependencies are its own business.
    bool own = spec.kind == SpecKind::kDirectory && inside(folder, project_dir_);
    return link_folder(item, folder, spec, own ? FolderDependencies::kInstall : FolderDependencies::kLeave);
  }
  StoredPackage stored;
  std::string resolved;
  SourceKind source = SourceKind::kRemote;
  if (spec.kind == SpecKind::kFile) {
    fs::path file = (base / spec.target).lexically_normal();
    Result<std::string> bytes = read_file(file);
    if (!bytes) return fail(bytes.error().wrap("reading the tarball " + spec.target));
    Result<Integrity> computed = compute_integrity(HashAlgorithm::kSha512, *bytes);
    if (!computed) return fail(computed.error());
    const Integrity& integrity = *computed;
    Result<std::optional<StoredPackage>> found = store_.find(integrity.store_key(), FileList::kOmit);
    if (found && *found) {
      stored = **found;
    } else {
      Result<UnpackedPackage> unpacked = store_.unpack(*bytes, integrity.store_key(), file.string());
      if (!unpacked) return fail(unpacked.error());
      Result<StoredPackage> recorded = store_.record(*unpacked, integrity.to_string(), spec.name, "", 0);
      if (!recorded) return fail(recorded.error());
      stored = *recorded;
    }
    resolved = file.lexically_relative(project_dir_).string();
    source = SourceKind::kFile;
  } else if (spec.kind == SpecKind::kRemote) {
    Remote& remote = remotes_[spec.target];
    if (!remote.requested) {
      remote.requested = true;
      fetcher_.fetch_tarball(TarballSpec{spec.name, "", spec.target, "", ""},
                             [this, alive = alive_, url = spec.target](Result<StoredPackage> result) {
        if (!*alive) return;
        Remote& done = remotes_[url];
        done.ready = true;
        done.stored = std::move(result);
      });
    }
    if (!remote.ready) {
      wait_for_ = [&remote] { return remote.ready; };
      return Step::kWaiting;
    }
    if (!*remote.stored) return fail(remote.stored->error());
    stored = **remote.stored;
    resolved = spec.target;
  } else {
    return fail(ErrorCode::kUnsupported, std::string(spec_kind_name(spec.kind)) + " dependencies are not supported yet");
  }
  Result<PackageJson> package = read_package_json(store_.package_dir(stored.key) / "package.json");
  if (!package) return fail(package.error().wrap("reading the package.json of " + spec.raw));
  PackageNode node;
  node.name = package->name.empty() ? spec.name : package->name;
  node.version = package->version;
  node.source = source;
  node.resolved = resolved;
  node.integrity = stored.integrity;
  node.bin = package->bin;
  node.bin_directory = package->bin_directory;
  node.os = package->os;
  node.cpu = package->cpu;
  node.libc = package->libc;
  node.engines = package->engines;
  for (std::string_view script : {"preinstall", "install", "postinstall"}) {
    if (package->script(script)) node.has_install_script = true;
  }
  add_package_json_edges(node, *package);
  NodeId id = add_node(std::move(node), context, kNoNode, store_.package_dir(stored.key), item.from);
  set_target(item, id, spec.raw);
  return Step::kDone;
}

Result<Resolution> Resolver::run(const PackageJson& project) {
  Result<Overrides> overrides = Overrides::from(project);
  if (!overrides) return std::unexpected(overrides.error());
  overrides_.emplace(std::move(*overrides));
  // A resolution from a lockfile mostly ends where the lockfile did.
  if (options_.locked) graph_.reserve(options_.locked->size() + 64);
  PackageNode& root = graph_.root();
  root.name = project.name;
  root.version = project.version;
  add_project_edges(root, project);
  if (options_.workspaces) {
    // Every workspace is linked at the top, as npm does, whether the project names it or not.
    for (const Workspace& workspace : options_.workspaces->workspaces) {
      bool named = std::any_of(root.edges.begin(), root.edges.end(),
                               [&](const Edge& edge) { return edge.name == workspace.name; });
      if (!named) root.edges.push_back(Edge{workspace.name, "file:" + workspace.path, EdgeType::kProd, kNoNode});
    }
    std::sort(root.edges.begin(), root.edges.end(), [](const Edge& a, const Edge& b) { return a.name < b.name; });
  }
  contexts_.push_back(Overrides::kRootContext);
  locked_origin_.push_back(kNoNode);
  node_dirs_.push_back(project_dir_);
  for (uint32_t i = 0; i < graph_.root().edges.size(); ++i) {
    queue_.push_back({kRootNode, i});
    const Edge& edge = graph_.root().edges[i];
    const auto& spec = spec_of(edge.name, edge.spec);
    if (spec && spec->from_registry() && locked_root_target(edge, *spec) == kNoNode) {
      prefetch(spec->real_name, spec->target);
    }
  }

  // Decisions ask the cache index whether packages are stored (hundreds with a lockfile),
  // and the waits between them read documents from it (thousands from a warm cache): one
  // read snapshot takes SQLite's read lock once instead of once per query (two lock calls
  // and a stat each: 7,000 system calls for alotta-packages from a warm cache). It is held
  // through the waits too; a write (a document just downloaded) ends it, and the next
  // burst of decisions takes a new one.
  while (true) {
    if (queue_.empty() && !optional_peers_.empty()) {
      settling_optional_peers_ = true;
      queue_.insert(queue_.end(), optional_peers_.begin(), optional_peers_.end());
      optional_peers_.clear();
    }
    if (queue_.empty()) break;
    if (auto held = store_.hold_read_snapshot(); !held) return std::unexpected(held.error());
    Result<Step> step = process(queue_.front());
    if (!step) return std::unexpected(step.error());
    if (*step == Step::kDone) {
      queue_.pop_front();
      continue;
    }
    std::function<bool()> ready = std::move(wait_for_);
    if (!fetcher_.run_until(ready)) {
      return fail(ErrorCode::kInternal, "resolution stalled waiting for the network");
    }
  }
  store_.release_read_snapshot();
  graph_.compute_flags();
  logger_.verbose("resolved " + std::to_string(graph_.size() - 1) + " packages using " +
                  std::to_string(result_.documents_fetched) + " package documents");
  std::sort(result_.local_manifests.begin(), result_.local_manifests.end(),
            [](const LocalManifest& a, const LocalManifest& b) { return a.path < b.path; });
  result_.graph = std::move(graph_);
  return std::move(result_);
}

}  // namespace

Result<Resolution> resolve_graph(const PackageJson& project, const fs::path& project_dir, PackageFetcher& fetcher,
                                 Store& store, const Logger& logger, const ResolveOptions& options, Progress* progress) {
  auto resolver = std::make_unique<Resolver>(project_dir, fetcher, store, logger, options, progress);
  Result<Resolution> resolution = resolver->run(project);
  // Retired, so late callbacks leave it alone; with kLeaveToExit never deleted (base/teardown.h).
  resolver->retire();
  if (options.teardown == Teardown::kLeaveToExit) (void)resolver.release();
  return resolution;
}

}  // namespace lode
