#include "resolver/version_picker.h"

#include <algorithm>

namespace lode {

namespace {

constexpr semver::SemverOptions kLoose{.loose = true, .include_prerelease = false};

Error no_match(const DocumentView& document, const PackageSpec& spec) {
  std::string latest(document.dist_tag("latest").value_or("none"));
  std::string wanted = spec.kind == SpecKind::kTag ? "dist-tag \"" + spec.target + "\"" : "\"" + spec.target + "\"";
  return Error{ErrorCode::kNotFound,
               "no version of " + document.name() + " matches " + wanted + " (latest is " + latest + ")",
               spec.name + "@" + spec.raw, "change the range in package.json, or check the registry has it"};
}

}  // namespace

ParsedVersions ParsedVersions::of(const DocumentView& document) {
  ParsedVersions parsed;
  parsed.versions.reserve(document.size());
  parsed.indices.reserve(document.size());
  for (size_t i = 0; i < document.size(); ++i) {
    Result<semver::Version> v = semver::Version::parse(document.version(i), kLoose);
    if (!v) continue;
    parsed.versions.push_back(std::move(*v));
    parsed.indices.push_back(i);
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

Result<const PackageVersion*> pick_version(const DocumentView& document, const ParsedVersions& parsed,
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
      if (semver::compare(parsed.versions[i], *wanted) == 0) return &document.manifest(parsed.indices[i]);
    }
    return fail(no_match(document, spec));
  }
  Result<semver::Range> range = semver::Range::parse(spec.target, kLoose);
  if (!range) return fail(no_match(document, spec));
  if (auto latest = document.dist_tag("latest")) {
    Result<semver::Version> version = semver::Version::parse(*latest, kLoose);
    if (version && range->test(*version)) {
      if (const PackageVersion* manifest = document.find_version(*latest)) return manifest;
    }
  }
  // Highest first, so that only the manifests down to the first one not deprecated are
  // decoded.
  std::vector<size_t> satisfying;
  for (size_t i = 0; i < parsed.versions.size(); ++i) {
    if (range->test(parsed.versions[i])) satisfying.push_back(i);
  }
  if (satisfying.empty()) return fail(no_match(document, spec));
  std::stable_sort(satisfying.begin(), satisfying.end(),
                   [&](size_t a, size_t b) { return semver::compare(parsed.versions[a], parsed.versions[b]) > 0; });
  for (size_t i : satisfying) {
    const PackageVersion& manifest = document.manifest(parsed.indices[i]);
    if (manifest.deprecated.empty()) return &manifest;
  }
  return &document.manifest(parsed.indices[satisfying.front()]);
}

}  // namespace lode
