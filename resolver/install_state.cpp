#include "resolver/install_state.h"

#include <cerrno>
#include <map>

#include "base/strings.h"

namespace lode {

namespace {

constexpr std::string_view kStateHeader = "lode-install-state 1";

fs::path record_dir(const fs::path& node_modules) { return node_modules / ".lode"; }

// The inputs record. Lines: the hash, the tree's fingerprint, the options, the tree's
// quick signature (may be empty), then the manifests and the folders, tab-separated (both
// absent when empty).
Result<void> write_inputs(const fs::path& node_modules, const InstallInputs& inputs) {
  std::string text =
      inputs.hash + "\n" + inputs.tree.fingerprint + "\n" + inputs.options + "\n" + inputs.tree.quick + "\n";
  if (!inputs.manifests.empty() || !inputs.folders.empty()) {
    text += join(inputs.manifests, "\t") + "\n" + join(inputs.folders, "\t") + "\n";
  }
  return write_file_atomic(record_dir(node_modules) / "inputs", text);
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
  // Not trimmed: an empty line (the quick signature, or no manifests) keeps its place.
  std::vector<std::string_view> lines = split(*text, '\n');
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.size() < 3 || lines.size() > 6 || lines[0].empty()) return std::nullopt;
  TreeSignature tree{std::string(lines[1]), lines.size() >= 4 ? std::string(lines[3]) : std::string()};
  InstallInputs inputs{std::string(lines[0]), std::string(lines[2]), std::move(tree), {}, {}};
  if (lines.size() >= 5) {
    for (std::string_view manifest : split(lines[4], '\t')) {
      if (!manifest.empty()) inputs.manifests.emplace_back(manifest);
    }
  }
  if (lines.size() == 6) {
    for (std::string_view folder : split(lines[5], '\t')) {
      if (!folder.empty()) inputs.folders.emplace_back(folder);
    }
  }
  return inputs;
}

bool tree_unchanged(const fs::path& node_modules, const InstallInputs& recorded) {
  // The inputs record is the last thing an install writes.
  TreeComparison compared = match_tree(node_modules, recorded.tree, record_dir(node_modules) / "inputs");
  if (compared.match == TreeMatch::kChanged) return false;
  if (compared.match == TreeMatch::kFull && !compared.settled_quick.empty()) {
    // Record the quick signature now that it has settled, so later checks need one stat
    // per folder. Best effort: a record that cannot be written is checked in full again.
    InstallInputs refreshed = recorded;
    refreshed.tree.quick = compared.settled_quick;
    (void)write_inputs(node_modules, refreshed);
  }
  return true;
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
    state.manifests = std::move(inputs->manifests);
    state.folders = std::move(inputs->folders);
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
  // The state file was written before the tree is signed: when the tree's times are older
  // than it, no later change can leave them as they are, and the quick signature holds from
  // the first check on. Else that check records it once it has settled.
  TreeSignature signature = sign_tree(node_modules);
  if (!quick_signature_settled(signature.quick, dir / "state")) signature.quick.clear();
  return write_inputs(node_modules,
                      InstallInputs{state.inputs, state.options, std::move(signature), state.manifests, state.folders});
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

void InstallJournal::added(const InstalledPackage& package, JournalFlush flush) {
  std::string line = "+ " + package_line(package);
  std::fwrite(line.data(), 1, line.size(), file_);
  if (flush == JournalFlush::kNow) std::fflush(file_);
}

void InstallJournal::flush() { std::fflush(file_); }

void InstallJournal::removed(std::string_view path) {
  std::string line = "- " + std::string(path) + "\n";
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace lode
