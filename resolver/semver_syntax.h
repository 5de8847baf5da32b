// The lexical rules of node-semver's version and range grammar, shared by the version
// parser and the range parser.
//
// node-semver (7.x) decides validity with regular expressions whose repetition counts are
// bounded ("safe" regexes: a numeric run is at most 256 digits, an identifier tail at most
// 250 characters) and whose `\s` is ECMAScript whitespace, Unicode included. Agreeing with
// it on odd input means agreeing on those bounds and on what the regex engine's
// backtracking would capture, so the matchers here are written against that behaviour
// rather than against the SemVer 2.0.0 text. Inputs are UTF-8; "length" in node-semver is
// counted in UTF-16 code units, which utf16_length() reproduces.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lode::semver::syntax {

// node-semver's limits: MAX_LENGTH, Number.MAX_SAFE_INTEGER, the per-identifier bounds of
// its safe regexes.
inline constexpr size_t kMaxLength = 256;
inline constexpr uint64_t kMaxSafeInteger = 9007199254740991ULL;  // 2^53 - 1
inline constexpr size_t kMaxDigits = 256;                         // \d{1,256}
inline constexpr size_t kMaxIdentifierTail = 250;                 // [a-zA-Z0-9-]{0,250}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ident_char(char c) { return is_digit(c) || is_letter(c) || c == '-'; }

// The byte length of the ECMAScript whitespace character (\s) starting at text[pos], or 0.
size_t space_at(std::string_view text, size_t pos);

// text without leading and trailing ECMAScript whitespace (String.prototype.trim).
std::string_view js_trim(std::string_view text);

// The length of text in UTF-16 code units, as JavaScript's String.length counts it.
size_t utf16_length(std::string_view text);

// `text.trim().replace(/\s+/g, ' ')`: what node-semver does to a range before anything else.
std::string collapse_spaces(std::string_view text);

// Length of the run of ASCII digits starting at pos.
size_t digit_run(std::string_view text, size_t pos);

// Whole-string matches of single identifiers. Strict numbers have no leading zero
// (`0|[1-9]\d{0,256}`), loose ones are any 1-256 digits; a non-numeric identifier is
// `\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}`; a build identifier `[a-zA-Z0-9-]{1,250}`.
bool is_numeric_id(std::string_view piece, bool loose);
bool is_nonnumeric_id(std::string_view piece);
bool is_prerelease_id(std::string_view piece, bool loose);
bool is_build_id(std::string_view piece);

// Whole-string matches of dot-separated identifier lists (the text after '-' or '+').
bool is_prerelease_list(std::string_view text, bool loose);
bool is_build_list(std::string_view text);

// The parts of a full version as the regex captures them (views into the input).
struct VersionParts {
  std::string_view major, minor, patch;
  std::string_view prerelease;  // without the leading '-'; empty when absent
  std::string_view build;       // without the leading '+'; empty when absent
};

// Matches `text` as a whole against FULLPLAIN (strict: `v?1.2.3-pre+build`) or LOOSEPLAIN
// (loose: `[v=\s]*`, leading zeros, prerelease without '-'), exactly as node-semver's regex
// would, length bounds included. No length or number-size check: callers add those.
std::optional<VersionParts> match_version(std::string_view text, bool loose);

// The parts of an x-range / partial version (XRANGEPLAIN), with its [v=\s]* prefix.
struct XRangeParts {
  std::string_view whole;  // prefix included, as node-semver's capture group has it
  std::string_view major, minor, patch;  // empty when absent
  std::string_view prerelease;           // empty when absent
};

// Matches `text` as a whole against XRANGEPLAIN (strict) or XRANGEPLAINLOOSE.
std::optional<XRangeParts> match_xrange(std::string_view text, bool loose);

// The end of a leading GTLT operator (`(<|>)?=?`, taken greedily as the regex does).
inline size_t leading_operator(std::string_view text) {
  size_t pos = 0;
  if (pos < text.size() && (text[pos] == '<' || text[pos] == '>')) ++pos;
  if (pos < text.size() && text[pos] == '=') ++pos;
  return pos;
}

// Where a version-like piece of text ends, as node-semver's scanner for gluing operators
// to versions ("> 1.2.3" => ">1.2.3") finds it; the same extents its greedy PRERELEASE and
// BUILD regexes match (coerce uses them too). Each returns `pos` when nothing matches.
struct VersionScanner {
  std::string_view text;

  char at(size_t pos) const { return pos < text.size() ? text[pos] : '\0'; }
  bool starts_version(size_t pos) const {
    char c = at(pos);
    return is_digit(c) || c == 'x' || c == 'X' || c == '*';
  }
  size_t digits_end(size_t pos, size_t limit) const {
    size_t end = pos;
    while (is_digit(at(end))) ++end;
    return std::min(end, pos + limit);
  }
  size_t number_end(size_t pos, bool loose) const {
    if (!loose && at(pos) == '0') return pos + 1;
    return digits_end(pos, loose ? kMaxDigits : kMaxDigits + 1);
  }
  size_t prerelease_id_end(size_t pos, bool loose) const {
    size_t digits = digits_end(pos, kMaxDigits);
    if (is_letter(at(digits)) || at(digits) == '-') {
      size_t end = digits + 1;
      size_t limit = end + kMaxIdentifierTail;
      while (end < limit && is_ident_char(at(end))) ++end;
      return end;
    }
    return number_end(pos, loose);
  }
  size_t prerelease_end(size_t pos, bool loose) const {
    bool hyphen = at(pos) == '-';
    if (!loose && !hyphen) return pos;
    size_t id_start = pos + (hyphen ? 1 : 0);
    size_t end = prerelease_id_end(id_start, loose);
    if (end == id_start) {
      if (!loose || !hyphen) return pos;
      end = prerelease_id_end(pos, loose);  // a lone '-' is itself an identifier
    }
    while (at(end) == '.') {
      size_t next = prerelease_id_end(end + 1, loose);
      if (next == end + 1) break;
      end = next;
    }
    return end;
  }
  size_t build_id_end(size_t pos) const {
    size_t end = pos;
    while (end - pos < kMaxIdentifierTail && is_ident_char(at(end))) ++end;
    return end;
  }
  size_t build_end(size_t pos) const {
    if (at(pos) != '+') return pos;
    size_t end = build_id_end(pos + 1);
    if (end == pos + 1) return pos;
    while (at(end) == '.') {
      size_t next = build_id_end(end + 1);
      if (next == end + 1) break;
      end = next;
    }
    return end;
  }
  size_t full_version_end(size_t start) const {
    size_t end = start;
    for (int component = 0; component < 3; ++component) {
      size_t next = number_end(end, true);
      if (next == end) return start;
      end = next;
      if (component < 2) {
        if (at(end) != '.') return start;
        ++end;
      }
    }
    return build_end(prerelease_end(end, true));
  }
  size_t partial_component_end(size_t pos) const {
    if (is_digit(at(pos))) return number_end(pos, false);
    return starts_version(pos) ? pos + 1 : pos;
  }
  size_t partial_version_end(size_t start) const {
    size_t end = partial_component_end(start);
    for (int component = 0; component < 2; ++component) {
      if (at(end) != '.') return end;
      size_t next = partial_component_end(end + 1);
      if (next == end + 1) return end;
      end = next;
    }
    return build_end(prerelease_end(end, false));
  }
  size_t version_end(size_t start) const {
    size_t full = full_version_end(start);
    return full != start ? full : partial_version_end(start);
  }
};

// node-semver's isX: an absent component, 'x', 'X' or '*'.
inline bool is_x(std::string_view id) { return id.empty() || id == "x" || id == "X" || id == "*"; }

// What JavaScript prints for `+digits + 1` (digits as a Number, plus one). Large values
// come out as "9007199254740992" or "1e+21", which later fail to parse, as in node-semver.
std::string js_plus_one(std::string_view digits);

// The Number value of a string of digits (correctly rounded, as JavaScript's `+text`).
double js_number(std::string_view digits);

}  // namespace lode::semver::syntax
