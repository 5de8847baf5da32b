// Helpers for tests that drive the built `lode` binary: a sandbox (temporary HOME, cache
// and project folder, clean environment) and the test registry server on 127.0.0.1.
// The build passes paths in through TEST_LODE_BIN, TEST_SOURCE_ROOT and TEST_PYTHON.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/environment.h"
#include "base/fs.h"
#include "base/process.h"

namespace lode::test {

// `data` as one gzip member (by zlib, not by the code under test).
std::string gzip(std::string_view data);

fs::path lode_binary();
fs::path source_root();
std::string python();

struct LodeResult {
  int status = -1;  // exit code, or 128 + signal
  std::string out;
  std::string err;
};

struct RunOptions {
  fs::path cwd;  // default: the sandbox's project folder
  std::string stdin_data;
  std::chrono::milliseconds timeout = std::chrono::seconds(60);
};

// A throw-away world for one test: <root>/home is HOME (with no .npmrc unless a test
// writes one), <root>/cache is XDG_CACHE_HOME, <root>/project is the working directory.
// The environment holds only PATH, HOME, XDG_CACHE_HOME and LANG, so nothing from the
// developer's machine (their npmrc, npm_config_* variables) leaks into a test.
class Sandbox {
 public:
  Sandbox();

  const fs::path& root() const { return root_; }
  fs::path home() const { return root_ / "home"; }
  fs::path cache() const { return root_ / "cache"; }
  fs::path project() const { return root_ / "project"; }
  Environment& env() { return env_; }
  const Environment& env() const { return env_; }

  // Writes `content` to `path` (relative paths are under the project), making folders.
  void write(const fs::path& path, std::string_view content) const;
  std::string read(const fs::path& path) const;

  // Runs the built lode with `args`.
  LodeResult lode(const std::vector<std::string>& args, const RunOptions& options = {}) const;
  // Runs any program in the sandbox's environment.
  LodeResult run(const std::vector<std::string>& argv, const RunOptions& options = {}) const;

 private:
  fs::path resolve(const fs::path& path) const;

  TempDir dir_;
  fs::path root_;
  Environment env_;
};

// A socket connected to 127.0.0.1:`port`, or -1 when nothing listens there.
int connect_loopback(int port);
// A port of 127.0.0.1 that was free a moment ago, for a server that cannot pick its own.
int free_loopback_port();

// The test registry (tests/registry_server/server.py) on a free port of 127.0.0.1,
// stopped when this object is destroyed.
class RegistryServer {
 public:
  struct Options {
    // Folders of fixture packages (<name>/<version>/package.json ...); default: the
    // shared fixtures in tests/fixtures/registry.
    std::vector<fs::path> package_dirs;
    std::vector<std::string> extra_args;  // e.g. {"--token", "s3cret"}
  };

  // Starts the server; a failed start fails the calling test.
  explicit RegistryServer(const Options& options = {});

  // "http://127.0.0.1:<port>/" ("https://..." when extra_args has --tls-cert)
  const std::string& url() const { return url_; }
  int port() const { return port_; }

  // The requests the server has seen (its /-/lode-test/requests log), oldest first. These
  // control calls speak plain HTTP: not for a server started with --tls-cert.
  nlohmann::json requests() const;
  void clear_requests() const;
  // Replaces the fault rules (see docs/test-registry.md).
  void set_faults(const nlohmann::json& rules) const;
  // How many logged requests had exactly this path.
  size_t count_requests(std::string_view path) const;

 private:
  // Sends one request to a control endpoint and returns the response body.
  std::string control(std::string_view method, std::string_view path, std::string_view body = "") const;

  std::optional<ChildProcess> process_;
  std::string url_;
  int port_ = 0;
};

}  // namespace lode::test
