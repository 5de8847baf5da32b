#include "registry/registry_client.h"

#include <algorithm>
#include <charconv>

#include "base/strings.h"
#include "registry/credentials.h"
#include "registry/url.h"

namespace lode {

namespace {

constexpr std::string_view kAbbreviatedAccept =
    "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

void add_credentials(const Config& config, std::string_view url, HttpRequest& request) {
  Credentials credentials = credentials_for_url(config, url);
  if (credentials.kind != Credentials::Kind::kNone) {
    request.headers.push_back({"Authorization", credentials.authorization_header()});
  }
}

}  // namespace

Result<DownloaderOptions> downloader_options(const Config& config) {
  DownloaderOptions options;
  auto number = [&](std::string_view key, int64_t& out) -> Result<void> {
    if (!config.get(key)) return {};
    Result<int64_t> value = config.get_int(key);
    if (!value) return std::unexpected(value.error());
    out = *value;
    return {};
  };
  int64_t concurrency = static_cast<int64_t>(options.max_concurrency);
  int64_t retries = options.retries;
  int64_t min_delay = options.retry_min_delay.count();
  int64_t max_delay = options.retry_max_delay.count();
  int64_t factor = static_cast<int64_t>(options.retry_factor);
  int64_t timeout = options.timeout.count();
  for (auto [key, slot] : {std::pair{"network-concurrency", &concurrency}, std::pair{"fetch-retries", &retries},
                           std::pair{"fetch-retry-mintimeout", &min_delay},
                           std::pair{"fetch-retry-maxtimeout", &max_delay},
                           std::pair{"fetch-retry-factor", &factor}, std::pair{"fetch-timeout", &timeout}}) {
    if (auto read = number(key, *slot); !read) return std::unexpected(read.error());
  }
  options.max_concurrency = static_cast<size_t>(std::max<int64_t>(1, concurrency));
  // A number someone chose bounds the requests over HTTP/2 too; the default lets more
  // share a connection than there are connections.
  const ConfigValue* chosen = config.find("network-concurrency");
  if (chosen && chosen->source != ConfigSource::kDefault) options.max_multiplexed = options.max_concurrency;
  options.retries = static_cast<int>(retries);
  options.retry_min_delay = std::chrono::milliseconds(min_delay);
  options.retry_max_delay = std::chrono::milliseconds(max_delay);
  options.retry_factor = static_cast<double>(std::max<int64_t>(1, factor));
  options.timeout = std::chrono::milliseconds(timeout);
  Result<bool> strict = config.get_bool("strict-ssl");
  if (!strict) return std::unexpected(strict.error());
  options.strict_ssl = *strict;
  if (auto cafile = config.get_path("cafile")) options.cafile = cafile->string();
  options.http_proxy = std::string(config.get("proxy").value_or(""));
  options.https_proxy = std::string(config.get("https-proxy").value_or(options.http_proxy));
  options.no_proxy = std::string(config.get("noproxy").value_or(""));
  return options;
}

std::optional<int64_t> parse_max_age(std::string_view cache_control) {
  std::optional<int64_t> max_age;
  for (std::string_view directive : split(cache_control, ',')) {
    directive = trim(directive);
    std::string lowered = to_lower(directive);
    if (lowered == "no-cache" || lowered == "no-store") return std::nullopt;
    if (!lowered.starts_with("max-age=")) continue;
    int64_t seconds = 0;
    std::string_view digits = directive.substr(8);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
    if (ec == std::errc() && end == digits.data() + digits.size() && seconds >= 0) max_age = seconds;
  }
  return max_age;
}

HttpRequest document_request(const Config& config, std::string_view registry, std::string_view package_name,
                             DocumentFormat format, const Validators* cached, ContentDecoding decoding) {
  HttpRequest request;
  request.url = package_document_url(registry, package_name);
  // Resolution waits on documents; tarballs queued before can wait instead.
  request.priority = RequestPriority::kFirst;
  request.headers.push_back(
      {"Accept", format == DocumentFormat::kAbbreviated ? std::string(kAbbreviatedAccept) : "application/json"});
  if (decoding == ContentDecoding::kCaller) request.headers.push_back({"Accept-Encoding", "gzip"});
  request.decoding = decoding;
  if (cached) {
    if (!cached->etag.empty()) request.headers.push_back({"If-None-Match", cached->etag});
    if (!cached->last_modified.empty()) request.headers.push_back({"If-Modified-Since", cached->last_modified});
  }
  add_credentials(config, request.url, request);
  return request;
}

HttpRequest tarball_request(const Config& config, std::string_view tarball_url) {
  HttpRequest request;
  request.url = std::string(tarball_url);
  request.headers.push_back({"Accept", "application/octet-stream, */*"});
  add_credentials(config, request.url, request);
  return request;
}

Error http_status_error(const HttpResponse& response, std::string_view what, std::string_view url) {
  std::string subject(url);
  int status = response.status;
  if (status == 401 || status == 403) {
    std::optional<std::string> key = nerf_dart(url);
    std::string config_key = key ? *key + ":_authToken" : "//<host>/:_authToken";
    return Error{ErrorCode::kAuth,
                 std::string(status == 401 ? "authentication required for " : "access denied to ") +
                     std::string(what) + " (HTTP " + std::to_string(status) + ")",
                 subject,
                 "set " + config_key + "=<token> in ~/.npmrc (or the project's .npmrc), and check the token can "
                 "read this package"};
  }
  if (status == 404) {
    return Error{ErrorCode::kNotFound, std::string(what) + " not found (HTTP 404)", subject,
                 "check the name and the registry (`lode config get registry`)"};
  }
  std::string message = "registry answered HTTP " + std::to_string(status) + " for " + std::string(what);
  if (response.attempts > 1) message += " after " + plural(static_cast<size_t>(response.attempts), "attempt", "attempts");
  return Error{ErrorCode::kHttp, message, subject,
               status >= 500 ? "the registry is having trouble; try again later" : ""};
}

Result<DocumentAnswer> read_document_answer(HttpResponse& response, std::string_view package_name,
                                            std::string_view registry, DocumentParser& parser) {
  DocumentAnswer answer;
  if (auto etag = response.header("etag")) answer.validators.etag = std::string(*etag);
  if (auto modified = response.header("last-modified")) answer.validators.last_modified = std::string(*modified);
  if (auto control = response.header("cache-control")) answer.max_age = parse_max_age(*control);
  if (response.status == 304) {
    answer.not_modified = true;
    return answer;
  }
  if (response.status == 404) {
    return fail(ErrorCode::kNotFound,
                "package " + std::string(package_name) + " not found in registry " + std::string(registry),
                response.url, "check the name, or the registry configured for it (`lode config get registry`)");
  }
  if (!response.ok()) return fail(http_status_error(response, "package " + std::string(package_name), response.url));
  Result<std::string> encoded = parser.encode_body(response.body, response.content_encoding, response.url, package_name);
  if (!encoded) return std::unexpected(encoded.error());
  answer.encoded = std::move(*encoded);
  return answer;
}

}  // namespace lode
