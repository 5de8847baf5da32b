// The one downloader that executes every HTTP request lode makes: libcurl's multi
// interface on the calling thread, HTTP/2 multiplexing where the server offers it,
// keep-alive, at most `max_concurrency` transfers at once, timeouts, and retries with
// exponential backoff on 408/429/5xx and broken connections (npm's policy: 2 retries,
// 10 s growing tenfold up to 60 s), never on other 4xx. A request that has somewhere
// else to turn (WhenUnreachable::kFailFast) gives up at once when the host cannot be
// reached at all.
//
// Requests are submitted with a completion callback; run() drives transfers until none
// is left. Callbacks run on the thread that calls run() and may submit more requests, so
// a resolver can fetch a dependency graph as it unfolds.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/error.h"
#include "registry/http.h"

namespace lode {

struct DownloaderOptions {
  // Connections at once, and requests in flight while each connection carries one at a
  // time (HTTP/1.1). lode's config default (network-concurrency) is the same.
  size_t max_concurrency = 64;
  // Requests in flight once a server has answered over HTTP/2, where they share a
  // connection as streams: libcurl's limit per connection (it assumes 100 until the server's
  // SETTINGS say otherwise; RFC 9113 asks servers to allow at least 100), so they all fit
  // on one. Over a registry 50 ms from its first byte, 64 at a time left an install of
  // ~400 small tarballs waiting on round trips.
  size_t max_multiplexed = 100;
  int retries = 2;
  std::chrono::milliseconds retry_min_delay{10000};
  std::chrono::milliseconds retry_max_delay{60000};
  double retry_factor = 10;
  std::chrono::milliseconds timeout{0};  // whole request; 0 = none
  std::chrono::milliseconds connect_timeout{30000};
  std::string cafile;     // PEM bundle; empty = the system's
  bool strict_ssl = true;
  std::string http_proxy;   // empty: libcurl reads http_proxy / https_proxy / no_proxy
  std::string https_proxy;
  std::string no_proxy;
  std::string user_agent = "lode";
};

struct DownloaderStats {
  uint64_t submitted = 0;
  uint64_t completed = 0;
  uint64_t retries = 0;
  uint64_t bytes_received = 0;
  uint64_t connections_opened = 0;  // counted as each attempt of a request ends
  size_t most_in_flight = 0;        // requests handed to libcurl at once, at the peak
};

class Downloader {
 public:
  using Completion = std::function<void(Result<HttpResponse>)>;

  // Does not load libcurl yet: the first request does (registry/curl_library.h), so a
  // session that never goes to the network never pays for it; when loading fails, every
  // request's completion gets the reason. Fails only on invalid options (none today).
  static Result<std::unique_ptr<Downloader>> create(const DownloaderOptions& options);
  ~Downloader();
  Downloader(const Downloader&) = delete;
  Downloader& operator=(const Downloader&) = delete;

  // Queues a request. `done` receives the response (any status: interpreting 404 or 401
  // is the caller's business) or, when no response could be had after the retries, a
  // kNetwork error naming the URL.
  void submit(HttpRequest request, Completion done);

  // Runs until nothing is queued, waiting for a retry, or in flight.
  void run();

  // Says that no request will follow those submitted: from now on each connection is
  // closed as its transfer ends, while the others are still running, rather than all of
  // them when the downloader is destroyed (over HTTP/1.1 that is one per request that was
  // in flight: ~130 closes at exit here). One or two stay open for reuse; a later
  // submit() keeps them all again.
  void expect_no_more_requests();

  // Moves the queued and running requests along without waiting or running completion
  // callbacks (for a caller in the middle of other work, calling it often): starts and
  // sends them if libcurl is loaded, else starts loading it on another thread (~15 ms with
  // its dependencies) for a later call or step() to find ready.
  void send_soon();

  // Starts loading libcurl on another thread, for a caller that knows requests will follow.
  void prepare();

  // One round: starts what may start, moves transfers along, runs the callback of one
  // that finished (the others wait for the next rounds) and, if none had, waits at most
  // `max_wait` for the network (or a wakeup()). Returns whether requests remain. For
  // callers that interleave other work with downloads.
  bool step(std::chrono::milliseconds max_wait);

  // Ends the wait of a step() in progress. The only method safe to call from another
  // thread.
  void wakeup();

  const DownloaderStats& stats() const;
  // Called after each completed transfer (for progress display).
  void set_progress_callback(std::function<void(const DownloaderStats&)> callback);

 private:
  struct Impl;
  explicit Downloader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The delay before retry number `attempt` (1-based) under `options`' backoff policy.
std::chrono::milliseconds retry_delay(const DownloaderOptions& options, int attempt);

}  // namespace lode
