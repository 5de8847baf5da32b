#include "resolver/project_edit.h"

#include <sys/stat.h>

#include <optional>

#include "base/strings.h"
#include "resolver/package_spec.h"
#include "resolver/version_picker.h"

namespace lode {

namespace {

struct ProjectFile {
  fs::path path;
  std::string text;
  PackageJson package;
};

Result<ProjectFile> read_project(const InstallOptions& options) {
  ProjectFile file;
  file.path = (options.workspace_dir.empty() ? options.project_dir : options.workspace_dir) / "package.json";
  Result<std::string> text = read_file(file.path);
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) {
      return fail(ErrorCode::kNotFound, "no package.json here", file.path.string(),
                  "create one first (a file holding {} is enough)");
    }
    return std::unexpected(text.error());
  }
  file.text = std::move(*text);
  Result<PackageJson> package = parse_package_json(file.text, file.path);
  if (!package) return std::unexpected(package.error());
  file.package = std::move(*package);
  return file;
}

// Writes the edited package.json and installs; on failure the original comes back.
Result<InstallReport> write_and_install(const Config& config, const Logger& logger, const Terminal& terminal,
                                        const InstallOptions& options, const ProjectFile& original,
                                        const std::string& edited) {
  WriteOptions write;
  struct stat info;
  if (::stat(original.path.c_str(), &info) == 0) write.mode = static_cast<fs::perms>(info.st_mode & 07777);
  if (auto written = write_file_atomic(original.path, edited, write); !written) return std::unexpected(written.error());
  Result<InstallReport> report = install_project(config, logger, terminal, options);
  if (!report) {
    if (auto restored = write_file_atomic(original.path, original.text, write); !restored) {
      logger.error(restored.error().wrap("cannot restore package.json"));
    }
    return std::unexpected(report.error());
  }
  return report;
}

// Fetches the documents of `names` (one round trip for all of them).
Result<std::map<std::string, SharedDocument>> fetch_documents(FetchSession& session, const std::vector<std::string>& names) {
  std::map<std::string, SharedDocument> documents;
  std::optional<Error> error;
  for (const std::string& name : names) {
    session.fetcher->fetch_document(name, [&, name](Result<SharedDocument> document) {
      if (document) {
        documents[name] = *document;
      } else if (!error) {
        error = document.error();
      }
    });
  }
  session.fetcher->run();
  if (error) return std::unexpected(*error);
  return documents;
}

// The specifier `lode add` saves for a registry spec resolved to `version`: the version
// with --exact, else the range as given, else ^version.
std::string saved_spec(const PackageSpec& spec, const std::string& version, bool exact) {
  std::string inner = exact ? version : spec.kind == SpecKind::kRange && !spec.raw.empty() ? spec.target : "^" + version;
  return spec.alias ? "npm:" + spec.real_name + "@" + inner : inner;
}

}  // namespace

Result<EditOutcome> add_dependencies(const Config& config, const Logger& logger, const Terminal& terminal,
                                     const AddRequest& request, const InstallOptions& options) {
  Result<ProjectFile> project = read_project(options);
  if (!project) return std::unexpected(project.error());
  bool exact = request.exact || config.get_bool("save-exact").value_or(false);

  std::vector<PackageSpec> specs;
  std::vector<std::string> registry_names;
  for (const std::string& argument : request.specs) {
    Result<PackageSpec> spec = parse_cli_spec(argument);
    if (!spec) return std::unexpected(spec.error());
    if (spec->from_registry()) registry_names.push_back(spec->real_name);
    specs.push_back(std::move(*spec));
  }
  std::map<std::string, SharedDocument> documents;
  std::optional<FetchSession> session;
  if (!registry_names.empty()) {
    Result<FetchSession> opened = open_install_session(config, logger);
    if (!opened) return std::unexpected(opened.error());
    session = std::move(*opened);
    Result<std::map<std::string, SharedDocument>> fetched = fetch_documents(*session, registry_names);
    if (!fetched) return std::unexpected(fetched.error());
    documents = std::move(*fetched);
  }

  PackageJsonEdit edit;
  EditOutcome outcome;
  std::vector<std::pair<std::string, std::string>> pins;
  for (const PackageSpec& spec : specs) {
    DependencyEntry entry;
    entry.type = request.type;
    if (spec.from_registry()) {
      const DocumentView& document = *documents.at(spec.real_name);
      Result<const PackageVersion*> version = pick_version(document, ParsedVersions::of(document), spec);
      if (!version) return std::unexpected(version.error());
      entry.name = spec.name;
      entry.spec = saved_spec(spec, (*version)->version, exact);
      // What was just picked is what gets installed, whatever the saved range allows.
      pins.emplace_back(spec.name, spec.alias ? "npm:" + spec.real_name + "@" + (*version)->version : (*version)->version);
    } else if (spec.kind == SpecKind::kDirectory || spec.kind == SpecKind::kLink) {
      fs::path folder = (options.scripts.init_cwd / spec.target).lexically_normal();
      Result<PackageJson> linked = read_package_json(folder / "package.json");
      if (!linked) return std::unexpected(linked.error().wrap("reading " + spec.raw));
      if (linked->name.empty()) return fail(ErrorCode::kParse, "the package has no name", (folder / "package.json").string());
      entry.name = linked->name;
      fs::path edited_dir = options.workspace_dir.empty() ? options.project_dir : options.workspace_dir;
      std::string relative = folder.lexically_relative(edited_dir).string();
      if (!relative.starts_with("..") && !relative.starts_with("/")) relative = "./" + relative;
      entry.spec = (spec.kind == SpecKind::kLink ? "link:" : "file:") + relative;
    } else if (spec.kind == SpecKind::kRemote) {
      if (spec.name.empty()) {
        return fail(ErrorCode::kUsage, "name the package a tarball URL provides", spec.raw,
                    "use `lode add <name>@" + spec.raw + "`");
      }
      entry.name = spec.name;
      entry.spec = spec.raw;
    } else {
      return fail(ErrorCode::kUnsupported, std::string(spec_kind_name(spec.kind)) + " specs are not supported by lode add yet",
                  spec.raw, "add it to package.json by hand, with a name");
    }
    outcome.saved.push_back(entry.name + "@" + entry.spec);
    edit.set.push_back(std::move(entry));
  }
  Result<std::string> edited = edit_package_json(project->text, edit, project->path);
  if (!edited) return std::unexpected(edited.error());
  InstallOptions install = options;
  install.force = true;
  install.pins = std::move(pins);
  if (session) install.session = &*session;
  Result<InstallReport> report = write_and_install(config, logger, terminal, install, *project, *edited);
  if (!report) return std::unexpected(report.error());
  outcome.install = std::move(*report);
  return outcome;
}

Result<EditOutcome> remove_dependencies(const Config& config, const Logger& logger, const Terminal& terminal,
                                        const std::vector<std::string>& names, const InstallOptions& options) {
  Result<ProjectFile> project = read_project(options);
  if (!project) return std::unexpected(project.error());
  for (const std::string& name : names) {
    if (!project->package.find_dependency(name)) {
      return fail(ErrorCode::kNotFound, name + " is not a dependency of this project", project->path.string(),
                  "`lode ls` lists what it depends on");
    }
  }
  PackageJsonEdit edit;
  edit.remove = names;
  Result<std::string> edited = edit_package_json(project->text, edit, project->path);
  if (!edited) return std::unexpected(edited.error());
  InstallOptions install = options;
  install.force = true;
  Result<InstallReport> report = write_and_install(config, logger, terminal, install, *project, *edited);
  if (!report) return std::unexpected(report.error());
  return EditOutcome{std::move(*report), {}};
}

Result<EditOutcome> update_to_latest(const Config& config, const Logger& logger, const Terminal& terminal,
                                     const std::vector<std::string>& names, const InstallOptions& options) {
  Result<ProjectFile> project = read_project(options);
  if (!project) return std::unexpected(project.error());
  std::vector<const DependencyEntry*> targets;
  for (const DependencyEntry& entry : project->package.dependencies) {
    bool wanted = names.empty() || std::find(names.begin(), names.end(), entry.name) != names.end();
    Result<PackageSpec> spec = parse_dependency_spec(entry.name, entry.spec);
    if (wanted && spec && spec->from_registry()) targets.push_back(&entry);
  }
  for (const std::string& name : names) {
    if (!project->package.find_dependency(name)) {
      return fail(ErrorCode::kNotFound, name + " is not a dependency of this project", project->path.string());
    }
  }
  std::vector<std::string> real_names;
  for (const DependencyEntry* entry : targets) real_names.push_back(parse_dependency_spec(entry->name, entry->spec)->real_name);
  Result<FetchSession> session = open_install_session(config, logger);
  if (!session) return std::unexpected(session.error());
  Result<std::map<std::string, SharedDocument>> documents = fetch_documents(*session, real_names);
  if (!documents) return std::unexpected(documents.error());
  PackageJsonEdit edit;
  EditOutcome outcome;
  InstallOptions install = options;
  install.force = true;
  install.session = &*session;
  for (size_t i = 0; i < targets.size(); ++i) {
    PackageSpec spec = *parse_dependency_spec(targets[i]->name, targets[i]->spec);
    std::optional<std::string_view> latest = documents->at(real_names[i])->dist_tag("latest");
    if (!latest) continue;
    std::string saved = (spec.alias ? "npm:" + spec.real_name + "@^" : "^") + std::string(*latest);
    if (saved == targets[i]->spec) continue;
    edit.set.push_back({targets[i]->name, saved, targets[i]->type});
    outcome.saved.push_back(targets[i]->name + "@" + saved);
    install.update.push_back(spec.real_name);
  }
  Result<std::string> edited = edit_package_json(project->text, edit, project->path);
  if (!edited) return std::unexpected(edited.error());
  Result<InstallReport> report = write_and_install(config, logger, terminal, install, *project, *edited);
  if (!report) return std::unexpected(report.error());
  outcome.install = std::move(*report);
  return outcome;
}

Result<EditOutcome> trust_dependencies(const Config& config, const Logger& logger, const Terminal& terminal,
                                       const std::vector<std::string>& names, const InstallOptions& options) {
  Result<ProjectFile> project = read_project(options);
  if (!project) return std::unexpected(project.error());
  PackageJsonEdit edit;
  edit.trust = names;
  Result<std::string> edited = edit_package_json(project->text, edit, project->path);
  if (!edited) return std::unexpected(edited.error());
  InstallOptions install = options;
  install.force = true;
  install.rerun_scripts = names;
  Result<InstallReport> report = write_and_install(config, logger, terminal, install, *project, *edited);
  if (!report) return std::unexpected(report.error());
  return EditOutcome{std::move(*report), names};
}

}  // namespace lode
