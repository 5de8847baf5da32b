#include "resolver/semver_range.h"

#include <algorithm>

#include "resolver/semver_desugar.h"
#include "resolver/semver_syntax.h"

namespace lode::semver {

namespace {

bool is_null_set(const Comparator& comparator) {
  return comparator.op == Operator::kLt && comparator.version.major() == 0 && comparator.version.minor() == 0 &&
         comparator.version.patch() == 0 && comparator.version.prerelease() == "0";
}

bool is_any(const Comparator& comparator) { return comparator.op == Operator::kAny; }

Operator operator_from(std::string_view text) {
  if (text == "<") return Operator::kLt;
  if (text == "<=") return Operator::kLe;
  if (text == ">") return Operator::kGt;
  if (text == ">=") return Operator::kGe;
  return Operator::kEq;
}

// One comparator word after desugaring (">=1.2.3", "<2.0.0-0", ""). Returns nullopt for a
// word loose mode drops (it does not look like a comparator at all), an error for one
// that makes the whole range invalid.
Result<std::optional<Comparator>> parse_comparator(std::string_view word, SemverOptions options) {
  if (word.empty()) return Comparator{};
  size_t op_end = syntax::leading_operator(word);
  std::string_view version_text = word.substr(op_end);
  if (!syntax::match_version(version_text, options.loose)) {
    if (options.loose) return std::nullopt;
    return fail(ErrorCode::kParse, "invalid comparator '" + std::string(word) + "'");
  }
  Result<Version> version = Version::parse(version_text, SemverOptions{options.loose, false});
  if (!version) return std::unexpected(version.error());
  return Comparator{operator_from(word.substr(0, op_end)), std::move(*version)};
}

// One `||`-separated part: desugared into words, parsed, deduplicated like node-semver's
// parseRange (a null set wins outright; "any" goes when there is anything else).
Result<ComparatorSet> parse_part(std::string_view part, SemverOptions options) {
  std::vector<std::string> words = desugar_part(part, options);
  std::vector<Comparator> comparators;
  comparators.reserve(words.size());
  for (const std::string& word : words) {
    Result<std::optional<Comparator>> comparator = parse_comparator(word, options);
    if (!comparator) return std::unexpected(comparator.error());
    if (*comparator) comparators.push_back(std::move(**comparator));
  }
  for (const Comparator& comparator : comparators) {
    if (is_null_set(comparator)) return ComparatorSet{comparator};
  }
  ComparatorSet set;
  std::vector<std::string> values;
  for (Comparator& comparator : comparators) {
    std::string value = comparator.to_string();
    auto seen = std::find(values.begin(), values.end(), value);
    if (seen != values.end()) {
      set[static_cast<size_t>(seen - values.begin())] = std::move(comparator);
    } else {
      values.push_back(std::move(value));
      set.push_back(std::move(comparator));
    }
  }
  if (set.size() > 1) std::erase_if(set, is_any);
  return set;
}

bool test_set(const ComparatorSet& set, const Version& version, bool include_prerelease) {
  for (const Comparator& comparator : set) {
    if (!comparator.test(version)) return false;
  }
  if (!version.is_prerelease() || include_prerelease) return true;
  // A prerelease passes only when the set names a prerelease of the same
  // major.minor.patch: ^1.2.3-pr.1 admits 1.2.3-pr.2 but not 1.2.4-alpha.
  for (const Comparator& comparator : set) {
    if (comparator.op == Operator::kAny || !comparator.version.is_prerelease()) continue;
    if (compare_main(comparator.version, version) == 0) return true;
  }
  return false;
}

template <class Better>
std::optional<size_t> best_satisfying(std::span<const std::string> versions, const Range& range, Better better) {
  std::optional<size_t> best;
  std::optional<Version> best_version;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].empty()) continue;
    Result<Version> version = Version::parse(versions[i], range.options());
    if (!version || !range.test(*version)) continue;
    if (!best || better(compare(*best_version, *version))) {
      best = i;
      best_version = std::move(*version);
    }
  }
  return best;
}

template <class Better>
std::optional<size_t> best_satisfying(std::span<const Version> versions, const Range& range, Better better) {
  std::optional<size_t> best;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (!range.test(versions[i])) continue;
    if (!best || better(compare(versions[*best], versions[i]))) best = i;
  }
  return best;
}

bool is_lower(int order) { return order < 0; }
bool is_higher(int order) { return order > 0; }

}  // namespace

bool Comparator::test(const Version& candidate) const {
  if (op == Operator::kAny) return true;
  int order = compare(candidate, version);
  switch (op) {
    case Operator::kEq: return order == 0;
    case Operator::kLt: return order < 0;
    case Operator::kLe: return order <= 0;
    case Operator::kGt: return order > 0;
    case Operator::kGe: return order >= 0;
    case Operator::kAny: break;
  }
  return true;
}

std::string_view Comparator::operator_text() const {
  switch (op) {
    case Operator::kLt: return "<";
    case Operator::kLe: return "<=";
    case Operator::kGt: return ">";
    case Operator::kGe: return ">=";
    case Operator::kEq:
    case Operator::kAny: break;
  }
  return "";
}

std::string Comparator::to_string() const {
  if (op == Operator::kAny) return "";
  return std::string(operator_text()) + version.to_string();
}

Result<Range> Range::parse(std::string_view text, SemverOptions options) {
  std::string raw = syntax::collapse_spaces(text);
  Range range;
  range.options_ = options;
  size_t start = 0;
  while (true) {
    size_t bar = raw.find("||", start);
    std::string_view part = std::string_view(raw).substr(start, bar == std::string::npos ? bar : bar - start);
    Result<ComparatorSet> set = parse_part(syntax::js_trim(part), options);
    if (!set) return fail(ErrorCode::kParse, "invalid range: " + set.error().message, std::string(text));
    if (!set->empty()) range.sets_.push_back(std::move(*set));
    if (bar == std::string::npos) break;
    start = bar + 2;
  }
  if (range.sets_.empty()) return fail(ErrorCode::kParse, "invalid range", std::string(text));
  if (range.sets_.size() > 1) {
    // Null sets go when anything else is left; a lone "any" set absorbs the rest.
    ComparatorSet first = range.sets_.front();
    std::erase_if(range.sets_, [](const ComparatorSet& set) { return is_null_set(set.front()); });
    if (range.sets_.empty()) {
      range.sets_.push_back(std::move(first));
    } else if (range.sets_.size() > 1) {
      for (const ComparatorSet& set : range.sets_) {
        if (set.size() == 1 && is_any(set.front())) {
          ComparatorSet any = set;
          range.sets_.assign(1, std::move(any));
          break;
        }
      }
    }
  }
  return range;
}

bool Range::test(const Version& version) const {
  for (const ComparatorSet& set : sets_) {
    if (test_set(set, version, options_.include_prerelease)) return true;
  }
  return false;
}

std::string Range::to_string() const {
  std::string out;
  for (size_t i = 0; i < sets_.size(); ++i) {
    if (i > 0) out += "||";
    for (size_t k = 0; k < sets_[i].size(); ++k) {
      if (k > 0) out += ' ';
      out += sets_[i][k].to_string();
    }
  }
  return out;
}

Result<std::string> valid_range(std::string_view text, SemverOptions options) {
  Result<Range> range = Range::parse(text, options);
  if (!range) return std::unexpected(range.error());
  std::string printed = range->to_string();
  return printed.empty() ? std::string("*") : printed;
}

bool satisfies(std::string_view version, const Range& range) {
  if (version.empty()) return false;
  Result<Version> parsed = Version::parse(version, range.options());
  return parsed && range.test(*parsed);
}

bool satisfies(std::string_view version, std::string_view range, SemverOptions options) {
  Result<Range> parsed = Range::parse(range, options);
  return parsed && satisfies(version, *parsed);
}

std::optional<size_t> max_satisfying(std::span<const std::string> versions, const Range& range) {
  return best_satisfying(versions, range, is_lower);
}
std::optional<size_t> min_satisfying(std::span<const std::string> versions, const Range& range) {
  return best_satisfying(versions, range, is_higher);
}
std::optional<size_t> max_satisfying(std::span<const Version> versions, const Range& range) {
  return best_satisfying(versions, range, is_lower);
}
std::optional<size_t> min_satisfying(std::span<const Version> versions, const Range& range) {
  return best_satisfying(versions, range, is_higher);
}

}  // namespace lode::semver
