#include "resolver/package_scope.h"

#include <nlohmann/json.hpp>

namespace lode::resolver {

namespace {

using Json = nlohmann::ordered_json;

ConditionTree to_tree(const Json& value) {
  ConditionTree tree;
  if (value.is_null()) {
    tree.kind = ConditionTree::Kind::kNull;
  } else if (value.is_string()) {
    tree.kind = ConditionTree::Kind::kString;
    tree.string = value.get<std::string>();
  } else if (value.is_array()) {
    tree.kind = ConditionTree::Kind::kArray;
    for (const Json& item : value) tree.items.push_back(to_tree(item));
  } else if (value.is_object()) {
    tree.kind = ConditionTree::Kind::kObject;
    for (const auto& [key, member] : value.items()) tree.members.emplace_back(key, to_tree(member));
  } else {
    tree.kind = ConditionTree::Kind::kOther;
  }
  return tree;
}

std::optional<ConditionTree> optional_tree(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  return to_tree(*it);
}

}  // namespace

const ConditionTree* ConditionTree::member(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

ResolveResult<PackageScope> parse_package_scope(const fs::path& path, std::string_view text) {
  Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return resolve_fail("ERR_INVALID_PACKAGE_CONFIG",
                        "Invalid package config " + path.string() + ".", path.string());
  }
  PackageScope package;
  package.path = path;
  if (auto it = json.find("name"); it != json.end() && it->is_string()) package.name = it->get<std::string>();
  if (auto it = json.find("main"); it != json.end() && it->is_string()) package.main = it->get<std::string>();
  if (auto it = json.find("type"); it != json.end() && it->is_string()) {
    if (*it == "module") package.type = PackageType::kModule;
    if (*it == "commonjs") package.type = PackageType::kCommonJs;
  }
  package.exports = optional_tree(json, "exports");
  package.imports = optional_tree(json, "imports");
  return package;
}

ResolveResult<std::shared_ptr<const PackageScope>> PackageScopeCache::read(const fs::path& path) {
  if (auto it = files_.find(path); it != files_.end()) return it->second;
  Result<std::string> text = lode::read_file(path);
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) {
      files_.emplace(path, nullptr);
      return std::shared_ptr<const PackageScope>();
    }
    // A folder named package.json, or an unreadable file: no package here.
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      files_.emplace(path, nullptr);
      return std::shared_ptr<const PackageScope>();
    }
    return resolve_fail("ERR_INVALID_PACKAGE_CONFIG", "Cannot read package config " + path.string() + ".",
                        path.string());
  }
  ResolveResult<PackageScope> parsed = parse_package_scope(path, *text);
  if (!parsed) return std::unexpected(parsed.error());
  auto shared = std::make_shared<const PackageScope>(std::move(*parsed));
  files_.emplace(path, shared);
  return shared;
}

ResolveResult<std::shared_ptr<const PackageScope>> PackageScopeCache::scope_of(const fs::path& dir) {
  fs::path current = dir;
  while (true) {
    if (current.filename() == "node_modules") return std::shared_ptr<const PackageScope>();
    auto package = read(current / "package.json");
    if (!package) return std::unexpected(package.error());
    if (*package) return *package;
    fs::path parent = current.parent_path();
    if (parent == current || parent.empty()) return std::shared_ptr<const PackageScope>();
    current = std::move(parent);
  }
}

}  // namespace lode::resolver
