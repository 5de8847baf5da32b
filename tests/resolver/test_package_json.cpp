#include <catch2/catch.hpp>

#include "resolver/package_json.h"

using namespace lode;

TEST_CASE("package.json is read into its dependency sections", "[resolver]") {
  auto package = parse_package_json(R"({
    "name": "@s/app", "version": "1.2.3", "type": "module",
    "dependencies": {"a": "^1", "both": "^2"},
    "devDependencies": {"jest": "^29"},
    "optionalDependencies": {"both": "^2.1"},
    "peerDependencies": {"react": ">=17"},
    "peerDependenciesMeta": {"react": {"optional": true}},
    "bin": "cli.js",
    "scripts": {"test": "jest"},
    "os": "linux",
    "trustedDependencies": ["esbuild"],
    "overrides": {"x": "1.0.0", "y@2": {".": "2.1.0", "z": "$a"}}
  })", "/p/package.json");
  REQUIRE(package);
  CHECK(package->name == "@s/app");
  REQUIRE(package->dependencies.size() == 4);
  CHECK(package->find_dependency("both")->type == DependencyType::kOptional);
  CHECK(package->find_dependency("both")->spec == "^2.1");
  CHECK(package->find_dependency("jest")->type == DependencyType::kDev);
  CHECK(package->optional_peers == std::vector<std::string>{"react"});
  CHECK(package->bin == std::vector<std::pair<std::string, std::string>>{{"app", "cli.js"}});
  CHECK(package->script("test") == "jest");
  CHECK_FALSE(package->script("build").has_value());
  CHECK(package->os == std::vector<std::string>{"linux"});
  CHECK(package->trusted_dependencies == std::vector<std::string>{"esbuild"});
  REQUIRE(package->overrides.size() == 2);
  CHECK(package->overrides[1].key == "y@2");
  CHECK(package->overrides[1].value == "2.1.0");
  CHECK(package->overrides[1].children.at(0).value == "$a");
}

TEST_CASE("package.json errors name the line, column and field", "[resolver]") {
  auto syntax = parse_package_json("{\n  \"name\": \"x\",\n  \"version\" 1\n}", "/p/package.json");
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().subject == "/p/package.json:3:13");
  auto field = parse_package_json("{\n  \"name\": \"x\",\n  \"scripts\": {\"a\": 1}\n}", "/p/package.json");
  REQUIRE_FALSE(field);
  CHECK(field.error().message == "invalid \"scripts\" in package.json: the value of \"a\" must be a string");
  CHECK(field.error().subject == "/p/package.json:3:3");
  CHECK_FALSE(parse_package_json("[]", "/p/package.json"));
  CHECK(read_package_json("/nonexistent-lode/package.json").error().code == ErrorCode::kNotFound);
}

TEST_CASE("editing keeps key order, indentation and line endings; sections sorted", "[resolver]") {
  std::string text =
      "{\r\n"
      "    \"name\": \"app\",\r\n"
      "    \"scripts\": {\"b\": \"2\", \"a\": \"1\"},\r\n"
      "    \"dependencies\": {\r\n"
      "        \"zed\": \"^1.0.0\",\r\n"
      "        \"old\": \"^1.0.0\"\r\n"
      "    }\r\n"
      "}";
  PackageJsonEdit edit;
  edit.set = {{"alpha", "^2.0.0", DependencyType::kProd}, {"jest", "^29.0.0", DependencyType::kDev}};
  edit.remove = {"old"};
  auto edited = edit_package_json(text, edit, "/p/package.json");
  REQUIRE(edited);
  CHECK(*edited ==
        "{\r\n"
        "    \"name\": \"app\",\r\n"
        "    \"scripts\": {\r\n"
        "        \"b\": \"2\",\r\n"
        "        \"a\": \"1\"\r\n"
        "    },\r\n"
        "    \"dependencies\": {\r\n"
        "        \"alpha\": \"^2.0.0\",\r\n"
        "        \"zed\": \"^1.0.0\"\r\n"
        "    },\r\n"
        "    \"devDependencies\": {\r\n"
        "        \"jest\": \"^29.0.0\"\r\n"
        "    }\r\n"
        "}");
  PackageJsonEdit remove_all;
  remove_all.remove = {"alpha", "zed"};
  remove_all.trust = {"esbuild"};
  auto emptied = edit_package_json(*edited, remove_all, "/p/package.json");
  REQUIRE(emptied);
  CHECK(emptied->find("\"dependencies\"") == std::string::npos);  // emptied by the edit: gone
  CHECK(emptied->find("\"trustedDependencies\": [\r\n        \"esbuild\"\r\n    ]") != std::string::npos);
  // Moving a dependency to another section.
  PackageJsonEdit move;
  move.set = {{"jest", "^29.0.0", DependencyType::kProd}};
  auto moved = edit_package_json("{\n  \"devDependencies\": {\"jest\": \"^29.0.0\"}\n}\n", move, "/p/package.json");
  REQUIRE(moved);
  CHECK(*moved == "{\n  \"dependencies\": {\n    \"jest\": \"^29.0.0\"\n  }\n}\n");
}
