// WorkerPool and FileLock: the two primitives lode's parallel and multi-process work uses.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "base/file_lock.h"
#include "base/process.h"
#include "base/worker_pool.h"

using namespace lode;

TEST_CASE("WorkerPool runs every task before it is destroyed", "[base]") {
  std::atomic<int> done{0};
  {
    WorkerPool pool(3);
    for (int i = 0; i < 200; ++i) pool.post([&] { done.fetch_add(1); });
  }
  CHECK(done.load() == 200);
}

TEST_CASE("FileLock excludes other processes until released", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "x.lock";
  auto held = FileLock::acquire(path);
  REQUIRE(held);
  // flock locks belong to open file descriptions: another process sees it held.
  ProcessSpec probe;
  probe.argv = {"flock", "--nonblock", path.string(), "true"};
  probe.stdout_mode = Stdio::kNull;
  probe.stderr_mode = Stdio::kNull;
  auto blocked = run_process(probe);
  REQUIRE(blocked);
  CHECK(blocked->exit_code != 0);
  {
    FileLock moved = std::move(*held);
  }
  auto free = run_process(probe);
  REQUIRE(free);
  CHECK(free->exit_code == 0);
  auto again = FileLock::try_acquire(path);
  REQUIRE(again);
  CHECK(again->has_value());
  // A second descriptor in this process is refused too while the first holds it.
  auto second = FileLock::try_acquire(path);
  REQUIRE(second);
  CHECK_FALSE(second->has_value());
}
