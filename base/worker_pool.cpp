#include "base/worker_pool.h"

#include <algorithm>

namespace lode {

WorkerPool::WorkerPool(size_t threads) : thread_count_(std::max<size_t>(1, threads)) {}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::post(std::function<void()> task, TaskPriority priority) {
  {
    std::lock_guard lock(mutex_);
    if (priority == TaskPriority::kFirst) {
      tasks_.insert(tasks_.begin() + static_cast<std::ptrdiff_t>(first_queued_), std::move(task));
      ++first_queued_;
    } else {
      tasks_.push_back(std::move(task));
    }
    // Started with the first task, not with the pool: creating a thread waits for any
    // dlopen in progress (the loader's lock), and the pool is made while libcurl loads.
    if (threads_.empty()) {
      for (size_t i = 0; i < thread_count_; ++i) threads_.emplace_back([this] { work(); });
    }
  }
  ready_.notify_one();
}

void WorkerPool::run_all(std::vector<std::function<void()>> tasks) {
  std::mutex done_mutex;
  std::condition_variable all_done;
  size_t left = tasks.size();
  for (auto& task : tasks) {
    post([&, task = std::move(task)] {
      task();
      std::lock_guard lock(done_mutex);
      if (--left == 0) all_done.notify_one();
    });
  }
  while (run_one()) {
  }
  std::unique_lock lock(done_mutex);
  all_done.wait(lock, [&] { return left == 0; });
}

bool WorkerPool::run_one() {
  std::function<void()> task;
  {
    std::lock_guard lock(mutex_);
    if (tasks_.empty()) return false;
    task = take_next();
  }
  task();
  return true;
}

std::function<void()> WorkerPool::take_next() {
  std::function<void()> task = std::move(tasks_.front());
  tasks_.pop_front();
  if (first_queued_ > 0) --first_queued_;
  return task;
}

void WorkerPool::work() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and nothing left to do
      task = take_next();
    }
    task();
  }
}

}  // namespace lode
