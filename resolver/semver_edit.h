// Making versions out of other text: coerce ("v2" => 2.0.0) and inc (the next major,
// minor, patch or prerelease), as node-semver 7.x does them, including its checks on
// prerelease identifiers and its identifierBase.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "resolver/semver_version.h"

namespace lode::semver {

struct CoerceOptions {
  bool loose = false;
  bool include_prerelease = false;  // keep a "-pre" and "+build" after the numbers
  bool rtl = false;                 // take the right-most version-like run
};

// The version found inside `text` ("v2" => 2.0.0, "1.2.3.4" => 1.2.3), or kParse when
// there is none or it is not a valid version (a component above 2^53-1).
Result<Version> coerce(std::string_view text, CoerceOptions options = {});

enum class ReleaseType { kMajor, kPremajor, kMinor, kPreminor, kPatch, kPrepatch, kPrerelease, kRelease, kPre };

// "major", "prepatch", ...; nullopt for anything else.
std::optional<ReleaseType> parse_release_type(std::string_view text);

// The number a new prerelease identifier starts at: 0 (default), 1, or none at all
// (node-semver's identifierBase '0', '1', false).
enum class IdentifierBase { kZero, kOne, kNone };

struct IncOptions {
  SemverOptions semver;
  std::string identifier;  // "beta" for 1.2.4-beta.0; empty for none
  IdentifierBase base = IdentifierBase::kZero;
};

// node-semver's inc: the incremented version string (not re-parsed: a loose identifier may
// make it one only loose mode reads). Fails on an invalid version or identifier, or an
// increment node-semver refuses ("release" of a non-prerelease, a duplicate identifier).
Result<std::string> inc(std::string_view version, ReleaseType release, const IncOptions& options = {});

// JavaScript's `Number(text)` truthiness (not 0, not NaN), for the CLI's `-n <base>`.
bool js_number_truthy(std::string_view text);

}  // namespace lode::semver
