// A snapshot of environment variables, passed explicitly instead of reading the global
// environ, so code that depends on the environment can be tested with any values and child
// processes get exactly the environment a caller built for them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lode {

class Environment {
 public:
  Environment() = default;

  // A copy of this process's environment (the only place environ is read).
  static Environment from_process();
  // From "NAME=value" strings; entries without '=' are ignored.
  static Environment from_entries(const std::vector<std::string>& entries);

  // The value of `name`, or nullopt when it is not set (set but empty returns "").
  std::optional<std::string_view> get(std::string_view name) const;
  // The value, or `fallback` when unset or empty.
  std::string get_or(std::string_view name, std::string_view fallback) const;
  bool has(std::string_view name) const { return get(name).has_value(); }

  void set(std::string name, std::string value);
  void unset(std::string_view name);

  const std::map<std::string, std::string, std::less<>>& variables() const { return vars_; }

  // "NAME=value" strings, sorted by name, for execve/posix_spawn.
  std::vector<std::string> to_entries() const;

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace lode
