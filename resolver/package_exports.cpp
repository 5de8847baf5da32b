#include "resolver/package_exports.h"

#include <algorithm>
#include <cctype>

namespace lode::resolver {

namespace {

enum class Outcome { kFound, kNull, kUndefined };

struct TargetResult {
  Outcome outcome = Outcome::kUndefined;
  MapTarget target;
};

// Everything PACKAGE_TARGET_RESOLVE needs besides the target itself.
struct MapContext {
  const PackageScope& package;
  Conditions conditions;
  std::string_view base;
  bool is_imports = false;
};

std::string folder_with_slash(const PackageScope& package) { return package.dir().string() + "/"; }

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string describe_target(const ConditionTree& target) {
  switch (target.kind) {
    case ConditionTree::Kind::kString: return json_quote(target.string);
    case ConditionTree::Kind::kNull: return "null";
    case ConditionTree::Kind::kArray: return "[...]";
    case ConditionTree::Kind::kObject: return "{...}";
    case ConditionTree::Kind::kOther: return "(not a string)";
  }
  return "";
}

std::string imported_from(std::string_view base) {
  return base.empty() ? std::string() : " imported from " + std::string(base);
}

ResolveError invalid_target(const MapContext& context, std::string_view key, const ConditionTree& target) {
  bool relative_error = target.kind == ConditionTree::Kind::kString && !context.is_imports &&
                        !target.string.empty() && !target.string.starts_with("./");
  std::string where = folder_with_slash(context.package) + "package.json" + imported_from(context.base);
  std::string message;
  if (key == ".") {
    message = "Invalid \"exports\" main target " + describe_target(target) + " defined in the package config " + where;
  } else {
    message = std::string("Invalid \"") + (context.is_imports ? "imports" : "exports") + "\" target " +
              describe_target(target) + " defined for '" + std::string(key) + "' in the package config " + where;
  }
  if (relative_error) message += "; targets must start with \"./\"";
  return ResolveError{"ERR_INVALID_PACKAGE_TARGET", message, context.package.path.string()};
}

ResolveError invalid_config(const PackageScope& package, std::string_view base, std::string_view detail) {
  std::string message = "Invalid package config " + package.path.string();
  if (!base.empty()) message += " while importing " + std::string(base);
  message += ". " + std::string(detail);
  return ResolveError{"ERR_INVALID_PACKAGE_CONFIG", message, package.path.string()};
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The segments Node refuses in targets and pattern matches: "." ".." and "node_modules",
// also percent-encoded; with `empty_too`, also "" (a doubled or trailing slash).
bool has_invalid_segment(std::string_view text, bool empty_too) {
  size_t start = 0;
  while (true) {
    size_t end = text.find_first_of("/\\", start);
    std::string segment = percent_decode(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (segment == "." || segment == ".." || iequals_ascii(segment, "node_modules")) return true;
    if (empty_too && segment.empty()) return true;
    if (end == std::string_view::npos) return false;
    start = end + 1;
  }
}

bool looks_like_url(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

bool is_array_index(std::string_view key) {
  if (key.empty() || key.size() > 10) return false;
  if (key.size() > 1 && key[0] == '0') return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string replace_stars(std::string_view text, std::string_view with) {
  std::string out;
  for (char c : text) {
    if (c == '*') out += with; else out += c;
  }
  return out;
}

ResolveResult<TargetResult> resolve_target(const MapContext& context, const ConditionTree& target,
                                           const std::string* pattern_match, std::string_view key);

ResolveResult<TargetResult> resolve_string_target(const MapContext& context, const ConditionTree& target,
                                                  const std::string* pattern_match, std::string_view key) {
  const std::string& text = target.string;
  if (!text.starts_with("./")) {
    if (context.is_imports && !text.starts_with("../") && !text.starts_with("/") && !looks_like_url(text)) {
      TargetResult result{Outcome::kFound, {MapTarget::Kind::kBare, {}, pattern_match ? replace_stars(text, *pattern_match) : text}};
      return result;
    }
    return std::unexpected(invalid_target(context, key, target));
  }
  if (has_invalid_segment(std::string_view(text).substr(2), false)) {
    return std::unexpected(invalid_target(context, key, target));
  }
  std::string relative = text.substr(2);
  if (pattern_match) {
    if (has_invalid_segment(*pattern_match, false)) {
      std::string request = replace_stars(key, *pattern_match);
      std::string message = "Invalid module \"" + request + "\" request is not a valid match in pattern \"" +
                            std::string(key) + "\" for the \"" + (context.is_imports ? "imports" : "exports") +
                            "\" resolution of " + context.package.path.string() + imported_from(context.base);
      return resolve_fail("ERR_INVALID_MODULE_SPECIFIER", message, context.package.path.string());
    }
    relative = replace_stars(relative, *pattern_match);
  }
  // Query and fragment are not part of the file's path.
  if (size_t cut = relative.find_first_of("?#"); cut != std::string::npos) relative.resize(cut);
  fs::path resolved = (context.package.dir() / percent_decode(relative)).lexically_normal();
  return TargetResult{Outcome::kFound, {MapTarget::Kind::kPath, resolved, {}}};
}

ResolveResult<TargetResult> resolve_target(const MapContext& context, const ConditionTree& target,
                                           const std::string* pattern_match, std::string_view key) {
  switch (target.kind) {
    case ConditionTree::Kind::kString:
      return resolve_string_target(context, target, pattern_match, key);
    case ConditionTree::Kind::kObject: {
      for (const auto& [condition, value] : target.members) {
        if (is_array_index(condition)) {
          return std::unexpected(invalid_config(context.package, context.base,
                                                "\"exports\" cannot contain numeric property keys."));
        }
      }
      for (const auto& [condition, value] : target.members) {
        bool active = condition == "default" ||
                      std::find(context.conditions.begin(), context.conditions.end(), condition) !=
                          context.conditions.end();
        if (!active) continue;
        ResolveResult<TargetResult> result = resolve_target(context, value, pattern_match, key);
        if (!result) return result;
        if (result->outcome == Outcome::kUndefined) continue;
        return result;
      }
      return TargetResult{Outcome::kUndefined, {}};
    }
    case ConditionTree::Kind::kArray: {
      if (target.items.empty()) return TargetResult{Outcome::kNull, {}};
      std::optional<ResolveError> last_error;
      bool last_null = false;
      for (const ConditionTree& item : target.items) {
        ResolveResult<TargetResult> result = resolve_target(context, item, pattern_match, key);
        if (!result) {
          if (result.error().code == "ERR_INVALID_PACKAGE_TARGET") {
            last_error = result.error();
            last_null = false;
            continue;
          }
          return result;
        }
        if (result->outcome == Outcome::kUndefined) continue;
        if (result->outcome == Outcome::kNull) {
          last_error.reset();
          last_null = true;
          continue;
        }
        return result;
      }
      if (last_error) return std::unexpected(*last_error);
      return TargetResult{last_null ? Outcome::kNull : Outcome::kUndefined, {}};
    }
    case ConditionTree::Kind::kNull:
      return TargetResult{Outcome::kNull, {}};
    case ConditionTree::Kind::kOther:
      break;
  }
  return std::unexpected(invalid_target(context, key, target));
}

// The best pattern key ("./features/*.js") of `map` for `request`, and what its "*"
// stands for; nullptr when no pattern matches.
const std::pair<std::string, ConditionTree>* best_pattern(const ConditionTree& map, std::string_view request,
                                                         std::string& pattern_match) {
  const std::pair<std::string, ConditionTree>* best = nullptr;
  for (const auto& entry : map.members) {
    const std::string& key = entry.first;
    size_t star = key.find('*');
    if (star == std::string::npos || key.rfind('*') != star) continue;
    if (!request.starts_with(std::string_view(key).substr(0, star))) continue;
    std::string_view trailer = std::string_view(key).substr(star + 1);
    if (request.size() < key.size() || !request.ends_with(trailer)) continue;
    if (best && !pattern_key_before(key, best->first)) continue;
    best = &entry;
    pattern_match = std::string(request.substr(star, request.size() - star - trailer.size()));
  }
  return best;
}

ResolveError not_exported(const PackageScope& package, std::string_view subpath, std::string_view base) {
  std::string where = folder_with_slash(package) + "package.json" + imported_from(base);
  std::string message = subpath == "."
                            ? "No \"exports\" main defined in " + where
                            : "Package subpath '" + std::string(subpath) + "' is not defined by \"exports\" in " + where;
  return ResolveError{"ERR_PACKAGE_PATH_NOT_EXPORTED", message, package.path.string()};
}

}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool pattern_key_before(std::string_view a, std::string_view b) {
  size_t a_star = a.find('*');
  size_t b_star = b.find('*');
  size_t a_base = a_star == std::string_view::npos ? a.size() : a_star + 1;
  size_t b_base = b_star == std::string_view::npos ? b.size() : b_star + 1;
  if (a_base != b_base) return a_base > b_base;
  if (a_star == std::string_view::npos) return false;
  if (b_star == std::string_view::npos) return true;
  return a.size() > b.size();
}

ResolveResult<MapTarget> resolve_package_exports(const PackageScope& package, std::string_view subpath,
                                                  Conditions conditions, std::string_view base) {
  const ConditionTree& exports = *package.exports;
  MapContext context{package, conditions, base, false};
  // Sugar: a string, an array, or an object of conditions is the "." entry.
  bool main_sugar = exports.kind != ConditionTree::Kind::kObject;
  if (exports.kind == ConditionTree::Kind::kObject) {
    bool any_dot = false;
    bool any_other = false;
    for (const auto& [key, value] : exports.members) {
      (key.starts_with(".") ? any_dot : any_other) = true;
    }
    if (any_dot && any_other) {
      return std::unexpected(invalid_config(
          package, base,
          "\"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be "
          "an object of package subpath keys or an object of main entry condition name keys only."));
    }
    main_sugar = !any_dot;
  }
  if (main_sugar) {
    if (subpath != ".") return std::unexpected(not_exported(package, subpath, base));
    ResolveResult<TargetResult> result = resolve_target(context, exports, nullptr, ".");
    if (!result) return std::unexpected(result.error());
    if (result->outcome != Outcome::kFound) return std::unexpected(not_exported(package, subpath, base));
    return result->target;
  }
  if (const ConditionTree* exact = exports.member(subpath);
      exact && subpath.find('*') == std::string_view::npos && !subpath.ends_with("/")) {
    ResolveResult<TargetResult> result = resolve_target(context, *exact, nullptr, subpath);
    if (!result) return std::unexpected(result.error());
    if (result->outcome != Outcome::kFound) return std::unexpected(not_exported(package, subpath, base));
    return result->target;
  }
  std::string pattern_match;
  if (const auto* best = best_pattern(exports, subpath, pattern_match)) {
    ResolveResult<TargetResult> result = resolve_target(context, best->second, &pattern_match, best->first);
    if (!result) return std::unexpected(result.error());
    if (result->outcome == Outcome::kFound) return result->target;
  }
  return std::unexpected(not_exported(package, subpath, base));
}

ResolveResult<MapTarget> resolve_package_imports(const PackageScope* package, std::string_view specifier,
                                                  Conditions conditions, std::string_view base) {
  if (specifier == "#" || specifier.starts_with("#/") || specifier.ends_with("/")) {
    return resolve_fail("ERR_INVALID_MODULE_SPECIFIER",
                        "Invalid module \"" + std::string(specifier) +
                            "\" is not a valid internal imports specifier name" + imported_from(base));
  }
  if (package && package->imports && package->imports->kind == ConditionTree::Kind::kObject) {
    MapContext context{*package, conditions, base, true};
    const ConditionTree& imports = *package->imports;
    const ConditionTree* exact = imports.member(specifier);
    if (exact && specifier.find('*') == std::string_view::npos) {
      ResolveResult<TargetResult> result = resolve_target(context, *exact, nullptr, specifier);
      if (!result) return std::unexpected(result.error());
      if (result->outcome == Outcome::kFound) return result->target;
    } else {
      std::string pattern_match;
      if (const auto* best = best_pattern(imports, specifier, pattern_match)) {
        ResolveResult<TargetResult> result = resolve_target(context, best->second, &pattern_match, best->first);
        if (!result) return std::unexpected(result.error());
        if (result->outcome == Outcome::kFound) return result->target;
      }
    }
  }
  std::string message = "Package import specifier \"" + std::string(specifier) + "\" is not defined";
  if (package) message += " in package " + folder_with_slash(*package) + "package.json";
  message += " imported from " + std::string(base);
  return resolve_fail("ERR_PACKAGE_IMPORT_NOT_DEFINED", message, package ? package->path.string() : std::string());
}

}  // namespace lode::resolver
