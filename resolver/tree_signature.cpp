#include "resolver/tree_signature.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "base/fast_hash.h"
#include "base/strings.h"

namespace lode {

namespace {

std::string time_text(const struct timespec& time) {
  return std::to_string(time.tv_sec) + "." + std::to_string(time.tv_nsec);
}

std::string modified(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "-";
  return time_text(info.st_mtim);
}

// Adds "<prefix><name> <inode> <mtime>" for each entry of `folder` that `wanted` accepts.
// The modification time tells a folder made anew from the one it replaced even when the
// file system hands out the freed inode number again (it often does); a tree restored
// with its times (tar, cp -a) keeps them.
void list_entries(const fs::path& folder, const std::string& prefix, bool (*wanted)(std::string_view),
                  std::vector<std::string>& lines) {
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return;
  int dir_fd = ::dirfd(dir);
  while (const dirent* entry = ::readdir(dir)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == ".." || !wanted(name)) continue;
    struct stat info {};
    if (::fstatat(dir_fd, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    lines.push_back(prefix + std::string(name) + " " + std::to_string(info.st_ino) + " " + time_text(info.st_mtim));
  }
  ::closedir(dir);
}

// "<node_modules mtime>;@scope=<mtime>;..." for the scope folders given.
std::string quick_signature(const fs::path& node_modules, const std::vector<std::string>& scopes) {
  std::string quick = modified(node_modules);
  for (const std::string& scope : scopes) quick += ";" + scope + "=" + modified(node_modules / scope);
  return quick;
}

// Whether every time in a quick signature is at least a second old: a change made from
// now on gets a later time, whatever the clock's granularity.
bool settled(const std::string& quick) {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  for (std::string_view part : split(quick, ';')) {
    std::string_view time = part.substr(part.find('=') == std::string_view::npos ? 0 : part.find('=') + 1);
    if (time == "-" || time.empty()) return false;
    long long seconds = std::stoll(std::string(time.substr(0, time.find('.'))));
    if (seconds + 1 >= static_cast<long long>(now.tv_sec)) return false;
  }
  return !quick.empty();
}

}  // namespace

TreeSignature sign_tree(const fs::path& node_modules) {
  std::vector<std::string> lines;
  list_entries(node_modules, "", [](std::string_view name) { return !name.starts_with('.') || name == ".bin"; },
               lines);
  std::vector<std::string> scopes;
  size_t top = lines.size();
  for (size_t i = 0; i < top; ++i) {
    if (!lines[i].starts_with('@')) continue;
    std::string scope = lines[i].substr(0, lines[i].find(' '));
    list_entries(node_modules / scope, scope + "/", [](std::string_view name) { return !name.starts_with('.'); },
                 lines);
    scopes.push_back(std::move(scope));
  }
  if (lines.empty()) return {};
  std::sort(lines.begin(), lines.end());
  std::sort(scopes.begin(), scopes.end());
  FastHash hash;
  for (const std::string& line : lines) {
    hash.update(line);
    hash.update("\n");
  }
  return TreeSignature{hash.hex(), quick_signature(node_modules, scopes)};
}

TreeComparison match_tree(const fs::path& node_modules, const TreeSignature& recorded) {
  if (!recorded.quick.empty()) {
    std::vector<std::string_view> parts = split(recorded.quick, ';');
    std::vector<std::string> scopes;
    for (size_t i = 1; i < parts.size(); ++i) scopes.emplace_back(parts[i].substr(0, parts[i].find('=')));
    if (quick_signature(node_modules, scopes) == recorded.quick) return {TreeMatch::kQuick, ""};
  }
  if (recorded.fingerprint.empty()) return {TreeMatch::kChanged, ""};
  TreeSignature now = sign_tree(node_modules);
  if (now.fingerprint != recorded.fingerprint) return {TreeMatch::kChanged, ""};
  return {TreeMatch::kFull, settled(now.quick) ? now.quick : ""};
}

}  // namespace lode
