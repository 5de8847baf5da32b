// Talking to an npm-compatible registry: building the requests for package documents and
// tarballs (Accept header for abbreviated documents, credentials for exactly that URL,
// revalidation headers) and reading the answers (304s, max-age, validators) into
// documents or into errors that name the package, the registry and what to do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "registry/config.h"
#include "registry/document_parser.h"
#include "registry/downloader.h"
#include "registry/http.h"
#include "registry/package_document.h"

namespace lode {

// What the Accept header asks for. Registries that do not know the abbreviated form
// answer with the full one, which parses the same way.
enum class DocumentFormat { kAbbreviated, kFull };

// The validators a response carried, for revalidating the cached copy later.
struct Validators {
  std::string etag;
  std::string last_modified;
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

// The request for `package_name`'s document from `registry` (ending in '/'), carrying
// the credentials configured for that URL and, when `cached` is given, the conditional
// headers that let the server answer 304. With ContentDecoding::kCaller it asks for gzip
// and leaves the body compressed (read_document_answer inflates it).
HttpRequest document_request(const Config& config, std::string_view registry, std::string_view package_name,
                             DocumentFormat format, const Validators* cached,
                             ContentDecoding decoding = ContentDecoding::kLibcurl);

// The request for a tarball URL, with the credentials configured for that URL only.
HttpRequest tarball_request(const Config& config, std::string_view tarball_url);

struct DocumentAnswer {
  bool not_modified = false;       // 304: the cached copy is still good
  std::string encoded;             // when !not_modified: the document as encode_document gives it
  Validators validators;
  std::optional<int64_t> max_age;  // seconds, from Cache-Control
};

// Reads the response to document_request. Fails with kNotFound (404: "package not found
// in registry <url>"), kAuth (401/403, with the config key to set), kHttp (other
// statuses) or kParse (broken JSON, with URL and byte offset). The body may gain capacity
// (DocumentParser::encode).
Result<DocumentAnswer> read_document_answer(HttpResponse& response, std::string_view package_name,
                                            std::string_view registry, DocumentParser& parser);

// An Error for a non-2xx response to a request for `what` ("package left-pad",
// "tarball of left-pad@1.0.0") at `url`.
Error http_status_error(const HttpResponse& response, std::string_view what, std::string_view url);

// The downloader settings the config asks for (network-concurrency, fetch-retries and
// the retry delays, fetch-timeout, cafile, strict-ssl, proxies). Fails on invalid values.
Result<DownloaderOptions> downloader_options(const Config& config);

// The max-age of a Cache-Control header value, if it has one (and no no-cache/no-store).
std::optional<int64_t> parse_max_age(std::string_view cache_control);

}  // namespace lode
