#include "base/environment.h"

extern char** environ;

namespace lode {

Environment Environment::from_process() {
  Environment env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    env.vars_.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  }
  return env;
}

Environment Environment::from_entries(const std::vector<std::string>& entries) {
  Environment env;
  for (const std::string& entry : entries) {
    size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    env.vars_[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return env;
}

std::optional<std::string_view> Environment::get(std::string_view name) const {
  auto it = vars_.find(name);
  if (it == vars_.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::string Environment::get_or(std::string_view name, std::string_view fallback) const {
  auto value = get(name);
  if (!value || value->empty()) return std::string(fallback);
  return std::string(*value);
}

void Environment::set(std::string name, std::string value) {
  vars_.insert_or_assign(std::move(name), std::move(value));
}

void Environment::unset(std::string_view name) {
  auto it = vars_.find(name);
  if (it != vars_.end()) vars_.erase(it);
}

std::vector<std::string> Environment::to_entries() const {
  std::vector<std::string> entries;
  entries.reserve(vars_.size());
  for (const auto& [name, value] : vars_) entries.push_back(name + "=" + value);
  return entries;
}

}  // namespace lode
