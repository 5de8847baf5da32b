#include "resolver/package_json.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace lode {

namespace {

using Json = nlohmann::ordered_json;

constexpr DependencyType kSectionOrder[] = {DependencyType::kProd, DependencyType::kDev, DependencyType::kOptional,
                                            DependencyType::kPeer};

// The position of `"key"` used as an object key, for errors about that field's value.
std::string field_position(std::string_view text, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  size_t at = 0;
  while ((at = text.find(quoted, at)) != std::string_view::npos) {
    size_t after = text.find_first_not_of(" \t\r\n", at + quoted.size());
    if (after != std::string_view::npos && text[after] == ':') return line_column(text, at);
    at += quoted.size();
  }
  return "";
}

class Reader {
 public:
  Reader(std::string_view text, const fs::path& path) : text_(text), path_(path) {}

  Error field_error(std::string_view field, std::string_view what) const {
    std::string position = field_position(text_, field);
    return Error{ErrorCode::kParse, "invalid \"" + std::string(field) + "\" in package.json: " + std::string(what),
                 path_.string() + (position.empty() ? "" : ":" + position), "fix the field and run the command again"};
  }

  Result<std::string> string(const Json& object, std::string_view key) const {
    auto it = object.find(std::string(key));
    if (it == object.end() || it->is_null()) return std::string();
    if (!it->is_string()) return std::unexpected(field_error(key, "expected a string"));
    return it->get<std::string>();
  }

  // {"name": "string", ...}; every value must be a string.
  Result<std::vector<std::pair<std::string, std::string>>> string_map(const Json& object, std::string_view key) const {
    std::vector<std::pair<std::string, std::string>> out;
    auto it = object.find(std::string(key));
    if (it == object.end() || it->is_null()) return out;
    if (!it->is_object()) return std::unexpected(field_error(key, "expected an object of strings"));
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) {
        return std::unexpected(field_error(key, "the value of \"" + name + "\" must be a string"));
      }
      out.emplace_back(name, value.get<std::string>());
    }
    return out;
  }

  // ["a", "b"], or a single string where npm accepts one (os, cpu).
  Result<std::vector<std::string>> string_list(const Json& object, std::string_view key) const {
    std::vector<std::string> out;
    auto it = object.find(std::string(key));
    if (it == object.end() || it->is_null()) return out;
    if (it->is_string()) {
      out.push_back(it->get<std::string>());
      return out;
    }
    if (!it->is_array()) return std::unexpected(field_error(key, "expected an array of strings"));
    for (const Json& item : *it) {
      if (!item.is_string()) return std::unexpected(field_error(key, "expected an array of strings"));
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  Result<std::vector<OverrideRule>> overrides(const Json& value, std::string_view field) const {
    std::vector<OverrideRule> rules;
    if (value.is_null()) return rules;
    if (!value.is_object()) return std::unexpected(field_error(field, "expected an object"));
    for (const auto& [key, item] : value.items()) {
      OverrideRule rule;
      rule.key = key;
      if (item.is_string()) {
        rule.value = item.get<std::string>();
      } else if (item.is_object()) {
        for (const auto& [child_key, child] : item.items()) {
          if (child_key != ".") continue;
          if (!child.is_string()) return std::unexpected(field_error(key, "\".\" must be a string"));
          rule.value = child.get<std::string>();
        }
        Json nested = item;
        nested.erase(".");
        Result<std::vector<OverrideRule>> children = overrides(nested, key);
        if (!children) return std::unexpected(children.error());
        rule.children = std::move(*children);
      } else {
        return std::unexpected(field_error(key, "an override must be a string or an object"));
      }
      rules.push_back(std::move(rule));
    }
    return rules;
  }

 private:
  std::string_view text_;
  const fs::path& path_;
};

Error syntax_error(std::string_view text, const fs::path& path, const nlohmann::json::parse_error& error) {
  // nlohmann counts bytes from 1; its messages repeat what we show, so keep the short part.
  size_t offset = error.byte > 0 ? error.byte - 1 : 0;
  std::string what = error.what();
  size_t colon = what.rfind(": ");
  std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
  return Error{ErrorCode::kParse, "package.json is not valid JSON: " + detail,
               path.string() + ":" + line_column(text, offset), "fix the JSON syntax and run the command again"};
}

// The file's own style, to write it back the same way.
struct Style {
  std::string indent = "  ";
  std::string newline = "\n";
  bool final_newline = true;
};

Style detect_style(std::string_view text) {
  Style style;
  if (text.find("\r\n") != std::string_view::npos) style.newline = "\r\n";
  style.final_newline = text.ends_with('\n');
  size_t line = text.find('\n');
  if (line != std::string_view::npos) {
    size_t start = line + 1;
    size_t end = text.find_first_not_of(" \t", start);
    if (end != std::string_view::npos && end > start) style.indent = std::string(text.substr(start, end - start));
  }
  return style;
}

std::string render(const Json& json, const Style& style) {
  // nlohmann indents with one repeated character; a mixed indent falls back to spaces.
  char fill = style.indent.find('\t') != std::string::npos ? '\t' : ' ';
  std::string out = json.dump(static_cast<int>(style.indent.size()), fill);
  if (style.newline != "\n") {
    std::string converted;
    for (char c : out) {
      if (c == '\n') converted += style.newline;
      else converted += c;
    }
    out = std::move(converted);
  }
  if (style.final_newline) out += style.newline;
  return out;
}

void sort_keys(Json& object) {
  std::vector<std::pair<std::string, Json>> items;
  for (auto& [key, value] : object.items()) items.emplace_back(key, value);
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  object = Json::object();
  for (auto& [key, value] : items) object[key] = std::move(value);
}

}  // namespace

std::string_view dependency_section(DependencyType type) {
  switch (type) {
    case DependencyType::kProd: return "dependencies";
    case DependencyType::kDev: return "devDependencies";
    case DependencyType::kOptional: return "optionalDependencies";
    case DependencyType::kPeer: return "peerDependencies";
  }
  return "dependencies";
}

std::string line_column(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

const DependencyEntry* PackageJson::find_dependency(std::string_view dependency) const {
  for (const DependencyEntry& entry : dependencies) {
    if (entry.name == dependency) return &entry;
  }
  return nullptr;
}

std::optional<std::string_view> PackageJson::script(std::string_view script_name) const {
  for (const auto& [key, body] : scripts) {
    if (key == script_name) return std::string_view(body);
  }
  return std::nullopt;
}

Result<PackageJson> parse_package_json(std::string_view text, const fs::path& path) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    return fail(syntax_error(text, path, error));
  }
  if (!json.is_object()) {
    return fail(ErrorCode::kParse, "package.json must hold a JSON object", path.string() + ":1:1");
  }
  Reader reader(text, path);
  PackageJson package;
  package.path = path;
  auto take = [](auto result, auto& slot) -> Result<void> {
    if (!result) return std::unexpected(result.error());
    slot = std::move(*result);
    return {};
  };
  Result<void> ok;
  if (!(ok = take(reader.string(json, "name"), package.name))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string(json, "version"), package.version))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string(json, "type"), package.type))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string_map(json, "scripts"), package.scripts))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string_map(json, "engines"), package.engines))) {
    package.engines.clear();  // npm tolerates odd engines (arrays, strings): ignore them
  }
  if (!(ok = take(reader.string_list(json, "os"), package.os))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string_list(json, "cpu"), package.cpu))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string_list(json, "libc"), package.libc))) return std::unexpected(ok.error());
  if (!(ok = take(reader.string_list(json, "trustedDependencies"), package.trusted_dependencies))) {
    return std::unexpected(ok.error());
  }

  // npm's two forms: ["packages/*"] and {"packages": ["packages/*"]} (yarn's, with nohoist).
  if (auto workspaces = json.find("workspaces"); workspaces != json.end() && workspaces->is_object()) {
    if (!(ok = take(reader.string_list(*workspaces, "packages"), package.workspaces))) return std::unexpected(ok.error());
  } else if (!(ok = take(reader.string_list(json, "workspaces"), package.workspaces))) {
    return std::unexpected(ok.error());
  }

  for (DependencyType type : kSectionOrder) {
    Result<std::vector<std::pair<std::string, std::string>>> section =
        reader.string_map(json, dependency_section(type));
    if (!section) return std::unexpected(section.error());
    for (auto& [name, spec] : *section) {
      if (name.empty()) return fail(reader.field_error(dependency_section(type), "a dependency has an empty name"));
      auto existing = std::find_if(package.dependencies.begin(), package.dependencies.end(),
                                   [&](const DependencyEntry& entry) { return entry.name == name; });
      if (existing != package.dependencies.end()) {
        // optionalDependencies beat dependencies; dev and peer entries of a production
        // dependency add nothing.
        if (type == DependencyType::kOptional && existing->type == DependencyType::kProd) {
          existing->spec = spec;
          existing->type = type;
        }
        continue;
      }
      package.dependencies.push_back({name, spec, type});
    }
  }
  if (auto meta = json.find("peerDependenciesMeta"); meta != json.end() && meta->is_object()) {
    for (const auto& [name, value] : meta->items()) {
      if (value.is_object() && value.value("optional", false)) package.optional_peers.push_back(name);
    }
  }
  for (std::string_view key : {"bundleDependencies", "bundledDependencies"}) {
    auto bundle = json.find(std::string(key));
    if (bundle == json.end()) continue;
    if (bundle->is_boolean()) {
      if (bundle->get<bool>()) {
        for (const DependencyEntry& entry : package.dependencies) {
          if (entry.type == DependencyType::kProd) package.bundled.push_back(entry.name);
        }
      }
    } else if (!(ok = take(reader.string_list(json, key), package.bundled))) {
      return std::unexpected(ok.error());
    }
  }
  if (auto bin = json.find("bin"); bin != json.end() && !bin->is_null()) {
    if (bin->is_string()) {
      std::string command = package.name.substr(package.name.find('/') == std::string::npos ? 0 : package.name.find('/') + 1);
      package.bin.emplace_back(command, bin->get<std::string>());
    } else if (!(ok = take(reader.string_map(json, "bin"), package.bin))) {
      return std::unexpected(ok.error());
    }
  }
  if (auto directories = json.find("directories"); directories != json.end() && directories->is_object()) {
    if (!(ok = take(reader.string(*directories, "bin"), package.bin_directory))) return std::unexpected(ok.error());
  }
  if (auto overrides = json.find("overrides"); overrides != json.end()) {
    if (!(ok = take(reader.overrides(*overrides, "overrides"), package.overrides))) return std::unexpected(ok.error());
  }
  return package;
}

Result<PackageJson> read_package_json(const fs::path& path) {
  Result<std::string> text = read_file(path);
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) {
      return fail(ErrorCode::kNotFound, "no package.json found", path.string(),
                  "run lode in a project folder, or create one with a package.json");
    }
    return std::unexpected(text.error());
  }
  return parse_package_json(*text, path);
}

Result<std::string> edit_package_json(std::string_view text, const PackageJsonEdit& edit, const fs::path& path) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    return fail(syntax_error(text, path, error));
  }
  if (!json.is_object()) return fail(ErrorCode::kParse, "package.json must hold a JSON object", path.string() + ":1:1");
  std::vector<std::string> originally_empty;
  for (DependencyType type : kSectionOrder) {
    auto it = json.find(std::string(dependency_section(type)));
    if (it != json.end() && it->is_object() && it->empty()) originally_empty.emplace_back(dependency_section(type));
  }
  std::vector<std::string> gone = edit.remove;
  for (const DependencyEntry& entry : edit.set) gone.push_back(entry.name);
  for (DependencyType type : kSectionOrder) {
    std::string section(dependency_section(type));
    auto it = json.find(section);
    if (it == json.end() || !it->is_object()) continue;
    for (const std::string& name : gone) it->erase(name);
  }
  for (const DependencyEntry& entry : edit.set) {
    std::string section(dependency_section(entry.type));
    if (!json.contains(section) || !json[section].is_object()) json[section] = Json::object();
    json[section][entry.name] = entry.spec;
  }
  for (DependencyType type : kSectionOrder) {
    std::string section(dependency_section(type));
    auto it = json.find(section);
    if (it == json.end() || !it->is_object()) continue;
    // A section the edit emptied goes, unless the file had it empty already.
    if (it->empty() && std::find(originally_empty.begin(), originally_empty.end(), section) == originally_empty.end()) {
      json.erase(section);
      continue;
    }
    sort_keys(*it);
  }
  if (!edit.trust.empty()) {
    Json& trusted = json["trustedDependencies"];
    if (!trusted.is_array()) trusted = Json::array();
    for (const std::string& name : edit.trust) {
      if (std::find(trusted.begin(), trusted.end(), Json(name)) == trusted.end()) trusted.push_back(name);
    }
  }
  return render(json, detect_style(text));
}

}  // namespace lode
