#include "resolver/version_picker.h"

namespace lode {

namespace {

constexpr semver::SemverOptions kLoose{.loose = true, .include_prerelease = false};

Error no_match(const PackageDocument& document, const PackageSpec& spec) {
  std::string latest(document.dist_tag("latest").value_or("none"));
  std::string wanted = spec.kind == SpecKind::kTag ? "dist-tag \"" + spec.target + "\"" : "\"" + spec.target + "\"";
  return Error{ErrorCode::kNotFound,
               "no version of " + document.name + " matches " + wanted + " (latest is " + latest + ")",
               spec.name + "@" + spec.raw, "change the range in package.json, or check the registry has it"};
}

}  // namespace

ParsedVersions ParsedVersions::of(const PackageDocument& document) {
  ParsedVersions parsed;
  parsed.versions.reserve(document.versions.size());
  parsed.manifests.reserve(document.versions.size());
  for (const PackageVersion& version : document.versions) {
    Result<semver::Version> v = semver::Version::parse(version.version, kLoose);
    if (!v) continue;
    parsed.versions.push_back(std::move(*v));
    parsed.manifests.push_back(&version);
  }
  return parsed;
}

bool version_greater(std::string_view a, std::string_view b) {
  Result<semver::Version> left = semver::Version::parse(a, kLoose);
  Result<semver::Version> right = semver::Version::parse(b, kLoose);
  return left && right && semver::compare(*left, *right) > 0;
}

bool version_satisfies(std::string_view version, const PackageSpec& spec) {
  Result<semver::Version> parsed = semver::Version::parse(version, kLoose);
  if (!parsed) return false;
  if (spec.kind == SpecKind::kVersion) {
    Result<semver::Version> wanted = semver::Version::parse(spec.target, kLoose);
    return wanted && semver::compare(*parsed, *wanted) == 0;
  }
  if (spec.kind != SpecKind::kRange) return false;
  Result<semver::Range> range = semver::Range::parse(spec.target, kLoose);
  return range && range->test(*parsed);
}

Result<const PackageVersion*> pick_version(const PackageDocument& document, const ParsedVersions& parsed,
                                           const PackageSpec& spec) {
  if (spec.kind == SpecKind::kTag) {
    std::optional<std::string_view> tagged = document.dist_tag(spec.target);
    const PackageVersion* version = tagged ? document.find_version(*tagged) : nullptr;
    if (!version) return fail(no_match(document, spec));
    return version;
  }
  if (spec.kind == SpecKind::kVersion) {
    Result<semver::Version> wanted = semver::Version::parse(spec.target, kLoose);
    for (size_t i = 0; wanted && i < parsed.versions.size(); ++i) {
      if (semver::compare(parsed.versions[i], *wanted) == 0) return parsed.manifests[i];
    }
    return fail(no_match(document, spec));
  }
  Result<semver::Range> range = semver::Range::parse(spec.target, kLoose);
  if (!range) return fail(no_match(document, spec));
  if (auto latest = document.dist_tag("latest")) {
    Result<semver::Version> version = semver::Version::parse(*latest, kLoose);
    const PackageVersion* manifest = document.find_version(*latest);
    if (version && manifest && range->test(*version)) return manifest;
  }
  std::optional<size_t> best;
  std::optional<size_t> best_deprecated;
  for (size_t i = 0; i < parsed.versions.size(); ++i) {
    if (!range->test(parsed.versions[i])) continue;
    std::optional<size_t>& slot = parsed.manifests[i]->deprecated.empty() ? best : best_deprecated;
    if (!slot || semver::compare(parsed.versions[i], parsed.versions[*slot]) > 0) slot = i;
  }
  if (best) return parsed.manifests[*best];
  if (best_deprecated) return parsed.manifests[*best_deprecated];
  return fail(no_match(document, spec));
}

}  // namespace lode
