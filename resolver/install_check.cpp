#include "resolver/install_check.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "base/fast_hash.h"
#include "base/strings.h"
#include "build_info.h"
#include "resolver/install_state.h"
#include "resolver/lockfile.h"
#include "resolver/platform.h"
#include "resolver/workspaces.h"

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

namespace {

// Files are hashed in pieces of this size, whether they are in memory or read: the no-op
// check streams them through one small buffer. Reading alotta-packages' 580 KB lockfile
// whole cost ~3 ms of its ~9: a fresh 580 KB string, zeroed, every page faulted in, then
// copied into.
constexpr size_t kHashPiece = 16 << 10;

// "inputs 2": local folders' manifests are inputs too. A record of an older lode then
// matches no more, and the first install after the upgrade looks at the tree again.
std::string settings_line(const InstallOptions& options) {
  Platform platform = Platform::current();
  return "lode " LODE_VERSION " inputs 2\n" + install_options_token(options) + "\nplatform " + platform.os + " " +
         platform.cpu + " " + platform.libc + "\n";
}

void hash_file_header(FastHash& hash, std::string_view name, size_t size) {
  hash.update(std::string(name) + " " + std::to_string(size) + "\n");
}

void hash_text(FastHash& hash, std::string_view name, std::string_view text) {
  hash_file_header(hash, name, text.size());
  for (size_t at = 0; at < text.size(); at += kHashPiece) hash.update(text.substr(at, kHashPiece));
}

enum class MissingFile { kFails, kIsEmpty };

// Hashes the file as hash_text() would its text. False when it cannot be read (missing,
// unless kIsEmpty), or changes length while it is read.
bool hash_file(FastHash& hash, std::string_view name, const fs::path& path, MissingFile missing) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno != ENOENT || missing != MissingFile::kIsEmpty) return false;
    hash_text(hash, name, {});
    return true;
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  size_t expected = static_cast<size_t>(info.st_size);
  hash_file_header(hash, name, expected);
  char piece[kHashPiece];
  size_t total = 0;
  while (true) {
    size_t filled = 0;
    while (filled < kHashPiece) {
      ssize_t n = ::read(fd.get(), piece + filled, kHashPiece - filled);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return false;
      if (n == 0) break;
      filled += static_cast<size_t>(n);
    }
    total += filled;
    if (total > expected) return false;
    if (filled > 0) hash.update(std::string_view(piece, filled));
    if (filled < kHashPiece) break;
  }
  return total == expected;
}

// A folder's listing, or a mark that it is missing (no listing reads so).
void hash_folder(FastHash& hash, const fs::path& project_dir, const std::string& folder) {
  std::optional<std::string> listing = folder_listing(project_dir / folder);
  hash_text(hash, "folder " + folder, listing ? *listing : std::string("\n(missing)"));
}

}  // namespace

std::string install_inputs(std::string_view package_json, std::string_view lockfile, const InstallOptions& options,
                           const ProjectInputs& extra) {
  FastHash hash;
  hash.update(settings_line(options));
  hash_text(hash, "package.json", package_json);
  hash_text(hash, "lode.lock", lockfile);
  hash_text(hash, kPnpmWorkspaceFile, extra.pnpm_workspace);
  for (const LocalManifest& manifest : extra.manifests) hash_text(hash, manifest.path, manifest.text);
  for (const std::string& folder : extra.folders) hash_folder(hash, options.project_dir, folder);
  return hash.hex();
}

std::optional<ProjectInputs> read_project_inputs(const fs::path& project_dir, std::span<const std::string> manifests,
                                                 std::span<const std::string> folders) {
  ProjectInputs inputs;
  inputs.pnpm_workspace = read_file(project_dir / kPnpmWorkspaceFile).value_or("");
  for (const std::string& path : manifests) {
    Result<std::string> text = read_file(project_dir / path);
    if (!text) return std::nullopt;
    inputs.manifests.push_back(LocalManifest{path, std::move(*text)});
  }
  inputs.folders.assign(folders.begin(), folders.end());
  return inputs;
}

bool install_is_current(const InstallOptions& options) {
  std::optional<InstallInputs> recorded = read_install_inputs(options.project_dir / "node_modules");
  if (!recorded) return false;
  FastHash hash;
  hash.update(settings_line(options));
  if (!hash_file(hash, "package.json", options.project_dir / "package.json", MissingFile::kFails)) return false;
  if (!hash_file(hash, "lode.lock", options.project_dir / kLockfileName, MissingFile::kIsEmpty)) return false;
  if (!hash_file(hash, kPnpmWorkspaceFile, options.project_dir / kPnpmWorkspaceFile, MissingFile::kIsEmpty)) {
    return false;
  }
  for (const std::string& manifest : recorded->manifests) {
    if (!hash_file(hash, manifest, options.project_dir / manifest, MissingFile::kFails)) return false;
  }
  for (const std::string& folder : recorded->folders) hash_folder(hash, options.project_dir, folder);
  return recorded->hash == hash.hex() && tree_unchanged(options.project_dir / "node_modules", *recorded);
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
