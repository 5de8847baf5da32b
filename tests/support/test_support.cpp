#include "tests/support/test_support.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

namespace lode::test {

std::string gzip(std::string_view data) {
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

namespace {

std::string required_variable(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) FAIL(std::string(name) + " is not set: run the tests with `meson test`");
  return value;
}

}  // namespace

fs::path lode_binary() { return required_variable("TEST_LODE_BIN"); }
fs::path source_root() { return required_variable("TEST_SOURCE_ROOT"); }

std::string python() {
  const char* value = std::getenv("TEST_PYTHON");
  return value && *value ? value : "python3";
}

Sandbox::Sandbox() : dir_(*TempDir::create({}, "lode-test-")) {
  root_ = fs::canonical(dir_.path());
  for (const fs::path& dir : {home(), cache(), project()}) fs::create_directories(dir);
  Environment process_env = Environment::from_process();
  env_.set("PATH", process_env.get_or("PATH", "/usr/bin:/bin"));
  env_.set("HOME", home().string());
  env_.set("XDG_CACHE_HOME", cache().string());
  env_.set("LANG", "C.UTF-8");
  // Tests never reach the internet: a test that sets no registry of its own (a project
  // .npmrc, a flag) gets a closed local port, not the default registry. The project's
  // folder has no package.json until the test writes one, so lode may look above it.
  write(home() / ".npmrc", "registry=http://127.0.0.1:9/\n");
}

fs::path Sandbox::resolve(const fs::path& path) const {
  return path.is_absolute() ? path : project() / path;
}

void Sandbox::write(const fs::path& path, std::string_view content) const {
  fs::path target = resolve(path);
  fs::create_directories(target.parent_path());
  auto written = write_file_atomic(target, content);
  if (!written) FAIL("cannot write " << target << ": " << written.error().message);
}

std::string Sandbox::read(const fs::path& path) const {
  auto text = read_file(resolve(path));
  if (!text) FAIL("cannot read " << resolve(path) << ": " << text.error().message);
  return *text;
}

LodeResult Sandbox::run(const std::vector<std::string>& argv, const RunOptions& options) const {
  ProcessSpec spec;
  spec.argv = argv;
  spec.env = env_;
  spec.cwd = options.cwd.empty() ? project() : options.cwd;
  spec.stdin_mode = Stdio::kCapture;
  spec.stdin_data = options.stdin_data;
  spec.stdout_mode = Stdio::kCapture;
  spec.stderr_mode = Stdio::kCapture;
  spec.timeout = options.timeout;
  auto result = run_process(spec);
  if (!result) FAIL("cannot run " << argv.front() << ": " << result.error().message);
  if (result->timed_out) FAIL(argv.front() << " timed out; stderr: " << result->stderr_text);
  return {result->shell_status(), result->stdout_text, result->stderr_text};
}

LodeResult Sandbox::lode(const std::vector<std::string>& args, const RunOptions& options) const {
  std::vector<std::string> argv = {lode_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, options);
}

namespace {

sockaddr_in loopback_address(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

int connect_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address = loopback_address(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
  ::close(fd);
  return -1;
}

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address = loopback_address(0);
  socklen_t length = sizeof address;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

RegistryServer::RegistryServer(const Options& options) {
  ProcessSpec spec;
  spec.argv = {python(), (source_root() / "tests/registry_server/server.py").string(), "--port", "0"};
  std::vector<fs::path> dirs = options.package_dirs;
  if (dirs.empty()) dirs.push_back(source_root() / "tests/fixtures/registry");
  for (const fs::path& dir : dirs) {
    spec.argv.push_back("--packages");
    spec.argv.push_back(dir.string());
  }
  spec.argv.insert(spec.argv.end(), options.extra_args.begin(), options.extra_args.end());
  spec.stdout_mode = Stdio::kCapture;
  spec.stderr_mode = Stdio::kInherit;
  spec.stdin_mode = Stdio::kNull;
  auto child = ChildProcess::spawn(spec);
  if (!child) FAIL("cannot start the test registry: " << child.error().message);
  process_.emplace(std::move(*child));
  // The server prints "listening on <url>" once its socket is bound.
  auto line = process_->read_stdout_line(std::chrono::seconds(30));
  if (!line) FAIL("the test registry did not start");
  size_t at = line->find("http://");
  if (at == std::string::npos) at = line->find("https://");  // with --tls-cert
  if (at == std::string::npos) FAIL("unexpected first line from the test registry: " << *line);
  url_ = line->substr(at);
  size_t colon = url_.rfind(':');
  port_ = std::atoi(url_.c_str() + colon + 1);
}

std::string RegistryServer::control(std::string_view method, std::string_view path, std::string_view body) const {
  int fd = connect_loopback(port_);
  if (fd < 0) FAIL("cannot connect to the test registry on port " << port_);
  // HTTP/1.0: the server closes the connection after answering, which ends the read.
  std::string request = std::string(method) + " " + std::string(path) + " HTTP/1.0\r\nHost: 127.0.0.1\r\n" +
                        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\n\r\n" + std::string(body);
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string response;
  char buffer[65536];
  ssize_t n = 0;
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  size_t body_start = response.find("\r\n\r\n");
  REQUIRE(body_start != std::string::npos);
  INFO(response.substr(0, response.find("\r\n")));
  REQUIRE(response.find(" 200 ") != std::string::npos);
  return response.substr(body_start + 4);
}

nlohmann::json RegistryServer::requests() const {
  return nlohmann::json::parse(control("GET", "/-/lode-test/requests"));
}

void RegistryServer::clear_requests() const { control("DELETE", "/-/lode-test/requests"); }

void RegistryServer::set_faults(const nlohmann::json& rules) const {
  control("POST", "/-/lode-test/faults", rules.dump());
}

size_t RegistryServer::count_requests(std::string_view path) const {
  size_t count = 0;
  for (const auto& entry : requests()) {
    if (entry["path"] == path) ++count;
  }
  return count;
}

}  // namespace lode::test
