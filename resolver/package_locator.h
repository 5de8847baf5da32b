// Where a bare specifier's package lives. Module resolution asks one question of the
// outside world about packages: "from this folder, which folder is package <name>?".
// Answering it by walking node_modules folders upwards costs a stat per level; lode's
// installer knows the answer because it laid the folders out, so it can plug its record
// in behind the same interface and resolution gives the same results without the walk.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/fs.h"

namespace lode::resolver {

class PackageLocator {
 public:
  virtual ~PackageLocator() = default;
  // The folder of package `name` ("lodash", "@scope/pkg") seen from `from_dir`: the
  // nearest `<ancestor>/node_modules/<name>` of `from_dir` (itself included) that holds
  // the package, or nullopt when no ancestor has it. Ancestors named node_modules are
  // skipped as Node does (no node_modules/node_modules). Never fails: an unreadable
  // folder is a missing package.
  virtual std::optional<fs::path> find_package(std::string_view name, const fs::path& from_dir) = 0;
};

// The candidate folders Node's NODE_MODULES_PATHS lists for `from_dir`, nearest first:
// <dir>/node_modules for `from_dir` and each ancestor not itself named node_modules.
std::vector<fs::path> node_modules_paths(const fs::path& from_dir);

// The filesystem walk: the first <dir>/node_modules/<name> that is a folder.
class NodeModulesLocator final : public PackageLocator {
 public:
  std::optional<fs::path> find_package(std::string_view name, const fs::path& from_dir) override;
};

// Answers from a list of package folders known in advance (what an installer laid out),
// without touching the file system: the first <dir>/node_modules/<name> in the list.
class LayoutLocator final : public PackageLocator {
 public:
  explicit LayoutLocator(std::set<fs::path> package_folders) : folders_(std::move(package_folders)) {}
  // Every <...>/node_modules/<name> and <...>/node_modules/@scope/<name> folder under
  // `root` (following no symlinks out of it): the layout a walk would find.
  static LayoutLocator scan(const fs::path& root);

  std::optional<fs::path> find_package(std::string_view name, const fs::path& from_dir) override;
  const std::set<fs::path>& folders() const { return folders_; }

 private:
  std::set<fs::path> folders_;
};

// The locator the runtime uses for code under `project_dir`. Today: the walk. The
// installer's record plugs in here: when a current record of what `lode install` laid out
// covers `project_dir`, this returns a locator answering from it instead (the answers are
// the same; the tests in tests/resolver prove it for LayoutLocator).
std::unique_ptr<PackageLocator> make_package_locator(const fs::path& project_dir);

}  // namespace lode::resolver
