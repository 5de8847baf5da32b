// A fixed set of worker threads running posted tasks in order of posting, those posted
// kFirst ahead of the others. Used to unpack tarballs (and parse package documents, first)
// while the downloader keeps fetching on the main thread. Tasks must not throw.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lode {

enum class TaskPriority { kNormal, kFirst };

class WorkerPool {
 public:
  // A pool of `threads` workers (at least one), started when the first task is posted.
  explicit WorkerPool(size_t threads);
  // Finishes the queued tasks, then joins the workers.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void post(std::function<void()> task, TaskPriority priority = TaskPriority::kNormal);

  // Runs the oldest queued task on the calling thread, which has nothing better to do
  // than wait for the workers. Returns false when no task was queued.
  bool run_one();

  // Runs every task on the workers (and the calling thread) and returns when all have
  // finished.
  void run_all(std::vector<std::function<void()>> tasks);

 private:
  void work();
  // The next task to run; the mutex is held and a task is queued.
  std::function<void()> take_next();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  size_t first_queued_ = 0;  // the kFirst tasks, at the front of tasks_
  bool stopping_ = false;
  size_t thread_count_;
  std::vector<std::thread> threads_;  // empty until the first post()
};

}  // namespace lode
