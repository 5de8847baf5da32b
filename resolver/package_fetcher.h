// Where package documents and tarballs come from: the cache first, the registry when
// needed, by the network mode. This is where the registry layer (downloader, documents)
// and the cache layer (index, store) meet.
//
// Documents: a cached copy younger than its freshness (the server's max-age, else
// `cache-max-age`) is used as is; an older one is revalidated (If-None-Match /
// If-Modified-Since, 304 keeps it); --prefer-offline uses any cached copy; --offline
// never touches the network. If the registry cannot be reached, a stale cached copy is
// used with a warning.
//
// Tarballs: verified (sha512 integrity, or sha1 shasum for old packages) while they
// stream in, unpacked on worker threads while other downloads go on (those of 1 MB and
// more while they themselves download), and recorded in the store. Two processes never download the same tarball: the second waits for the first's
// lock and then finds it stored.
//
// Everything is asynchronous on one thread: requests take callbacks, run() drives the
// work until nothing is left, and callbacks may request more.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "base/log.h"
#include "cache/store.h"
#include "registry/config.h"
#include "registry/downloader.h"
#include "registry/package_document.h"

namespace lode {

enum class NetworkMode {
  kDefault,        // use fresh cached documents, revalidate stale ones
  kPreferOnline,   // revalidate every document
  kPreferOffline,  // use any cached document; fetch only what is missing
  kOffline,        // never use the network
};

// The mode the config asks for (--offline, --prefer-offline, --prefer-online).
Result<NetworkMode> network_mode_from(const Config& config);

struct FetcherOptions {
  NetworkMode mode = NetworkMode::kDefault;
  int64_t default_max_age = 300;  // seconds a document without Cache-Control stays fresh
  size_t unpack_threads = 2;
};

// FetcherOptions from the config (network mode, cache-max-age). Fails on invalid values.
Result<FetcherOptions> fetcher_options_from(const Config& config);

struct FetcherStats {
  int64_t documents_from_cache = 0;
  int64_t documents_revalidated = 0;  // 304 answers
  int64_t documents_downloaded = 0;
  int64_t tarballs_reused = 0;
  int64_t tarballs_downloaded = 0;
  int64_t bytes_downloaded = 0;
};

// What identifies a tarball to fetch.
struct TarballSpec {
  std::string name;
  std::string version;
  std::string url;
  std::string integrity;  // SRI; may be empty for very old packages
  std::string shasum;     // hex sha1; the fallback when integrity is empty
};

using SharedDocument = std::shared_ptr<const DocumentView>;

class PackageFetcher {
 public:
  using DocumentDone = std::function<void(Result<SharedDocument>)>;
  using TarballDone = std::function<void(Result<StoredPackage>)>;

  // All references must outlive the fetcher.
  PackageFetcher(const Config& config, Downloader& downloader, Store& store, const Logger& logger,
                 const FetcherOptions& options);
  ~PackageFetcher();
  PackageFetcher(const PackageFetcher&) = delete;
  PackageFetcher& operator=(const PackageFetcher&) = delete;

  // The document of `name` (from its scope's registry). Each name is fetched once per
  // fetcher; later requests share the result.
  void fetch_document(std::string_view name, DocumentDone done);

  // The package `spec` describes, in the store. Fails with kIntegrity when the download
  // does not match, kNotFound in offline mode when it is not cached.
  void fetch_tarball(const TarballSpec& spec, TarballDone done);

  // Drives downloads, unpacking and callbacks until all requests are done. The caller
  // has nothing more to ask for meanwhile: connections close as their transfers end.
  void run();

  // Runs the callbacks of requests answered already (packages found in the store) and
  // gets queued downloads going (Downloader::send_soon), nothing else: no waiting, no
  // completions, no writes to the store (so it may be called inside a read snapshot of the
  // index).
  void deliver();

  // Runs the callbacks of tarball requests answered already (packages found in the
  // store), and only those: a document's callback may not run inside the code that asked
  // for it, a tarball's may (the resolver's on_node hook hands stored packages on to be
  // linked while resolution goes on).
  void deliver_tarballs();

  // Drives them until `done()` holds (checked after each round of callbacks) or nothing
  // is left to do. Returns done().
  bool run_until(const std::function<bool()>& done);

  const FetcherStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A store, a downloader and a fetcher set up from the config and owned together (the
// fetcher refers to the other two, which therefore live on the heap).
struct FetchSession {
  std::unique_ptr<Store> store;
  std::unique_ptr<Downloader> downloader;
  std::unique_ptr<PackageFetcher> fetcher;

  // Opens the cache and sets up the network from `config`. Fails on an unusable cache
  // folder or invalid network settings.
  static Result<FetchSession> open(const Config& config, const Logger& logger, size_t unpack_threads,
                                   IndexOpening index_opening = IndexOpening::kNow);
};

}  // namespace lode
