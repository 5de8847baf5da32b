#include "resolver/package_fetcher.h"

#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/integrity.h"
#include "base/strings.h"
#include "base/worker_pool.h"
#include "cache/sqlite_library.h"
#include "registry/document_parser.h"
#include "registry/registry_client.h"

namespace lode {

namespace {

constexpr auto kLockPollInterval = std::chrono::milliseconds(50);

int64_t unix_now() { return static_cast<int64_t>(std::time(nullptr)); }

constexpr int64_t kUseTimeGranularity = 60 * 60;  // seconds

std::string label(const TarballSpec& spec) { return spec.name + "@" + spec.version; }

// Tarballs from this size up are unpacked while they download (cache/extract.h's
// TarballStream), up to 16 at a time, each on a thread that mostly waits for the network.
// The last large ones would otherwise be unpacked only after the network is done
// (typescript, esbuild's and rolldown's binaries: ~100 ms of the web app's cold install).
// Streamed, they are inflated by zlib as they come, ~4x the processor time of libdeflate
// on a whole body: from 256 KiB up that was 63 ms of the api app's cold install; from
// 2 MiB up, the same wall times (web 1.35 s, api 0.76 s, interleaved medians) for 20-55 ms
// less processor time.
constexpr uint64_t kStreamFrom = 2 << 20;
constexpr size_t kMaxStreams = 16;

// One tarball's extraction as it downloads.
struct StreamJob {
  TarballStream stream;
  bool abandoned = false;  // the download was retried or failed: the result is dropped
  std::string integrity;   // set when the download is complete and verified
  int64_t size = 0;
};

// What one download attempt has received: kept in memory, or handed to a stream.
struct TarballBody {
  std::string bytes;
  std::shared_ptr<StreamJob> job;
  int64_t received = 0;

  void add(std::string_view chunk) {
    received += static_cast<int64_t>(chunk.size());
    if (job) {
      job->stream.push(chunk);
    } else {
      bytes.append(chunk);
    }
  }
  // Starts over (a retry, a redirect, a failure): a stream in progress is abandoned.
  void reset() {
    bytes.clear();
    received = 0;
    if (job) {
      job->abandoned = true;
      job->stream.abandon();
      job.reset();
    }
  }
};

}  // namespace

Result<NetworkMode> network_mode_from(const Config& config) {
  for (auto [key, mode] : {std::pair{"offline", NetworkMode::kOffline},
                           std::pair{"prefer-offline", NetworkMode::kPreferOffline},
                           std::pair{"prefer-online", NetworkMode::kPreferOnline}}) {
    Result<bool> set = config.get_bool(key);
    if (!set) return std::unexpected(set.error());
    if (*set) return mode;
  }
  return NetworkMode::kDefault;
}

Result<FetcherOptions> fetcher_options_from(const Config& config) {
  FetcherOptions options;
  Result<NetworkMode> mode = network_mode_from(config);
  if (!mode) return std::unexpected(mode.error());
  options.mode = *mode;
  Result<int64_t> max_age = config.get_int("cache-max-age");
  if (!max_age) return std::unexpected(max_age.error());
  options.default_max_age = *max_age;
  return options;
}

namespace {

using ReadyQueue = std::deque<std::function<void()>>;

// What a finished Pending keeps for waiters that come later: documents are shared anyway;
// a stored package without its file list, which is tens of kilobytes, is needed once, and
// is found again in the store by whoever else needs it (resolver/staging.h).
Result<SharedDocument> kept_part(Result<SharedDocument>& value) { return value; }
Result<StoredPackage> kept_part(Result<StoredPackage>& value) {
  if (!value) return value;
  // Set aside while the rest is copied, not copied and dropped.
  std::vector<StoredFile> files = std::exchange(value->files, {});
  std::string encoded = std::exchange(value->encoded_files, {});
  StoredPackage kept = *value;
  value->files = std::move(files);
  value->encoded_files = std::move(encoded);
  return kept;
}

// A result many callers may wait for: the first request starts the work, later ones
// queue up (or get the result at once, through the ready queue, when it is known).
template <class T>
struct Pending {
  std::optional<Result<T>> result;
  std::vector<std::function<void(Result<T>)>> waiters;

  void wait(ReadyQueue& ready, std::function<void(Result<T>)> done) {
    if (result) {
      ready.push_back([done = std::move(done), value = *result]() mutable { done(std::move(value)); });
    } else {
      waiters.push_back(std::move(done));
    }
  }

  // The value goes to the waiters (the last one gets it moved); what stays for later ones
  // is kept_part() of it.
  void finish(ReadyQueue& ready, Result<T> value) {
    result = kept_part(value);
    for (size_t i = 0; i < waiters.size(); ++i) {
      Result<T> given = i + 1 == waiters.size() ? std::move(value) : value;
      ready.push_back([waiter = std::move(waiters[i]), given = std::move(given)]() mutable { waiter(std::move(given)); });
    }
    waiters.clear();
  }
};

}  // namespace

// A tarball's digest, begun when its download starts (on_attempt): libcurl is loaded by
// then, and libcrypto with it, so the thread asking for downloads never waits for a
// library to load. A digest that cannot begin fails the download.
struct TarballDigest {
  HashAlgorithm algorithm = HashAlgorithm::kSha512;
  std::optional<Hasher> hasher;
  std::optional<Error> error;

  void start() {
    if (hasher) {
      hasher->reset();
      return;
    }
    Result<Hasher> created = Hasher::create(algorithm);
    if (created) {
      hasher.emplace(std::move(*created));
    } else {
      error = created.error();
    }
  }
  void update(std::string_view chunk) {
    if (hasher) hasher->update(chunk);
  }
};

// What a worker made of a document's answer: the answer, and its view once opened.
struct ParsedDocument {
  Result<DocumentAnswer> answer;
  std::optional<Result<DocumentView>> view;
};

struct PackageFetcher::Impl {
  struct TarballState {
    TarballSpec spec;
    std::optional<Integrity> integrity;  // nullopt: the registry published none
    Pending<StoredPackage> pending;
    std::optional<KeyLock> lock;
  };

  const Config& config;
  Downloader& downloader;
  Store& store;
  const Logger& logger;
  FetcherOptions options;
  FetcherStats stats;
  DocumentParser parser;
  std::unordered_map<std::string, Pending<SharedDocument>> documents;
  std::unordered_map<std::string, TarballState> tarballs;
  std::vector<std::string> lock_waiters;
  std::vector<std::string> used_keys;
  // What the user has been told already: each (reason, retry) once, however many requests
  // share it, and each registry that fell back to cached documents once.
  std::unordered_set<std::string> retries_told;
  std::unordered_set<std::string> stale_registries_told;
  // Callbacks ready to run on the fetcher's thread: those of documents, and those of
  // tarballs (kept apart so deliver_tarballs() can run them alone).
  ReadyQueue ready;
  ReadyQueue tarballs_ready;
  // Results of the workers' tasks (unpacking, parsing), to run on this thread.
  std::mutex mutex;
  std::condition_variable worker_done;
  std::vector<std::function<void()>> from_workers;
  size_t on_workers = 0;  // tasks posted to the pool and not done
  WorkerPool pool;
  // Extractions of tarballs still downloading: one thread each (they mostly wait for the
  // network), joined once their result is in.
  std::unordered_map<StreamJob*, std::pair<std::shared_ptr<StreamJob>, std::thread>> streams;

  Impl(const Config& config, Downloader& downloader, Store& store, const Logger& logger,
       const FetcherOptions& options)
      : config(config), downloader(downloader), store(store), logger(logger), options(options),
        pool(options.unpack_threads) {}
  ~Impl() {
    for (auto& [raw, stream] : streams) stream.first->stream.abandon();
    for (auto& [raw, stream] : streams) stream.second.join();
  }

  // Retries take 10 s and more: without a word the install would look hung.
  std::function<void(const RetryNotice&)> tell_retry() {
    return [this](const RetryNotice& notice) {
      std::string key = notice.reason + "\n" + std::to_string(notice.retry);
      if (!retries_told.insert(key).second) return;
      logger.warn(notice.reason + "; retrying in " + format_duration(notice.delay) + " (retry " +
                  std::to_string(notice.retry) + " of " + std::to_string(notice.retries) + ")");
    };
  }

  // ---- documents ----

  void finish_document(const std::string& name, Result<SharedDocument> result) {
    documents[name].finish(ready, std::move(result));
  }

  void start_document(const std::string& name) {
    Result<std::string> registry = config.registry_for(name);
    if (!registry) return finish_document(name, std::unexpected(registry.error()));

    std::optional<CachedDocument> cached;
    SharedDocument cached_document;
    Result<std::optional<CachedDocument>> found = store.find_document(*registry, name);
    if (!found) return finish_document(name, std::unexpected(found.error()));
    if (*found) {
      if (auto view = DocumentView::open(std::move((*found)->body))) {
        cached = std::move(**found);
        cached_document = std::make_shared<const DocumentView>(std::move(*view));
      }
    }
    int64_t now = unix_now();
    bool fresh = false;
    if (cached) {
      int64_t max_age = cached->max_age >= 0 ? cached->max_age : options.default_max_age;
      int64_t age = now - cached->fetched_at;
      fresh = age >= 0 && age < max_age;
    }
    switch (options.mode) {
      case NetworkMode::kOffline:
        if (cached) break;
        return finish_document(name, fail(ErrorCode::kNotFound,
                                          "package " + name + " is not in the cache, and --offline forbids the network",
                                          *registry, "run once without --offline (or `lode cache add " + name + "`)"));
      case NetworkMode::kPreferOffline:
        if (cached) break;
        [[fallthrough]];
      case NetworkMode::kPreferOnline:
        fresh = false;
        [[fallthrough]];
      case NetworkMode::kDefault:
        if (cached && fresh) break;
        return request_document(name, *registry, DocumentFormat::kAbbreviated, std::move(cached),
                                std::move(cached_document));
    }
    ++stats.documents_from_cache;
    finish_document(name, cached_document);
  }

  // The body stays compressed until a worker parses it (DocumentParser::encode_body):
  // inflating it with libcurl's zlib took a tenth of this thread's time in a clean install.
  void request_document(const std::string& name, const std::string& registry, DocumentFormat format,
                        std::optional<CachedDocument> cached, SharedDocument cached_document,
                        ContentDecoding decoding = ContentDecoding::kCaller) {
    Validators validators;
    if (cached) validators = {cached->etag, cached->last_modified};
    HttpRequest request = document_request(config, registry, name, format,
                                           cached && !validators.empty() ? &validators : nullptr, decoding);
    if (cached_document) request.when_unreachable = WhenUnreachable::kFailFast;
    request.on_retry = tell_retry();
    logger.http("GET " + request.url);
    downloader.submit(std::move(request), [this, name, registry, format, cached = std::move(cached), cached_document,
                                           decoding](Result<HttpResponse> response) mutable {
      if (!response) return fall_back(name, registry, cached_document, response.error());
      stats.bytes_downloaded += static_cast<int64_t>(response->body.size());
      // Registries that reject the abbreviated form's Accept header get the plain one.
      if (format == DocumentFormat::kAbbreviated && (response->status == 406 || response->status == 415)) {
        return request_document(name, registry, DocumentFormat::kFull, std::move(cached), cached_document, decoding);
      }
      // A document is parsed on a worker, ahead of any unpacking: parsing is most of what
      // an answer costs (~0.3 ms a document, 10 ms for the largest), and this thread is the
      // one that turns answers into the next requests.
      if (response->ok() && response->status != 304) {
        return parse_document(name, registry, format, std::move(cached), std::move(cached_document),
                              std::move(*response));
      }
      Result<DocumentAnswer> answer = read_document_answer(*response, name, registry, parser);
      take_document(name, registry, cached_document, response->status, response->url, std::move(answer), {});
    });
  }

  void parse_document(const std::string& name, const std::string& registry, DocumentFormat format,
                      std::optional<CachedDocument> cached, SharedDocument cached_document, HttpResponse response) {
    {
      std::lock_guard lock(mutex);
      ++on_workers;
    }
    auto answered = std::make_shared<HttpResponse>(std::move(response));
    pool.post(
        [this, name, registry, format, cached = std::move(cached), cached_document = std::move(cached_document),
         answered] {
          // One parser a thread: it keeps its buffers from one document to the next.
          thread_local DocumentParser worker_parser;
          auto parsed = std::make_shared<ParsedDocument>(
              ParsedDocument{read_document_answer(*answered, name, registry, worker_parser), std::nullopt});
          if (parsed->answer && !parsed->answer->not_modified) {
            parsed->view = DocumentView::open(std::move(parsed->answer->encoded));
          }
          std::lock_guard lock(mutex);
          from_workers.push_back([this, name, registry, format, cached, cached_document, answered, parsed] {
            // A gzip body libdeflate cannot inflate in one go: libcurl decodes it instead.
            if (!parsed->answer && parsed->answer.error().code == ErrorCode::kUnsupported &&
                !answered->content_encoding.empty()) {
              return request_document(name, registry, format, cached, cached_document, ContentDecoding::kLibcurl);
            }
            take_document(name, registry, cached_document, answered->status, answered->url,
                          std::move(parsed->answer), std::move(parsed->view));
          });
          --on_workers;
          worker_done.notify_one();
          downloader.wakeup();
        },
        TaskPriority::kFirst);
  }

  // A document's answer, and its view when a worker opened it already.
  void take_document(const std::string& name, const std::string& registry, const SharedDocument& cached_document,
                     int status, const std::string& url, Result<DocumentAnswer> answer,
                     std::optional<Result<DocumentView>> view) {
    if (!answer) {
      if (answer.error().code == ErrorCode::kHttp && status >= 500) {
        return fall_back(name, registry, cached_document, answer.error());
      }
      return finish_document(name, std::unexpected(answer.error()));
    }
    int64_t now = unix_now();
    if (answer->not_modified && cached_document) {
      ++stats.documents_revalidated;
      if (auto renewed = store.renew_document(registry, name, now, answer->max_age.value_or(-1)); !renewed) {
        logger.verbose("cannot update the cache index: " + describe(renewed.error()));
      }
      return finish_document(name, cached_document);
    }
    if (answer->not_modified) {
      return finish_document(name, fail(ErrorCode::kHttp, "registry answered 304 to an unconditional request", url));
    }
    ++stats.documents_downloaded;
    // The view reads the cached form (it is what a later install will read), and keeps
    // it for the index's write.
    if (!view) view = DocumentView::open(std::move(answer->encoded));
    if (!*view) return finish_document(name, std::unexpected(view->error()));
    auto document = std::make_shared<const DocumentView>(std::move(**view));
    CachedDocument record;
    record.registry = registry;
    record.name = name;
    record.etag = answer->validators.etag;
    record.last_modified = answer->validators.last_modified;
    record.fetched_at = now;
    record.max_age = answer->max_age.value_or(-1);
    if (auto stored = store.put_document(record, document->bytes(), document); !stored) {
      logger.warn("cannot cache the document of " + name + ": " + describe(stored.error()));
    }
    finish_document(name, std::move(document));
  }

  // The network failed: a stale copy beats no copy. An unreachable registry is said once,
  // not once for each of the hundreds of documents it would have served.
  void fall_back(const std::string& name, const std::string& registry, const SharedDocument& cached_document,
                 const Error& error) {
    if (!cached_document) return finish_document(name, std::unexpected(error));
    if (error.code != ErrorCode::kNetwork) {
      logger.warn("using the cached document of " + name + ": " + describe(error));
    } else if (stale_registries_told.insert(registry).second) {
      logger.warn(error.message + "; using cached package documents from " + registry +
                  ", which may be out of date");
    }
    ++stats.documents_from_cache;
    finish_document(name, cached_document);
  }

  // ---- tarballs ----

  void finish_tarball(const std::string& key, Result<StoredPackage> result) {
    TarballState& state = tarballs[key];
    state.lock.reset();
    // Use times serve `cache clean --older-than <days>`: to the hour is precise enough,
    // and skipping fresher ones spares a repeat install its only write to the index.
    if (result && result->used_at + kUseTimeGranularity <= unix_now()) used_keys.push_back(key);
    state.pending.finish(tarballs_ready, std::move(result));
  }

  // Stored already? Then done; otherwise download, unless another process is on it.
  void start_tarball(const std::string& key) {
    TarballState& state = tarballs[key];
    if (state.integrity) {
      // With its file list (still encoded: the thread that links the package decodes it),
      // as an install links the package next.
      Result<std::optional<StoredPackage>> found = store.find(key, FileList::kEncoded);
      if (!found) return finish_tarball(key, std::unexpected(found.error()));
      if (*found) {
        ++stats.tarballs_reused;
        return finish_tarball(key, std::move(**found));
      }
    }
    if (options.mode == NetworkMode::kOffline) {
      return finish_tarball(key, fail(ErrorCode::kNotFound,
                                      label(state.spec) + " is not in the cache, and --offline forbids the network",
                                      state.spec.url, "run once without --offline"));
    }
    if (state.integrity) {
      Result<std::optional<KeyLock>> lock = store.try_lock(key);
      if (!lock) return finish_tarball(key, std::unexpected(lock.error()));
      if (!*lock) {
        logger.verbose("waiting for another lode process to fetch " + label(state.spec));
        lock_waiters.push_back(key);
        return;
      }
      state.lock = std::move(**lock);
      // It may have been stored between our look and our lock.
      Result<std::optional<StoredPackage>> found = store.find(key, FileList::kEncoded);
      if (found && *found) {
        ++stats.tarballs_reused;
        return finish_tarball(key, std::move(**found));
      }
    }
    download_tarball(key);
  }

  void check_lock_waiters() {
    // What the other process stored must be seen: not through a read snapshot taken
    // before it committed (the resolver holds one across its waits).
    store.release_read_snapshot();
    std::vector<std::string> waiting = std::move(lock_waiters);
    lock_waiters.clear();
    for (const std::string& key : waiting) start_tarball(key);
  }

  void download_tarball(const std::string& key) {
    TarballState& state = tarballs[key];
    auto digest = std::make_shared<TarballDigest>();
    digest->algorithm = state.integrity ? state.integrity->algorithm : HashAlgorithm::kSha512;
    auto body = std::make_shared<TarballBody>();
    HttpRequest request = tarball_request(config, state.spec.url);
    request.keep_body = false;
    // A retry starts the digest and the body over.
    request.on_attempt = [digest, body] {
      digest->start();
      body->reset();
    };
    // Streamed only under a published integrity: the store key is known before the end.
    request.on_headers = [this, body, key, streamable = state.integrity.has_value()](const std::vector<HttpHeader>& headers) {
      body->reset();
      uint64_t length = content_length(headers).value_or(0);
      if (streamable && length >= kStreamFrom && streams.size() < kMaxStreams) {
        start_stream(key, *body);
      } else if (length <= kMaxPreallocatedBody) {
        body->bytes.reserve(length);
      }
    };
    request.on_chunk = [digest, body](std::string_view chunk) {
      digest->update(chunk);
      body->add(chunk);
    };
    request.on_retry = tell_retry();
    logger.http("GET " + request.url);
    downloader.submit(std::move(request), [this, key, digest, body](Result<HttpResponse> response) {
      TarballState& state = tarballs[key];
      std::string what = "tarball of " + label(state.spec);
      if (!response || !response->ok() || digest->error) body->reset();
      if (!response) return finish_tarball(key, std::unexpected(response.error().wrap("downloading " + label(state.spec))));
      if (!response->ok()) return finish_tarball(key, std::unexpected(http_status_error(*response, what, state.spec.url)));
      if (digest->error) return finish_tarball(key, std::unexpected(*digest->error));
      stats.bytes_downloaded += body->received;
      Integrity actual{digest->algorithm, digest->hasher.value().finish()};
      std::string store_key = key;
      if (state.integrity && actual != *state.integrity) {
        body->reset();
        return finish_tarball(key, fail(ErrorCode::kIntegrity,
                                        "integrity check failed for " + label(state.spec) + ": expected " +
                                            state.integrity->to_string() + ", got " + actual.to_string(),
                                        state.spec.url,
                                        "the registry served different bytes than it published; nothing was "
                                        "stored. Try again, or report it to the registry"));
      }
      if (!state.integrity) {
        logger.warn(label(state.spec) + " has no published integrity; storing it under its own sha512");
        store_key = actual.store_key();
      }
      ++stats.tarballs_downloaded;
      if (body->job) {
        // Verified: the extraction may finish and enter the store (stored() does the rest).
        body->job->integrity = actual.to_string();
        body->job->size = body->received;
        body->job->stream.close();
        body->job.reset();
        return;
      }
      unpack(key, store_key, actual.to_string(), std::make_shared<std::string>(std::move(body->bytes)));
    });
  }

  void start_stream(const std::string& key, TarballBody& body) {
    auto job = std::make_shared<StreamJob>();
    body.job = job;
    {
      std::lock_guard lock(mutex);
      ++on_workers;
    }
    std::string url = tarballs[key].spec.url;
    logger.verbose(label(tarballs[key].spec) + " is unpacked as it downloads");
    std::thread thread([this, job, key, url] {
      Result<UnpackedPackage> unpacked = store.unpack_stream(job->stream, key, url);
      std::lock_guard lock(mutex);
      from_workers.push_back([this, job, key, unpacked = std::move(unpacked)]() mutable {
        auto stream = streams.find(job.get());
        stream->second.second.join();
        streams.erase(stream);
        if (job->abandoned) return;
        if (unpacked) unpacked->tarball_size = job->size;
        stored(key, job->integrity, std::move(unpacked));
      });
      --on_workers;
      worker_done.notify_one();
      downloader.wakeup();
    });
    streams.emplace(job.get(), std::make_pair(job, std::move(thread)));
  }

  // An unpacked tarball goes into the index (on this thread, which owns it).
  void stored(const std::string& key, const std::string& integrity, Result<UnpackedPackage> unpacked) {
    if (!unpacked) return finish_tarball(key, std::unexpected(unpacked.error()));
    for (const std::string& skipped : unpacked->extraction.skipped) {
      logger.verbose(label(tarballs[key].spec) + ": skipped " + skipped);
    }
    const TarballSpec& spec = tarballs[key].spec;
    finish_tarball(key, store.record(*unpacked, integrity, spec.name, spec.version, unix_now()));
  }

  void unpack(const std::string& key, const std::string& store_key, const std::string& integrity,
              std::shared_ptr<std::string> body) {
    {
      std::lock_guard lock(mutex);
      ++on_workers;
    }
    std::string url = tarballs[key].spec.url;
    pool.post([this, key, store_key, integrity, body, url] {
      Result<UnpackedPackage> unpacked = store.unpack(*body, store_key, url);
      std::lock_guard lock(mutex);
      from_workers.push_back([this, key, integrity, unpacked = std::move(unpacked)]() mutable {
        stored(key, integrity, std::move(unpacked));
      });
      --on_workers;
      worker_done.notify_one();
      downloader.wakeup();
    });
  }

  // ---- the loop ----

  // Runs ready callbacks (tarballs' first: they keep the linking threads busy), and those
  // they queue, until none is left or `done()` holds. Checked after each one: from a warm
  // cache every document is at hand, and a waiting resolver resumes with the one it needs
  // rather than after the speculative reads of all the others.
  bool run_ready(const std::function<bool()>& done) {
    bool worked = false;
    while (!(done && done())) {
      ReadyQueue& queue = tarballs_ready.empty() ? ready : tarballs_ready;
      if (queue.empty()) break;
      std::function<void()> callback = std::move(queue.front());
      queue.pop_front();
      callback();
      worked = true;
    }
    return worked;
  }

  bool anything_ready() const { return !ready.empty() || !tarballs_ready.empty(); }

  bool drain(const std::function<bool()>& done) {
    std::vector<std::function<void()>> finished;
    {
      std::lock_guard lock(mutex);
      finished.swap(from_workers);
    }
    for (auto& callback : finished) callback();
    return run_ready(done) || !finished.empty();
  }

  void run() { run_until(nullptr); }

  bool run_until(const std::function<bool()>& done) {
    while (true) {
      bool worked = drain(done);
      if (done && done()) return true;
      if (!lock_waiters.empty()) check_lock_waiters();
      std::chrono::milliseconds wait = lock_waiters.empty() ? std::chrono::milliseconds(1000) : kLockPollInterval;
      bool network = downloader.step(anything_ready() ? std::chrono::milliseconds(0) : wait);
      if (network || worked || anything_ready()) continue;
      std::unique_lock lock(mutex);
      if (!from_workers.empty()) continue;
      if (on_workers == 0 && lock_waiters.empty()) break;
      worker_done.wait_for(lock, wait, [this] { return !from_workers.empty(); });
    }
    if (!used_keys.empty() && !done) {
      if (auto touched = store.touch_packages(used_keys, unix_now()); !touched) {
        logger.verbose("cannot update package use times: " + describe(touched.error()));
      }
      used_keys.clear();
    }
    return done ? done() : true;
  }
};

Result<FetchSession> FetchSession::open(const Config& config, const Logger& logger, size_t unpack_threads,
                                       IndexOpening index_opening) {
  FetchSession session;
  Result<DownloaderOptions> network = downloader_options(config);
  if (!network) return std::unexpected(network.error());
  Result<FetcherOptions> fetching = fetcher_options_from(config);
  if (!fetching) return std::unexpected(fetching.error());
  fetching->unpack_threads = unpack_threads;
  Result<std::unique_ptr<Downloader>> downloader = Downloader::create(*network);
  if (!downloader) return std::unexpected(downloader.error());
  session.downloader = std::move(*downloader);
  // A cache with nothing stored yet: whatever the install is, it downloads. libcurl loads
  // on another thread (~12 ms, 30 libraries, libcrypto among them) while the store is
  // made. A new cache's index opens when written to, on the index's writer thread, so
  // libcurl loads at once. An older cache's index opens here: SQLite loads first, as a
  // dlopen waits for any other in progress to end.
  if (Store::holds_nothing(config.cache_dir())) {
    if (!Store::is_new(config.cache_dir())) (void)sqlite_library();
    session.downloader->prepare();
  }
  Result<Store> store = Store::open(config.cache_dir(), index_opening);
  if (!store) return std::unexpected(store.error());
  session.store = std::make_unique<Store>(std::move(*store));
  session.fetcher = std::make_unique<PackageFetcher>(config, *session.downloader, *session.store, logger, *fetching);
  return session;
}

PackageFetcher::PackageFetcher(const Config& config, Downloader& downloader, Store& store, const Logger& logger,
                               const FetcherOptions& options)
    : impl_(std::make_unique<Impl>(config, downloader, store, logger, options)) {}

PackageFetcher::~PackageFetcher() = default;

void PackageFetcher::fetch_document(std::string_view name, DocumentDone done) {
  std::string key(name);
  auto [it, inserted] = impl_->documents.try_emplace(key);
  it->second.wait(impl_->ready, std::move(done));
  if (inserted) impl_->start_document(key);
}

void PackageFetcher::fetch_tarball(const TarballSpec& spec, TarballDone done) {
  std::optional<Integrity> integrity;
  if (!spec.integrity.empty()) {
    if (auto parsed = parse_integrity(spec.integrity)) integrity = *parsed;
  }
  if (!integrity && !spec.shasum.empty()) {
    if (auto parsed = integrity_from_shasum(spec.shasum)) integrity = *parsed;
  }
  // Without a published digest the URL is the only identity we have before downloading.
  std::string key = integrity ? integrity->store_key() : "url:" + spec.url;
  auto [it, inserted] = impl_->tarballs.try_emplace(key);
  it->second.pending.wait(impl_->tarballs_ready, std::move(done));
  if (!inserted) return;
  it->second.spec = spec;
  it->second.integrity = integrity;
  impl_->start_tarball(key);
}

void PackageFetcher::run() {
  impl_->downloader.expect_no_more_requests();
  impl_->run();
}

void PackageFetcher::deliver() {
  impl_->run_ready(nullptr);
  impl_->downloader.send_soon();
}

void PackageFetcher::deliver_tarballs() {
  while (!impl_->tarballs_ready.empty()) {
    std::function<void()> callback = std::move(impl_->tarballs_ready.front());
    impl_->tarballs_ready.pop_front();
    callback();
  }
}

bool PackageFetcher::run_until(const std::function<bool()>& done) { return impl_->run_until(done); }

const FetcherStats& PackageFetcher::stats() const { return impl_->stats; }

}  // namespace lode
