#include <catch2/catch.hpp>

#include "base/encoding.h"
#include "registry/document_parser.h"
#include "tests/support/test_support.h"

using namespace lode;

namespace {

constexpr std::string_view kFullDocument = R"json({
  "_id": "demo", "_rev": "3-abc", "name": "@scope/demo",
  "description": "a demo", "readme": "# very long readme \u00e9 \"quoted\"",
  "dist-tags": {"latest": "1.1.0", "next": "2.0.0-rc.1"},
  "versions": {
    "1.0.0": {
      "name": "@scope/demo", "version": "1.0.0",
      "dependencies": {"a": "^1.0.0", "b": "~2.1"},
      "optionalDependencies": {"fsevents": "^2"},
      "peerDependencies": {"react": ">=17", "react-dom": ">=17"},
      "peerDependenciesMeta": {"react-dom": {"optional": true}, "react": {"optional": false}},
      "bundleDependencies": ["a"],
      "bin": "cli.js",
      "engines": {"node": ">=14"},
      "os": ["linux", "darwin"], "cpu": ["x64"], "libc": ["glibc"],
      "scripts": {"test": "x", "postinstall": "node setup.js"},
      "dist": {"tarball": "http://r/demo.tgz", "integrity": "sha512-AAAA", "shasum": "abcd",
               "fileCount": 12, "unpackedSize": 3456},
      "deprecated": "use 1.1.0"
    },
    "1.1.0": {
      "version": "1.1.0",
      "dependencies": ["old", "array", "form"],
      "engines": "node >= 0.8",
      "bin": {"demo": "bin/demo.js", "demo2": "bin/other.js"},
      "bundledDependencies": true,
      "directories": {"bin": "./bin", "lib": "lib"},
      "dist": {"tarball": "http://r/demo-1.1.0.tgz", "shasum": "ef01"},
      "deprecated": false, "hasInstallScript": true, "_hasShrinkwrap": true
    },
    "2.0.0-rc.1": {"version": "2.0.0-rc.1", "dependencies": {"a": "2"}, "bundleDependencies": true,
                   "dist": {"tarball": "http://r/x.tgz"}}
  },
  "time": {"created": "2020-01-01T00:00:00.000Z", "1.0.0": "2020-01-02T00:00:00.000Z"},
  "users": {"someone": true}, "maintainers": [{"name": "x"}]
})json";

}  // namespace

TEST_CASE("a full document reduces to what resolution needs", "[registry]") {
  DocumentParser parser;
  auto parsed = parser.parse(kFullDocument, "http://r/demo");
  REQUIRE(parsed);
  const PackageDocument& doc = *parsed;
  CHECK(doc.name == "@scope/demo");
  CHECK(doc.dist_tag("latest") == "1.1.0");
  CHECK(doc.dist_tag("next") == "2.0.0-rc.1");
  CHECK_FALSE(doc.dist_tag("beta").has_value());
  REQUIRE(doc.versions.size() == 3);
  CHECK(doc.times.size() == 2);

  const PackageVersion* v1 = doc.find_version("1.0.0");
  REQUIRE(v1);
  CHECK(v1->dependencies == StringPairs{{"a", "^1.0.0"}, {"b", "~2.1"}});
  CHECK(v1->optional_dependencies == StringPairs{{"fsevents", "^2"}});
  CHECK(v1->peer_dependencies.size() == 2);
  CHECK(v1->optional_peers == std::vector<std::string>{"react-dom"});
  CHECK(v1->bundled == std::vector<std::string>{"a"});
  CHECK(v1->bin == StringPairs{{"demo", "cli.js"}});  // string form: the unscoped name
  CHECK(v1->engines == StringPairs{{"node", ">=14"}});
  CHECK(v1->os == std::vector<std::string>{"linux", "darwin"});
  CHECK(v1->cpu == std::vector<std::string>{"x64"});
  CHECK(v1->libc == std::vector<std::string>{"glibc"});
  CHECK(v1->has_install_script);  // from scripts.postinstall
  CHECK(v1->tarball == "http://r/demo.tgz");
  CHECK(v1->integrity == "sha512-AAAA");
  CHECK(v1->shasum == "abcd");
  CHECK(v1->file_count == 12);
  CHECK(v1->unpacked_size == 3456);
  CHECK(v1->deprecated == "use 1.1.0");

  const PackageVersion* v2 = doc.find_version("1.1.0");
  REQUIRE(v2);
  CHECK(v2->dependencies.empty());  // an array is not a dependency map: skipped
  CHECK(v2->engines.empty());
  CHECK(v2->bin.size() == 2);
  CHECK(v2->bin_directory == "./bin");
  CHECK(v2->deprecated.empty());
  CHECK(v2->has_install_script);
  CHECK(v2->has_shrinkwrap);
  CHECK(v2->integrity.empty());
  CHECK(v2->file_count == -1);

  const PackageVersion* rc = doc.find_version("2.0.0-rc.1");
  REQUIRE(rc);
  CHECK(rc->bundled == std::vector<std::string>{"a"});  // `true` bundles every dependency
}

TEST_CASE("an abbreviated document parses the same way", "[registry]") {
  DocumentParser parser;
  auto parsed = parser.parse(
      R"({"name":"x","modified":"2022-01-01T00:00:00Z","dist-tags":{"latest":"1.0.0"},
          "versions":{"1.0.0":{"name":"x","version":"1.0.0","hasInstallScript":true,
          "dist":{"tarball":"http://r/x.tgz","integrity":"sha512-Q"}}}})",
      "http://r/x");
  REQUIRE(parsed);
  CHECK(parsed->modified == "2022-01-01T00:00:00Z");
  CHECK(parsed->versions.at(0).has_install_script);
}

TEST_CASE("broken JSON is a kParse error with the URL and byte offset", "[registry]") {
  DocumentParser parser;
  auto broken = parser.parse(R"({"name": "x", "versions": {"1.0.0": {"dist": {"tarball": "a",}}}})", "http://r/x");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == ErrorCode::kParse);
  CHECK(broken.error().subject == "http://r/x at byte 61");
  auto not_object = parser.parse("[1, 2]", "http://r/y");
  REQUIRE_FALSE(not_object);
  CHECK(not_object.error().message.find("not a package document") != std::string::npos);
  auto truncated = parser.parse(R"({"name": "x", "versions": {)", "http://r/z");
  REQUIRE_FALSE(truncated);
}

TEST_CASE("documents survive the compact encoding; corrupt bytes do not decode", "[registry]") {
  DocumentParser parser;
  auto parsed = parser.parse(kFullDocument, "http://r/demo");
  REQUIRE(parsed);
  std::string encoded = encode_document(*parsed);
  CHECK(encoded.size() < kFullDocument.size());
  auto decoded = decode_document(encoded);
  REQUIRE(decoded);
  CHECK(*decoded == *parsed);
  CHECK_FALSE(decode_document(encoded.substr(0, encoded.size() / 2)));
  CHECK_FALSE(decode_document("LDOC\x09garbage"));
  CHECK_FALSE(decode_document(""));
  std::string flipped = encoded;
  flipped[4] = '\x7f';  // the format version
  CHECK_FALSE(decode_document(flipped));
}

TEST_CASE("one parser parses document after document, a broken one among them, each as if alone", "[registry]") {
  // The module keeps its encoder and buffers from one document to the next.
  DocumentParser parser;
  auto first = parser.parse(kFullDocument, "http://r/demo");
  REQUIRE(first);
  REQUIRE_FALSE(parser.parse(R"({"name": "x", "dist-tags": {"latest": "9.0.0"}, "versions": {"9.0.0": {)", "http://r/x"));
  auto small = parser.parse(R"({"name": "small", "versions": {"1.0.0": {"dist": {"tarball": "http://r/small-1.0.0.tgz"}}}})",
                            "http://r/small");
  REQUIRE(small);
  CHECK(small->name == "small");
  CHECK(small->dist_tags.empty());
  CHECK(small->times.empty());
  REQUIRE(small->versions.size() == 1);
  CHECK(small->versions[0].tarball == "http://r/small-1.0.0.tgz");
  CHECK(small->versions[0].dependencies.empty());
  auto again = parser.parse(kFullDocument, "http://r/demo");
  REQUIRE(again);
  CHECK(*again == *first);
  CHECK(encode_document(*again) == encode_document(*first));
}

TEST_CASE("a document view lists the versions and decodes each manifest as asked", "[registry]") {
  DocumentParser parser;
  auto parsed = parser.parse(kFullDocument, "http://r/demo");
  REQUIRE(parsed);
  auto view = DocumentView::open(encode_document(*parsed));
  REQUIRE(view);
  CHECK(view->name() == "@scope/demo");
  CHECK(view->dist_tag("next") == "2.0.0-rc.1");
  CHECK_FALSE(view->dist_tag("beta"));
  REQUIRE(view->size() == 3);
  CHECK(view->version(0) == "1.0.0");
  CHECK(view->version(2) == "2.0.0-rc.1");
  CHECK(view->manifest(1) == parsed->versions[1]);
  const PackageVersion* rc = view->find_version("2.0.0-rc.1");
  REQUIRE(rc);
  CHECK(rc == &view->manifest(2));  // decoded once, then kept
  CHECK(rc->tarball == "http://r/x.tgz");
  CHECK_FALSE(view->find_version("3.0.0"));
  CHECK(view->decode() == *parsed);
  CHECK(DocumentView::of(*parsed).decode() == *parsed);

  // Damage inside a manifest's record, which opening does not decode, is caught by the checksum.
  std::string encoded = encode_document(*parsed);
  std::string damaged = encoded;
  size_t at = damaged.find("http://r/x.tgz");
  REQUIRE(at != std::string::npos);
  damaged[at + 9] = 'X';
  CHECK_FALSE(DocumentView::open(damaged));
  CHECK_FALSE(DocumentView::open(encoded.substr(0, encoded.size() - 1)));
}

TEST_CASE("tarball URLs, sha512 integrities and shasums of the usual forms are packed, others kept as written", "[registry]") {
  PackageDocument document;
  document.name = "@s/pkg";
  const std::string sha512 = "sha512-" + base64_encode(std::string(64, '\x5a'));
  const std::string sha1 = std::string(40, 'c');
  auto version = [&](std::string number, std::string tarball, std::string integrity, std::string shasum) {
    PackageVersion v;
    v.version = std::move(number);
    v.tarball = std::move(tarball);
    v.integrity = std::move(integrity);
    v.shasum = std::move(shasum);
    document.versions.push_back(std::move(v));
  };
  auto usual = [&](int from, int to) {
    for (int i = from; i < to; ++i) {
      std::string number = "1.0." + std::to_string(i);
      version(number, "https://r.example/@s/pkg/-/pkg-" + number + ".tgz", sha512, sha1);
    }
  };
  usual(0, 20);
  size_t size_of_20 = encode_document(document).size();
  usual(20, 40);
  // Packed, a usual version takes its version string, 64 + 20 raw bytes and a few tags and
  // empty lists; as written, URL, integrity and shasum alone would take over 170 bytes.
  CHECK(encode_document(document).size() - size_of_20 < 20 * (64 + 20 + 30));
  version("2.0.0", "https://elsewhere.example/pkg-2.0.0.tgz", "sha512-short", std::string(40, 'C'));  // upper-case hex
  version("2.0.1", "https://r.example/@s/pkg/-/pkg-2.0.1.tgz", "sha1-" + base64_encode(std::string(20, 'x')), "");
  version("2.0.2", "", sha512 + " sha1-abc", "not hex");

  std::string encoded = encode_document(document);
  auto view = DocumentView::open(encoded);
  REQUIRE(view);
  CHECK(view->decode() == document);
  CHECK(view->find_version("1.0.7")->tarball == "https://r.example/@s/pkg/-/pkg-1.0.7.tgz");
  CHECK(view->find_version("2.0.0")->shasum == std::string(40, 'C'));
}

TEST_CASE("a gzipped body is inflated before parsing; what cannot be inflated whole is unsupported", "[registry]") {
  DocumentParser parser;
  std::string json(kFullDocument);
  std::string packed = test::gzip(json);
  auto encoded = parser.encode_body(packed, "gzip", "http://r/demo", "fallback");
  REQUIRE(encoded);
  CHECK(*decode_document(*encoded) == *parser.parse(kFullDocument, "http://r/demo"));
  std::string plain = json;
  CHECK(parser.encode_body(plain, "", "http://r/demo", "fallback").value() == *encoded);

  std::string two = test::gzip(std::string_view(json).substr(0, 100)) + test::gzip(std::string_view(json).substr(100));
  auto split = parser.encode_body(two, "gzip", "http://r/demo", "fallback");
  REQUIRE_FALSE(split);
  CHECK(split.error().code == ErrorCode::kUnsupported);
  std::string other = json;
  auto unknown = parser.encode_body(other, "br", "http://r/demo", "fallback");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::kUnsupported);
  // Broken JSON inside good gzip is a parse error, at its byte.
  std::string broken = test::gzip(R"({"name": "x", "versions": {"1.0.0": {"dist": {"tarball": "a",}}}})");
  auto bad = parser.encode_body(broken, "gzip", "http://r/x", "x");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::kParse);
  CHECK(bad.error().subject == "http://r/x at byte 61");
}
