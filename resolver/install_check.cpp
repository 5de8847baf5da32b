#include "resolver/install_check.h"

#include "base/fast_hash.h"
#include "build_info.h"
#include "resolver/install_state.h"
#include "resolver/lockfile.h"
#include "resolver/platform.h"

namespace lode {

std::string install_inputs(std::string_view package_json, std::string_view lockfile, const InstallOptions& options) {
  Platform platform = Platform::current();
  std::string settings = "lode " LODE_VERSION "\nomit " + std::to_string(options.omit_dev) +
                         std::to_string(options.omit_optional) + std::to_string(options.omit_peer) + "\nscripts " +
                         std::to_string(options.ignore_scripts) + "\nlink " +
                         std::to_string(static_cast<int>(options.link_mode)) + "\nplatform " + platform.os + " " +
                         platform.cpu + " " + platform.libc + "\n";
  FastHash hash;
  hash.update(settings);
  hash.update("package.json " + std::to_string(package_json.size()) + "\n");
  hash.update(package_json);
  hash.update("lode.lock " + std::to_string(lockfile.size()) + "\n");
  hash.update(lockfile);
  return hash.hex();
}

bool install_is_current(const InstallOptions& options) {
  std::optional<std::string> recorded = read_install_inputs(options.project_dir / "node_modules");
  if (!recorded) return false;
  Result<std::string> package_json = read_file(options.project_dir / "package.json");
  if (!package_json) return false;
  Result<std::string> lockfile = read_file(options.project_dir / kLockfileName);
  std::string lock_text = lockfile ? *lockfile : std::string();
  return *recorded == install_inputs(*package_json, lock_text, options);
}

}  // namespace lode
