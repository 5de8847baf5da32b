#include "resolver/semver_syntax.h"

#include <algorithm>
#include <charconv>

namespace lode::semver::syntax {

namespace {

// ECMAScript's WhiteSpace and LineTerminator code points beyond ASCII, UTF-8 encoded.
constexpr std::string_view kWideSpaces[] = {
    "\xC2\xA0",      // U+00A0
    "\xE1\x9A\x80",  // U+1680
    "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
    "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A",  // U+2000..U+200A
    "\xE2\x80\xA8",  // U+2028
    "\xE2\x80\xA9",  // U+2029
    "\xE2\x80\xAF",  // U+202F
    "\xE2\x81\x9F",  // U+205F
    "\xE3\x80\x80",  // U+3000
    "\xEF\xBB\xBF",  // U+FEFF
};

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The length of the whitespace character ending at text[end - 1], or 0.
size_t space_before(std::string_view text, size_t end) {
  if (end == 0) return 0;
  if (is_ascii_space(text[end - 1])) return 1;
  if (static_cast<unsigned char>(text[end - 1]) < 0x80) return 0;
  for (std::string_view wide : kWideSpaces) {
    if (end >= wide.size() && text.substr(end - wide.size(), wide.size()) == wide) return wide.size();
  }
  return 0;
}

bool all_of_kind(std::string_view text, bool (*kind)(char)) {
  return std::all_of(text.begin(), text.end(), kind);
}

// Splits `text` on '.' and checks every piece (an empty piece fails).
template <class Check>
bool every_dotted_piece(std::string_view text, Check check) {
  if (text.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    std::string_view piece = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!check(piece)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_xrange_id(std::string_view piece, bool loose) {
  return piece == "x" || piece == "X" || piece == "*" || is_numeric_id(piece, loose);
}

// What may follow the patch number: `-pre+build` in strict mode (PRERELEASE? BUILD?).
bool match_strict_tail(std::string_view rest, std::string_view& prerelease, std::string_view& build) {
  if (rest.empty()) return true;
  size_t plus = rest.find('+');
  if (rest[0] == '-') {
    std::string_view list = rest.substr(1, plus == std::string_view::npos ? plus : plus - 1);
    if (!is_prerelease_list(list, false)) return false;
    prerelease = list;
  } else if (plus != 0) {
    return false;
  }
  if (plus == std::string_view::npos) return true;
  build = rest.substr(plus + 1);
  return is_build_list(build);
}

// The loose form (PRERELEASELOOSE? BUILD?): the '-' before a prerelease is optional, and
// when taking it fails the regex retries with the '-' as part of the first identifier.
bool match_loose_tail(std::string_view rest, std::string_view& prerelease, std::string_view& build) {
  if (rest.empty()) return true;
  size_t plus = rest.find('+');
  if (plus != 0) {
    std::string_view list = rest.substr(0, plus);
    if (list[0] == '-' && is_prerelease_list(list.substr(1), true)) {
      prerelease = list.substr(1);
    } else if (is_prerelease_list(list, true)) {
      prerelease = list;
    } else {
      return false;
    }
  }
  if (plus == std::string_view::npos) return true;
  build = rest.substr(plus + 1);
  return is_build_list(build);
}

// The third component and what follows it. Strict numbers are a whole digit run; a loose
// number is \d{1,256} followed by a prerelease that may itself start with digits, so the
// regex backtracks through shorter numbers ("1.2.34.5" is 1.2.3-4.5 in loose mode).
bool match_patch_and_tail(std::string_view tail, bool loose, bool allow_x, std::string_view& patch,
                          std::string_view& prerelease, std::string_view& build) {
  if (tail.empty()) return false;
  prerelease = {};
  build = {};
  if (allow_x && (tail[0] == 'x' || tail[0] == 'X' || tail[0] == '*')) {
    patch = tail.substr(0, 1);
    return loose ? match_loose_tail(tail.substr(1), prerelease, build)
                 : match_strict_tail(tail.substr(1), prerelease, build);
  }
  size_t digits = digit_run(tail, 0);
  if (digits == 0) return false;
  if (!loose) {
    patch = tail.substr(0, digits);
    return is_numeric_id(patch, false) && match_strict_tail(tail.substr(digits), prerelease, build);
  }
  for (size_t take = std::min(digits, kMaxDigits); take > 0; --take) {
    prerelease = {};
    build = {};
    if (match_loose_tail(tail.substr(take), prerelease, build)) {
      patch = tail.substr(0, take);
      return true;
    }
  }
  return false;
}

}  // namespace

size_t space_at(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  if (is_ascii_space(text[pos])) return 1;
  if (static_cast<unsigned char>(text[pos]) < 0x80) return 0;
  for (std::string_view wide : kWideSpaces) {
    if (text.substr(pos, wide.size()) == wide) return wide.size();
  }
  return 0;
}

std::string_view js_trim(std::string_view text) {
  size_t start = 0;
  while (size_t width = space_at(text, start)) start += width;
  size_t end = text.size();
  while (end > start) {
    size_t width = space_before(text, end);
    if (width == 0) break;
    end -= width;
  }
  return text.substr(start, end - start);
}

size_t utf16_length(std::string_view text) {
  size_t units = 0;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++units;  // not a continuation byte
    if (byte >= 0xF0) ++units;           // outside the BMP: a surrogate pair
  }
  return units;
}

std::string collapse_spaces(std::string_view text) {
  text = js_trim(text);
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    if (size_t width = space_at(text, pos)) {
      while (width) {
        pos += width;
        width = space_at(text, pos);
      }
      out += ' ';
    } else {
      out += text[pos++];
    }
  }
  return out;
}

size_t digit_run(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - pos;
}

bool is_numeric_id(std::string_view piece, bool loose) {
  if (piece.empty() || !all_of_kind(piece, is_digit)) return false;
  if (loose) return piece.size() <= kMaxDigits;
  return piece == "0" || (piece[0] != '0' && piece.size() <= kMaxDigits + 1);
}

bool is_nonnumeric_id(std::string_view piece) {
  size_t digits = digit_run(piece, 0);
  if (digits > kMaxDigits || digits == piece.size()) return false;
  if (!is_letter(piece[digits]) && piece[digits] != '-') return false;
  std::string_view tail = piece.substr(digits + 1);
  return tail.size() <= kMaxIdentifierTail && all_of_kind(tail, is_ident_char);
}

bool is_prerelease_id(std::string_view piece, bool loose) {
  return is_nonnumeric_id(piece) || is_numeric_id(piece, loose);
}

bool is_build_id(std::string_view piece) {
  return !piece.empty() && piece.size() <= kMaxIdentifierTail && all_of_kind(piece, is_ident_char);
}

bool is_prerelease_list(std::string_view text, bool loose) {
  return every_dotted_piece(text, [loose](std::string_view piece) { return is_prerelease_id(piece, loose); });
}

bool is_build_list(std::string_view text) { return every_dotted_piece(text, is_build_id); }

std::optional<VersionParts> match_version(std::string_view text, bool loose) {
  size_t pos = 0;
  if (loose) {
    while (pos < text.size()) {
      if (text[pos] == 'v' || text[pos] == '=') {
        ++pos;
      } else if (size_t width = space_at(text, pos)) {
        pos += width;
      } else {
        break;
      }
    }
  } else if (!text.empty() && text[0] == 'v') {
    pos = 1;
  }
  VersionParts parts;
  for (std::string_view* component : {&parts.major, &parts.minor}) {
    size_t dot = text.find('.', pos);
    if (dot == std::string_view::npos) return std::nullopt;
    *component = text.substr(pos, dot - pos);
    if (!is_numeric_id(*component, loose)) return std::nullopt;
    pos = dot + 1;
  }
  if (!match_patch_and_tail(text.substr(pos), loose, false, parts.patch, parts.prerelease, parts.build)) {
    return std::nullopt;
  }
  return parts;
}

std::optional<XRangeParts> match_xrange(std::string_view text, bool loose) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == 'v' || text[pos] == '=') {
      ++pos;
    } else if (size_t width = space_at(text, pos)) {
      pos += width;
    } else {
      break;
    }
  }
  XRangeParts parts;
  parts.whole = text;
  for (std::string_view* component : {&parts.major, &parts.minor}) {
    size_t dot = text.find('.', pos);
    *component = text.substr(pos, dot == std::string_view::npos ? dot : dot - pos);
    if (!is_xrange_id(*component, loose)) return std::nullopt;
    if (dot == std::string_view::npos) return parts;
    pos = dot + 1;
  }
  std::string_view build;
  if (!match_patch_and_tail(text.substr(pos), loose, true, parts.patch, parts.prerelease, build)) {
    return std::nullopt;
  }
  return parts;
}

double js_number(std::string_view digits) {
  double value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

std::string js_plus_one(std::string_view digits) {
  double value = js_number(digits) + 1.0;
  char buffer[64];
  // Number.prototype.toString switches to exponent form at 1e21.
  auto format = value < 1e21 ? std::chars_format::fixed : std::chars_format::scientific;
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format);
  return std::string(buffer, result.ptr);
}

}  // namespace lode::semver::syntax
