#include "base/event_poller.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

namespace lode {

namespace {

uint32_t epoll_events(unsigned flags) {
  uint32_t events = 0;
  if (flags & kEventReadable) events |= EPOLLIN;
  if (flags & kEventWritable) events |= EPOLLOUT;
  return events;
}

}  // namespace

Result<std::unique_ptr<EventPoller>> EventPoller::create() {
  int epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) return std::unexpected(system_error(ErrorCode::kIo, "cannot create an epoll set", "", errno));
  int wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd < 0) {
    int saved = errno;
    ::close(epoll_fd);
    return std::unexpected(system_error(ErrorCode::kIo, "cannot create an eventfd", "", saved));
  }
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_fd;
  if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &event) != 0) {
    int saved = errno;
    ::close(wake_fd);
    ::close(epoll_fd);
    return std::unexpected(system_error(ErrorCode::kIo, "cannot watch an eventfd", "", saved));
  }
  return std::unique_ptr<EventPoller>(new EventPoller(epoll_fd, wake_fd));
}

EventPoller::~EventPoller() {
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

bool EventPoller::watch(int fd, unsigned flags) {
  epoll_event event{};
  event.events = epoll_events(flags);
  event.data.fd = fd;
  // What we remember may be stale both ways: a descriptor closed without forget() left
  // the set by itself, and its number may come back for a new socket.
  int first = watched_.contains(fd) ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
  if (::epoll_ctl(epoll_fd_, first, fd, &event) != 0) {
    int other = first == EPOLL_CTL_MOD ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if ((errno != ENOENT && errno != EEXIST) || ::epoll_ctl(epoll_fd_, other, fd, &event) != 0) {
      watched_.erase(fd);
      return false;
    }
  }
  watched_.insert(fd);
  return true;
}

void EventPoller::forget(int fd) {
  if (watched_.erase(fd) == 0) return;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);  // fails harmlessly if closed already
}

int EventPoller::wait(std::chrono::milliseconds timeout,
                      const std::function<void(int fd, unsigned flags)>& ready) {
  epoll_event events[64];
  int count = ::epoll_wait(epoll_fd_, events, 64, static_cast<int>(std::max<int64_t>(0, timeout.count())));
  if (count < 0) return -1;
  int descriptors = 0;
  for (int i = 0; i < count; ++i) {
    int fd = events[i].data.fd;
    if (fd == wake_fd_) {
      uint64_t ignored;
      (void)!::read(wake_fd_, &ignored, sizeof ignored);
      continue;
    }
    unsigned flags = 0;
    if (events[i].events & EPOLLIN) flags |= kEventReadable;
    if (events[i].events & EPOLLOUT) flags |= kEventWritable;
    if (events[i].events & (EPOLLERR | EPOLLHUP)) flags |= kEventError;
    ++descriptors;
    ready(fd, flags);
  }
  return descriptors;
}

void EventPoller::wake() {
  uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

}  // namespace lode
