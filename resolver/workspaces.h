// npm's workspaces: the folders of a project that package.json's "workspaces" patterns
// name ("packages/*", "apps/**", "!packages/old"). Each one with a package.json is a
// package of the project's own: linked into node_modules under its name, its dependencies
// (devDependencies too) installed with the project's, and what other workspaces ask for by
// its name (a range its version satisfies, or "workspace:") is it rather than a download.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "base/fs.h"

namespace lode {

struct Workspace {
  std::string name;
  std::string version;
  std::string path;  // relative to the project, '/'-separated ("packages/a")
};

struct WorkspaceSet {
  std::vector<Workspace> workspaces;  // by path
  // The folders whose listings decide what the patterns match (relative to the project;
  // "." is the project): something added or removed in one of them can change the set.
  std::vector<std::string> folders_listed;

  const Workspace* find(std::string_view name) const;
};

struct PackageJson;

// pnpm's file naming a project's workspaces, beside its package.json.
inline constexpr std::string_view kPnpmWorkspaceFile = "pnpm-workspace.yaml";

// The project's workspace patterns: package.json's "workspaces", else the "packages" list
// of a pnpm-workspace.yaml beside it (pnpm's projects carry over); empty when neither has
// any.
std::vector<std::string> workspace_patterns(const fs::path& project_dir, const PackageJson& package);

// The "packages" list of a pnpm-workspace.yaml: block ("- 'packages/*'") or flow
// ("[a, b]") style, quotes and comments dropped.
std::vector<std::string> pnpm_workspace_packages(std::string_view yaml);

// The workspaces `patterns` match under `project_dir`. Patterns are '/'-separated, relative
// to the project: '*', '?' and '[...]' match within a folder name, "**" any number of
// folders, a leading '!' removes what it matches; node_modules and dot folders are never
// entered. Folders without a package.json are not workspaces (npm's rule). Fails on a
// pattern that leaves the project, a workspace without a name, a package.json that cannot
// be read, or two workspaces of one name, naming the folders.
Result<WorkspaceSet> find_workspaces(const fs::path& project_dir, const std::vector<std::string>& patterns);

// The project `dir` is a workspace of: the nearest folder above it whose package.json's
// workspaces include it (npm's workspace root detection: installs run at the root, from any
// workspace), else `dir` itself. An ancestor's package.json that cannot be read or matched
// is passed over.
fs::path workspace_root(const fs::path& dir);

// The names in `folder` (but dot entries and node_modules), sorted and joined by '\n':
// what the workspaces patterns saw of it; nullopt when it cannot be listed (missing).
std::optional<std::string> folder_listing(const fs::path& folder);

}  // namespace lode
