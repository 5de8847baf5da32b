#include <catch2/catch.hpp>

#include "resolver/package_spec.h"
#include "resolver/platform.h"

using namespace lode;

namespace {

SpecKind kind_of(std::string_view spec) {
  auto parsed = parse_dependency_spec("x", spec);
  REQUIRE(parsed);
  return parsed->kind;
}

}  // namespace

TEST_CASE("specifiers are classified as npm-package-arg does", "[resolver]") {
  CHECK(kind_of("1.2.3") == SpecKind::kVersion);
  CHECK(kind_of("v1.2.3") == SpecKind::kVersion);  // loose
  CHECK(kind_of("^1.2.3") == SpecKind::kRange);
  CHECK(kind_of(">=1 <2") == SpecKind::kRange);
  CHECK(kind_of("") == SpecKind::kRange);
  CHECK(kind_of("*") == SpecKind::kRange);
  CHECK(kind_of("1.x") == SpecKind::kRange);
  CHECK(kind_of("latest") == SpecKind::kTag);
  CHECK(kind_of("next") == SpecKind::kTag);
  CHECK(kind_of("https://host/x.tgz") == SpecKind::kRemote);
  CHECK(kind_of("file:../x") == SpecKind::kDirectory);
  CHECK(kind_of("file:../x.tgz") == SpecKind::kFile);
  CHECK(kind_of("../x") == SpecKind::kDirectory);
  CHECK(kind_of("./x.tar.gz") == SpecKind::kFile);
  CHECK(kind_of("link:../x") == SpecKind::kLink);
  auto alias = parse_dependency_spec("my", "npm:@scope/real@^2");
  REQUIRE(alias);
  CHECK(alias->alias);
  CHECK(alias->real_name == "@scope/real");
  CHECK(alias->kind == SpecKind::kRange);
  CHECK(alias->target == "^2");
}

TEST_CASE("workspace: specifiers keep what follows the protocol", "[resolver]") {
  auto any = parse_dependency_spec("@m/a", "workspace:*");
  REQUIRE(any);
  CHECK(any->kind == SpecKind::kWorkspace);
  CHECK(any->target == "*");
  CHECK(any->real_name == "@m/a");
  auto range = parse_dependency_spec("b", "workspace:^1.2.0");
  REQUIRE(range);
  CHECK(range->target == "^1.2.0");
  CHECK_FALSE(range->from_registry());
}

TEST_CASE("git and invalid specifiers are clear errors", "[resolver]") {
  for (std::string_view git : {"github:user/repo", "user/repo", "user/repo#v1", "git+https://host/r.git",
                               "git://host/r.git", "https://github.com/u/r.git"}) {
    auto parsed = parse_dependency_spec("dep", git);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == ErrorCode::kUnsupported);
    CHECK(parsed.error().message == "git dependencies are not supported yet");
  }
  auto invalid = parse_dependency_spec("dep", "not a valid ! spec");
  REQUIRE_FALSE(invalid);
  CHECK(invalid.error().code == ErrorCode::kParse);
  CHECK_FALSE(parse_dependency_spec("x", "npm:npm:y@1"));
}

TEST_CASE("command-line specs split name and specifier", "[resolver]") {
  auto plain = parse_cli_spec("react");
  REQUIRE(plain);
  CHECK(plain->name == "react");
  CHECK(plain->kind == SpecKind::kTag);
  CHECK(plain->raw.empty());  // nothing given: add saves ^<version>
  auto scoped = parse_cli_spec("@types/node@^20");
  REQUIRE(scoped);
  CHECK(scoped->name == "@types/node");
  CHECK(scoped->target == "^20");
  auto alias = parse_cli_spec("pad@npm:left-pad@1");
  REQUIRE(alias);
  CHECK(alias->name == "pad");
  CHECK(alias->real_name == "left-pad");
  CHECK(parse_cli_spec("./local")->kind == SpecKind::kDirectory);
  CHECK(parse_cli_spec("Bad Name").error().code == ErrorCode::kUsage);
  CHECK(is_valid_package_name("@a/b"));
  CHECK_FALSE(is_valid_package_name("@a/"));
  CHECK_FALSE(is_valid_package_name(".hidden"));
}

TEST_CASE("platform lists follow npm's allow and ! rules", "[resolver]") {
  Platform linux_x64{"linux", "x64", "glibc"};
  Platform mac{"darwin", "arm64", ""};
  CHECK(platform_allows(linux_x64, {}, {}, {}));
  CHECK(platform_allows(linux_x64, {"linux", "darwin"}, {"x64"}, {}));
  CHECK_FALSE(platform_allows(linux_x64, {"darwin"}, {}, {}));
  CHECK_FALSE(platform_allows(linux_x64, {"!linux"}, {}, {}));
  CHECK(platform_allows(linux_x64, {"!win32"}, {}, {}));
  CHECK_FALSE(platform_allows(linux_x64, {}, {}, {"musl"}));
  CHECK_FALSE(platform_allows(mac, {}, {}, {"glibc"}));  // no libc to match off linux
  CHECK(platform_allows(mac, {"darwin"}, {"arm64"}, {}));
  CHECK(Platform::current().os == "linux");
}
