#include "resolver/semver_edit.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "resolver/semver_syntax.h"

namespace lode::semver {

namespace {

using syntax::digit_run;
using syntax::is_digit;

// ---------- coerce ----------

constexpr size_t kCoerceDigits = 16;  // node-semver's MAX_SAFE_COMPONENT_LENGTH

struct CoerceMatch {
  size_t start = 0;   // where the match (its leading non-digit included) starts
  size_t end = 0;     // just past it (its trailing non-digit included)
  size_t resume = 0;  // just past the major number: where an rtl scan looks next
  std::string_view major, minor, patch, prerelease, build;
};

// The width of the non-digit character at pos (JavaScript's [^\d] takes one character).
size_t non_digit_width(std::string_view text, size_t pos) {
  if (pos >= text.size() || is_digit(text[pos])) return 0;
  auto byte = static_cast<unsigned char>(text[pos]);
  size_t width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
  return std::min(width, text.size() - pos);
}

// The COERCE / COERCEFULL regexes tried at one position, with their backtracking: each
// number takes up to 16 digits, longest first, and the match must end at the end of the
// text or at a non-digit.
class CoerceMatcher {
 public:
  CoerceMatcher(std::string_view text, bool full) : text_(text), full_(full), scan_{text} {}

  // The leftmost match starting at or after `from`.
  std::optional<CoerceMatch> search(size_t from) const {
    for (size_t start = from; start <= text_.size(); ++start) {
      if (start == 0) {
        if (auto match = numbers_at(0)) return finish(*match, 0, 0);
      }
      if (size_t width = non_digit_width(text_, start)) {
        if (auto match = numbers_at(start + width)) return finish(*match, start, width);
      }
    }
    return std::nullopt;
  }

 private:
  CoerceMatch finish(CoerceMatch match, size_t start, size_t lead) const {
    match.start = start;
    match.resume = start + lead + match.major.size();
    return match;
  }

  std::optional<CoerceMatch> numbers_at(size_t pos) const {
    size_t digits = std::min(digit_run(text_, pos), kCoerceDigits);
    for (size_t take = digits; take > 0; --take) {
      if (auto match = after_major(pos + take)) {
        match->major = text_.substr(pos, take);
        return match;
      }
    }
    return std::nullopt;
  }

  // `(?:\.(\d{1,16}))?` for the minor number, then the same for the patch number.
  std::optional<CoerceMatch> after_major(size_t pos) const {
    for (size_t take = dotted_digits(pos); take > 0; --take) {
      if (auto match = after_minor(pos + 1 + take)) {
        match->minor = text_.substr(pos + 1, take);
        return match;
      }
    }
    return after_minor(pos);
  }

  std::optional<CoerceMatch> after_minor(size_t pos) const {
    for (size_t take = dotted_digits(pos); take > 0; --take) {
      if (auto match = tail(pos + 1 + take)) {
        match->patch = text_.substr(pos + 1, take);
        return match;
      }
    }
    return tail(pos);
  }

  // How many digits (at most 16) follow a '.' at pos; 0 when there is no '.'.
  size_t dotted_digits(size_t pos) const {
    if (pos >= text_.size() || text_[pos] != '.') return 0;
    return std::min(digit_run(text_, pos + 1), kCoerceDigits);
  }

  // `(?:$|[^\d])`, after COERCEFULL's optional prerelease and build. When the end does
  // not follow, the regex gives back prerelease identifiers one by one ("-alpha.01" keeps
  // "alpha": its "0" would be followed by a digit), then the build, then both.
  std::optional<CoerceMatch> tail(size_t pos) const {
    if (!full_) return ends_at(pos, pos, pos, pos);
    std::vector<size_t> ends;
    if (scan_.at(pos) == '-') {
      size_t end = scan_.prerelease_id_end(pos + 1, false);
      if (end != pos + 1) {
        ends.push_back(end);
        while (scan_.at(end) == '.') {
          size_t next = scan_.prerelease_id_end(end + 1, false);
          if (next == end + 1) break;
          end = next;
          ends.push_back(end);
        }
      }
    }
    ends.insert(ends.begin(), pos);  // no prerelease at all, tried last
    for (size_t i = ends.size(); i-- > 0;) {
      size_t pre_end = ends[i];
      size_t build_end = scan_.build_end(pre_end);
      if (auto match = ends_at(pos, pre_end, build_end, build_end)) return match;
      if (build_end != pre_end) {
        if (auto match = ends_at(pos, pre_end, pre_end, pre_end)) return match;
      }
    }
    return std::nullopt;
  }

  std::optional<CoerceMatch> ends_at(size_t numbers_end, size_t pre_end, size_t build_end, size_t pos) const {
    size_t end = pos;
    if (pos < text_.size()) {
      size_t width = non_digit_width(text_, pos);
      if (width == 0) return std::nullopt;
      end += width;
    }
    CoerceMatch match;
    match.end = end;
    if (pre_end > numbers_end) match.prerelease = text_.substr(numbers_end + 1, pre_end - numbers_end - 1);
    if (build_end > pre_end) match.build = text_.substr(pre_end + 1, build_end - pre_end - 1);
    return match;
  }

  std::string_view text_;
  bool full_;
  syntax::VersionScanner scan_;
};


// ---------- inc ----------

// A prerelease identifier as node-semver holds it while incrementing: a Number (below
// 2^53-1) or a string. A new identifier is kept whole even if it has dots ("beta.1").
struct PrePart {
  bool number = false;
  uint64_t value = 0;
  std::string text;

  std::string shown() const { return number ? std::to_string(value) : text; }
};

// JavaScript's Number(text): NaN unless the whole (trimmed) text is a numeric literal.
double js_to_number(std::string_view text) {
  text = syntax::js_trim(text);
  if (text.empty()) return 0;
  auto all_in = [](std::string_view digits, std::string_view allowed) {
    return !digits.empty() && digits.find_first_not_of(allowed) == std::string_view::npos;
  };
  if (text.size() > 2 && text[0] == '0') {
    char kind = static_cast<char>(text[1] | 0x20);
    std::string_view digits = text.substr(2);
    int base = kind == 'x' ? 16 : kind == 'o' ? 8 : kind == 'b' ? 2 : 0;
    if (base != 0) {
      std::string_view allowed = base == 16 ? "0123456789abcdefABCDEF" : base == 8 ? "01234567" : "01";
      if (!all_in(digits, allowed)) return NAN;
      return digits.find_first_not_of('0') == std::string_view::npos ? 0.0 : 1.0;  // only truthiness matters
    }
  }
  std::string_view body = text;
  if (body[0] == '+' || body[0] == '-') body.remove_prefix(1);
  if (body == "Infinity") return text[0] == '-' ? -INFINITY : INFINITY;
  size_t pos = digit_run(body, 0);
  size_t mantissa = pos;
  if (pos < body.size() && body[pos] == '.') {
    size_t fraction = digit_run(body, pos + 1);
    mantissa += fraction;
    pos += 1 + fraction;
  }
  if (mantissa == 0) return NAN;
  if (pos < body.size() && (body[pos] == 'e' || body[pos] == 'E')) {
    size_t exponent = pos + 1;
    if (exponent < body.size() && (body[exponent] == '+' || body[exponent] == '-')) ++exponent;
    size_t digits = digit_run(body, exponent);
    if (digits == 0) return NAN;
    pos = exponent + digits;
  }
  if (pos != body.size()) return NAN;
  return std::strtod(std::string(text).c_str(), nullptr);
}

struct IncState {
  uint64_t major, minor, patch;
  std::vector<PrePart> prerelease;
};

std::string joined(const std::vector<PrePart>& parts) {
  std::string out;
  for (const PrePart& part : parts) {
    if (!out.empty()) out += '.';
    out += part.shown();
  }
  return out;
}

// node-semver's isPrereleaseIdentifier: `identifier`'s pieces open the prerelease.
bool opens_prerelease(const std::vector<PrePart>& prerelease, std::string_view identifier) {
  size_t index = 0;
  size_t start = 0;
  while (true) {
    size_t dot = identifier.find('.', start);
    std::string_view piece = identifier.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (index >= prerelease.size()) return false;
    if (compare_identifiers(prerelease[index].shown(), piece) != 0) return false;
    ++index;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

size_t piece_count(std::string_view identifier) {
  return static_cast<size_t>(std::count(identifier.begin(), identifier.end(), '.')) + 1;
}

Error inc_error(std::string message) { return Error{ErrorCode::kParse, std::move(message), "", ""}; }

Result<void> increment(IncState& state, ReleaseType release, const IncOptions& options) {
  const std::string& identifier = options.identifier;
  uint64_t base = options.base == IdentifierBase::kOne ? 1 : 0;
  switch (release) {
    case ReleaseType::kPremajor:
      state.prerelease.clear();
      state.patch = 0;
      state.minor = 0;
      ++state.major;
      return increment(state, ReleaseType::kPre, options);
    case ReleaseType::kPreminor:
      state.prerelease.clear();
      state.patch = 0;
      ++state.minor;
      return increment(state, ReleaseType::kPre, options);
    case ReleaseType::kPrepatch:
      state.prerelease.clear();
      if (auto done = increment(state, ReleaseType::kPatch, options); !done) return done;
      return increment(state, ReleaseType::kPre, options);
    case ReleaseType::kPrerelease:
      // On a release this is prepatch; on a prerelease, the next prerelease.
      if (state.prerelease.empty()) {
        if (auto done = increment(state, ReleaseType::kPatch, options); !done) return done;
      }
      return increment(state, ReleaseType::kPre, options);
    case ReleaseType::kRelease:
      if (state.prerelease.empty()) return std::unexpected(inc_error("version is not a prerelease"));
      state.prerelease.clear();
      return {};
    case ReleaseType::kMajor:
      // 1.0.0-5 bumps to 1.0.0; 1.1.0 to 2.0.0.
      if (state.minor != 0 || state.patch != 0 || state.prerelease.empty()) ++state.major;
      state.minor = 0;
      state.patch = 0;
      state.prerelease.clear();
      return {};
    case ReleaseType::kMinor:
      if (state.patch != 0 || state.prerelease.empty()) ++state.minor;
      state.patch = 0;
      state.prerelease.clear();
      return {};
    case ReleaseType::kPatch:
      if (state.prerelease.empty()) ++state.patch;
      state.prerelease.clear();
      return {};
    case ReleaseType::kPre:
      break;
  }
  if (state.prerelease.empty()) {
    state.prerelease.push_back(PrePart{true, base, {}});
  } else {
    bool bumped = false;
    for (size_t i = state.prerelease.size(); i-- > 0;) {
      if (state.prerelease[i].number) {
        ++state.prerelease[i].value;
        bumped = true;
        break;
      }
    }
    if (!bumped) {
      if (identifier == joined(state.prerelease) && options.base == IdentifierBase::kNone) {
        return std::unexpected(inc_error("identifier already exists"));
      }
      state.prerelease.push_back(PrePart{true, base, {}});
    }
  }
  if (!identifier.empty()) {
    // 1.2.0-beta.1 bumps to 1.2.0-beta.2; 1.2.0-beta.fooblz or 1.2.0-alpha to 1.2.0-beta.0.
    std::vector<PrePart> fresh{PrePart{false, 0, identifier}};
    if (options.base != IdentifierBase::kNone) fresh.push_back(PrePart{true, base, {}});
    if (opens_prerelease(state.prerelease, identifier)) {
      size_t next = piece_count(identifier);
      bool next_is_number = next < state.prerelease.size() &&
                            (state.prerelease[next].number || !std::isnan(js_to_number(state.prerelease[next].text)));
      if (!next_is_number) state.prerelease = std::move(fresh);
    } else {
      state.prerelease = std::move(fresh);
    }
  }
  return {};
}

}  // namespace

Result<Version> coerce(std::string_view text, CoerceOptions options) {
  CoerceMatcher matcher(text, options.include_prerelease);
  std::optional<CoerceMatch> match;
  if (!options.rtl) {
    match = matcher.search(0);
  } else {
    // The right-most run that does not end where a more left-ward one ends:
    // "1.2.3.4" coerces to 2.3.4, not 3.4 or 4.
    size_t from = 0;
    while (auto next = matcher.search(from)) {
      if (match && match->end == text.size()) break;
      if (!match || next->end != match->end) match = next;
      from = next->resume;
    }
  }
  if (!match) return fail(ErrorCode::kParse, "no version found", std::string(text));
  std::string version(match->major);
  version += '.';
  version += match->minor.empty() ? std::string_view("0") : match->minor;
  version += '.';
  version += match->patch.empty() ? std::string_view("0") : match->patch;
  if (options.include_prerelease && !match->prerelease.empty()) version += "-" + std::string(match->prerelease);
  if (options.include_prerelease && !match->build.empty()) version += "+" + std::string(match->build);
  Result<Version> parsed = Version::parse(version, SemverOptions{options.loose, options.include_prerelease});
  if (!parsed) return fail(ErrorCode::kParse, "no valid version found", std::string(text));
  return parsed;
}


std::optional<ReleaseType> parse_release_type(std::string_view text) {
  constexpr std::pair<std::string_view, ReleaseType> kNames[] = {
      {"major", ReleaseType::kMajor},           {"premajor", ReleaseType::kPremajor},
      {"minor", ReleaseType::kMinor},           {"preminor", ReleaseType::kPreminor},
      {"patch", ReleaseType::kPatch},           {"prepatch", ReleaseType::kPrepatch},
      {"prerelease", ReleaseType::kPrerelease}, {"release", ReleaseType::kRelease},
      {"pre", ReleaseType::kPre},
  };
  for (const auto& [name, type] : kNames) {
    if (name == text) return type;
  }
  return std::nullopt;
}

Result<std::string> inc(std::string_view version, ReleaseType release, const IncOptions& options) {
  Result<Version> parsed = Version::parse(version, options.semver);
  if (!parsed) return std::unexpected(parsed.error());
  bool pre_kind = release == ReleaseType::kPremajor || release == ReleaseType::kPreminor ||
                  release == ReleaseType::kPrepatch || release == ReleaseType::kPrerelease ||
                  release == ReleaseType::kPre;
  if (pre_kind) {
    if (options.identifier.empty() && options.base == IdentifierBase::kNone) {
      return fail(ErrorCode::kParse, "invalid increment argument: identifier is empty", std::string(version));
    }
    // The identifier must read as prerelease identifiers under the same options.
    if (!options.identifier.empty() && !syntax::is_prerelease_list(options.identifier, options.semver.loose)) {
      return fail(ErrorCode::kParse, "invalid identifier: " + options.identifier, std::string(version));
    }
  }
  IncState state{parsed->major(), parsed->minor(), parsed->patch(), {}};
  std::string_view text = parsed->prerelease();
  size_t start = 0;
  while (!text.empty()) {
    size_t dot = text.find('.', start);
    std::string_view piece = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    PrePart part{false, 0, std::string(piece)};
    // Canonical text: an all-digit piece without a leading zero is a Number unless it is
    // 2^53-1 or more (those stay strings).
    if (piece.size() <= 16 && piece.find_first_not_of("0123456789") == std::string_view::npos &&
        (piece.size() == 1 || piece[0] != '0')) {
      uint64_t value = std::stoull(std::string(piece));
      if (value < syntax::kMaxSafeInteger) part = PrePart{true, value, {}};
    }
    state.prerelease.push_back(std::move(part));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (auto done = increment(state, release, options); !done) return fail(ErrorCode::kParse, done.error().message, std::string(version));
  std::string out = std::to_string(state.major) + "." + std::to_string(state.minor) + "." + std::to_string(state.patch);
  if (!state.prerelease.empty()) out += "-" + joined(state.prerelease);
  return out;
}

bool js_number_truthy(std::string_view text) {
  double value = js_to_number(text);
  return !std::isnan(value) && value != 0;
}

}  // namespace lode::semver
