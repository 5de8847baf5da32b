// Reading and editing .npmrc files: npm's ini dialect (key = value, ; and # comments,
// [section] prefixes, key[] arrays, quoted values, inline comments) with ${VAR} expansion
// in keys and values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/error.h"

namespace lode {

struct NpmrcEntry {
  std::string key;
  std::string value;
  int line = 0;  // 1-based line in the file
};

struct NpmrcParseResult {
  std::vector<NpmrcEntry> entries;
  // Things that are not errors but that the user should hear about, each naming
  // origin:line (an unset ${VAR}, a line that is neither a key nor a section).
  std::vector<std::string> warnings;
};

// Parses .npmrc text. `origin` names the file in warnings. ${VAR} is replaced from `env`;
// an unset VAR stays as written (npm's behaviour) and produces a warning; ${VAR?} becomes
// "" when VAR is unset; \${VAR} is a literal. A key without '=' gets the value "true".
// Later entries with the same key replace earlier ones, except `key[]` which accumulate
// into one value, joined with newlines.
NpmrcParseResult parse_npmrc(std::string_view text, std::string_view origin, const Environment& env);

// Replaces ${VAR} references as described above; unset names are appended to `unset`.
std::string expand_env_references(std::string_view text, const Environment& env,
                                  std::vector<std::string>* unset);

// `text` with `key` set to `value`: the existing line is replaced in place (keeping every
// other line, comment and the order), or a line is appended. Used by `lode config set`.
std::string npmrc_with_key_set(std::string_view text, std::string_view key, std::string_view value);

// `text` without any line that sets `key`.
std::string npmrc_with_key_deleted(std::string_view text, std::string_view key);

}  // namespace lode
