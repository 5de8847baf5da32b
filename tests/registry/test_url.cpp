#include <catch2/catch.hpp>

#include "registry/url.h"

using namespace lode;

TEST_CASE("parse_url splits http(s) URLs and drops default ports", "[registry]") {
  auto url = parse_url("HTTPS://User:pw@Registry.Example:443/api/npm/?q=1#frag");
  REQUIRE(url);
  CHECK(url->scheme == "https");
  CHECK(url->host == "registry.example");
  CHECK(url->port.empty());
  CHECK(url->path == "/api/npm/");
  CHECK(url->query == "q=1");
  auto local = parse_url("http://127.0.0.1:4873");
  REQUIRE(local);
  CHECK(local->port == "4873");
  CHECK(local->path == "/");
  CHECK_FALSE(parse_url("ftp://x/").has_value());
  CHECK_FALSE(parse_url("not a url").has_value());
  CHECK_FALSE(parse_url("http://host:port/").has_value());
}

TEST_CASE("nerf_dart gives npm's credential key form", "[registry]") {
  CHECK(nerf_dart("https://registry.example/") == "//registry.example/");
  CHECK(nerf_dart("https://registry.example:443/x") == "//registry.example/");
  CHECK(nerf_dart("http://127.0.0.1:4873/api/npm/pkg") == "//127.0.0.1:4873/api/npm/");
  CHECK(nerf_dart("http://h/a/b/-/b-1.0.0.tgz") == "//h/a/b/-/");
}

TEST_CASE("package_document_url encodes scoped names", "[registry]") {
  CHECK(package_document_url("http://r/", "left-pad") == "http://r/left-pad");
  CHECK(package_document_url("http://r/api/", "@types/node") == "http://r/api/@types%2fnode");
  CHECK(percent_encode("a b/c") == "a%20b%2Fc");
}
