// File descriptors watched with epoll, plus a wakeup any thread can send: the event loop
// under the downloader. libcurl says which sockets it wants watched and for what; the
// poller says which are ready. A round costs in proportion to the sockets that are ready,
// where poll() (and curl_multi_poll, and curl_multi_perform while connecting) cost in
// proportion to every socket open: 64 of them during an install.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <unordered_set>

#include "base/error.h"

namespace lode {

// What a descriptor is watched for, and what it is ready for (a bit set).
enum EventFlags : unsigned {
  kEventReadable = 1,
  kEventWritable = 2,
  kEventError = 4,  // an error or a hang-up: only ever reported, never asked for
};

class EventPoller {
 public:
  // An empty set with its wakeup descriptor; fails (kIo) when the kernel refuses either.
  static Result<std::unique_ptr<EventPoller>> create();
  ~EventPoller();
  EventPoller(const EventPoller&) = delete;
  EventPoller& operator=(const EventPoller&) = delete;

  // Watches `fd` for `flags` (kEventReadable and/or kEventWritable), replacing what it was
  // watched for. A descriptor closed and reused since it was last watched is fine (epoll
  // forgets closed descriptors by itself). Returns false when the kernel refuses.
  bool watch(int fd, unsigned flags);
  // Stops watching `fd`; nothing happens if it was not watched or is closed already.
  void forget(int fd);

  // Waits at most `timeout` (0: just looks) for watched descriptors to be ready or for a
  // wakeup, then calls `ready(fd, flags)` for each ready descriptor. Returns how many
  // were ready (a wakeup alone returns 0), or -1 when interrupted by a signal.
  int wait(std::chrono::milliseconds timeout, const std::function<void(int fd, unsigned flags)>& ready);

  // Ends the wait() in progress, or the next one, at once. Safe from any thread.
  void wake();

 private:
  EventPoller(int epoll_fd, int wake_fd) : epoll_fd_(epoll_fd), wake_fd_(wake_fd) {}
  int epoll_fd_;
  int wake_fd_;  // an eventfd, watched for reading
  std::unordered_set<int> watched_;
};

}  // namespace lode
