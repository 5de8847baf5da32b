#include "resolver/tree_signature.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <optional>
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

// A time as "seconds.nanoseconds" (time_text) in nanoseconds; nullopt for "-" or garbage.
std::optional<long long> parse_time(std::string_view text) {
  size_t dot = text.find('.');
  if (text.empty() || text == "-" || dot == std::string_view::npos) return std::nullopt;
  long long seconds = 0;
  long long nanos = 0;
  for (char c : text.substr(0, dot)) {
    if (c < '0' || c > '9') return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  for (char c : text.substr(dot + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    nanos = nanos * 10 + (c - '0');
  }
  return seconds * 1'000'000'000LL + nanos;
}

long long nanoseconds(const struct timespec& time) { return time.tv_sec * 1'000'000'000LL + time.tv_nsec; }

}  // namespace

bool quick_signature_settled(const std::string& quick, const fs::path& written_after) {
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  long long reference = 0;
  struct stat info {};
  if (!written_after.empty() && ::stat(written_after.c_str(), &info) == 0 && nanoseconds(info.st_mtim) <= nanoseconds(now)) {
    reference = nanoseconds(info.st_mtim);
  }
  bool before_reference = reference > 0;
  bool second_old = true;
  for (std::string_view part : split(quick, ';')) {
    size_t equals = part.find('=');
    std::optional<long long> time = parse_time(equals == std::string_view::npos ? part : part.substr(equals + 1));
    if (!time) return false;
    before_reference = before_reference && *time < reference;
    // In whole seconds: a file system that keeps only seconds rounds times down.
    second_old = second_old && *time / 1'000'000'000LL + 1 < static_cast<long long>(now.tv_sec);
  }
  return !quick.empty() && (before_reference || second_old);
}

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

TreeComparison match_tree(const fs::path& node_modules, const TreeSignature& recorded,
                          const fs::path& written_after) {
  if (!recorded.quick.empty()) {
    std::vector<std::string_view> parts = split(recorded.quick, ';');
    std::vector<std::string> scopes;
    for (size_t i = 1; i < parts.size(); ++i) scopes.emplace_back(parts[i].substr(0, parts[i].find('=')));
    if (quick_signature(node_modules, scopes) == recorded.quick) return {TreeMatch::kQuick, ""};
  }
  if (recorded.fingerprint.empty()) return {TreeMatch::kChanged, ""};
  TreeSignature now = sign_tree(node_modules);
  if (now.fingerprint != recorded.fingerprint) return {TreeMatch::kChanged, ""};
  return {TreeMatch::kFull, quick_signature_settled(now.quick, written_after) ? now.quick : ""};
}

}  // namespace lode
