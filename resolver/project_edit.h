// Commands that change package.json and then install: `lode add`, `remove`, `update
// --latest` and `trust`. package.json keeps its formatting and key order; if the install
// that follows fails, package.json is put back as it was, so a failed command loses
// nothing.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "resolver/installer.h"
#include "resolver/package_json.h"

namespace lode {

struct AddRequest {
  std::vector<std::string> specs;  // as given: "react", "react@^18", "alias@npm:x@1", "../local"
  DependencyType type = DependencyType::kProd;
  bool exact = false;  // save "1.2.3" rather than "^1.2.3"
};

struct EditOutcome {
  InstallReport install;
  std::vector<std::string> saved;  // "name@spec" as written to package.json
};

// Resolves each spec (registry ones to the version the install will use), saves them in
// package.json, and installs.
Result<EditOutcome> add_dependencies(const Config& config, const Logger& logger, const Terminal& terminal,
                                     const AddRequest& request, const InstallOptions& options);

// Removes `names` from every dependency section, then installs. Fails (kNotFound) for a
// name package.json does not have.
Result<EditOutcome> remove_dependencies(const Config& config, const Logger& logger, const Terminal& terminal,
                                        const std::vector<std::string>& names, const InstallOptions& options);

// `lode update --latest`: sets each named registry dependency (all when `names` is empty)
// to ^<latest>, then installs with their locked versions dropped.
Result<EditOutcome> update_to_latest(const Config& config, const Logger& logger, const Terminal& terminal,
                                     const std::vector<std::string>& names, const InstallOptions& options);

// Adds `names` to trustedDependencies, then installs (which runs their install scripts).
Result<EditOutcome> trust_dependencies(const Config& config, const Logger& logger, const Terminal& terminal,
                                       const std::vector<std::string>& names, const InstallOptions& options);

}  // namespace lode
