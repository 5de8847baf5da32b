#include "resolver/package_spec.h"

#include <cctype>

#include "resolver/semver_range.h"
#include "resolver/semver_version.h"

namespace lode {

namespace {

bool is_path_like(std::string_view spec) {
  return spec.starts_with("./") || spec.starts_with("../") || spec.starts_with("/") || spec.starts_with("~/") ||
         spec == "." || spec == "..";
}

bool is_tarball_path(std::string_view path) {
  return path.ends_with(".tgz") || path.ends_with(".tar.gz") || path.ends_with(".tar");
}

bool is_git(std::string_view spec) {
  for (std::string_view prefix : {"git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:", "git@"}) {
    if (spec.starts_with(prefix)) return true;
  }
  if ((spec.starts_with("http://") || spec.starts_with("https://")) &&
      (spec.ends_with(".git") || spec.find(".git#") != std::string_view::npos)) {
    return true;
  }
  // GitHub shorthand: "user/repo" or "user/repo#ref" (a scope would start with '@').
  size_t slash = spec.find('/');
  if (slash != std::string_view::npos && slash > 0 && !spec.starts_with('@') && !is_path_like(spec) &&
      spec.find(':') == std::string_view::npos) {
    std::string_view user = spec.substr(0, slash);
    std::string_view repo = spec.substr(slash + 1, spec.find('#') == std::string_view::npos ? std::string_view::npos
                                                                                           : spec.find('#') - slash - 1);
    bool plain = !user.empty() && !repo.empty() && repo.find('/') == std::string_view::npos;
    for (char c : user) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    return plain;
  }
  return false;
}

// A dist-tag is anything URL-safe that is neither a version nor a range
// (npm-package-arg: encodeURIComponent(spec) === spec).
bool is_valid_tag(std::string_view spec) {
  if (spec.empty()) return false;
  for (char c : spec) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos)) return false;
  }
  return true;
}

// Fills in the registry kinds: version, range or tag.
Result<void> classify_registry_spec(PackageSpec& spec, std::string_view text) {
  semver::SemverOptions loose{.loose = true, .include_prerelease = false};
  spec.target = std::string(text);
  if (semver::Version::parse(text, loose)) {
    spec.kind = SpecKind::kVersion;
  } else if (semver::Range::parse(text, loose)) {
    spec.kind = SpecKind::kRange;
  } else if (is_valid_tag(text)) {
    spec.kind = SpecKind::kTag;
  } else {
    return fail(ErrorCode::kParse, "invalid version, range or tag \"" + std::string(text) + "\" for " + spec.name,
                spec.name + "@" + spec.raw, "use a semver range (\"^1.2.3\"), a version or a dist-tag");
  }
  return {};
}

Error unsupported(const PackageSpec& spec, std::string_view what) {
  return Error{ErrorCode::kUnsupported, std::string(what) + " dependencies are not supported yet",
               spec.name + "@" + spec.raw, "use a registry version, a tarball URL, or a file:/link: path for now"};
}

}  // namespace

std::string_view spec_kind_name(SpecKind kind) {
  switch (kind) {
    case SpecKind::kVersion: return "version";
    case SpecKind::kRange: return "range";
    case SpecKind::kTag: return "tag";
    case SpecKind::kRemote: return "remote";
    case SpecKind::kFile: return "file";
    case SpecKind::kDirectory: return "directory";
    case SpecKind::kLink: return "link";
    case SpecKind::kGit: return "git";
    case SpecKind::kWorkspace: return "workspace";
  }
  return "range";
}

bool is_valid_package_name(std::string_view name) {
  if (name.empty() || name.size() > 214 || name.starts_with('.') || name.starts_with('_')) return false;
  std::string_view bare = name;
  if (name.starts_with('@')) {
    size_t slash = name.find('/');
    if (slash == std::string_view::npos || slash == 1 || slash + 1 == name.size()) return false;
    bare = name.substr(slash + 1);
    if (!is_valid_package_name(name.substr(1, slash - 1)) || bare.starts_with('.') || bare.starts_with('_')) return false;
  }
  for (char c : bare) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos)) return false;
  }
  return true;
}

Result<PackageSpec> parse_dependency_spec(std::string_view name, std::string_view text) {
  PackageSpec spec;
  spec.name = std::string(name);
  spec.real_name = spec.name;
  spec.raw = std::string(text);
  std::string_view trimmed = text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.remove_suffix(1);

  if (trimmed.starts_with("npm:")) {
    std::string_view rest = trimmed.substr(4);
    size_t at = rest.find('@', rest.starts_with('@') ? 1 : 0);
    spec.alias = true;
    spec.real_name = std::string(rest.substr(0, at));
    if (!is_valid_package_name(spec.real_name)) {
      return fail(ErrorCode::kParse, "invalid package name \"" + spec.real_name + "\" in alias", spec.name + "@" + spec.raw);
    }
    std::string_view inner = at == std::string_view::npos ? std::string_view("*") : rest.substr(at + 1);
    if (inner.starts_with("npm:")) return fail(ErrorCode::kParse, "an alias cannot point at another alias", spec.name + "@" + spec.raw);
    if (auto classified = classify_registry_spec(spec, inner); !classified) return std::unexpected(classified.error());
    return spec;
  }
  if (trimmed.starts_with("workspace:")) {
    spec.kind = SpecKind::kWorkspace;
    spec.target = trimmed.substr(10);
    spec.real_name = spec.name;
    return spec;
  }
  if (trimmed.starts_with("link:")) {
    spec.kind = SpecKind::kLink;
    spec.target = std::string(trimmed.substr(5));
    return spec;
  }
  if (trimmed.starts_with("file:") || is_path_like(trimmed)) {
    std::string_view path = trimmed.starts_with("file:") ? trimmed.substr(5) : trimmed;
    // file://host/path is not a local path npm supports either; file:///abs is.
    if (path.starts_with("///")) path.remove_prefix(2);
    spec.kind = is_tarball_path(path) ? SpecKind::kFile : SpecKind::kDirectory;
    spec.target = std::string(path);
    return spec;
  }
  if (is_git(trimmed)) {
    spec.kind = SpecKind::kGit;
    return fail(unsupported(spec, "git"));
  }
  if (trimmed.starts_with("http://") || trimmed.starts_with("https://")) {
    spec.kind = SpecKind::kRemote;
    spec.target = std::string(trimmed);
    return spec;
  }
  if (auto classified = classify_registry_spec(spec, trimmed); !classified) return std::unexpected(classified.error());
  return spec;
}

Result<PackageSpec> parse_cli_spec(std::string_view argument) {
  if (argument.starts_with("http://") || argument.starts_with("https://") || argument.starts_with("file:") ||
      argument.starts_with("link:") || is_path_like(argument) || is_git(argument)) {
    return parse_dependency_spec("", argument);
  }
  size_t at = argument.find('@', argument.starts_with('@') ? 1 : 0);
  std::string_view name = argument.substr(0, at);
  std::string_view spec = at == std::string_view::npos ? std::string_view() : argument.substr(at + 1);
  if (!is_valid_package_name(name)) {
    return fail(ErrorCode::kUsage, "invalid package name \"" + std::string(name) + "\"", std::string(argument),
                "package names are lower-case, URL-safe, and may have a @scope/ prefix");
  }
  Result<PackageSpec> parsed = parse_dependency_spec(name, spec.empty() ? std::string_view("latest") : spec);
  if (parsed && spec.empty()) parsed->raw.clear();  // no spec given: `lode add` saves ^<version>
  return parsed;
}

}  // namespace lode
