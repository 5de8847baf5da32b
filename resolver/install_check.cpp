#include "resolver/install_check.h"

#include "base/fast_hash.h"
#include "base/strings.h"
#include "build_info.h"
#include "resolver/install_state.h"
#include "resolver/lockfile.h"
#include "resolver/platform.h"

namespace lode {

std::string install_options_token(const InstallOptions& options) {
  return "omit=" + std::string(options.omit_dev ? "d" : "") + (options.omit_optional ? "o" : "") +
         (options.omit_peer ? "p" : "") + ",scripts=" + (options.ignore_scripts ? "0" : "1") +
         ",link=" + (options.link_mode == LinkMode::kCopy ? "copy" : "auto");
}

void apply_install_options_token(std::string_view token, InstallOptions& options) {
  for (std::string_view part : split(token, ',')) {
    if (part.starts_with("omit=")) {
      std::string_view kinds = part.substr(5);
      options.omit_dev = kinds.find('d') != std::string_view::npos;
      options.omit_optional = kinds.find('o') != std::string_view::npos;
      options.omit_peer = kinds.find('p') != std::string_view::npos;
    } else if (part == "scripts=0") {
      options.ignore_scripts = true;
    } else if (part == "link=copy") {
      options.link_mode = LinkMode::kCopy;
    }
  }
}

std::string install_inputs(std::string_view package_json, std::string_view lockfile, const InstallOptions& options) {
  Platform platform = Platform::current();
  std::string settings = "lode " LODE_VERSION "\n" + install_options_token(options) + "\nplatform " + platform.os +
                         " " + platform.cpu + " " + platform.libc + "\n";
  FastHash hash;
  hash.update(settings);
  hash.update("package.json " + std::to_string(package_json.size()) + "\n");
  hash.update(package_json);
  hash.update("lode.lock " + std::to_string(lockfile.size()) + "\n");
  hash.update(lockfile);
  return hash.hex();
}

bool install_is_current(const InstallOptions& options) {
  std::optional<InstallInputs> recorded = read_install_inputs(options.project_dir / "node_modules");
  if (!recorded) return false;
  Result<std::string> package_json = read_file(options.project_dir / "package.json");
  if (!package_json) return false;
  Result<std::string> lockfile = read_file(options.project_dir / kLockfileName);
  std::string lock_text = lockfile ? std::move(*lockfile) : std::string();
  return recorded->hash == install_inputs(*package_json, lock_text, options) &&
         tree_unchanged(options.project_dir / "node_modules", *recorded);
}

bool install_matches_record(const fs::path& project_dir) {
  std::optional<InstallInputs> recorded = read_install_inputs(project_dir / "node_modules");
  if (!recorded) return false;
  InstallOptions options;
  options.project_dir = project_dir;
  apply_install_options_token(recorded->options, options);
  return install_is_current(options);
}

}  // namespace lode
