#include "resolver/package_locator.h"

namespace lode::resolver {

std::vector<fs::path> node_modules_paths(const fs::path& from_dir) {
  std::vector<fs::path> paths;
  fs::path current = from_dir;
  while (true) {
    if (current.filename() != "node_modules") paths.push_back(current / "node_modules");
    fs::path parent = current.parent_path();
    if (parent == current || parent.empty()) break;
    current = std::move(parent);
  }
  return paths;
}

std::optional<fs::path> NodeModulesLocator::find_package(std::string_view name, const fs::path& from_dir) {
  for (const fs::path& dir : node_modules_paths(from_dir)) {
    fs::path candidate = dir / name;
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

std::optional<fs::path> LayoutLocator::find_package(std::string_view name, const fs::path& from_dir) {
  for (const fs::path& dir : node_modules_paths(from_dir)) {
    fs::path candidate = dir / name;
    if (folders_.contains(candidate)) return candidate;
  }
  return std::nullopt;
}

LayoutLocator LayoutLocator::scan(const fs::path& root) {
  std::set<fs::path> folders;
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (!it->is_directory(type_ec)) continue;
      const fs::path& path = it->path();
      if (dir.filename() == "node_modules") {
        if (path.filename().string().starts_with("@")) {
          for (fs::directory_iterator scoped(path, ec), scoped_end; !ec && scoped != scoped_end; scoped.increment(ec)) {
            if (scoped->is_directory(type_ec)) {
              folders.insert(scoped->path());
              if (!scoped->is_symlink(type_ec)) pending.push_back(scoped->path());
            }
          }
          ec.clear();
          continue;
        }
        folders.insert(path);
      }
      if (!it->is_symlink(type_ec)) pending.push_back(path);
    }
  }
  return LayoutLocator(std::move(folders));
}

std::unique_ptr<PackageLocator> make_package_locator(const fs::path&) {
  return std::make_unique<NodeModulesLocator>();
}

}  // namespace lode::resolver
