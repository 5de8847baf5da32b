#include "resolver/overrides.h"

#include "resolver/semver_range.h"
#include "resolver/semver_version.h"

namespace lode {

namespace {

constexpr semver::SemverOptions kLoose{.loose = true, .include_prerelease = false};

struct RuleKey {
  std::string name;
  std::string range;  // empty: every version
};

RuleKey split_key(std::string_view key) {
  size_t at = key.find('@', key.starts_with('@') ? 1 : 0);
  if (at == std::string_view::npos) return {std::string(key), ""};
  return {std::string(key.substr(0, at)), std::string(key.substr(at + 1))};
}

bool in_range(std::string_view version, const std::string& range) {
  if (range.empty()) return true;
  Result<semver::Version> parsed = semver::Version::parse(version, kLoose);
  Result<semver::Range> wanted = semver::Range::parse(range, kLoose);
  return parsed && wanted && wanted->test(*parsed);
}

}  // namespace

Result<Overrides> Overrides::from(const PackageJson& root) {
  Overrides overrides;
  overrides.rules_ = std::make_unique<std::vector<OverrideRule>>(root.overrides);
  for (const DependencyEntry& entry : root.dependencies) overrides.root_specs_.emplace_back(entry.name, entry.spec);
  overrides.contexts_.push_back(Context{overrides.rules_.get()});

  auto config_error = [&](std::string what) {
    return fail(ErrorCode::kConfig, std::move(what), root.path.string(),
                "see npm's documentation of \"overrides\"; \"$name\" reuses your own spec for name");
  };
  // Checks every value: references must resolve.
  std::function<Result<void>(const std::vector<OverrideRule>&)> check = [&](const std::vector<OverrideRule>& rules) -> Result<void> {
    for (const OverrideRule& rule : rules) {
      if (rule.value && rule.value->starts_with('$') && !overrides.resolve_reference(*rule.value)) {
        return config_error("override \"" + rule.key + "\": " + *rule.value +
                            " does not name a dependency of the root package");
      }
      if (auto nested = check(rule.children); !nested) return nested;
    }
    return {};
  };
  if (auto checked = check(*overrides.rules_); !checked) return std::unexpected(checked.error());
  for (const OverrideRule& rule : *overrides.rules_) {
    if (!rule.value || rule.value->starts_with('$')) continue;
    RuleKey key = split_key(rule.key);
    const DependencyEntry* direct = root.find_dependency(key.name);
    if (direct && direct->spec != *rule.value) {
      return config_error("override for " + key.name + " (\"" + *rule.value + "\") conflicts with the direct dependency " +
                          key.name + "@" + direct->spec);
    }
  }
  return overrides;
}

std::optional<std::string> Overrides::resolve_reference(const std::string& value) const {
  if (!value.starts_with('$')) return value;
  std::string_view name = std::string_view(value).substr(1);
  for (const auto& [dependency, spec] : root_specs_) {
    if (dependency == name) return spec;
  }
  return std::nullopt;
}

std::optional<std::string> Overrides::replacement(ContextId context, std::string_view name,
                                                  const std::function<std::optional<std::string>()>& version_without) const {
  const Context& lists = contexts_[context];
  // The innermost rules win: a rule inside "bar" beats a top-level one inside bar's subtree.
  for (auto list = lists.rbegin(); list != lists.rend(); ++list) {
    for (const OverrideRule& rule : **list) {
      if (!rule.value) continue;
      RuleKey key = split_key(rule.key);
      if (key.name != name) continue;
      if (!key.range.empty()) {
        std::optional<std::string> version = version_without();
        if (!version || !in_range(*version, key.range)) continue;
      }
      return resolve_reference(*rule.value);
    }
  }
  return std::nullopt;
}

Overrides::ContextId Overrides::enter(ContextId context, std::string_view name, std::string_view version) {
  Context inner = contexts_[context];
  bool changed = false;
  for (const std::vector<OverrideRule>* list : contexts_[context]) {
    for (const OverrideRule& rule : *list) {
      RuleKey key = split_key(rule.key);
      if (key.name != name || rule.children.empty() || !in_range(version, key.range)) continue;
      inner.push_back(&rule.children);
      changed = true;
    }
  }
  if (!changed) return context;
  for (ContextId id = 0; id < contexts_.size(); ++id) {
    if (contexts_[id] == inner) return id;
  }
  contexts_.push_back(std::move(inner));
  return static_cast<ContextId>(contexts_.size() - 1);
}

}  // namespace lode
