#include "registry/downloader.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <filesystem>
#include <future>
#include <new>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/event_poller.h"
#include "base/strings.h"
#include "registry/curl_library.h"
#include "registry/url.h"

namespace lode {

namespace {

using Clock = std::chrono::steady_clock;

struct EasyDeleter {
  const CurlLibrary* curl = nullptr;
  void operator()(CURL* easy) const { curl->easy_cleanup(easy); }
};
struct SlistDeleter {
  const CurlLibrary* curl = nullptr;
  void operator()(curl_slist* list) const { curl->slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// Failures worth another attempt: the connection broke or never came up in time.
bool is_retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

// Failures that mean the host is not there to answer at all.
bool is_unreachable(CURLcode code) {
  return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY;
}

bool is_retryable_status(int status) { return status == 408 || status == 429 || status >= 500; }

std::string host_of(const std::string& url) {
  auto parsed = parse_url(url);
  if (!parsed) return url;
  return parsed->port.empty() ? parsed->host : parsed->host + ":" + parsed->port;
}

// Whether a request to `url` names its host by a name to look up (not an IP address).
bool names_host(const std::string& url) {
  auto parsed = parse_url(url);
  if (!parsed || parsed->host.starts_with('[')) return false;
  in_addr address{};
  return ::inet_pton(AF_INET, parsed->host.c_str(), &address) != 1;
}

// A message for a transfer that produced no response, in the user's terms.
Error transfer_error(const CurlLibrary& curl, CURLcode code, const std::string& url, const char* detail,
                     int attempts) {
  std::string host = host_of(url);
  std::string message;
  std::string hint;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      message = "cannot resolve host " + host;
      hint = "check the registry URL and your network (or use --offline with a warm cache)";
      break;
    case CURLE_COULDNT_CONNECT:
      message = "cannot connect to " + host;
      hint = "check that the registry is running and reachable";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      message = "request to " + host + " timed out";
      hint = "raise fetch-timeout, or check the network";
      break;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      message = "connection to " + host + " was cut before the response was complete";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      message = "TLS certificate of " + host + " could not be verified";
      hint = "set cafile=<pem file> for a private CA (strict-ssl=false turns checking off)";
      break;
    default:
      message = "request to " + host + " failed: " + curl.easy_strerror(code);
  }
  if (detail && *detail) message += " (" + std::string(detail) + ")";
  if (attempts > 1) message += " after " + plural(static_cast<size_t>(attempts), "attempt", "attempts");
  return Error{ErrorCode::kNetwork, message, url, hint};
}

// Where each connection finds the CAs it trusts.
enum class CaSource {
  kLibcurlDefault,  // libcurl's built-in file and folder
  kConfiguredFile,  // the cafile setting's file (and libcurl's folder)
  kSystemFolder,    // the system's folder of hashed certificates alone
};

// OpenSSL parses a CA file whole (the system bundle: ~140 certificates, ~20 ms here) for
// every new connection (libcurl's cache of it is off while a CA folder is set, and
// Debian's libcurl sets one), and the first connection waits for it; from the folder it
// reads only the certificates a server's chain names. Debian's update-ca-certificates
// writes the same certificates to both, so the folder stands in for the system bundle
// whether it is the default or named as cafile (as a global npmrc may). Measured on the
// public registry: ~20 ms sooner to the first response; an HTTP/1.1 registry over TLS, 64
// connections, 2 s less CPU.
CaSource ca_source(const std::string& cafile, const CurlLibrary& curl) {
  if (curl.ca_directory.empty()) return cafile.empty() ? CaSource::kLibcurlDefault : CaSource::kConfiguredFile;
  if (cafile.empty()) return CaSource::kSystemFolder;
  std::error_code failed;
  bool system_bundle = !curl.ca_file.empty() && std::filesystem::equivalent(cafile, curl.ca_file, failed);
  return system_bundle ? CaSource::kSystemFolder : CaSource::kConfiguredFile;
}

}  // namespace

std::chrono::milliseconds retry_delay(const DownloaderOptions& options, int attempt) {
  double delay = static_cast<double>(options.retry_min_delay.count()) *
                 std::pow(options.retry_factor, std::max(0, attempt - 1));
  delay = std::min(delay, static_cast<double>(options.retry_max_delay.count()));
  return std::chrono::milliseconds(static_cast<int64_t>(delay));
}

struct Downloader::Impl {
  // First, so that it outlives every handle below (members are destroyed in reverse).
  std::unique_ptr<CurlLibrary> curl;
  std::optional<Error> load_error;
  // libcurl being loaded on another thread (prepare()), until ensure_curl() takes it.
  std::future<Result<std::unique_ptr<CurlLibrary>>> loading;
  Clock::time_point last_sent{};
  // The sockets libcurl asks to have watched (CURLMOPT_SOCKETFUNCTION), and wakeup()'s
  // descriptor; libcurl's timer (CURLMOPT_TIMERFUNCTION), when it has one.
  std::unique_ptr<EventPoller> poller;
  std::optional<Clock::time_point> curl_deadline;

  struct Transfer {
    HttpRequest request;
    Completion done;
    EasyHandle easy;
    HeaderList header_list;
    HttpResponse response;
    int attempt = 0;
    Clock::time_point retry_at{};
    char error_buffer[CURL_ERROR_SIZE] = {};
    Impl* owner = nullptr;
  };

  DownloaderOptions options;
  CaSource ca = CaSource::kLibcurlDefault;
  CURLM* multi = nullptr;
  // Waiting for a free slot: the kFirst requests at the front, in the order they came.
  std::deque<std::unique_ptr<Transfer>> queued;
  size_t queued_first = 0;
  std::vector<std::unique_ptr<Transfer>> waiting;  // retries not yet due
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
  size_t active_normal = 0;  // of `active`, the kNormal ones
  bool multiplexed = false;  // a response came over HTTP/2 or 3: requests share connections
  bool no_more_expected = false;  // expect_no_more_requests() and no submit() since
  long connections_kept = 0;      // CURLMOPT_MAXCONNECTS as set (0: libcurl's default)
  // The transfer whose host is being looked up for the first time, until its lookup is
  // done (a socket opens) or it ends: nothing else starts meanwhile. libcurl looks a name
  // up for each new connection until one lookup has filled its cache, so 64 transfers
  // started at once sent 64 lookups (128 DNS queries); this machine's resolver dropped
  // some, and glibc waited 5 s before asking again (installs of 10 s instead of 0.5 s over
  // HTTP/1.1). Over https libcurl waits for the first connection anyway (PIPEWAIT).
  Transfer* looking_up = nullptr;
  std::unordered_set<std::string> hosts_seen;  // "host[:port]" of every transfer started
  DownloaderStats stats;
  std::function<void(const DownloaderStats&)> progress;

  ~Impl() {
    for (auto& [easy, transfer] : active) curl->multi_remove_handle(multi, easy);
    active.clear();
    waiting.clear();
    queued.clear();
    queued_first = 0;
    if (multi) curl->multi_cleanup(multi);
  }

  // Loads libcurl and makes the multi handle, the first time there is something to send.
  bool ensure_curl() {
    if (load_error) return false;
    if (curl) return true;
    Result<std::unique_ptr<CurlLibrary>> loaded = loading.valid() ? loading.get() : CurlLibrary::load();
    if (!loaded) {
      load_error = loaded.error();
      return false;
    }
    curl = std::move(*loaded);
    ca = ca_source(options.cafile, *curl);
    multi = curl->multi_init();
    if (!multi) {
      load_error = Error{ErrorCode::kInternal, "cannot initialise libcurl's multi interface", "", ""};
      return false;
    }
    curl->multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl->multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(options.max_concurrency));
    curl->multi_setopt(multi, CURLMOPT_MAX_CONCURRENT_STREAMS, static_cast<long>(options.max_multiplexed));
    curl->multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::on_socket);
    curl->multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl->multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::on_timer);
    curl->multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    return true;
  }

  // libcurl's requests of the event loop: watch a socket for reading and/or writing, or
  // no more; -1 (libcurl then fails the transfers) if the kernel refuses.
  static int on_socket(CURL*, curl_socket_t socket, int what, void* user, void*) {
    auto* impl = static_cast<Impl*>(user);
    if (what == CURL_POLL_REMOVE) {
      impl->poller->forget(socket);
      return 0;
    }
    unsigned flags = 0;
    if (what & CURL_POLL_IN) flags |= kEventReadable;
    if (what & CURL_POLL_OUT) flags |= kEventWritable;
    return impl->poller->watch(socket, flags) ? 0 : -1;
  }

  // ...and to be called back after `timeout_ms` (-1: not at all).
  static int on_timer(CURLM*, long timeout_ms, void* user) {
    auto* impl = static_cast<Impl*>(user);
    if (timeout_ms < 0) {
      impl->curl_deadline.reset();
    } else {
      impl->curl_deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    }
    return 0;
  }

  // Tells libcurl that `fd` is ready; it moves along the transfers on that socket only.
  void act_on(int fd, unsigned flags) {
    int mask = 0;
    if (flags & kEventReadable) mask |= CURL_CSELECT_IN;
    if (flags & kEventWritable) mask |= CURL_CSELECT_OUT;
    if (flags & kEventError) mask |= CURL_CSELECT_ERR;
    int running = 0;
    curl->multi_socket_action(multi, fd, mask, &running);
  }

  // Runs libcurl's timer if it is due: new transfers start (connect, send) from there.
  void run_due_timer() {
    if (!curl_deadline || Clock::now() < *curl_deadline) return;
    curl_deadline.reset();  // the call below may set the next one
    int running = 0;
    curl->multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
  }

  // Waits for sockets, a wakeup, libcurl's timer or a retry falling due, at most `max_wait`.
  void wait_for_events(std::chrono::milliseconds max_wait) {
    Clock::time_point now = Clock::now();
    Clock::time_point until = now + max_wait;
    if (curl_deadline) until = std::min(until, *curl_deadline);
    for (const auto& transfer : waiting) until = std::min(until, transfer->retry_at);
    // Rounded up: a wait cut short of its deadline would only come straight back.
    serve_sockets(std::chrono::ceil<std::chrono::milliseconds>(std::max(until - now, Clock::duration::zero())));
  }

  // Waits at most `wait` (0: just looks) and hands libcurl the sockets that are ready.
  void serve_sockets(std::chrono::milliseconds wait) {
    poller->wait(wait, [this](int fd, unsigned flags) { act_on(fd, flags); });
  }

  // Once nothing more is expected and every request has started, a connection is closed
  // as its transfer ends (one or two are kept); until then they stay for reuse (0:
  // libcurl's default, four per transfer it has seen).
  void update_connections_kept() {
    long wanted = no_more_expected && queued.empty() && waiting.empty() ? 1 : 0;
    if (multi && wanted != connections_kept) {
      curl->multi_setopt(multi, CURLMOPT_MAXCONNECTS, wanted);
      connections_kept = wanted;
    }
  }

  // Without libcurl nothing can be sent: every queued request gets the reason.
  void fail_queued() {
    while (!queued.empty()) {
      std::unique_ptr<Transfer> transfer = take_queued();
      ++stats.completed;
      Completion done = std::move(transfer->done);
      transfer.reset();
      done(std::unexpected(*load_error));
      if (progress) progress(stats);
    }
  }

  static size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    size_t length = size * count;
    std::string_view chunk(data, length);
    transfer->owner->stats.bytes_received += length;
    if (transfer->request.on_chunk) transfer->request.on_chunk(chunk);
    if (transfer->request.keep_body) transfer->response.body.append(chunk);
    return length;
  }

  static size_t on_header(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    size_t length = size * count;
    std::string_view line = trim(std::string_view(data, length));
    if (line.starts_with("HTTP/")) {
      // A new response (after a redirect or a 100 Continue): start its headers afresh.
      transfer->response.headers.clear();
      if (line.starts_with("HTTP/2") || line.starts_with("HTTP/3")) transfer->owner->multiplexed = true;
    } else if (line.empty()) {
      // The headers are in. The body's size, known up front: one allocation instead of a
      // doubling string that copies a 10 MB tarball several times over (a compressed body
      // only grows past it).
      if (transfer->request.decoding == ContentDecoding::kCaller) {
        std::string encoding = to_lower(transfer->response.header("content-encoding").value_or(""));
        transfer->response.content_encoding = encoding == "identity" ? "" : encoding;
      }
      std::optional<uint64_t> size = content_length(transfer->response.headers);
      if (transfer->request.keep_body && size && *size <= kMaxPreallocatedBody) transfer->response.body.reserve(*size);
      if (transfer->request.on_headers) transfer->request.on_headers(transfer->response.headers);
    } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
      transfer->response.headers.push_back(
          {to_lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    }
    return length;
  }

  void configure(Transfer& transfer) {
    CURL* easy = transfer.easy.get();
    curl->easy_setopt(easy, CURLOPT_URL, transfer.request.url.c_str());
    curl->easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    curl->easy_setopt(easy, CURLOPT_SOCKOPTFUNCTION, &Impl::on_socket_opened);
    curl->easy_setopt(easy, CURLOPT_SOCKOPTDATA, &transfer);
    curl->easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Impl::on_body);
    curl->easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl->easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Impl::on_header);
    curl->easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl->easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error_buffer);
    curl->easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl->easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl->easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
    curl->easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl->easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // "" = every encoding this libcurl decodes (gzip, deflate, br, zstd).
    if (transfer.request.decoding == ContentDecoding::kLibcurl) curl->easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl->easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    // Over TLS, wait for a multiplexed HTTP/2 connection rather than opening a new one. Not
    // over plain HTTP (HTTP/1.1 here, one request per connection): there libcurl would hold
    // every request to the host until the first one's response had ended.
    if (transfer.request.url.starts_with("https:")) curl->easy_setopt(easy, CURLOPT_PIPEWAIT, 1L);
    curl->easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl->easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl->easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    if (options.timeout.count() > 0) {
      curl->easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
    }
    if (ca == CaSource::kConfiguredFile) curl->easy_setopt(easy, CURLOPT_CAINFO, options.cafile.c_str());
    if (ca == CaSource::kSystemFolder) {
      curl->easy_setopt(easy, CURLOPT_CAINFO, static_cast<const char*>(nullptr));
      curl->easy_setopt(easy, CURLOPT_CAPATH, curl->ca_directory.c_str());
    }
    if (!options.strict_ssl) {
      curl->easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
      curl->easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    const std::string& proxy = transfer.request.url.starts_with("https:") ? options.https_proxy : options.http_proxy;
    if (!proxy.empty()) curl->easy_setopt(easy, CURLOPT_PROXY, proxy.c_str());
    if (!options.no_proxy.empty()) curl->easy_setopt(easy, CURLOPT_NOPROXY, options.no_proxy.c_str());
    if (transfer.request.head_only) curl->easy_setopt(easy, CURLOPT_NOBODY, 1L);
    curl_slist* list = nullptr;
    for (const HttpHeader& header : transfer.request.headers) {
      list = curl->slist_append(list, (header.name + ": " + header.value).c_str());
    }
    transfer.header_list = HeaderList(list, SlistDeleter{curl.get()});
    curl->easy_setopt(easy, CURLOPT_HTTPHEADER, list);
  }

  void start(std::unique_ptr<Transfer> transfer) {
    if (!transfer->easy) {
      transfer->easy = EasyHandle(curl->easy_init(), EasyDeleter{curl.get()});
      if (!transfer->easy) throw std::bad_alloc();  // libcurl's only failure here is memory
      configure(*transfer);
    }
    ++transfer->attempt;
    transfer->response = HttpResponse{};
    transfer->error_buffer[0] = '\0';
    if (transfer->request.on_attempt) transfer->request.on_attempt();
    CURL* easy = transfer->easy.get();
    curl->multi_add_handle(multi, easy);
    if (transfer->request.priority == RequestPriority::kNormal) ++active_normal;
    active.emplace(easy, std::move(transfer));
    stats.most_in_flight = std::max(stats.most_in_flight, active.size());
  }

  // How many requests may be in flight: one per connection until a server has answered
  // over HTTP/2, then as many as share a connection (libcurl still opens no more than
  // max_concurrency connections, and queues what does not fit).
  size_t slots() const { return multiplexed ? options.max_multiplexed : options.max_concurrency; }

  void start_due() {
    Clock::time_point now = Clock::now();
    for (auto it = waiting.begin(); it != waiting.end();) {
      if ((*it)->retry_at <= now && active.size() < slots()) {
        start(std::move(*it));
        it = waiting.erase(it);
      } else {
        ++it;
      }
    }
    while (!queued.empty() && active.size() < slots() && looking_up == nullptr) {
      std::unique_ptr<Transfer> next = take_next();
      bool new_host = hosts_seen.insert(host_of(next->request.url)).second;
      if (new_host && names_host(next->request.url)) looking_up = next.get();
      start(std::move(next));
    }
  }

  // libcurl's call once a connection's socket exists, its host looked up: the transfers
  // held back for that lookup may start (the loop wakes to start them).
  static int on_socket_opened(void* user, curl_socket_t, curlsocktype) {
    auto* transfer = static_cast<Transfer*>(user);
    Impl* impl = transfer->owner;
    if (impl->looking_up == transfer) {
      impl->looking_up = nullptr;
      impl->poller->wake();
    }
    return CURL_SOCKOPT_OK;
  }

  // kFirst requests go ahead of kNormal ones, except that kNormal ones waiting keep a
  // quarter of the slots: an install's tarballs then arrive while its documents' waterfall
  // runs (which leaves most of the bandwidth idle), not after it.
  std::unique_ptr<Transfer> take_next() {
    bool normal_turn = queued_first == 0 ||
                       (queued.size() > queued_first && active_normal < slots() / 4);
    if (!normal_turn) return take_queued();
    auto next = queued.begin() + static_cast<std::ptrdiff_t>(queued_first);
    std::unique_ptr<Transfer> transfer = std::move(*next);
    queued.erase(next);
    return transfer;
  }

  void enqueue(std::unique_ptr<Transfer> transfer) {
    if (transfer->request.priority == RequestPriority::kFirst) {
      queued.insert(queued.begin() + static_cast<std::ptrdiff_t>(queued_first++), std::move(transfer));
    } else {
      queued.push_back(std::move(transfer));
    }
  }

  std::unique_ptr<Transfer> take_queued() {
    std::unique_ptr<Transfer> transfer = std::move(queued.front());
    queued.pop_front();
    if (queued_first > 0) --queued_first;
    return transfer;
  }

  // When a server says how long to wait (429/503 Retry-After: seconds), honour it within
  // the backoff's upper bound.
  std::chrono::milliseconds delay_for(const Transfer& transfer) const {
    std::chrono::milliseconds delay = retry_delay(options, transfer.attempt);
    if (auto after = transfer.response.header("retry-after")) {
      char* end = nullptr;
      std::string text(*after);
      long seconds = std::strtol(text.c_str(), &end, 10);
      if (end && *end == '\0' && seconds >= 0) {
        delay = std::min(std::chrono::milliseconds(seconds * 1000), options.retry_max_delay);
      }
    }
    return delay;
  }

  void finish(CURL* easy, CURLcode code) {
    curl->multi_remove_handle(multi, easy);
    auto node = active.extract(easy);
    std::unique_ptr<Transfer> transfer = std::move(node.mapped());
    if (looking_up == transfer.get()) looking_up = nullptr;  // its lookup failed, or it was cut
    if (transfer->request.priority == RequestPriority::kNormal) --active_normal;
    long status = 0;
    curl->easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    transfer->response.status = static_cast<int>(status);
    char* effective_url = nullptr;
    curl->easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective_url);
    transfer->response.url = effective_url ? effective_url : transfer->request.url;
    transfer->response.attempts = transfer->attempt;
    long connects = 0;
    curl->easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
    stats.connections_opened += static_cast<uint64_t>(std::max(0L, connects));

    bool retry = code == CURLE_OK ? is_retryable_status(transfer->response.status) : is_retryable(code);
    if (is_unreachable(code) && transfer->request.when_unreachable == WhenUnreachable::kFailFast) retry = false;
    if (retry && transfer->attempt <= options.retries) {
      ++stats.retries;
      std::chrono::milliseconds delay = delay_for(*transfer);
      transfer->retry_at = Clock::now() + delay;
      if (transfer->request.on_retry) {
        std::string reason = code == CURLE_OK ? "HTTP " + std::to_string(transfer->response.status)
                                              : transfer_error(*curl, code, transfer->request.url, nullptr, 1).message;
        transfer->request.on_retry(RetryNotice{std::move(reason), transfer->attempt, options.retries, delay});
      }
      waiting.push_back(std::move(transfer));
      return;
    }
    ++stats.completed;
    Completion done = std::move(transfer->done);
    if (code != CURLE_OK) {
      Error error = transfer_error(*curl, code, transfer->request.url, transfer->error_buffer, transfer->attempt);
      transfer.reset();
      done(std::unexpected(std::move(error)));
    } else {
      HttpResponse response = std::move(transfer->response);
      transfer.reset();
      done(std::move(response));
    }
    if (progress) progress(stats);
  }

  // Starts loading libcurl on another thread, once; ensure_curl() takes the result.
  void prepare() {
    if (!curl && !load_error && !loading.valid()) {
      loading = std::async(std::launch::async, [] { return CurlLibrary::load(); });
    }
  }

  void send_soon() {
    if (load_error || (queued.empty() && active.empty())) return;
    if (!curl) {
      prepare();
      if (loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
      if (!ensure_curl()) return;  // step() fails the queued requests with the reason
    }
    // Handing requests to libcurl is cheap; a caller may ask thousands of times in a row,
    // so at most once a millisecond those handed over since go out together, and whatever
    // sockets are ready are served (their completions wait for step()).
    start_due();
    Clock::time_point now = Clock::now();
    if (now - last_sent < std::chrono::milliseconds(1)) return;
    last_sent = now;
    run_due_timer();
    serve_sockets(std::chrono::milliseconds(0));
  }

  // Runs the callback of one finished transfer, if there is one; libcurl keeps the others'
  // messages for the next calls.
  bool finish_one() {
    if (!multi) return false;
    int left = 0;
    while (CURLMsg* message = curl->multi_info_read(multi, &left)) {
      if (message->msg == CURLMSG_DONE) {
        finish(message->easy_handle, message->data.result);
        return true;
      }
    }
    return false;
  }

  bool has_work() const { return !active.empty() || !waiting.empty() || !queued.empty(); }

  bool step(std::chrono::milliseconds max_wait) {
    if (!queued.empty() && !ensure_curl()) fail_queued();
    start_due();
    update_connections_kept();
    if (!has_work()) return false;
    if (multi) run_due_timer();
    // One completion a round: its callback may have left the caller work that leads to new
    // requests (a package document names the next ones). Returning for it at once, rather
    // than after the other completions' callbacks or after sleeping until the next response
    // (in a waterfall, a whole round trip away), sends those requests sooner.
    if (finish_one()) return has_work();
    if (!queued.empty() && active.size() < slots() && looking_up == nullptr) return true;
    if (!active.empty() || !waiting.empty()) wait_for_events(max_wait);
    return has_work();
  }
};

Downloader::Downloader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Downloader::~Downloader() = default;

Result<std::unique_ptr<Downloader>> Downloader::create(const DownloaderOptions& options) {
  auto impl = std::make_unique<Impl>();
  Result<std::unique_ptr<EventPoller>> poller = EventPoller::create();
  if (!poller) return std::unexpected(poller.error());
  impl->poller = std::move(*poller);
  impl->options = options;
  impl->options.max_concurrency = std::max<size_t>(1, options.max_concurrency);
  impl->options.max_multiplexed = std::max<size_t>(1, options.max_multiplexed);
  return std::unique_ptr<Downloader>(new Downloader(std::move(impl)));
}

void Downloader::submit(HttpRequest request, Completion done) {
  auto transfer = std::make_unique<Impl::Transfer>();
  transfer->request = std::move(request);
  transfer->done = std::move(done);
  transfer->owner = impl_.get();
  ++impl_->stats.submitted;
  impl_->no_more_expected = false;
  impl_->enqueue(std::move(transfer));
  impl_->update_connections_kept();
}

void Downloader::expect_no_more_requests() {
  impl_->no_more_expected = true;
  impl_->update_connections_kept();
}

void Downloader::send_soon() { impl_->send_soon(); }

void Downloader::prepare() { impl_->prepare(); }

void Downloader::run() {
  while (impl_->step(std::chrono::milliseconds(1000))) {
  }
}

bool Downloader::step(std::chrono::milliseconds max_wait) { return impl_->step(max_wait); }

void Downloader::wakeup() { impl_->poller->wake(); }

const DownloaderStats& Downloader::stats() const { return impl_->stats; }

void Downloader::set_progress_callback(std::function<void(const DownloaderStats&)> callback) {
  impl_->progress = std::move(callback);
}

}  // namespace lode
