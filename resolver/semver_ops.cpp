#include "resolver/semver_ops.h"

namespace lode::semver {

namespace {

bool is_greater_op(Operator op) { return op == Operator::kGt || op == Operator::kGe; }
bool is_less_op(Operator op) { return op == Operator::kLt || op == Operator::kLe; }
bool is_inclusive_op(Operator op) { return op == Operator::kGe || op == Operator::kLe; }
bool has_no_operator(const Comparator& c) { return c.op == Operator::kEq || c.op == Operator::kAny; }

// node-semver re-reads a comparator's text as a range in a few places; so do we, so that
// the same rewriting (">=0.0.0" is "any") applies.
Result<Range> comparator_as_range(const Comparator& comparator, SemverOptions options) {
  return Range::parse(comparator.to_string(), options);
}

// Comparator.intersects.
Result<bool> comparators_intersect(const Comparator& a, const Comparator& b, SemverOptions options) {
  if (has_no_operator(a)) {
    if (a.op == Operator::kAny) return true;
    Result<Range> range = comparator_as_range(b, options);
    if (!range) return std::unexpected(range.error());
    return satisfies(a.version.to_string(), *range);
  }
  if (has_no_operator(b)) {
    if (b.op == Operator::kAny) return true;
    Result<Range> range = comparator_as_range(a, options);
    if (!range) return std::unexpected(range.error());
    return range->test(b.version);
  }
  std::string a_value = a.to_string();
  std::string b_value = b.to_string();
  // Nothing lies below <0.0.0-0 (nor, without prereleases, below <0.0.0).
  std::string_view floor = options.include_prerelease ? "<0.0.0-0" : "<0.0.0";
  if (options.include_prerelease ? (a_value == floor || b_value == floor)
                                 : (a_value.starts_with(floor) || b_value.starts_with(floor))) {
    return false;
  }
  if (is_greater_op(a.op) && is_greater_op(b.op)) return true;
  if (is_less_op(a.op) && is_less_op(b.op)) return true;
  if (a.version.to_string() == b.version.to_string() && is_inclusive_op(a.op) && is_inclusive_op(b.op)) return true;
  int order = compare(a.version, b.version);
  if (order < 0 && is_greater_op(a.op) && is_less_op(b.op)) return true;
  if (order > 0 && is_less_op(a.op) && is_greater_op(b.op)) return true;
  return false;
}

// Range's isSatisfiable: the comparators of one set intersect pairwise, checked the way
// node-semver pops them off the end.
Result<bool> is_satisfiable(const ComparatorSet& set, SemverOptions options) {
  for (size_t last = set.size(); last > 1; --last) {
    const Comparator& test = set[last - 1];
    for (size_t i = 0; i + 1 < last; ++i) {
      Result<bool> meets = comparators_intersect(test, set[i], options);
      if (!meets) return meets;
      if (!*meets) return false;
    }
  }
  return true;
}

bool is_any_set(const ComparatorSet& set) { return set.size() == 1 && set.front().op == Operator::kAny; }

bool same_set(const ComparatorSet& a, const ComparatorSet& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].to_string() != b[i].to_string()) return false;
  }
  return true;
}

Comparator lower_bound(bool with_prerelease) {
  Comparator comparator{Operator::kGe, Version()};
  if (with_prerelease) comparator.version.set_prerelease("0");
  return comparator;
}

// higherGT / lowerLT: the tighter of two bounds; true when `b` wins.
bool higher_gt_is_b(const Comparator& a, const Comparator& b) {
  int order = compare(a.version, b.version);
  if (order != 0) return order < 0;
  return b.op == Operator::kGt && a.op == Operator::kGe;
}
bool lower_lt_is_b(const Comparator& a, const Comparator& b) {
  int order = compare(a.version, b.version);
  if (order != 0) return order > 0;
  return b.op == Operator::kLt && a.op == Operator::kLe;
}

bool same_tuple(const Version& a, const Version& b) { return compare_main(a, b) == 0; }

// satisfies(eq, String(c), options) in node-semver's subset.
Result<bool> version_in_comparator(const Version& version, const Comparator& comparator, SemverOptions options) {
  Result<Range> range = comparator_as_range(comparator, options);
  if (!range) return std::unexpected(range.error());
  return range->test(version);
}

// node-semver's simpleSubset: true, false, or nullopt for "sub is the null set".
Result<std::optional<bool>> simple_subset(ComparatorSet sub, ComparatorSet dom, SemverOptions options) {
  if (same_set(sub, dom)) return true;  // node-semver's `sub === dom`: the same parsed set
  if (is_any_set(sub)) {
    if (is_any_set(dom)) return true;
    sub = {lower_bound(options.include_prerelease)};
  }
  if (is_any_set(dom)) {
    if (options.include_prerelease) return true;
    dom = {lower_bound(false)};
  }
  std::optional<Comparator> gt;
  std::optional<Comparator> lt;
  std::vector<const Comparator*> equals;
  for (const Comparator& c : sub) {
    if (is_greater_op(c.op)) {
      if (!gt || higher_gt_is_b(*gt, c)) gt = c;
    } else if (is_less_op(c.op)) {
      if (!lt || lower_lt_is_b(*lt, c)) lt = c;
    } else {
      equals.push_back(&c);
    }
  }
  if (equals.size() > 1) return std::nullopt;
  std::optional<int> gtlt;
  if (gt && lt) {
    gtlt = compare(gt->version, lt->version);
    if (*gtlt > 0) return std::nullopt;
    if (*gtlt == 0 && (gt->op != Operator::kGe || lt->op != Operator::kLe)) return std::nullopt;
  }
  if (!equals.empty()) {
    const Version& eq = equals.front()->version;
    for (const std::optional<Comparator>* bound : {&gt, &lt}) {
      if (!*bound) continue;
      Result<bool> inside = version_in_comparator(eq, **bound, options);
      if (!inside) return std::unexpected(inside.error());
      if (!*inside) return std::nullopt;
    }
    for (const Comparator& c : dom) {
      Result<bool> inside = version_in_comparator(eq, c, options);
      if (!inside) return std::unexpected(inside.error());
      if (!*inside) return false;
    }
    return true;
  }
  // A prerelease bound needs a prerelease comparator on the same tuple in dom:
  // >=1.2.3-pre is not a subset of >=1.0.0. <1.2.3-0 is the same as <1.2.3, though.
  bool need_gt_pre = gt && !options.include_prerelease && gt->version.is_prerelease();
  bool need_lt_pre = lt && !options.include_prerelease && lt->version.is_prerelease();
  if (need_lt_pre && lt->version.prerelease() == "0" && lt->op == Operator::kLt) need_lt_pre = false;
  bool has_dom_gt = false;
  bool has_dom_lt = false;
  for (const Comparator& c : dom) {
    has_dom_gt = has_dom_gt || is_greater_op(c.op);
    has_dom_lt = has_dom_lt || is_less_op(c.op);
    if (gt) {
      if (need_gt_pre && c.op != Operator::kAny && c.version.is_prerelease() && same_tuple(c.version, gt->version)) {
        need_gt_pre = false;
      }
      if (is_greater_op(c.op)) {
        if (higher_gt_is_b(*gt, c)) return false;
      } else if (gt->op == Operator::kGe && !c.test(gt->version)) {
        return false;
      }
    }
    if (lt) {
      if (need_lt_pre && c.op != Operator::kAny && c.version.is_prerelease() && same_tuple(c.version, lt->version)) {
        need_lt_pre = false;
      }
      if (is_less_op(c.op)) {
        if (lower_lt_is_b(*lt, c)) return false;
      } else if (lt->op == Operator::kLe && !c.test(lt->version)) {
        return false;
      }
    }
    if (has_no_operator(c) && (lt || gt) && gtlt != 0) return false;
  }
  // A one-sided bound is no subset of a dom bounded on the other side, unless the two
  // bounds of sub meet (>1.0.0 <1.0.1 is still within <2.0.0).
  if (gt && has_dom_lt && !lt && gtlt != 0) return false;
  if (lt && has_dom_gt && !gt && gtlt != 0) return false;
  if (need_gt_pre || need_lt_pre) return false;
  return true;
}

}  // namespace

Result<bool> intersects(const Range& a, const Range& b, SemverOptions options) {
  for (const ComparatorSet& left : a.sets()) {
    Result<bool> left_ok = is_satisfiable(left, options);
    if (!left_ok) return left_ok;
    if (!*left_ok) continue;
    for (const ComparatorSet& right : b.sets()) {
      Result<bool> right_ok = is_satisfiable(right, options);
      if (!right_ok) return right_ok;
      if (!*right_ok) continue;
      bool all = true;
      for (const Comparator& x : left) {
        for (const Comparator& y : right) {
          Result<bool> meets = comparators_intersect(x, y, options);
          if (!meets) return meets;
          if (!*meets) {
            all = false;
            break;
          }
        }
        if (!all) break;
      }
      if (all) return true;
    }
  }
  return false;
}

Result<bool> intersects(std::string_view a, std::string_view b, SemverOptions options) {
  Result<Range> left = Range::parse(a, options);
  if (!left) return std::unexpected(left.error());
  Result<Range> right = Range::parse(b, options);
  if (!right) return std::unexpected(right.error());
  return intersects(*left, *right, options);
}

Result<bool> subset(const Range& sub, const Range& dom, SemverOptions options) {
  bool saw_non_null = false;
  for (const ComparatorSet& simple_sub : sub.sets()) {
    bool found = false;
    for (const ComparatorSet& simple_dom : dom.sets()) {
      Result<std::optional<bool>> is_sub = simple_subset(simple_sub, simple_dom, options);
      if (!is_sub) return std::unexpected(is_sub.error());
      saw_non_null = saw_non_null || is_sub->has_value();
      if (is_sub->value_or(false)) {
        found = true;
        break;
      }
    }
    // A null simple range is a subset of anything, but only counts when all are null.
    if (!found && saw_non_null) return false;
  }
  return true;
}

Result<bool> subset(std::string_view sub, std::string_view dom, SemverOptions options) {
  if (sub == dom) return true;
  Result<Range> left = Range::parse(sub, options);
  if (!left) return std::unexpected(left.error());
  Result<Range> right = Range::parse(dom, options);
  if (!right) return std::unexpected(right.error());
  return subset(*left, *right, options);
}

Result<std::optional<Version>> min_version(const Range& range) {
  Version candidate;
  if (range.test(candidate)) return candidate;
  candidate.set_prerelease("0");
  if (range.test(candidate)) return candidate;
  std::optional<Version> lowest;
  for (const ComparatorSet& set : range.sets()) {
    std::optional<Version> set_min;
    for (const Comparator& comparator : set) {
      // node-semver clones every bound by re-reading its text strictly; a version only loose
      // mode reads (or the "any" comparator, which has none) makes it throw.
      if (comparator.op == Operator::kAny) {
        return fail(ErrorCode::kParse, "invalid version in range", range.to_string());
      }
      Result<Version> bound = Version::parse(comparator.version.to_string());
      if (!bound) return std::unexpected(bound.error());
      if (is_less_op(comparator.op)) continue;
      if (comparator.op == Operator::kGt) {
        if (bound->is_prerelease()) {
          bound->set_prerelease(std::string(bound->prerelease()) + ".0");
        } else {
          bound->set_components(bound->major(), bound->minor(), bound->patch() + 1);
        }
      }
      if (!set_min || compare(*bound, *set_min) > 0) set_min = std::move(*bound);
    }
    if (set_min && (!lowest || compare(*lowest, *set_min) > 0)) lowest = std::move(set_min);
  }
  if (!lowest) return std::nullopt;
  // Testing re-reads a version made without the range's options from its text: a bound
  // pushed past 2^53-1 (">1.2.9007199254740991") throws there.
  SemverOptions options = range.options();
  if (options.loose || options.include_prerelease) {
    if (Result<Version> reread = Version::parse(lowest->to_string(), options); !reread) {
      return std::unexpected(reread.error());
    }
  }
  if (range.test(*lowest)) return lowest;
  return std::nullopt;
}

}  // namespace lode::semver
