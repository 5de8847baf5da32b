// One package.json script run across a project's workspaces: npm's `--workspaces` and
// `--workspace <name|path>`, pnpm's `--recursive` and `--filter`, bun's `--filter`. The
// selected packages run one after another; a failure does not stop the others (npm's
// rule), and every failure is reported once all have run.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "base/terminal.h"
#include "resolver/package_json.h"
#include "resolver/script_runner.h"

namespace lode {

enum class WorkspaceOrder {
  kListed,             // by folder, as npm runs them
  kDependenciesFirst,  // a workspace after those it depends on (pnpm's and bun's order)
};

struct WorkspaceSelection {
  bool all = false;                     // every workspace
  std::vector<std::string> workspaces;  // names, or folders (a folder takes the workspaces under it)
  // Name globs ("@app/*"), folder globs ("./packages/*", relative to `cwd`), either one
  // after '!' to leave out what it matches.
  std::vector<std::string> filters;
  bool include_root = false;  // the project itself too, first
  WorkspaceOrder order = WorkspaceOrder::kListed;
};

struct SelectedPackage {
  std::string path;  // relative to the project, '/'-separated; "." for the project
  fs::path dir;
  PackageJson package;

  // "a@1.0.0 (packages/a)", how reports name it.
  std::string label() const;
};

// The packages `selection` picks out of the project at `project_dir` (whose package.json
// is `root`), in run order; `cwd` is where folder arguments are relative to. Fails
// (kNotFound) when the project has no workspaces, when a --workspace value names none, or
// when the filters match nothing; (kUsage) for a filter of pnpm's dependency selectors
// ("...", "^"), which lode does not have; and as find_workspaces() does.
Result<std::vector<SelectedPackage>> select_workspaces(const fs::path& project_dir, const PackageJson& root,
                                                       const WorkspaceSelection& selection, const fs::path& cwd);

struct WorkspaceScriptFailure {
  std::string label;
  int status = 1;              // the script's exit status, 1 for an error
  std::optional<Error> error;  // why it did not run (a missing script), if that was it
};

// Runs `base`'s script (its package and folder replaced) in each of `packages`, waiting
// for each. Returns the failures, in run order; empty when every run succeeded or, with
// `base.if_present`, had no such script.
std::vector<WorkspaceScriptFailure> run_in_workspaces(const ScriptRunRequest& base,
                                                      std::span<const SelectedPackage> packages,
                                                      const Terminal& terminal);

// lode's exit status after `failures`: 0 for none, the status of a lone failure, else 1
// (what npm does).
int workspace_runs_status(std::span<const WorkspaceScriptFailure> failures);

}  // namespace lode
