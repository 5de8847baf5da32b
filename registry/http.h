// Plain-data HTTP requests and responses, as the downloader executes them and the
// registry client builds and reads them. No libcurl types here.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lode {

struct HttpHeader {
  std::string name;  // lower case in responses
  std::string value;
};

// What a request does when its host cannot be reached at all (connection refused, name
// not resolved, connect timeout). kRetry follows the backoff policy (a minute and more);
// kFailFast reports at once, for callers holding a fallback (a stale cached document)
// that beats waiting.
enum class WhenUnreachable { kRetry, kFailFast };

// Why and when a request will be tried again, for callers that tell the user.
struct RetryNotice {
  std::string reason;  // "cannot connect to host:port", "HTTP 503"
  int retry = 1;       // 1-based
  int retries = 0;     // how many the policy allows
  std::chrono::milliseconds delay{0};
};

// Who undoes a compressed response. kCaller: the body is kept as it came (the request
// carries its own Accept-Encoding; the caller reads Content-Encoding), for a caller that
// decodes it elsewhere than on the thread running the downloads.
enum class ContentDecoding { kLibcurl, kCaller };

// Which requests start first when more wait than may be in flight at once.
enum class RequestPriority {
  kNormal,
  kFirst,  // ahead of every kNormal one still waiting: what the caller's next step needs
};

struct HttpRequest {
  std::string url;
  std::vector<HttpHeader> headers;  // sent as given (Accept, If-None-Match, Authorization...)
  bool head_only = false;
  // Streaming consumers: on_attempt runs before each attempt (so a retry can start over),
  // on_chunk with each piece of the (decoded) body as it arrives.
  std::function<void()> on_attempt;
  std::function<void(std::string_view)> on_chunk;
  // With the headers of each response, before its body (a redirect's too: a consumer
  // starts over on each call).
  std::function<void(const std::vector<HttpHeader>&)> on_headers;
  // When false the body is only streamed to on_chunk, not kept in the response.
  bool keep_body = true;
  WhenUnreachable when_unreachable = WhenUnreachable::kRetry;
  std::function<void(const RetryNotice&)> on_retry;
  RequestPriority priority = RequestPriority::kNormal;
  ContentDecoding decoding = ContentDecoding::kLibcurl;
};

// A Content-Length above this is not trusted for one up-front allocation of the body.
constexpr uint64_t kMaxPreallocatedBody = 256ull << 20;

// The Content-Length among `headers` (lower-case names), when present and a number.
std::optional<uint64_t> content_length(const std::vector<HttpHeader>& headers);

struct HttpResponse {
  int status = 0;
  std::string url;  // the effective URL, after redirects
  std::vector<HttpHeader> headers;
  std::string body;
  // How the body is encoded (Content-Encoding, lower case) when the request left decoding
  // to its caller (ContentDecoding::kCaller); empty when the body is plain.
  std::string content_encoding;
  int attempts = 1;

  // The value of the first header called `name` (give it in lower case).
  std::optional<std::string_view> header(std::string_view name) const;
  bool ok() const { return status >= 200 && status < 300; }
};

}  // namespace lode
