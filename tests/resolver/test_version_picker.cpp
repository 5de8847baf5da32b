#include <catch2/catch.hpp>

#include "resolver/version_picker.h"

using namespace lode;

namespace {

PackageVersion version(std::string number, std::string deprecated = "") {
  PackageVersion v;
  v.version = std::move(number);
  v.deprecated = std::move(deprecated);
  return v;
}

// A document of `versions` (in this order) with `latest` as its latest tag.
DocumentView document(std::vector<PackageVersion> versions, std::string latest) {
  PackageDocument document;
  document.name = "demo";
  document.dist_tags = {{"latest", std::move(latest)}, {"beta", "3.0.0-beta.1"}};
  document.versions = std::move(versions);
  return DocumentView::of(document);
}

std::string pick(const DocumentView& view, std::string_view spec) {
  Result<PackageSpec> parsed = parse_dependency_spec("demo", spec);
  REQUIRE(parsed);
  Result<const PackageVersion*> picked = pick_version(view, ParsedVersions::of(view), *parsed);
  return picked ? (*picked)->version : "error: " + picked.error().message;
}

}  // namespace

TEST_CASE("pick_version follows npm's rules: latest, then the highest not deprecated", "[resolver]") {
  DocumentView view = document({version("1.0.0"), version("1.2.0"), version("2.0.0"), version("1.10.0", "old"),
                                version("1.9.0"), version("3.0.0-beta.1"), version("not-a-version")},
                               "2.0.0");
  CHECK(pick(view, "^2.0.0") == "2.0.0");   // latest satisfies
  CHECK(pick(view, "*") == "2.0.0");        // latest wins over higher prereleases
  CHECK(pick(view, "^1.0.0") == "1.9.0");   // 1.10.0 is higher but deprecated
  CHECK(pick(view, "~1.10.0") == "1.10.0"); // only deprecated ones satisfy: the highest of them
  CHECK(pick(view, "1.2.0") == "1.2.0");
  CHECK(pick(view, "beta") == "3.0.0-beta.1");
  CHECK(pick(view, "^4") == "error: no version of demo matches \"^4\" (latest is 2.0.0)");
  CHECK(pick(view, "nightly") == "error: no version of demo matches dist-tag \"nightly\" (latest is 2.0.0)");
}

TEST_CASE("pick_version takes the highest satisfying version when latest does not satisfy", "[resolver]") {
  DocumentView view = document({version("0.9.0"), version("1.1.0"), version("1.0.1"), version("0.10.0")}, "0.9.0");
  CHECK(pick(view, ">=1.0.0") == "1.1.0");
  CHECK(pick(view, "<1") == "0.9.0");        // latest satisfies, though 0.10.0 is higher
  CHECK(pick(view, "0.10.x") == "0.10.0");
}
