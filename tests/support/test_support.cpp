#include "tests/support/test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace lode::test {

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
  if (at == std::string::npos) FAIL("unexpected first line from the test registry: " << *line);
  url_ = line->substr(at);
}

}  // namespace lode::test
