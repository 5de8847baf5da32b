// The no-op check: was node_modules installed from exactly this package.json and lode.lock,
// with these options, on this platform? Answered from node_modules/.lode/inputs and the two
// files, without reading the tree or the cache: the whole of `lode install` when nothing
// changed, and what `lode run` checks before running a script. Light on purpose: no
// network, no SQLite, no libarchive, so answering it loads no library.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "resolver/installer_options.h"

namespace lode {

// A package.json of a `file:` folder inside the project whose dependencies the install
// resolved: it is one of the install's inputs.
struct LocalManifest {
  std::string path;  // relative to the project ("packages/a/package.json")
  std::string text;
};

// What an install reads besides package.json and lode.lock that decides what it does.
struct ProjectInputs {
  // pnpm-workspace.yaml's text ("" when there is none): always an input, so that one made
  // later is noticed.
  std::string pnpm_workspace;
  std::vector<LocalManifest> manifests;  // `file:` folders inside the project, workspaces
  // Folders the workspaces patterns looked into (relative; "." is the project), whose
  // listings (resolver/workspaces.h) are hashed: a workspace made or removed there counts.
  std::vector<std::string> folders;
};

// The hash recorded for an install from these inputs.
std::string install_inputs(std::string_view package_json, std::string_view lockfile, const InstallOptions& options,
                           const ProjectInputs& extra = {});

// pnpm-workspace.yaml, the manifests at `manifests` (relative to `project_dir`), read, and
// `folders`; nullopt when a manifest cannot be read (the install that follows reports why).
std::optional<ProjectInputs> read_project_inputs(const fs::path& project_dir, std::span<const std::string> manifests,
                                                 std::span<const std::string> folders);

// Whether node_modules holds exactly what these inputs produce.
bool install_is_current(const InstallOptions& options);

// The options that change what an install produces, as one word for the record
// ("omit=dev scripts=1 link=0"), and back.
std::string install_options_token(const InstallOptions& options);
void apply_install_options_token(std::string_view token, InstallOptions& options);

// Whether node_modules matches package.json and lode.lock under the options it was last
// installed with (`lode run` checks this before running a script).
bool install_matches_record(const fs::path& project_dir);

}  // namespace lode
