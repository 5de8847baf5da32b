// WorkerPool, FileLock and KeyLocks: the primitives lode's parallel and multi-process work uses.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

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

namespace {
// This process's threads, as the kernel lists them.
size_t thread_count() {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/task")) ++count;
  return count;
}
}  // namespace

TEST_CASE("WorkerPool starts its threads with the first task, not before", "[base]") {
  size_t before = thread_count();
  WorkerPool pool(2);
  CHECK(thread_count() == before);
  std::atomic<bool> ran{false};
  pool.run_all({[&] { ran = true; }});
  CHECK(ran.load());
  CHECK(thread_count() == before + 2);
}

namespace {

// Keeps a one-thread pool's worker busy until destroyed: what is queued meanwhile can
// only run on the thread that calls run_one().
class HeldWorker {
 public:
  explicit HeldWorker(WorkerPool& pool) {
    pool.post([this] {
      busy_ = true;
      while (!release_) std::this_thread::yield();
    });
    while (!busy_) std::this_thread::yield();
  }
  ~HeldWorker() { release_ = true; }

 private:
  std::atomic<bool> busy_{false};
  std::atomic<bool> release_{false};
};

}  // namespace

TEST_CASE("WorkerPool::run_one runs queued tasks on the calling thread", "[base]") {
  WorkerPool pool(1);
  HeldWorker held(pool);
  std::vector<std::thread::id> ran_on;
  for (int i = 0; i < 3; ++i) pool.post([&] { ran_on.push_back(std::this_thread::get_id()); });
  while (pool.run_one()) {
  }
  CHECK(ran_on == std::vector<std::thread::id>(3, std::this_thread::get_id()));
  CHECK_FALSE(pool.run_one());
}

TEST_CASE("WorkerPool runs tasks posted first ahead of the others, each kind in order", "[base]") {
  WorkerPool pool(1);
  HeldWorker held(pool);
  std::vector<std::string> order;
  pool.post([&] { order.push_back("normal 1"); });
  pool.post([&] { order.push_back("first 1"); }, TaskPriority::kFirst);
  pool.post([&] { order.push_back("normal 2"); });
  pool.post([&] { order.push_back("first 2"); }, TaskPriority::kFirst);
  while (pool.run_one()) {
  }
  CHECK(order == std::vector<std::string>{"first 1", "first 2", "normal 1", "normal 2"});
  // With the first ones taken, a new first one again goes ahead of what is queued.
  order.clear();
  pool.post([&] { order.push_back("normal 3"); });
  pool.post([&] { order.push_back("first 3"); }, TaskPriority::kFirst);
  while (pool.run_one()) {
  }
  CHECK(order == std::vector<std::string>{"first 3", "normal 3"});
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

TEST_CASE("KeyLocks excludes per key across open files and within one, until released", "[base]") {
  auto dir = TempDir::create();
  REQUIRE(dir);
  fs::path path = dir->path() / "downloads";
  auto mine = KeyLocks::open(path);
  // A second opening stands for another process: its locks are another description's.
  auto other = KeyLocks::open(path);
  REQUIRE(mine);
  REQUIRE(other);
  auto held = mine->try_lock("sha512-aaaa");
  REQUIRE(held);
  REQUIRE(held->has_value());
  auto refused = other->try_lock("sha512-aaaa");
  REQUIRE(refused);
  CHECK_FALSE(refused->has_value());
  auto again_here = mine->try_lock("sha512-aaaa");
  REQUIRE(again_here);
  CHECK_FALSE(again_here->has_value());
  // Other keys are free.
  auto different = other->try_lock("sha512-bbbb");
  REQUIRE(different);
  CHECK(different->has_value());
  held->reset();
  auto after = other->try_lock("sha512-aaaa");
  REQUIRE(after);
  CHECK(after->has_value());
  // One file for every key.
  CHECK(std::distance(fs::directory_iterator(dir->path()), fs::directory_iterator()) == 1);
}
