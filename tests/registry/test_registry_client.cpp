#include <catch2/catch.hpp>

#include "registry/registry_client.h"

using namespace lode;

namespace {

Config make_config(const Environment& env, std::vector<std::pair<std::string, std::string>> flags) {
  ConfigLoadOptions options;
  options.cwd = "/nonexistent-lode-test-dir";
  options.env = &env;
  options.cli = std::move(flags);
  options.default_registry = "https://registry.example/";
  auto config = Config::load(options);
  REQUIRE(config);
  return std::move(*config);
}

std::optional<std::string> header(const HttpRequest& request, std::string_view name) {
  for (const HttpHeader& h : request.headers) {
    if (h.name == name) return h.value;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("document requests ask for the abbreviated form and carry scoped credentials", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  Config config = make_config(env, {{"//registry.example/:_authToken", "tok"}});
  HttpRequest request = document_request(config, "https://registry.example/", "@a/b", DocumentFormat::kAbbreviated, nullptr);
  CHECK(request.url == "https://registry.example/@a%2fb");
  CHECK(header(request, "Accept")->starts_with("application/vnd.npm.install-v1+json"));
  CHECK(header(request, "Authorization") == "Bearer tok");
  CHECK_FALSE(header(request, "If-None-Match").has_value());

  Validators cached{"\"abc\"", "Tue, 01 Jan 2030 00:00:00 GMT"};
  HttpRequest revalidate = document_request(config, "https://other.example/", "x", DocumentFormat::kFull, &cached);
  CHECK(header(revalidate, "Accept") == "application/json");
  CHECK(header(revalidate, "If-None-Match") == "\"abc\"");
  CHECK(header(revalidate, "If-Modified-Since") == "Tue, 01 Jan 2030 00:00:00 GMT");
  CHECK_FALSE(header(revalidate, "Authorization").has_value());  // another host

  CHECK_FALSE(header(tarball_request(config, "https://cdn.example/x.tgz"), "Authorization").has_value());
  CHECK(header(tarball_request(config, "https://registry.example/x/-/x-1.tgz"), "Authorization") == "Bearer tok");
}

TEST_CASE("answers: 200, 304, 404, 401 and Cache-Control", "[registry]") {
  DocumentParser parser;
  HttpResponse ok;
  ok.status = 200;
  ok.url = "http://r/x";
  ok.headers = {{"etag", "\"e1\""}, {"cache-control", "public, max-age=300"}};
  ok.body = R"({"name":"x","versions":{"1.0.0":{"dist":{"tarball":"t"}}}})";
  auto answer = read_document_answer(ok, "x", "http://r/", parser);
  REQUIRE(answer);
  CHECK_FALSE(answer->not_modified);
  CHECK(answer->validators.etag == "\"e1\"");
  CHECK(answer->max_age == 300);
  auto view = DocumentView::open(answer->encoded);
  REQUIRE(view);
  CHECK(view->name() == "x");
  CHECK(view->size() == 1);

  // A document without a name is named after the package asked for, and so is its
  // string-form bin.
  HttpResponse nameless = ok;
  nameless.body = R"({"versions":{"2.0.0":{"bin":"cli.js","dist":{"tarball":"t"}}}})";
  auto named = read_document_answer(nameless, "@scope/tool", "http://r/", parser);
  REQUIRE(named);
  auto named_view = DocumentView::open(named->encoded);
  REQUIRE(named_view);
  CHECK(named_view->name() == "@scope/tool");
  CHECK(named_view->manifest(0).bin == StringPairs{{"tool", "cli.js"}});

  HttpResponse not_modified;
  not_modified.status = 304;
  auto cached = read_document_answer(not_modified, "x", "http://r/", parser);
  REQUIRE(cached);
  CHECK(cached->not_modified);

  HttpResponse missing;
  missing.status = 404;
  missing.url = "http://r/nope";
  auto absent = read_document_answer(missing, "nope", "http://r/", parser);
  REQUIRE_FALSE(absent);
  CHECK(absent.error().code == ErrorCode::kNotFound);
  CHECK(absent.error().message == "package nope not found in registry http://r/");

  HttpResponse denied;
  denied.status = 401;
  denied.url = "http://127.0.0.1:4873/private";
  auto auth = read_document_answer(denied, "private", "http://127.0.0.1:4873/", parser);
  REQUIRE_FALSE(auth);
  CHECK(auth.error().code == ErrorCode::kAuth);
  CHECK(auth.error().hint.find("//127.0.0.1:4873/:_authToken") != std::string::npos);

  CHECK(parse_max_age("max-age=60") == 60);
  CHECK_FALSE(parse_max_age("no-cache, max-age=60").has_value());
  CHECK_FALSE(parse_max_age("max-age=abc").has_value());
  CHECK_FALSE(parse_max_age("public").has_value());
}

TEST_CASE("downloader options come from the config, and bad values are errors", "[registry]") {
  Environment env = Environment::from_entries({"HOME=/nonexistent-lode-home"});
  auto options = downloader_options(make_config(env, {{"network-concurrency", "8"},
                                                     {"fetch-retries", "5"},
                                                     {"fetch-retry-mintimeout", "100"},
                                                     {"strict-ssl", "false"},
                                                     {"proxy", "http://proxy.example:3128"}}));
  REQUIRE(options);
  CHECK(options->max_concurrency == 8);
  CHECK(options->max_multiplexed == 8);  // a chosen number bounds HTTP/2 requests too
  CHECK(options->retries == 5);
  CHECK(options->retry_min_delay == std::chrono::milliseconds(100));
  CHECK_FALSE(options->strict_ssl);
  CHECK(options->https_proxy == "http://proxy.example:3128");
  auto defaults = downloader_options(make_config(env, {}));
  REQUIRE(defaults);
  CHECK(defaults->max_concurrency == 64);
  CHECK(defaults->max_multiplexed == 100);
  auto bad = downloader_options(make_config(env, {{"fetch-retries", "lots"}}));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().subject == "--fetch-retries");
}
