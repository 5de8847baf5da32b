// npm's "overrides" from the root package.json: rules that replace dependency specifiers
// everywhere ({"foo": "1.0.0"}), only for some versions ({"foo@1": "1.0.2"}), or only
// inside a package's subtree ({"bar": {"foo": "2.0.0"}}, with "." for bar itself), with
// "$name" taking the root's own specifier for name.
//
// Resolution carries a context down the graph: the rule lists active at that point.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "resolver/package_json.h"

namespace lode {

class Overrides {
 public:
  using ContextId = uint32_t;
  static constexpr ContextId kRootContext = 0;

  // Checks the rules against the root package: "$name" must name one of its
  // dependencies, and a rule for a direct dependency must agree with the root's own spec
  // (npm's EOVERRIDE). Fails with kConfig naming package.json.
  static Result<Overrides> from(const PackageJson& root);

  bool empty() const { return rules_->empty(); }

  // The specifier that replaces dependency `name` inside `context`, or nullopt. For a rule
  // keyed "name@range", `version_without` is asked for the version the dependency would
  // get without the override; the rule applies when that version is in the range.
  std::optional<std::string> replacement(ContextId context, std::string_view name,
                                         const std::function<std::optional<std::string>()>& version_without) const;

  // The context inside package name@version reached from `context`.
  ContextId enter(ContextId context, std::string_view name, std::string_view version);

 private:
  // The rule lists active in one context, innermost last.
  using Context = std::vector<const std::vector<OverrideRule>*>;

  std::optional<std::string> resolve_reference(const std::string& value) const;

  // Heap-held so contexts can point at it across moves of this object.
  std::unique_ptr<std::vector<OverrideRule>> rules_;
  std::vector<std::pair<std::string, std::string>> root_specs_;  // for "$name"
  std::vector<Context> contexts_;
};

}  // namespace lode
