// The fetcher against the test registry: cache first, revalidation, network modes,
// integrity, dedupe.
#include <catch2/catch.hpp>

#include "registry/registry_client.h"
#include "resolver/package_fetcher.h"
#include "tests/resolver/library_world.h"

using namespace lode;
using namespace lode::test;

namespace {

// A config pointing at `server`, a cache in a temp folder, and a fetcher factory.
struct FetchWorld : LibraryWorld {
  Config config;
  Store store;

  FetchWorld(RegistryServer& server, std::vector<std::pair<std::string, std::string>> flags = {})
      : LibraryWorld(server), config(load_config(std::move(flags))), store(*Store::open(dir.path() / "cache")) {}

  Result<SharedDocument> document(std::string_view name, NetworkMode mode = NetworkMode::kDefault,
                                  int64_t max_age = 300) {
    auto downloader = Downloader::create(*downloader_options(config));
    REQUIRE(downloader);
    PackageFetcher fetcher(config, **downloader, store, logger, {mode, max_age, 1});
    std::optional<Result<SharedDocument>> result;
    fetcher.fetch_document(name, [&](Result<SharedDocument> doc) { result = std::move(doc); });
    fetcher.run();
    REQUIRE(result.has_value());
    return *result;
  }

  Result<StoredPackage> tarball(const TarballSpec& spec, NetworkMode mode = NetworkMode::kDefault) {
    auto downloader = Downloader::create(*downloader_options(config));
    REQUIRE(downloader);
    PackageFetcher fetcher(config, **downloader, store, logger, {mode, 300, 2});
    std::optional<Result<StoredPackage>> result;
    fetcher.fetch_tarball(spec, [&](Result<StoredPackage> stored) { result = std::move(stored); });
    fetcher.run();
    REQUIRE(result.has_value());
    return *result;
  }

  TarballSpec spec_of(std::string_view name, std::string_view version) {
    auto doc = document(name, NetworkMode::kPreferOffline);
    REQUIRE(doc);
    const PackageVersion* v = (*doc)->find_version(version);
    REQUIRE(v);
    return {std::string(name), v->version, v->tarball, v->integrity, v->shasum};
  }
};

}  // namespace

TEST_CASE("documents come from the registry once, then from the cache while fresh", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  auto first = world.document("left-pad");
  REQUIRE(first);
  CHECK((*first)->size() == 4);
  CHECK((*first)->dist_tag("latest") == "1.3.0");
  auto second = world.document("left-pad");
  REQUIRE(second);
  CHECK((*second)->decode() == (*first)->decode());
  CHECK(server.count_requests("/left-pad") == 1);
  auto log = server.requests();
  CHECK(log[0]["headers"]["accept"].get<std::string>().starts_with("application/vnd.npm.install-v1+json"));
}

TEST_CASE("documents come gzipped and are inflated by the fetcher; an encoding it cannot read is asked again",
          "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  auto packed = world.document("left-pad");
  REQUIRE(packed);
  CHECK((*packed)->size() == 4);
  auto log = server.requests();
  REQUIRE(log.size() == 1);
  CHECK(log[0]["headers"]["accept-encoding"] == "gzip");
  // An answer in an encoding lode does not read itself: asked again, libcurl decodes.
  server.set_faults({{{"path", "/is-number"},
                      {"action", "status"},
                      {"status", 200},
                      {"headers", {{"Content-Encoding", "x-unknown"}}},
                      {"body", "not a document"},
                      {"times", 1}}});
  auto asked_again = world.document("is-number");
  REQUIRE(asked_again);
  CHECK((*asked_again)->name() == "is-number");
  CHECK(server.count_requests("/is-number") == 2);
}

TEST_CASE("stale documents are revalidated; 304 keeps the cached copy", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  REQUIRE(world.document("@lode-test/scoped"));
  auto again = world.document("@lode-test/scoped", NetworkMode::kPreferOnline);
  REQUIRE(again);
  CHECK((*again)->size() == 2);
  auto log = server.requests();
  REQUIRE(log.size() == 2);
  CHECK(log[1]["headers"].contains("if-none-match"));
  CHECK(log[1]["status"] == 304);
  CHECK(log[1]["path"] == "/@lode-test%2fscoped");
}

TEST_CASE("offline: cached documents only, a clear error otherwise", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  auto missing = world.document("left-pad", NetworkMode::kOffline);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
  CHECK(missing.error().message.find("--offline") != std::string::npos);
  REQUIRE(world.document("left-pad"));
  server.clear_requests();
  CHECK(world.document("left-pad", NetworkMode::kOffline));
  CHECK(world.document("left-pad", NetworkMode::kPreferOffline, 0));
  CHECK(server.requests().empty());
}

TEST_CASE("when the registry fails, a stale cached document is used", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  REQUIRE(world.document("left-pad"));
  server.set_faults({{{"path", "/left-pad"}, {"action", "status"}, {"status", 503}, {"times", -1}}});
  auto stale = world.document("left-pad", NetworkMode::kDefault, 0);
  REQUIRE(stale);
  CHECK((*stale)->size() == 4);
  auto never_cached = world.document("is-number");
  REQUIRE(never_cached);  // a different path: no fault
  server.set_faults({{{"path", "/deep-a"}, {"action", "status"}, {"status", 503}, {"times", -1}}});
  auto failed = world.document("deep-a");
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == ErrorCode::kHttp);
  CHECK(failed.error().message.find("after 3 attempts") != std::string::npos);
}

TEST_CASE("a registry that only serves full documents works the same", "[resolver]") {
  RegistryServer server({{}, {"--no-abbreviated"}});
  FetchWorld world(server);
  auto doc = world.document("with-install-script");
  REQUIRE(doc);
  CHECK((*doc)->manifest(0).has_install_script);  // computed from scripts
}

TEST_CASE("tarballs are verified, stored once, and reused", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  TarballSpec spec = world.spec_of("left-pad", "1.3.0");
  auto stored = world.tarball(spec);
  REQUIRE(stored);
  CHECK(stored->name == "left-pad");
  CHECK(fs::exists(world.store.package_dir(stored->key) / "package.json"));
  auto again = world.tarball(spec);
  REQUIRE(again);
  CHECK(again->key == stored->key);
  CHECK(server.count_requests("/left-pad/-/left-pad-1.3.0.tgz") == 1);
  // Offline with the package stored: fine.
  CHECK(world.tarball(spec, NetworkMode::kOffline));
}

TEST_CASE("a tarball that does not match its integrity is refused and not stored", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  TarballSpec spec = world.spec_of("is-number", "7.0.0");
  server.set_faults({{{"path", "/is-number/-/is-number-7.0.0.tgz"}, {"action", "corrupt"}, {"times", -1}}});
  auto stored = world.tarball(spec);
  REQUIRE_FALSE(stored);
  CHECK(stored.error().code == ErrorCode::kIntegrity);
  CHECK(stored.error().message.find("integrity check failed for is-number@7.0.0") == 0);
  CHECK(stored.error().subject == spec.url);
  CHECK((*world.store.index())->packages()->empty());
  size_t stored_files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(world.store.root() / "store")) {
    stored_files += entry.is_regular_file() ? 1 : 0;
  }
  CHECK(stored_files == 0);
}

TEST_CASE("old packages verify by sha1 shasum", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  TarballSpec spec = world.spec_of("deep-c", "1.0.0");
  spec.integrity.clear();
  auto stored = world.tarball(spec);
  REQUIRE(stored);
  CHECK(stored->key.starts_with("sha1-"));
  spec.shasum = std::string(40, '0');
  auto wrong = world.tarball(spec);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::kIntegrity);
}

TEST_CASE("one fetcher asks once for a name or tarball requested many times", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  TarballSpec spec = world.spec_of("deep-b", "1.0.0");
  server.clear_requests();
  auto downloader = Downloader::create(*downloader_options(world.config));
  REQUIRE(downloader);
  PackageFetcher fetcher(world.config, **downloader, world.store, world.logger, {NetworkMode::kPreferOnline, 300, 2});
  int documents = 0;
  int tarballs = 0;
  for (int i = 0; i < 5; ++i) {
    fetcher.fetch_document("deep-b", [&](Result<SharedDocument> doc) { documents += doc ? 1 : 0; });
    fetcher.fetch_tarball(spec, [&](Result<StoredPackage> stored) { tarballs += stored ? 1 : 0; });
  }
  fetcher.run();
  CHECK(documents == 5);
  CHECK(tarballs == 5);
  CHECK(server.count_requests("/deep-b") == 1);
  CHECK(server.count_requests("/deep-b/-/deep-b-1.0.0.tgz") == 1);
  CHECK(fetcher.stats().tarballs_downloaded == 1);
}

TEST_CASE("from a warm cache, answers come one at a time as they are needed", "[resolver]") {
  RegistryServer server;
  FetchWorld world(server);
  TarballSpec spec = world.spec_of("left-pad", "1.3.0");
  REQUIRE(world.tarball(spec));
  REQUIRE(world.document("is-number"));
  auto downloader = Downloader::create(*downloader_options(world.config));
  REQUIRE(downloader);
  PackageFetcher fetcher(world.config, **downloader, world.store, world.logger, {NetworkMode::kPreferOffline, 300, 1});
  std::vector<std::string> order;
  fetcher.fetch_document("left-pad", [&](Result<SharedDocument> doc) { order.push_back(doc ? "left-pad" : "error"); });
  fetcher.fetch_document("is-number", [&](Result<SharedDocument> doc) { order.push_back(doc ? "is-number" : "error"); });
  fetcher.fetch_tarball(spec, [&](Result<StoredPackage> stored) { order.push_back(stored ? "tarball" : "error"); });
  // Only tarballs' callbacks: the code that asked for a document is not re-entered.
  fetcher.deliver_tarballs();
  CHECK(order == std::vector<std::string>{"tarball"});
  // A wait ends as soon as its condition holds, the other answers staying queued.
  CHECK(fetcher.run_until([&] { return !order.empty() && order.back() == "left-pad"; }));
  CHECK(order == std::vector<std::string>{"tarball", "left-pad"});
  fetcher.run();
  CHECK(order == std::vector<std::string>{"tarball", "left-pad", "is-number"});
}
