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
#include <cstring>
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

namespace detail {

// A Version's prerelease and build text in one buffer, inline up to 44 characters (nearly
// every real version), on the heap beyond: one object instead of two strings, and no
// allocation for the long prereleases nightly builds carry ("0.0.0-experimental-...").
class VersionTail {
 public:
  VersionTail() = default;
  VersionTail(const VersionTail& other) { assign(other.prerelease(), other.build()); }
  VersionTail(VersionTail&& other) noexcept { take(other); }
  VersionTail& operator=(const VersionTail& other) {
    if (this != &other) assign(other.prerelease(), other.build());
    return *this;
  }
  VersionTail& operator=(VersionTail&& other) noexcept {
    if (this != &other) {
      delete[] heap_;
      take(other);
    }
    return *this;
  }
  ~VersionTail() { delete[] heap_; }

  std::string_view prerelease() const { return {data(), prerelease_size_}; }
  std::string_view build() const { return {data() + prerelease_size_, build_size_}; }
  // Either view may point into this object.
  void assign(std::string_view prerelease, std::string_view build);

 private:
  static constexpr size_t kInline = 44;
  const char* data() const { return heap_ ? heap_ : inline_; }
  void take(VersionTail& other) noexcept {
    heap_ = other.heap_;
    prerelease_size_ = other.prerelease_size_;
    build_size_ = other.build_size_;
    if (!heap_) std::memcpy(inline_, other.inline_, prerelease_size_ + build_size_);
    other.heap_ = nullptr;
    other.prerelease_size_ = 0;
    other.build_size_ = 0;
  }

  char* heap_ = nullptr;
  uint32_t prerelease_size_ = 0;
  uint32_t build_size_ = 0;
  char inline_[kInline];
};

}  // namespace detail

class Version {
 public:
  // 0.0.0. User-provided (not `= default`) so that value-initialisation, as in
  // Result<Version>(std::in_place), does not first zero the whole object.
  Version() noexcept {}

  // Parses `text` like `new SemVer(text, options)`: longer than 256 (UTF-16) characters,
  // not matching the grammar after trimming, or a component above 2^53-1 fails with
  // ErrorCode::kParse and the input as subject.
  static Result<Version> parse(std::string_view text, SemverOptions options = {}) {
    // Inline so the common case pays for nothing but the one-pass scan.
    Result<Version> result(std::in_place);
    if (!parse_plain(text, *result)) parse_general(text, options, result);
    return result;
  }

  uint64_t major() const { return major_; }
  uint64_t minor() const { return minor_; }
  uint64_t patch() const { return patch_; }
  // Canonical dot-joined prerelease ("alpha.1"), empty when there is none.
  std::string_view prerelease() const { return tail_.prerelease(); }
  bool is_prerelease() const { return !tail_.prerelease().empty(); }
  // Build metadata without the '+', empty when there is none.
  std::string_view build() const { return tail_.build(); }

  // node-semver's `version` property: "1.2.3-alpha.1", without build metadata.
  std::string to_string() const;

  // Only for the operations that edit versions (min_version, inc).
  void set_components(uint64_t major, uint64_t minor, uint64_t patch) {
    major_ = major;
    minor_ = minor;
    patch_ = patch;
  }
  void set_prerelease(std::string_view prerelease) { tail_.assign(prerelease, tail_.build()); }

 private:
  // The common case in one pass; false defers to the general path.
  static bool parse_plain(std::string_view text, Version& out);
  // Everything else, exactly as node-semver's regexes read it; stores the error in `out`.
  static void parse_general(std::string_view text, SemverOptions options, Result<Version>& out);

  uint64_t major_ = 0;
  uint64_t minor_ = 0;
  uint64_t patch_ = 0;
  detail::VersionTail tail_;
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
