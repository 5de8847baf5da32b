// Where `lode x` keeps the packages it runs, and which command it runs from them. Each set
// of exact versions has its own folder in the cache (<cache>/x/<hash of the sorted
// "name@version" list>/), an ordinary project installed once and reused after.
//
// Light on purpose (no network, no SQLite): when every package is given at an exact
// version, `lode x` answers from here alone, without opening the cache index, because an
// exact version always means the same folder. Other specs need their package documents
// to pick a version (resolver/exec_packages.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/fs.h"
#include "resolver/installer_options.h"
#include "resolver/package_spec.h"

namespace lode {

struct ExecPackages {
  fs::path dir;                        // the folder holding node_modules/.bin
  std::vector<std::string> installed;  // "name@version", in the order given
  std::string first_name;              // the first package's name (to pick its command)
};

// The folder for packages at these exact versions ("name@version", any order).
fs::path exec_folder(const fs::path& cache_dir, std::vector<std::string> installed);

// The package.json of that folder: `dependencies` maps each name to its version (or
// "npm:real@version" for an alias). Same input, same bytes.
std::string exec_package_json(const std::vector<PackageSpec>& specs, const std::vector<std::string>& versions);

// The options an exec folder is installed with.
InstallOptions exec_install_options(const fs::path& dir, const ScriptContext& scripts);

// The packages of `specs`, when every one names an exact registry version and their
// folder is installed and current; nullopt otherwise (then the engine must prepare it).
std::optional<ExecPackages> installed_exact_packages(const fs::path& cache_dir, const std::vector<PackageSpec>& specs,
                                                     const ScriptContext& scripts);

// The command to run for package `name` installed in `dir`: its only bin, or the bin named
// after it (unscoped). Fails (kNotFound) listing the bins it has, if any.
Result<std::string> default_command(const fs::path& dir, const std::string& name);

}  // namespace lode
