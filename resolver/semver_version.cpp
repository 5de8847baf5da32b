#include "resolver/semver_version.h"

#include <array>
#include <charconv>

#include "resolver/semver_syntax.h"

namespace lode::semver {

namespace {

using syntax::kMaxSafeInteger;

constexpr unsigned char kDigit = 1;
constexpr unsigned char kIdent = 2;  // [0-9A-Za-z-]

constexpr auto kCharClass = [] {
  std::array<unsigned char, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] = kDigit | kIdent;
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<size_t>(c)] = kIdent;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<size_t>(c)] = kIdent;
  table['-'] = kIdent;
  return table;
}();

// The value of a digit string if it is at most 2^53-1.
std::optional<uint64_t> safe_number(std::string_view digits) {
  size_t first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) return 0;
  if (digits.size() - first > 16) return std::nullopt;
  uint64_t value = 0;
  for (size_t i = first; i < digits.size(); ++i) value = value * 10 + static_cast<uint64_t>(digits[i] - '0');
  if (value > kMaxSafeInteger) return std::nullopt;
  return value;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!syntax::is_digit(c)) return false;
  }
  return true;
}

void append_number(std::string& out, uint64_t value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// node-semver turns an all-digit prerelease identifier below 2^53-1 into a Number, which
// prints without leading zeros; larger ones stay strings, exactly as written.
std::string canonical_prerelease(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  while (true) {
    size_t dot = text.find('.', start);
    std::string_view piece = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!out.empty() || start > 0) out += '.';
    std::optional<uint64_t> number = all_digits(piece) ? safe_number(piece) : std::nullopt;
    if (number && *number < kMaxSafeInteger) {
      append_number(out, *number);
    } else {
      out += piece;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

bool needs_canonical_form(std::string_view text) {
  // Only a multi-digit numeric identifier with a leading zero changes (loose mode).
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '0' && (i == 0 || text[i - 1] == '.') && i + 1 < text.size() && syntax::is_digit(text[i + 1])) {
      return true;
    }
  }
  return false;
}

// Walks dot-separated identifiers of canonical text without allocating.
class IdentifierCursor {
 public:
  explicit IdentifierCursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ > text_.size() || text_.empty(); }
  std::string_view next() {
    size_t dot = text_.find('.', pos_);
    size_t end = dot == std::string_view::npos ? text_.size() : dot;
    std::string_view piece = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return piece;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// node-semver's comparePre/compareBuild loop: identical identifiers continue, the first
// different pair decides (even when compareIdentifiers calls it a tie, as two huge numeric
// identifiers that round to the same double do), and the shorter list sorts first.
int compare_lists(std::string_view a, std::string_view b) {
  IdentifierCursor left(a);
  IdentifierCursor right(b);
  while (true) {
    bool left_done = left.done();
    bool right_done = right.done();
    if (left_done && right_done) return 0;
    if (right_done) return 1;
    if (left_done) return -1;
    std::string_view x = left.next();
    std::string_view y = right.next();
    if (x == y) continue;
    return compare_identifiers(x, y);
  }
}

int three_way(uint64_t a, uint64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

}  // namespace

// Plain ASCII like "1.2.3" or "1.2.3-beta.1+build.5": no 'v', no whitespace, no leading
// zeros, nothing longer than node-semver's bounds could reach. Strict and loose mode read
// such text the same way, so this decides it for both; anything else (including every
// invalid input) returns false and goes to the general, regex-equivalent path.
void detail::VersionTail::assign(std::string_view prerelease, std::string_view build) {
  size_t size = prerelease.size() + build.size();
  auto inside = [this](std::string_view view) {
    auto address = reinterpret_cast<uintptr_t>(view.data());
    return address >= reinterpret_cast<uintptr_t>(inline_) && address < reinterpret_cast<uintptr_t>(inline_ + kInline);
  };
  if (size <= kInline && !heap_ && !inside(prerelease) && !inside(build)) {
    // The common case: fresh text straight into the inline buffer.
    std::memcpy(inline_, prerelease.data(), prerelease.size());
    std::memcpy(inline_ + prerelease.size(), build.data(), build.size());
    prerelease_size_ = static_cast<uint32_t>(prerelease.size());
    build_size_ = static_cast<uint32_t>(build.size());
    return;
  }
  // Copy before releasing: the views may point into this object.
  if (size <= kInline) {
    char staging[kInline];
    std::memcpy(staging, prerelease.data(), prerelease.size());
    std::memcpy(staging + prerelease.size(), build.data(), build.size());
    delete[] heap_;
    heap_ = nullptr;
    std::memcpy(inline_, staging, size);
  } else {
    char* fresh = new char[size];
    std::memcpy(fresh, prerelease.data(), prerelease.size());
    std::memcpy(fresh + prerelease.size(), build.data(), build.size());
    delete[] heap_;
    heap_ = fresh;
  }
  prerelease_size_ = static_cast<uint32_t>(prerelease.size());
  build_size_ = static_cast<uint32_t>(build.size());
}

bool Version::parse_plain(std::string_view text, Version& out) {
  if (text.empty() || text.size() > syntax::kMaxLength) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  uint64_t numbers[3];
  for (int component = 0; component < 3; ++component) {
    if (p == end || !(kCharClass[*p] & kDigit)) return false;
    const auto* first = p;
    uint64_t value = 0;
    do {
      value = value * 10 + (*p++ - '0');
    } while (p != end && (kCharClass[*p] & kDigit));
    // A leading zero, or more digits than 2^53-1 can have: the general path decides.
    if ((*first == '0' && p - first > 1) || p - first > 16 || value > kMaxSafeInteger) return false;
    numbers[component] = value;
    if (component < 2) {
      if (p == end || *p != '.') return false;
      ++p;
    }
  }
  // Dot-separated identifiers of [0-9A-Za-z-]; a numeric one may not have a leading zero.
  auto identifiers = [&](bool numeric_rule) -> bool {
    while (true) {
      const auto* id = p;
      unsigned char classes = kDigit;
      while (p != end && (kCharClass[*p] & kIdent)) classes &= kCharClass[*p++];
      if (p == id) return false;
      if (numeric_rule && (classes & kDigit) && *id == '0' && p - id > 1) return false;
      if (p == end || *p != '.') return true;
      ++p;
    }
  };
  const auto* pre = p;
  const auto* pre_end = p;
  if (p != end && *p == '-') {
    pre = ++p;
    if (!identifiers(true)) return false;
    pre_end = p;
  }
  const auto* build = p;
  if (p != end && *p == '+') {
    build = ++p;
    if (!identifiers(false)) return false;
  }
  if (p != end) return false;
  out.major_ = numbers[0];
  out.minor_ = numbers[1];
  out.patch_ = numbers[2];
  if (pre != end) {
    out.tail_.assign({reinterpret_cast<const char*>(pre), static_cast<size_t>(pre_end - pre)},
                     {reinterpret_cast<const char*>(build), static_cast<size_t>(end - build)});
  }
  return true;
}

void Version::parse_general(std::string_view text, SemverOptions options, Result<Version>& out) {
  if (syntax::utf16_length(text) > syntax::kMaxLength) {
    out = fail(ErrorCode::kParse, "version is longer than 256 characters", std::string(text));
    return;
  }
  std::optional<syntax::VersionParts> parts = syntax::match_version(syntax::js_trim(text), options.loose);
  if (!parts) {
    out = fail(ErrorCode::kParse, "invalid version", std::string(text));
    return;
  }
  std::optional<uint64_t> major = safe_number(parts->major);
  std::optional<uint64_t> minor = safe_number(parts->minor);
  std::optional<uint64_t> patch = safe_number(parts->patch);
  if (!major || !minor || !patch) {
    out = fail(ErrorCode::kParse, "invalid version: a component is above 2^53-1", std::string(text));
    return;
  }
  Version& version = *out;
  version.major_ = *major;
  version.minor_ = *minor;
  version.patch_ = *patch;
  if (needs_canonical_form(parts->prerelease)) {
    version.tail_.assign(canonical_prerelease(parts->prerelease), parts->build);
  } else {
    version.tail_.assign(parts->prerelease, parts->build);
  }
}

std::string Version::to_string() const {
  std::string out;
  out.reserve(16 + prerelease().size());
  append_number(out, major_);
  out += '.';
  append_number(out, minor_);
  out += '.';
  append_number(out, patch_);
  if (is_prerelease()) {
    out += '-';
    out += prerelease();
  }
  return out;
}

int compare_identifiers(std::string_view a, std::string_view b) {
  bool a_numeric = all_digits(a);
  bool b_numeric = all_digits(b);
  if (a_numeric && b_numeric) {
    // JavaScript compares them as Numbers: exact up to 15 digits, rounded beyond.
    if (a.size() <= 15 && b.size() <= 15) return three_way(*safe_number(a), *safe_number(b));
    double x = syntax::js_number(a);
    double y = syntax::js_number(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a_numeric) return -1;
  if (b_numeric) return 1;
  int order = a.compare(b);
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

int compare_main(const Version& a, const Version& b) {
  if (int order = three_way(a.major(), b.major())) return order;
  if (int order = three_way(a.minor(), b.minor())) return order;
  return three_way(a.patch(), b.patch());
}

int compare(const Version& a, const Version& b) {
  if (int order = compare_main(a, b)) return order;
  if (a.is_prerelease() != b.is_prerelease()) return a.is_prerelease() ? -1 : 1;
  if (!a.is_prerelease()) return 0;
  return compare_lists(a.prerelease(), b.prerelease());
}

int compare_build(const Version& a, const Version& b) {
  if (int order = compare(a, b)) return order;
  return compare_lists(a.build(), b.build());
}

Result<std::string> valid(std::string_view text, SemverOptions options) {
  Result<Version> version = Version::parse(text, options);
  if (!version) return std::unexpected(version.error());
  return version->to_string();
}

Result<std::string> clean(std::string_view text, SemverOptions options) {
  std::string_view trimmed = syntax::js_trim(text);
  size_t skip = trimmed.find_first_not_of("=v");
  return valid(skip == std::string_view::npos ? std::string_view() : trimmed.substr(skip), options);
}

}  // namespace lode::semver
