#include "resolver/module_resolver.h"

#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>

#include "base/strings.h"

namespace lode::resolver {

namespace {

constexpr std::string_view kExtensions[] = {".js", ".json", ".node"};

bool is_relative_request(std::string_view request) {
  return request == "." || request == ".." || request.starts_with("./") || request.starts_with("../");
}

// `request` ends in a way that names a folder: "x/", ".", "..", "x/." or "x/..".
bool has_trailing_slash(std::string_view request) {
  if (request.empty()) return false;
  if (request.ends_with("/")) return true;
  return request == "." || request == ".." || request.ends_with("/.") || request.ends_with("/..");
}

// path.resolve(base, request): absolute, normalised, no trailing slash.
fs::path resolve_path(const fs::path& base, std::string_view request) {
  fs::path joined = (base / fs::path(request)).lexically_normal();
  std::string text = joined.string();
  while (text.size() > 1 && text.ends_with("/")) text.pop_back();
  return fs::path(text);
}

fs::path with_suffix(const fs::path& path, std::string_view suffix) { return fs::path(path.string() + std::string(suffix)); }

// The package name of a bare specifier and the rest ("/sub/path" or ""); nullopt when
// the specifier is not a valid package name (Node's EXPORTS_PATTERN for require()).
std::optional<std::pair<std::string, std::string>> split_package_name(std::string_view specifier) {
  size_t slash = specifier.find('/');
  if (specifier.starts_with("@")) {
    if (slash == std::string_view::npos || slash == 1) return std::nullopt;
    slash = specifier.find('/', slash + 1);
  }
  std::string name(specifier.substr(0, slash));
  std::string rest(slash == std::string_view::npos ? std::string_view() : specifier.substr(slash));
  if (name.empty() || name.starts_with(".") || name.find_first_of("\\%") != std::string::npos) return std::nullopt;
  if (name.starts_with("@") && name.find('/') == name.size() - 1) return std::nullopt;
  return std::make_pair(std::move(name), std::move(rest));
}

// The folder that holds the node_modules folder a package was found in: for
// /a/node_modules/@s/p that is /a.
fs::path owner_of_node_modules(const fs::path& package_folder, std::string_view name) {
  fs::path node_modules = package_folder.parent_path();
  if (name.starts_with("@")) node_modules = node_modules.parent_path();
  return node_modules.parent_path();
}

ResolveError module_not_found(std::string_view request, std::string path = {}) {
  return ResolveError{"MODULE_NOT_FOUND", "Cannot find module '" + std::string(request) + "'", std::move(path)};
}

bool has_encoded_separator(std::string_view text) {
  std::string lower = to_lower(text);
  return lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos;
}

// "file:///a/b%20c.js?x#y" → "/a/b c.js" and "?x#y"; nullopt for other hosts.
std::optional<std::pair<fs::path, std::string>> file_url_to_path(std::string_view url) {
  std::string_view rest = url.substr(5);  // after "file:"
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    if (!host.empty() && host != "localhost") return std::nullopt;
    rest = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
  }
  size_t cut = rest.find_first_of("?#");
  std::string suffix(cut == std::string_view::npos ? std::string_view() : rest.substr(cut));
  return std::make_pair(fs::path(percent_decode(rest.substr(0, cut))), suffix);
}

std::string_view url_scheme(std::string_view specifier) {
  size_t colon = specifier.find(':');
  if (colon == std::string_view::npos || colon < 2) return {};  // "c:" is no scheme we know
  for (size_t i = 0; i < colon; ++i) {
    char c = specifier[i];
    bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'));
    if (!ok) return {};
  }
  return specifier.substr(0, colon + 1);
}

}  // namespace

std::vector<fs::path> global_folders(std::optional<std::string_view> node_path, std::optional<std::string_view> home,
                                     const fs::path& executable, const fs::path& cwd) {
  std::vector<fs::path> folders;
  if (node_path) {
    for (std::string_view entry : split(*node_path, ':')) {
      if (entry.empty()) continue;
      folders.push_back(resolve_path(cwd, entry));
    }
  }
  if (home && !home->empty()) {
    folders.push_back(fs::path(*home) / ".node_modules");
    folders.push_back(fs::path(*home) / ".node_libraries");
  }
  if (!executable.empty()) folders.push_back(executable.parent_path().parent_path() / "lib" / "node");
  return folders;
}

ModuleResolver::ModuleResolver(PackageLocator& locator, ResolverOptions options)
    : locator_(locator), options_(std::move(options)) {
  for (const std::string& condition : options_.require_conditions) require_conditions_.push_back(condition);
  for (const std::string& condition : options_.import_conditions) import_conditions_.push_back(condition);
}

ModuleResolver::Kind ModuleResolver::stat(const fs::path& path) const {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return Kind::kMissing;
  return S_ISDIR(info.st_mode) ? Kind::kDirectory : Kind::kFile;
}

fs::path ModuleResolver::real_path(const fs::path& path) {
  if (options_.preserve_symlinks) return path;
  if (auto it = real_paths_.find(path); it != real_paths_.end()) return it->second;
  char buffer[PATH_MAX];
  fs::path real = ::realpath(path.c_str(), buffer) ? fs::path(buffer) : path;
  real_paths_.emplace(path, real);
  return real;
}

bool ModuleResolver::is_builtin(std::string_view name, bool with_scheme) const {
  return options_.is_builtin && options_.is_builtin(name, with_scheme);
}

bool ModuleResolver::in_module_scope(const fs::path& file) {
  auto scope = packages_.scope_of(file.parent_path());
  return scope && *scope && (*scope)->type == PackageType::kModule;
}

// --- CommonJS ----------------------------------------------------------------------

std::optional<fs::path> ModuleResolver::load_as_file(const fs::path& path) {
  for (std::string_view extension : kExtensions) {
    fs::path candidate = with_suffix(path, extension);
    if (stat(candidate) == Kind::kFile) return real_path(candidate);
  }
  return std::nullopt;
}

ResolveResult<std::optional<fs::path>> ModuleResolver::load_as_directory(const fs::path& dir, std::string_view) {
  auto package = packages_.read(dir / "package.json");
  if (!package) return std::unexpected(package.error());
  if (!*package || !(*package)->main || (*package)->main->empty()) return load_as_file(dir / "index");
  fs::path main = resolve_path(dir, *(*package)->main);
  if (stat(main) == Kind::kFile) return std::optional<fs::path>(real_path(main));
  if (auto found = load_as_file(main)) return found;
  if (auto found = load_as_file(main / "index")) return found;
  if (auto found = load_as_file(dir / "index")) return found;
  return std::unexpected(ResolveError{
      "MODULE_NOT_FOUND",
      "Cannot find module '" + main.string() + "'. Please verify that the package.json has a valid \"main\" entry",
      (dir / "package.json").string()});
}

ResolveResult<std::optional<fs::path>> ModuleResolver::load_file_or_directory(const fs::path& path,
                                                                              std::string_view request,
                                                                              bool trailing_slash) {
  Kind kind = stat(path);
  if (!trailing_slash) {
    if (kind == Kind::kFile) return std::optional<fs::path>(real_path(path));
    if (auto found = load_as_file(path)) return found;
  }
  if (kind == Kind::kDirectory) return load_as_directory(path, request);
  return std::optional<fs::path>();
}

ResolveResult<ResolvedModule> ModuleResolver::finalize_cjs_map_target(const MapTarget& target,
                                                                      const fs::path& package_json) {
  if (target.kind == MapTarget::Kind::kBare) return resolve_require(target.specifier, package_json);
  if (stat(target.path) == Kind::kFile) return ResolvedModule{{}, real_path(target.path), {}};
  return std::unexpected(module_not_found(target.path.string(), package_json.string()));
}

ResolveResult<std::optional<fs::path>> ModuleResolver::load_package_exports(const fs::path& package_dir,
                                                                            std::string_view,
                                                                            std::string_view subpath) {
  auto package = packages_.read(package_dir / "package.json");
  if (!package) return std::unexpected(package.error());
  if (!*package || !(*package)->exports) return std::optional<fs::path>();
  auto target = resolve_package_exports(**package, "." + std::string(subpath), require_conditions_, "");
  if (!target) return std::unexpected(target.error());
  auto final = finalize_cjs_map_target(*target, (*package)->path);
  if (!final) return std::unexpected(final.error());
  return std::optional<fs::path>(final->path);
}

ResolveResult<std::optional<fs::path>> ModuleResolver::load_self(std::string_view request, const fs::path& parent) {
  auto scope = packages_.scope_of(parent.parent_path());
  if (!scope) return std::unexpected(scope.error());
  const PackageScope* package = scope->get();
  if (!package || !package->exports || !package->name) return std::optional<fs::path>();
  std::string subpath;
  if (request == *package->name) {
    subpath = ".";
  } else if (request.starts_with(*package->name + "/")) {
    subpath = "." + std::string(request.substr(package->name->size()));
  } else {
    return std::optional<fs::path>();
  }
  auto target = resolve_package_exports(*package, subpath, require_conditions_, parent.string());
  if (!target) return std::unexpected(target.error());
  auto final = finalize_cjs_map_target(*target, package->path);
  if (!final) return std::unexpected(final.error());
  return std::optional<fs::path>(final->path);
}

ResolveResult<std::optional<fs::path>> ModuleResolver::load_node_modules(std::string_view request,
                                                                         const fs::path& start_dir) {
  auto parts = split_package_name(request);
  std::string name = parts ? parts->first : std::string(request.substr(0, request.find('/')));
  bool trailing = has_trailing_slash(request);
  fs::path from = start_dir;
  while (true) {
    std::optional<fs::path> folder = locator_.find_package(name, from);
    if (!folder) return std::optional<fs::path>();
    if (parts) {
      auto exported = load_package_exports(*folder, request, parts->second);
      if (!exported) return exported;
      if (*exported) return exported;  // a package with "exports" answers for itself
    }
    fs::path owner = owner_of_node_modules(*folder, name);
    auto found = load_file_or_directory(resolve_path(owner / "node_modules", request), request, trailing);
    if (!found || *found) return found;
    fs::path next = owner.parent_path();
    if (next == owner || next.empty()) return std::optional<fs::path>();
    from = std::move(next);
  }
}

ResolveResult<std::optional<fs::path>> ModuleResolver::load_from_folder(std::string_view request,
                                                                        const fs::path& folder) {
  if (stat(folder) != Kind::kDirectory) return std::optional<fs::path>();
  if (auto parts = split_package_name(request)) {
    auto exported = load_package_exports(folder / parts->first, request, parts->second);
    if (!exported || *exported) return exported;
  }
  return load_file_or_directory(resolve_path(folder, request), request, has_trailing_slash(request));
}

ResolveResult<ResolvedModule> ModuleResolver::resolve_require(std::string_view specifier, const fs::path& parent) {
  return resolve_require_in(specifier, parent, {}, false);
}

ResolveResult<ResolvedModule> ModuleResolver::resolve_require_with_paths(std::string_view specifier,
                                                                         const fs::path& parent,
                                                                         std::span<const fs::path> bases) {
  return resolve_require_in(specifier, parent, bases, true);
}

ResolveResult<ResolvedModule> ModuleResolver::resolve_require_in(std::string_view specifier, const fs::path& parent,
                                                                 std::span<const fs::path> bases,
                                                                 bool explicit_bases) {
  if (specifier.starts_with("node:")) {
    std::string_view name = specifier.substr(5);
    if (is_builtin(name, true)) return ResolvedModule{std::string(name), {}, {}};
    return resolve_fail("ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: " + std::string(specifier));
  }
  if (is_builtin(specifier, false)) return ResolvedModule{std::string(specifier), {}, {}};
  if (specifier.empty()) {
    return resolve_fail("ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''");
  }
  fs::path parent_dir = parent.parent_path();
  bool trailing = has_trailing_slash(specifier);

  if (specifier.starts_with("/")) {
    auto found = load_file_or_directory(resolve_path("/", specifier), specifier, trailing);
    if (!found) return std::unexpected(found.error());
    if (*found) return ResolvedModule{{}, **found, {}};
    return std::unexpected(module_not_found(specifier));
  }
  if (is_relative_request(specifier)) {
    std::vector<fs::path> dirs = explicit_bases ? std::vector<fs::path>(bases.begin(), bases.end())
                                                : std::vector<fs::path>{parent_dir};
    for (const fs::path& dir : dirs) {
      auto found = load_file_or_directory(resolve_path(dir, specifier), specifier, trailing);
      if (!found) return std::unexpected(found.error());
      if (*found) return ResolvedModule{{}, **found, {}};
    }
    return std::unexpected(module_not_found(specifier));
  }
  if (specifier.starts_with("#")) {
    auto scope = packages_.scope_of(parent_dir);
    if (!scope) return std::unexpected(scope.error());
    if (*scope && (*scope)->imports) {
      auto target = resolve_package_imports(scope->get(), specifier, require_conditions_, parent.string());
      if (!target) return std::unexpected(target.error());
      return finalize_cjs_map_target(*target, (*scope)->path);
    }
  }
  auto self = load_self(specifier, parent);
  if (!self) return std::unexpected(self.error());
  if (*self) return ResolvedModule{{}, **self, {}};

  std::vector<fs::path> starts = explicit_bases ? std::vector<fs::path>(bases.begin(), bases.end())
                                                : std::vector<fs::path>{parent_dir};
  for (const fs::path& start : starts) {
    auto found = load_node_modules(specifier, resolve_path(start, ""));
    if (!found) return std::unexpected(found.error());
    if (*found) return ResolvedModule{{}, **found, {}};
  }
  for (const fs::path& folder : options_.global_folders) {
    auto found = load_from_folder(specifier, folder);
    if (!found) return std::unexpected(found.error());
    if (*found) return ResolvedModule{{}, **found, {}};
  }
  return std::unexpected(module_not_found(specifier));
}

ResolveResult<fs::path> ModuleResolver::resolve_main(const fs::path& file) {
  auto found = load_file_or_directory(resolve_path("/", file.string()), file.string(), false);
  if (!found) return std::unexpected(found.error());
  if (*found) return **found;
  return std::unexpected(module_not_found(file.string()));
}

// --- ES modules --------------------------------------------------------------------

ResolveResult<fs::path> ModuleResolver::legacy_main_resolve(const PackageScope* package, const fs::path& folder,
                                                            std::string_view base_text) {
  if (package && package->main) {
    const std::string& main = *package->main;
    for (std::string_view suffix : {"", ".js", ".json", ".node", "/index.js", "/index.json", "/index.node"}) {
      fs::path guess = resolve_path(folder, main + std::string(suffix));
      if (stat(guess) == Kind::kFile) return guess;
    }
  }
  for (std::string_view index : {"index.js", "index.json", "index.node"}) {
    fs::path guess = folder / index;
    if (stat(guess) == Kind::kFile) return guess;
  }
  return resolve_fail("ERR_MODULE_NOT_FOUND",
                      "Cannot find package '" + folder.string() + "/' imported from " + std::string(base_text),
                      folder.string());
}

ResolveResult<ResolvedModule> ModuleResolver::package_resolve(std::string_view specifier, const fs::path& parent_dir,
                                                              std::string_view base_text) {
  if (is_builtin(specifier, false)) return ResolvedModule{std::string(specifier), {}, {}};
  auto parts = split_package_name(specifier);
  if (!parts) {
    return resolve_fail("ERR_INVALID_MODULE_SPECIFIER", "Invalid module \"" + std::string(specifier) +
                                                            "\" is not a valid package name imported from " +
                                                            std::string(base_text));
  }
  std::string subpath = "." + parts->second;
  std::string suffix;
  if (size_t cut = subpath.find_first_of("?#"); cut != std::string::npos) {
    suffix = subpath.substr(cut);
    subpath.resize(cut);
  }
  auto finish = [&](ResolveResult<MapTarget> target, const PackageScope& package) -> ResolveResult<ResolvedModule> {
    if (!target) return std::unexpected(target.error());
    if (target->kind == MapTarget::Kind::kBare) return package_resolve(target->specifier, package.dir(), base_text);
    return ResolvedModule{{}, target->path, suffix};
  };
  auto scope = packages_.scope_of(parent_dir);
  if (!scope) return std::unexpected(scope.error());
  if (*scope && (*scope)->name == parts->first && (*scope)->exports) {
    return finish(resolve_package_exports(**scope, subpath, import_conditions_, base_text), **scope);
  }
  std::optional<fs::path> folder = locator_.find_package(parts->first, parent_dir);
  if (!folder) {
    return resolve_fail("ERR_MODULE_NOT_FOUND",
                        "Cannot find package '" + parts->first + "' imported from " + std::string(base_text));
  }
  auto package = packages_.read(*folder / "package.json");
  if (!package) return std::unexpected(package.error());
  if (*package && (*package)->exports) {
    return finish(resolve_package_exports(**package, subpath, import_conditions_, base_text), **package);
  }
  if (subpath == ".") {
    auto main = legacy_main_resolve(package->get(), *folder, base_text);
    if (!main) return std::unexpected(main.error());
    return ResolvedModule{{}, *main, suffix};
  }
  return ResolvedModule{{}, resolve_path(*folder, percent_decode(subpath)), suffix};
}

ResolveResult<ResolvedModule> ModuleResolver::finalize_import(fs::path path, std::string suffix,
                                                              std::string_view base_text) {
  Kind kind = stat(path);
  if (kind == Kind::kDirectory) {
    return resolve_fail("ERR_UNSUPPORTED_DIR_IMPORT", "Directory import '" + path.string() +
                                                          "' is not supported resolving ES modules imported from " +
                                                          std::string(base_text),
                        path.string());
  }
  if (kind == Kind::kMissing) {
    return resolve_fail("ERR_MODULE_NOT_FOUND",
                        "Cannot find module '" + path.string() + "' imported from " + std::string(base_text),
                        path.string());
  }
  return ResolvedModule{{}, real_path(path), std::move(suffix)};
}

ResolveResult<ResolvedModule> ModuleResolver::resolve_import(std::string_view specifier, const fs::path& parent) {
  std::string base_text = parent.string();
  fs::path parent_dir = parent.parent_path();
  if (specifier.starts_with("node:")) {
    std::string_view name = specifier.substr(5);
    if (is_builtin(name, true)) return ResolvedModule{std::string(name), {}, {}};
    return resolve_fail("ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: " + std::string(specifier));
  }
  std::string_view scheme = url_scheme(specifier);
  if (!scheme.empty()) {
    if (scheme != "file:") {
      return resolve_fail("ERR_UNSUPPORTED_ESM_URL_SCHEME",
                          "Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. "
                          "Received protocol '" + std::string(scheme) + "'");
    }
    if (has_encoded_separator(specifier)) {
      return resolve_fail("ERR_INVALID_MODULE_SPECIFIER", "Invalid module \"" + std::string(specifier) +
                                                              "\" must not include encoded \"/\" or \"\\\" characters "
                                                              "imported from " + base_text);
    }
    auto file = file_url_to_path(specifier);
    if (!file) {
      return resolve_fail("ERR_INVALID_FILE_URL_HOST",
                          "File URL host must be \"localhost\" or empty on linux");
    }
    return finalize_import(file->first.lexically_normal(), file->second, base_text);
  }
  if (is_relative_request(specifier) || specifier.starts_with("/")) {
    if (has_encoded_separator(specifier)) {
      return resolve_fail("ERR_INVALID_MODULE_SPECIFIER", "Invalid module \"" + std::string(specifier) +
                                                              "\" must not include encoded \"/\" or \"\\\" characters "
                                                              "imported from " + base_text);
    }
    size_t cut = specifier.find_first_of("?#");
    std::string suffix(cut == std::string_view::npos ? std::string_view() : specifier.substr(cut));
    std::string decoded = percent_decode(specifier.substr(0, cut));
    fs::path path = specifier.starts_with("/") ? resolve_path("/", decoded) : resolve_path(parent_dir, decoded);
    return finalize_import(std::move(path), std::move(suffix), base_text);
  }
  ResolveResult<ResolvedModule> resolved;
  if (specifier.starts_with("#")) {
    auto scope = packages_.scope_of(parent_dir);
    if (!scope) return std::unexpected(scope.error());
    auto target = resolve_package_imports(scope->get(), specifier, import_conditions_, base_text);
    if (!target) return std::unexpected(target.error());
    if (target->kind == MapTarget::Kind::kBare) {
      resolved = package_resolve(target->specifier, (*scope)->dir(), base_text);
    } else {
      resolved = ResolvedModule{{}, target->path, {}};
    }
  } else {
    resolved = package_resolve(specifier, parent_dir, base_text);
  }
  if (!resolved || resolved->is_builtin()) return resolved;
  return finalize_import(resolved->path, resolved->suffix, base_text);
}

ResolveResult<ModuleFormat> ModuleResolver::import_format(const fs::path& file) {
  std::string extension = file.extension().string();
  if (extension == ".mjs") return ModuleFormat::kModule;
  if (extension == ".cjs") return ModuleFormat::kCommonJs;
  if (extension == ".json") return ModuleFormat::kJson;
  if (extension == ".node") return ModuleFormat::kAddon;
  if (extension == ".js" || extension.empty()) {
    return in_module_scope(file) ? ModuleFormat::kModule : ModuleFormat::kCommonJs;
  }
  return resolve_fail("ERR_UNKNOWN_FILE_EXTENSION",
                      "Unknown file extension \"" + extension + "\" for " + file.string(), file.string());
}

Error ResolveError::to_error() const {
  bool not_found = code == "MODULE_NOT_FOUND" || code == "ERR_MODULE_NOT_FOUND" ||
                   code == "ERR_PACKAGE_PATH_NOT_EXPORTED" || code == "ERR_PACKAGE_IMPORT_NOT_DEFINED" ||
                   code == "ERR_UNKNOWN_BUILTIN_MODULE";
  return Error{not_found ? ErrorCode::kNotFound : ErrorCode::kParse, message, path, {}};
}

}  // namespace lode::resolver
