// The downloader against the test registry: concurrency, streaming, retries and their
// limits, failures as values; and against nghttpd for HTTP/2.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <thread>

#include "base/fs.h"
#include "base/integrity.h"
#include "base/process.h"
#include "registry/downloader.h"
#include "tests/support/test_support.h"

using namespace lode;
using namespace lode::test;
using namespace std::chrono_literals;

namespace {

DownloaderOptions fast_retries() {
  DownloaderOptions options;
  options.retry_min_delay = 10ms;
  options.retry_max_delay = 50ms;
  return options;
}

// Runs one request to completion.
Result<HttpResponse> fetch(Downloader& downloader, HttpRequest request) {
  std::optional<Result<HttpResponse>> result;
  downloader.submit(std::move(request), [&](Result<HttpResponse> response) { result = std::move(response); });
  downloader.run();
  REQUIRE(result.has_value());
  return std::move(*result);
}

// Sockets this process holds open (the test registry runs in another process).
size_t open_sockets() {
  size_t sockets = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    std::filesystem::path target = std::filesystem::read_symlink(entry.path(), ec);
    if (!ec && target.string().starts_with("socket:")) ++sockets;
  }
  return sockets;
}

HttpRequest get(const RegistryServer& server, std::string_view path) {
  HttpRequest request;
  request.url = server.url() + std::string(path);
  return request;
}

}  // namespace

TEST_CASE("retry delays follow npm's backoff", "[registry]") {
  DownloaderOptions options;  // 10 s, factor 10, at most 60 s
  CHECK(retry_delay(options, 1) == 10000ms);
  CHECK(retry_delay(options, 2) == 60000ms);
  CHECK(retry_delay(fast_retries(), 1) == 10ms);
  CHECK(retry_delay(fast_retries(), 3) == 50ms);
}

TEST_CASE("many requests complete, with callbacks submitting more", "[registry]") {
  RegistryServer server;
  DownloaderOptions options;
  options.max_concurrency = 4;
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  int completed = 0;
  int ok = 0;
  for (int i = 0; i < 12; ++i) {
    (*downloader)->submit(get(server, "left-pad"), [&](Result<HttpResponse> response) {
      ++completed;
      if (response && response->status == 200) ++ok;
      if (completed == 12) {
        (*downloader)->submit(get(server, "is-number"), [&](Result<HttpResponse> more) {
          ++completed;
          if (more && more->status == 200) ++ok;
        });
      }
    });
  }
  (*downloader)->run();
  CHECK(completed == 13);
  CHECK(ok == 13);
  CHECK((*downloader)->stats().completed == 13);
}

TEST_CASE("told that no more requests follow, the downloader closes connections as transfers end", "[registry]") {
  RegistryServer server;
  // Slow answers, so that the eight requests are in flight at once, on eight connections.
  server.set_faults({{{"path", "/left-pad"}, {"action", "delay"}, {"ms", 300}, {"times", -1}}});
  auto downloader = Downloader::create(DownloaderOptions{});
  REQUIRE(downloader);
  size_t before = open_sockets();
  auto submit_all = [&] {
    for (int i = 0; i < 8; ++i) {
      (*downloader)->submit(get(server, "left-pad"), [](Result<HttpResponse> response) { CHECK(response); });
    }
  };
  submit_all();
  (*downloader)->run();
  size_t kept = open_sockets();  // the eight connections, kept for reuse (and libcurl's own)
  REQUIRE(kept >= before + 8);

  submit_all();
  (*downloader)->expect_no_more_requests();
  (*downloader)->run();
  CHECK(open_sockets() <= kept - 6);  // one or two are left
}

TEST_CASE("requests marked kFirst start ahead of the others still waiting", "[registry]") {
  RegistryServer server;
  DownloaderOptions options;
  options.max_concurrency = 1;  // one at a time: the start order is the completion order
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  std::vector<std::string> order;
  auto submit = [&](std::string name, RequestPriority priority) {
    HttpRequest request = get(server, name);
    request.priority = priority;
    (*downloader)->submit(std::move(request), [&order, name](Result<HttpResponse> response) {
      CHECK(response);
      order.push_back(name);
    });
  };
  submit("left-pad", RequestPriority::kNormal);
  submit("is-number", RequestPriority::kNormal);
  submit("is-odd", RequestPriority::kFirst);
  submit("deep-a", RequestPriority::kFirst);  // after the kFirst before it
  (*downloader)->run();
  CHECK(order == std::vector<std::string>{"is-odd", "deep-a", "left-pad", "is-number"});
}

TEST_CASE("kNormal requests keep a quarter of the slots while kFirst ones wait", "[registry]") {
  // An install's documents (kFirst) must not keep its tarballs off the network while the
  // waterfall leaves the bandwidth idle.
  RegistryServer server;
  DownloaderOptions options;
  options.max_concurrency = 4;  // one slot for kNormal requests
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  std::vector<std::string> started;
  auto submit = [&](std::string name, RequestPriority priority) {
    HttpRequest request = get(server, name);
    request.priority = priority;
    request.on_attempt = [&started, name] { started.push_back(name); };
    (*downloader)->submit(std::move(request), [](Result<HttpResponse> response) { CHECK(response); });
  };
  submit("left-pad", RequestPriority::kNormal);
  submit("is-number", RequestPriority::kNormal);
  for (std::string name : {"is-odd", "deep-a", "deep-b", "deep-c", "with-bin"}) submit(name, RequestPriority::kFirst);
  (*downloader)->run();
  REQUIRE(started.size() == 7);
  // The first four to start: the first kNormal one and the first three kFirst ones.
  std::vector<std::string> first_four(started.begin(), started.begin() + 4);
  std::sort(first_four.begin(), first_four.end());
  CHECK(first_four == std::vector<std::string>{"deep-a", "deep-b", "is-odd", "left-pad"});
}

TEST_CASE("each step runs at most one completion, then returns to its caller", "[registry]") {
  // A caller that acts on a completion after step() returns (the resolver: a document names
  // the next requests) gets to act on each one before the others' callbacks and before any
  // wait for the network.
  RegistryServer server;
  auto downloader = Downloader::create(DownloaderOptions{});
  REQUIRE(downloader);
  int completed = 0;
  for (std::string name : {"left-pad", "is-number", "is-odd"}) {
    (*downloader)->submit(get(server, name), [&](Result<HttpResponse> response) {
      CHECK(response);
      ++completed;
    });
  }
  (*downloader)->send_soon();  // loads libcurl
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (server.requests().size() < 3 && std::chrono::steady_clock::now() < deadline) {
    (*downloader)->send_soon();
    std::this_thread::sleep_for(5ms);
  }
  std::this_thread::sleep_for(300ms);  // all three answers are in by now
  std::vector<int> per_step;
  while (completed < 3 && std::chrono::steady_clock::now() < deadline) {
    int before = completed;
    (*downloader)->step(1000ms);
    per_step.push_back(completed - before);
  }
  CHECK(completed == 3);
  CHECK(std::ranges::all_of(per_step, [](int count) { return count <= 1; }));
}

TEST_CASE("over plain HTTP a slow first request does not hold back the others", "[registry]") {
  // libcurl, asked to wait for a connection it could multiplex (HTTP/2), held every
  // request to an http:// host until the first one's response had ended.
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "delay"}, {"ms", 1500}, {"times", 1}}});
  auto downloader = Downloader::create(DownloaderOptions{});
  REQUIRE(downloader);
  std::vector<std::string> order;
  for (std::string name : {"left-pad", "is-number", "is-odd"}) {
    (*downloader)->submit(get(server, name), [&order, name](Result<HttpResponse> response) {
      CHECK(response);
      order.push_back(name);
    });
  }
  (*downloader)->run();
  REQUIRE(order.size() == 3);
  CHECK(order.back() == "left-pad");
}

TEST_CASE("send_soon gets queued requests going without running callbacks", "[registry]") {
  RegistryServer server;
  auto downloader = Downloader::create({});
  REQUIRE(downloader);
  (*downloader)->send_soon();  // nothing queued: nothing happens
  bool done = false;
  (*downloader)->submit(get(server, "left-pad"), [&](Result<HttpResponse> response) {
    CHECK(response);
    done = true;
  });
  // The first call starts loading libcurl on another thread; a later one sends.
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (server.count_requests("/left-pad") == 0 && std::chrono::steady_clock::now() < deadline) {
    (*downloader)->send_soon();
    std::this_thread::sleep_for(5ms);
  }
  CHECK(server.count_requests("/left-pad") == 1);
  CHECK_FALSE(done);  // the answer is for step() or run()
  (*downloader)->run();
  CHECK(done);
}

TEST_CASE("bodies stream to on_chunk and decode from gzip", "[registry]") {
  RegistryServer server;
  auto downloader = Downloader::create({});
  REQUIRE(downloader);
  std::string streamed;
  HttpRequest request = get(server, "left-pad");
  request.headers.push_back({"Accept", "application/json"});
  request.on_chunk = [&](std::string_view chunk) { streamed.append(chunk); };
  auto response = fetch(**downloader, std::move(request));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body.starts_with("{"));  // decoded, not gzip bytes
  CHECK(streamed == response->body);
  CHECK(response->header("etag").has_value());
  auto log = server.requests();
  CHECK(log.back()["headers"]["accept-encoding"].get<std::string>().find("gzip") != std::string::npos);
}

TEST_CASE("5xx answers are retried, then succeed; the stream restarts", "[registry]") {
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "status"}, {"status", 503}, {"times", 2}}});
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  int attempts_seen = 0;
  std::string streamed;
  HttpRequest request = get(server, "left-pad");
  request.on_attempt = [&] {
    ++attempts_seen;
    streamed.clear();
  };
  request.on_chunk = [&](std::string_view chunk) { streamed.append(chunk); };
  auto response = fetch(**downloader, std::move(request));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->attempts == 3);
  CHECK(attempts_seen == 3);
  CHECK(streamed == response->body);
  CHECK((*downloader)->stats().retries == 2);
}

TEST_CASE("retries run out: the last status is returned", "[registry]") {
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "status"}, {"status", 500}, {"times", -1}}});
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  auto response = fetch(**downloader, get(server, "left-pad"));
  REQUIRE(response);
  CHECK(response->status == 500);
  CHECK(response->attempts == 3);  // npm's 2 retries
  CHECK(server.count_requests("/left-pad") == 3);
}

TEST_CASE("4xx answers are never retried", "[registry]") {
  RegistryServer server;
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  auto response = fetch(**downloader, get(server, "no-such-package"));
  REQUIRE(response);
  CHECK(response->status == 404);
  CHECK(response->attempts == 1);
  CHECK(server.count_requests("/no-such-package") == 1);
}

TEST_CASE("cut and reset connections are retried", "[registry]") {
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "cut"}, {"after_bytes", 10}},
                     {{"path", "/is-number"}, {"action", "reset"}}});
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  auto cut = fetch(**downloader, get(server, "left-pad"));
  REQUIRE(cut);
  CHECK(cut->status == 200);
  CHECK(cut->attempts == 2);
  // A fresh downloader: on a reused connection libcurl itself retries a request that
  // died before any answer, which would hide the fault from this test.
  auto fresh = Downloader::create(fast_retries());
  REQUIRE(fresh);
  auto reset = fetch(**fresh, get(server, "is-number"));
  REQUIRE(reset);
  CHECK(reset->status == 200);
  CHECK(reset->attempts == 2);
}

TEST_CASE("a connection that keeps failing is a kNetwork error naming the URL", "[registry]") {
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "reset"}, {"times", -1}}});
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  auto response = fetch(**downloader, get(server, "left-pad"));
  REQUIRE_FALSE(response);
  CHECK(response.error().code == ErrorCode::kNetwork);
  CHECK(response.error().subject == server.url() + "left-pad");
  CHECK(response.error().message.find("after 3 attempts") != std::string::npos);
}

TEST_CASE("nothing listening is a quick kNetwork error with a hint", "[registry]") {
  DownloaderOptions options = fast_retries();
  options.retries = 0;
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  HttpRequest request;
  request.url = "http://127.0.0.1:9/x";  // the discard port: nothing listens there
  auto response = fetch(**downloader, std::move(request));
  REQUIRE_FALSE(response);
  CHECK(response.error().code == ErrorCode::kNetwork);
  CHECK(response.error().message.find("cannot connect to 127.0.0.1:9") == 0);
  CHECK_FALSE(response.error().hint.empty());
}

TEST_CASE("an unreachable host: retried with notices, or given up at once on request", "[registry]") {
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  std::vector<RetryNotice> notices;
  HttpRequest retried;
  retried.url = "http://127.0.0.1:9/x";
  retried.on_retry = [&](const RetryNotice& notice) { notices.push_back(notice); };
  auto response = fetch(**downloader, std::move(retried));
  REQUIRE_FALSE(response);
  CHECK(response.error().message.find("after 3 attempts") != std::string::npos);
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].reason == "cannot connect to 127.0.0.1:9");
  CHECK(notices[0].retry == 1);
  CHECK(notices[1].retry == 2);
  CHECK(notices[1].retries == 2);
  CHECK(notices[0].delay == 10ms);
  CHECK(notices[1].delay == 50ms);

  notices.clear();
  HttpRequest fail_fast;
  fail_fast.url = "http://127.0.0.1:9/x";
  fail_fast.when_unreachable = WhenUnreachable::kFailFast;
  fail_fast.on_retry = [&](const RetryNotice& notice) { notices.push_back(notice); };
  auto at_once = fetch(**downloader, std::move(fail_fast));
  REQUIRE_FALSE(at_once);
  CHECK(at_once.error().message.find("cannot connect to 127.0.0.1:9") == 0);
  CHECK(at_once.error().message.find("attempts") == std::string::npos);
  CHECK(notices.empty());
}

// The downloader holds the other requests back while a host's name is looked up for the
// first time (one lookup, not one a connection); they must all go once it is done.
TEST_CASE("requests to a host named by name all complete, the first lookup holding the rest back", "[registry]") {
  RegistryServer server;
  auto downloader = Downloader::create(DownloaderOptions{});
  REQUIRE(downloader);
  std::string by_name = "http://localhost:" + std::to_string(server.port()) + "/";
  int ok = 0;
  for (int i = 0; i < 12; ++i) {
    HttpRequest request;
    request.url = by_name + (i % 2 ? "left-pad" : "is-number");
    (*downloader)->submit(std::move(request), [&](Result<HttpResponse> response) {
      if (response && response->status == 200) ++ok;
    });
  }
  (*downloader)->run();
  CHECK(ok == 12);
  CHECK(server.count_requests("/left-pad") == 6);
}

TEST_CASE("fail-fast requests still retry a server that answers 5xx", "[registry]") {
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "status"}, {"status", 503}, {"times", 1}}});
  auto downloader = Downloader::create(fast_retries());
  REQUIRE(downloader);
  HttpRequest request = get(server, "left-pad");
  request.when_unreachable = WhenUnreachable::kFailFast;
  int notices = 0;
  request.on_retry = [&](const RetryNotice& notice) {
    ++notices;
    CHECK(notice.reason == "HTTP 503");
  };
  auto response = fetch(**downloader, std::move(request));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(notices == 1);
}

TEST_CASE("a request slower than fetch-timeout fails as a timeout", "[registry]") {
  RegistryServer server;
  server.set_faults({{{"path", "/left-pad"}, {"action", "delay"}, {"ms", 3000}, {"times", -1}}});
  DownloaderOptions options = fast_retries();
  options.retries = 0;
  options.timeout = 300ms;
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  auto response = fetch(**downloader, get(server, "left-pad"));
  REQUIRE_FALSE(response);
  CHECK(response.error().message.find("timed out") != std::string::npos);
}

TEST_CASE("content_length reads a valid Content-Length and nothing else", "[registry]") {
  CHECK(content_length({{"content-type", "x"}, {"content-length", "1048576"}}) == 1048576u);
  CHECK_FALSE(content_length({{"content-type", "x"}}).has_value());
  CHECK_FALSE(content_length({{"content-length", "12abc"}}).has_value());
  CHECK_FALSE(content_length({{"content-length", "-1"}}).has_value());
}

namespace {

// The test registry over HTTPS, with the certificate tests/fixtures/tls/README.md describes.
RegistryServer tls_server() {
  fs::path tls = source_root() / "tests/fixtures/tls";
  RegistryServer::Options options;
  options.extra_args = {"--tls-cert", (tls / "server.pem").string(), "--tls-key", (tls / "server-key.pem").string()};
  return RegistryServer(options);
}

}  // namespace

TEST_CASE("over TLS, a server signed by the cafile's CA answers, on many connections at once", "[registry]") {
  RegistryServer server = tls_server();
  REQUIRE(server.url().starts_with("https://"));
  DownloaderOptions options;
  options.cafile = (source_root() / "tests/fixtures/tls/ca.pem").string();
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  int ok = 0;
  for (int i = 0; i < 8; ++i) {
    (*downloader)->submit(get(server, "left-pad"), [&](Result<HttpResponse> response) {
      if (response && response->status == 200 && response->body.find("\"left-pad\"") != std::string::npos) ++ok;
    });
  }
  (*downloader)->run();
  CHECK(ok == 8);
}

TEST_CASE("over TLS, a certificate no trusted CA signed is refused, whichever way the system's CAs are named",
          "[registry]") {
  RegistryServer server = tls_server();
  DownloaderOptions options;
  options.retries = 0;
  SECTION("libcurl's default CAs") {}
  // A global npmrc may name the system bundle as cafile: lode then reads the system's
  // folder of hashed certificates instead of the bundle, and must still check.
  SECTION("cafile naming the system bundle") { options.cafile = "/etc/ssl/certs/ca-certificates.crt"; }
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  Result<HttpResponse> response = fetch(**downloader, get(server, "left-pad"));
  REQUIRE_FALSE(response);
  CHECK(response.error().code == ErrorCode::kNetwork);
  CHECK_THAT(response.error().message, Catch::Contains("TLS certificate of 127.0.0.1") &&
                                           Catch::Contains("could not be verified"));
  CHECK(response.error().subject == server.url() + "left-pad");
  CHECK_THAT(response.error().hint, Catch::Contains("cafile="));
}

namespace {

// nghttpd (Debian's nghttp2-server, which scripts/bootstrap installs) serving `files`
// numbered files over HTTPS with the test certificate: the HTTP/2 server the test registry
// is not. It allows 100 streams per connection, as most servers do.
class Http2Server {
 public:
  explicit Http2Server(int files) : root_(*TempDir::create({}, "lode-h2-")) {
    const char* program = std::getenv("TEST_NGHTTPD");
    if (!program || !*program) FAIL("nghttpd is missing: run scripts/bootstrap (it installs nghttp2-server)");
    for (int i = 0; i < files; ++i) REQUIRE(write_file_atomic(root_.path() / std::to_string(i), body(i)));
    port_ = free_loopback_port();
    fs::path tls = source_root() / "tests/fixtures/tls";
    ProcessSpec spec;
    spec.argv = {program, "--address=127.0.0.1", "--htdocs=" + root_.path().string(), std::to_string(port_),
                 (tls / "server-key.pem").string(), (tls / "server.pem").string()};
    spec.stdin_mode = Stdio::kNull;
    spec.stdout_mode = Stdio::kNull;
    spec.stderr_mode = Stdio::kInherit;
    auto child = ChildProcess::spawn(spec);
    if (!child) FAIL("cannot start nghttpd: " << child.error().message);
    process_.emplace(std::move(*child));
    for (int tries = 0;; ++tries) {
      if (int fd = connect_loopback(port_); fd >= 0) {
        ::close(fd);
        break;
      }
      if (tries == 500) FAIL("nghttpd did not listen on port " << port_);
      std::this_thread::sleep_for(10ms);
    }
  }

  std::string url(int file) const { return "https://127.0.0.1:" + std::to_string(port_) + "/" + std::to_string(file); }
  static std::string body(int file) { return "file " + std::to_string(file) + "\n"; }

 private:
  TempDir root_;
  int port_ = 0;
  std::optional<ChildProcess> process_;
};

// Fetches files 0..count-1 and returns how many arrived whole.
int fetch_files(Downloader& downloader, const Http2Server& server, int count) {
  int ok = 0;
  for (int i = 0; i < count; ++i) {
    HttpRequest request;
    request.url = server.url(i);
    downloader.submit(std::move(request), [&ok, i](Result<HttpResponse> response) {
      if (response && response->status == 200 && response->body == Http2Server::body(i)) ++ok;
    });
  }
  downloader.run();
  return ok;
}

}  // namespace

TEST_CASE("over HTTP/2, requests share one connection, more of them in flight than connections allowed",
          "[registry]") {
  Http2Server server(300);
  DownloaderOptions options;
  options.cafile = (source_root() / "tests/fixtures/tls/ca.pem").string();
  REQUIRE(options.max_concurrency < options.max_multiplexed);
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  CHECK(fetch_files(**downloader, server, 300) == 300);
  CHECK((*downloader)->stats().connections_opened == 1);
  // 64 go first (the protocol is not known yet); once a response says HTTP/2, up to 100.
  CHECK((*downloader)->stats().most_in_flight == options.max_multiplexed);
}

TEST_CASE("over HTTP/2, a chosen limit of requests in flight holds", "[registry]") {
  Http2Server server(40);
  DownloaderOptions options;
  options.cafile = (source_root() / "tests/fixtures/tls/ca.pem").string();
  options.max_concurrency = 6;
  options.max_multiplexed = 6;
  auto downloader = Downloader::create(options);
  REQUIRE(downloader);
  CHECK(fetch_files(**downloader, server, 40) == 40);
  CHECK((*downloader)->stats().connections_opened == 1);
  CHECK((*downloader)->stats().most_in_flight == 6);
}
