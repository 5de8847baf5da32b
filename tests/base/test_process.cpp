#include <signal.h>

#include <catch2/catch.hpp>

#include "base/process.h"

using namespace lode;
using namespace std::chrono_literals;

namespace {

ProcessSpec shell(std::string script) {
  ProcessSpec spec;
  spec.argv = {"sh", "-c", std::move(script)};
  spec.stdout_mode = Stdio::kCapture;
  spec.stderr_mode = Stdio::kCapture;
  return spec;
}

}  // namespace

TEST_CASE("run_process captures output and the exit code", "[base]") {
  auto result = run_process(shell("echo out; echo err >&2; exit 3"));
  REQUIRE(result);
  CHECK(result->stdout_text == "out\n");
  CHECK(result->stderr_text == "err\n");
  CHECK(result->exit_code == 3);
  CHECK_FALSE(result->succeeded());
  CHECK(result->shell_status() == 3);
}

TEST_CASE("run_process feeds stdin and handles large output", "[base]") {
  ProcessSpec spec = shell("cat; head -c 300000 /dev/zero | tr '\\0' x");
  spec.stdin_mode = Stdio::kCapture;
  spec.stdin_data = std::string(200000, 'y');
  auto result = run_process(spec);
  REQUIRE(result);
  CHECK(result->stdout_text.size() == 500000);
  CHECK(result->stdout_text.substr(0, 3) == "yyy");
}

TEST_CASE("run_process uses the given environment, cwd and PATH", "[base]") {
  ProcessSpec spec = shell("echo \"$GREETING\"; pwd");
  spec.env = Environment::from_entries({"GREETING=hi", "PATH=/usr/bin:/bin"});
  spec.cwd = "/";
  auto result = run_process(spec);
  REQUIRE(result);
  CHECK(result->stdout_text == "hi\n/\n");
}

TEST_CASE("run_process reports a missing program as kNotFound", "[base]") {
  ProcessSpec spec;
  spec.argv = {"lode-no-such-program-anywhere"};
  auto result = run_process(spec);
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ErrorCode::kNotFound);
}

TEST_CASE("run_process kills a child that outlives its timeout", "[base]") {
  ProcessSpec spec = shell("sleep 5");
  spec.timeout = 100ms;
  auto result = run_process(spec);
  REQUIRE(result);
  CHECK(result->timed_out);
  CHECK(result->signal == SIGKILL);
}

TEST_CASE("ChildProcess reads lines from a running child and reports signals", "[base]") {
  ProcessSpec spec = shell("echo ready; exec sleep 10");
  spec.stderr_mode = Stdio::kInherit;
  auto child = ChildProcess::spawn(spec);
  REQUIRE(child);
  CHECK(child->read_stdout_line(5s) == "ready");
  child->kill(SIGTERM);
  auto result = child->wait();
  REQUIRE(result);
  CHECK(result->signal == SIGTERM);
  CHECK(result->shell_status() == 128 + SIGTERM);
}

TEST_CASE("find_in_path finds executables only", "[base]") {
  CHECK(find_in_path("sh", "/nonexistent:/bin:/usr/bin").has_value());
  CHECK_FALSE(find_in_path("passwd", "/etc").has_value());  // a file, not executable
}
