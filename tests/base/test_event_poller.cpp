// EventPoller: descriptors reported as they become ready, wakeups from other threads.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "base/event_poller.h"

using namespace lode;
using namespace std::chrono_literals;

namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
};

// The descriptors one wait() reports, with their flags.
std::vector<std::pair<int, unsigned>> ready_after(EventPoller& poller, std::chrono::milliseconds timeout) {
  std::vector<std::pair<int, unsigned>> ready;
  poller.wait(timeout, [&](int fd, unsigned flags) { ready.emplace_back(fd, flags); });
  return ready;
}

}  // namespace

TEST_CASE("EventPoller reports what is ready, for what it was asked, until forgotten", "[base]") {
  auto poller = EventPoller::create();
  REQUIRE(poller);
  Pipe pipe;
  REQUIRE((*poller)->watch(pipe.read_end, kEventReadable));
  CHECK(ready_after(**poller, 0ms).empty());  // nothing to read yet
  REQUIRE(::write(pipe.write_end, "x", 1) == 1);
  auto ready = ready_after(**poller, 1000ms);
  REQUIRE(ready.size() == 1);
  CHECK(ready[0].first == pipe.read_end);
  CHECK((ready[0].second & kEventReadable) != 0);
  // Watched for writing instead: a pipe's read end never is.
  REQUIRE((*poller)->watch(pipe.read_end, kEventWritable));
  CHECK(ready_after(**poller, 0ms).empty());
  REQUIRE((*poller)->watch(pipe.write_end, kEventWritable));
  ready = ready_after(**poller, 0ms);
  REQUIRE(ready.size() == 1);
  CHECK(ready[0].first == pipe.write_end);
  (*poller)->forget(pipe.write_end);
  CHECK(ready_after(**poller, 0ms).empty());
}

TEST_CASE("EventPoller watches a descriptor number closed and reused without being forgotten", "[base]") {
  // libcurl may close a socket and open the next one under the same number.
  auto poller = EventPoller::create();
  REQUIRE(poller);
  int reused = -1;
  {
    Pipe first;
    REQUIRE((*poller)->watch(first.read_end, kEventReadable));
    reused = first.read_end;
  }
  Pipe second;  // the lowest free numbers: the first pipe's
  REQUIRE(second.read_end == reused);
  REQUIRE((*poller)->watch(second.read_end, kEventReadable));
  REQUIRE(::write(second.write_end, "x", 1) == 1);
  auto ready = ready_after(**poller, 1000ms);
  REQUIRE(ready.size() == 1);
  CHECK(ready[0].first == reused);
}

TEST_CASE("EventPoller's wake ends a wait from another thread, and one sent before it", "[base]") {
  auto poller = EventPoller::create();
  REQUIRE(poller);
  auto start = std::chrono::steady_clock::now();
  std::thread waker([&] {
    std::this_thread::sleep_for(50ms);
    (*poller)->wake();
  });
  CHECK(ready_after(**poller, 10000ms).empty());
  waker.join();
  CHECK(std::chrono::steady_clock::now() - start < 5000ms);
  (*poller)->wake();  // before the wait: not lost
  start = std::chrono::steady_clock::now();
  CHECK(ready_after(**poller, 10000ms).empty());
  CHECK(std::chrono::steady_clock::now() - start < 5000ms);
}
