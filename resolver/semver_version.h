// Versions as npm understands them: SemVer 2.0.0 plus node-semver's (7.x) loose mode and
// limits, so that every decision lode makes about a version is the one npm would make.
//
// A Version keeps its numbers as uint64 (node-semver rejects components above 2^53-1) and
// its prerelease in canonical text form ("alpha.1"; numeric identifiers below 2^53-1 lose
// their leading zeros, as node-semver turns them into Numbers). Identifiers are validated
// and canonicalised once, at parse time; comparison walks the canonical text in place, so
// comparing two versions never allocates. Build metadata is kept for compare_build() and
// ignored for precedence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/error.h"

namespace lode::semver {

// node-semver's options object. `loose` accepts "v1.2.3", "=1.2.3", "1.2.3beta" and leading
// zeros; `include_prerelease` lets prerelease versions satisfy ranges without a prerelease
// comparator on their own major.minor.patch.
struct SemverOptions {
  bool loose = false;
  bool include_prerelease = false;
};

class Version {
 public:
  Version() = default;  // 0.0.0

  // Parses `text` like `new SemVer(text, options)`: longer than 256 (UTF-16) characters,
  // not matching the grammar after trimming, or a component above 2^53-1 fails with
  // ErrorCode::kParse and the input as subject.
  static Result<Version> parse(std::string_view text, SemverOptions options = {});

  uint64_t major() const { return major_; }
  uint64_t minor() const { return minor_; }
  uint64_t patch() const { return patch_; }
  // Canonical dot-joined prerelease ("alpha.1"), empty when there is none.
  std::string_view prerelease() const { return prerelease_; }
  bool is_prerelease() const { return !prerelease_.empty(); }
  // Build metadata without the '+', empty when there is none.
  std::string_view build() const { return build_; }

  // node-semver's `version` property: "1.2.3-alpha.1", without build metadata.
  std::string to_string() const;

  // Only for the operations that edit versions (min_version, inc).
  void set_components(uint64_t major, uint64_t minor, uint64_t patch) {
    major_ = major;
    minor_ = minor;
    patch_ = patch;
  }
  void set_prerelease(std::string prerelease) { prerelease_ = std::move(prerelease); }

 private:
  uint64_t major_ = 0;
  uint64_t minor_ = 0;
  uint64_t patch_ = 0;
  std::string prerelease_;
  std::string build_;
};

// -1, 0 or 1 by SemVer precedence (node-semver's compare): major, minor, patch, then a
// release above its prereleases, then identifier by identifier. Never allocates.
int compare(const Version& a, const Version& b);

// compare(), then build metadata identifier by identifier (node-semver's compareBuild, the
// order semver.sort() uses).
int compare_build(const Version& a, const Version& b);

// compare() on major.minor.patch only.
int compare_main(const Version& a, const Version& b);

inline bool operator==(const Version& a, const Version& b) { return compare(a, b) == 0; }
inline bool operator<(const Version& a, const Version& b) { return compare(a, b) < 0; }

// The canonical version string of `text` (node-semver's valid()), or an error.
Result<std::string> valid(std::string_view text, SemverOptions options = {});

// valid() after trimming and dropping leading '=' and 'v' characters (node-semver's clean()).
Result<std::string> clean(std::string_view text, SemverOptions options = {});

// node-semver's compareIdentifiers on two single identifiers: numeric ones compare as
// numbers and sort before alphanumeric ones, which compare as ASCII text.
int compare_identifiers(std::string_view a, std::string_view b);

}  // namespace lode::semver
