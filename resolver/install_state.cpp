#include "resolver/install_state.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <map>

#include "base/fast_hash.h"
#include "base/strings.h"

namespace lode {

namespace {

constexpr std::string_view kStateHeader = "lode-install-state 1";

fs::path record_dir(const fs::path& node_modules) { return node_modules / ".lode"; }

// Adds "<prefix><name> <inode> <mtime>" for each entry of `folder` that `wanted` accepts.
// The modification time tells a folder made anew from the one it replaced even when the
// file system hands out the freed inode number again (it often does); a tree restored
// with its times (tar, cp -a) keeps them, so its packages are trusted (reify.cpp).
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
    lines.push_back(prefix + std::string(name) + " " + std::to_string(info.st_ino) + " " +
                    std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec));
  }
  ::closedir(dir);
}

std::string tree_fingerprint(const fs::path& node_modules) {
  std::vector<std::string> lines;
  list_entries(node_modules, "", [](std::string_view name) { return !name.starts_with('.') || name == ".bin"; },
               lines);
  size_t top = lines.size();
  for (size_t i = 0; i < top; ++i) {
    if (!lines[i].starts_with('@')) continue;
    std::string scope = lines[i].substr(0, lines[i].find(' '));
    list_entries(node_modules / scope, scope + "/", [](std::string_view name) { return !name.starts_with('.'); },
                 lines);
  }
  if (lines.empty()) return "";
  std::sort(lines.begin(), lines.end());
  FastHash hash;
  for (const std::string& line : lines) {
    hash.update(line);
    hash.update("\n");
  }
  return hash.hex();
}

// "path\tkey\tcontent" (tabs cannot appear in package paths or keys).
std::string package_line(const InstalledPackage& package) {
  return package.path + "\t" + package.key + "\t" + package.content + "\n";
}

std::optional<InstalledPackage> parse_package_line(std::string_view line) {
  std::vector<std::string_view> fields = split(line, '\t');
  if (fields.size() != 3 || fields[0].empty()) return std::nullopt;
  return InstalledPackage{std::string(fields[0]), std::string(fields[1]), std::string(fields[2])};
}

}  // namespace

std::optional<InstallInputs> read_install_inputs(const fs::path& node_modules) {
  Result<std::string> text = read_file(record_dir(node_modules) / "inputs");
  if (!text) return std::nullopt;
  std::vector<std::string_view> lines = split(trim(*text), '\n');
  if (lines.size() != 3 || lines[0].empty()) return std::nullopt;
  return InstallInputs{std::string(lines[0]), std::string(lines[2]), std::string(lines[1])};
}

bool tree_unchanged(const fs::path& node_modules, const InstallInputs& recorded) {
  return recorded.tree == tree_fingerprint(node_modules);
}

Result<std::optional<InstallState>> read_install_state(const fs::path& node_modules) {
  Result<std::string> text = read_file(record_dir(node_modules) / "state");
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) return std::optional<InstallState>();
    return std::unexpected(text.error());
  }
  InstallState state;
  std::map<std::string, InstalledPackage> packages;
  std::vector<std::string_view> lines = split(*text, '\n');
  if (lines.empty() || trim(lines[0]) != kStateHeader) {
    return fail(ErrorCode::kParse, "unknown install record", (record_dir(node_modules) / "state").string());
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    if (trim(lines[i]).empty()) continue;
    std::optional<InstalledPackage> package = parse_package_line(lines[i]);
    if (!package) return fail(ErrorCode::kParse, "damaged install record", (record_dir(node_modules) / "state").string());
    packages[package->path] = std::move(*package);
  }
  if (std::optional<InstallInputs> inputs = read_install_inputs(node_modules)) {
    state.inputs = inputs->hash;
    state.options = inputs->options;
  }
  // An interrupted install: replay what it did after the record was written.
  if (Result<std::string> journal = read_file(record_dir(node_modules) / "journal")) {
    state.interrupted = true;
    state.inputs.clear();
    for (std::string_view line : split(*journal, '\n')) {
      if (line.starts_with("- ")) {
        packages.erase(std::string(line.substr(2)));
      } else if (line.starts_with("+ ")) {
        if (std::optional<InstalledPackage> package = parse_package_line(line.substr(2))) {
          packages[package->path] = std::move(*package);
        }
      }
      // A torn last line (the process died mid-write) matches neither and is ignored.
    }
  }
  for (auto& [path, package] : packages) state.packages.push_back(std::move(package));
  return std::optional<InstallState>(std::move(state));
}

Result<void> write_install_state(const fs::path& node_modules, const InstallState& state) {
  fs::path dir = record_dir(node_modules);
  if (auto made = ensure_directories(dir); !made) return made;
  std::string text = std::string(kStateHeader) + "\n";
  for (const InstalledPackage& package : state.packages) text += package_line(package);
  if (auto written = write_file_atomic(dir / "state", text); !written) return written;
  std::error_code ec;
  fs::remove(dir / "journal", ec);
  // Without an inputs hash (scripts still to run) no inputs record can vouch for the tree.
  if (state.inputs.empty()) return invalidate_install_inputs(node_modules);
  return write_file_atomic(dir / "inputs",
                           state.inputs + "\n" + tree_fingerprint(node_modules) + "\n" + state.options + "\n");
}

Result<void> invalidate_install_inputs(const fs::path& node_modules) {
  std::error_code ec;
  fs::remove(record_dir(node_modules) / "inputs", ec);
  if (ec) return fail(ErrorCode::kIo, "cannot update the install record: " + ec.message(), node_modules.string());
  return {};
}

Result<InstallJournal> InstallJournal::open(const fs::path& node_modules) {
  fs::path dir = record_dir(node_modules);
  if (auto made = ensure_directories(dir); !made) return std::unexpected(made.error());
  std::FILE* file = std::fopen((dir / "journal").c_str(), "ae");
  if (!file) return std::unexpected(system_error(ErrorCode::kIo, "cannot write the install journal", (dir / "journal").string(), errno));
  return InstallJournal(file);
}

InstallJournal::~InstallJournal() {
  if (file_) std::fclose(file_);
}

void InstallJournal::added(const InstalledPackage& package) {
  std::string line = "+ " + package_line(package);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

void InstallJournal::removed(std::string_view path) {
  std::string line = "- " + std::string(path) + "\n";
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace lode
