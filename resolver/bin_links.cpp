#include "resolver/bin_links.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <set>

#include "base/strings.h"

namespace lode {

namespace {

// npm reduces a command name to its last path component.
std::string command_name(std::string_view raw) {
  size_t slash = raw.find_last_of("/\\");
  std::string name(slash == std::string_view::npos ? raw : raw.substr(slash + 1));
  if (name == "." || name == "..") return "";
  return name;
}

// The path inside the package, normalised; empty if it leaves the package.
std::string package_relative(std::string_view raw) {
  std::vector<std::string> parts;
  for (std::string_view part : split(raw, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
      continue;
    }
    parts.emplace_back(part);
  }
  return join(parts, "/");
}

// The node_modules folder a placement's package sits in ("node_modules", or
// "node_modules/a/node_modules").
std::string containing_folder(const Placement& placement) {
  return placement.path.substr(0, placement.path.size() - placement.name.size() - 1);
}

}  // namespace

std::vector<BinLink> plan_bin_links(const Layout& layout, const BinLister& bins_of) {
  std::vector<uint32_t> order;
  for (uint32_t id = 1; id < layout.placements.size(); ++id) order.push_back(id);
  // Direct dependencies of the project first, then by path: a deterministic claim order.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    bool a_direct = layout.placements[a].parent == kRootPlacement;
    bool b_direct = layout.placements[b].parent == kRootPlacement;
    if (a_direct != b_direct) return a_direct;
    return layout.placements[a].path < layout.placements[b].path;
  });
  std::vector<BinLink> links;
  std::set<std::string> claimed;
  for (uint32_t id : order) {
    const Placement& placement = layout.placements[id];
    std::string folder = containing_folder(placement);
    for (const auto& [raw_command, raw_path] : bins_of(id)) {
      std::string command = command_name(raw_command);
      std::string path = package_relative(raw_path);
      if (command.empty() || path.empty()) continue;
      std::string link = folder + "/.bin/" + command;
      if (!claimed.insert(link).second) continue;
      links.push_back({link, "../" + placement.name + "/" + path, placement.path + "/" + path});
    }
  }
  return links;
}

Result<BinLinkStats> apply_bin_links(const fs::path& project, const std::vector<BinLink>& links) {
  BinLinkStats stats;
  std::map<std::string, std::map<std::string, const BinLink*>> by_folder;  // .bin folder → name → link
  for (const BinLink& link : links) {
    size_t slash = link.link.rfind('/');
    by_folder[link.link.substr(0, slash)][link.link.substr(slash + 1)] = &link;
  }
  // .bin folders that exist but are wanted by nobody now: clear them too.
  std::error_code ec;
  std::vector<fs::path> candidates = {project / "node_modules" / ".bin"};
  for (const auto& [folder, wanted] : by_folder) candidates.push_back(project / folder);
  for (const fs::path& folder : candidates) {
    std::string relative = folder.lexically_relative(project).string();
    auto& wanted = by_folder[relative];
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      auto desired = wanted.find(name);
      std::error_code read_error;
      fs::path current = fs::read_symlink(it->path(), read_error);
      if (desired != wanted.end() && !read_error && current == desired->second->target) continue;
      fs::remove(it->path(), read_error);
      if (desired == wanted.end()) ++stats.removed;
    }
    ec.clear();
  }
  for (const auto& [folder, wanted] : by_folder) {
    if (wanted.empty()) continue;
    fs::path dir = project / folder;
    fs::create_directories(dir, ec);
    if (ec) return fail(ErrorCode::kIo, "cannot create " + dir.string() + ": " + ec.message(), dir.string());
    for (const auto& [name, link] : wanted) {
      fs::path path = dir / name;
      std::error_code exists_error;
      if (!fs::is_symlink(path, exists_error)) {  // otherwise kept above: already right
        if (::symlink(link->target.c_str(), path.c_str()) != 0) {
          return std::unexpected(system_error(ErrorCode::kIo, "cannot link command", path.string(), errno));
        }
        ++stats.created;
      }
      // The command must be executable even when its package did not mark it so (a
      // package replaced since the link was made may not have).
      fs::path file = project / link->file;
      struct stat info;
      if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 0111) != 0111) {
        ::chmod(file.c_str(), (info.st_mode & 07777) | 0111);
      }
    }
  }
  return stats;
}

}  // namespace lode
