// epoll_reactor: epoll_wait with the executor's next timer deadline as its
// timeout, and the dispatch of readiness events to waiting operations.
#include "skirmish/rt/epoll_reactor.hpp"

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace skirmish::rt {

namespace {
constexpr int batch_size = 256;
constexpr std::uint32_t read_events = EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR;
constexpr std::uint32_t write_events = EPOLLOUT | EPOLLHUP | EPOLLERR;
}  // namespace

const char* io_error::message() const noexcept {
  const char* s = ::strerrordesc_np(code);
  return s != nullptr ? s : "unknown error";
}

const char* io_error::name() const noexcept {
  const char* s = ::strerrorname_np(code);
  return s != nullptr ? s : "E?";
}

epoll_reactor::epoll_reactor() noexcept : batch_(new (std::nothrow)::epoll_event[batch_size]) {
  epfd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epfd_ < 0) error_ = io_error{errno};
  if (!batch_ && epfd_ >= 0) {
    ::close(epfd_);
    epfd_ = -1;
    error_ = io_error{ENOMEM};
  }
}

epoll_reactor::~epoll_reactor() {
  if (epfd_ >= 0) ::close(epfd_);
}

instant epoll_reactor::now() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return instant(duration(static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec));
}

io_result<void> epoll_reactor::add(detail::fd_state& s) noexcept {
  if (epfd_ < 0) return fail(error_);
  if (s.registered) return {};
  ::epoll_event ev{};
  // note: both directions at once and edge-triggered, so an fd costs one
  // epoll_ctl for its whole life instead of one per wait.
  ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
  ev.data.ptr = &s;
  if (::epoll_ctl(epfd_, EPOLL_CTL_ADD, s.fd, &ev) < 0) return fail(io_error{errno});
  s.registered = true;
  ++registered_;
  return {};
}

void epoll_reactor::remove(detail::fd_state& s) noexcept {
  if (!s.registered) return;
  s.registered = false;
  --registered_;
  // note: explicit, because closing an fd leaves it in the epoll set while a
  // dup of it (a forked child, a hand-off) keeps the file open.
  ::epoll_ctl(epfd_, EPOLL_CTL_DEL, s.fd, nullptr);
}

bool epoll_reactor::wait(std::optional<instant> deadline) {
  if (!deadline && registered_ == 0) return false;
  if (epfd_ < 0) {
    if (!deadline) return false;
    instant t = *deadline;
    timespec ts{static_cast<time_t>(t.time_since_epoch().count() / 1'000'000'000),
                static_cast<long>(t.time_since_epoch().count() % 1'000'000'000)};
    ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
    return true;
  }
  duration left = duration::zero();
  if (deadline) {
    left = *deadline - now();
    if (left < duration::zero()) left = duration::zero();
  }
  int n = -1;
  if (use_pwait2_) {
    timespec ts{static_cast<time_t>(left.count() / 1'000'000'000), static_cast<long>(left.count() % 1'000'000'000)};
    n = ::epoll_pwait2(epfd_, batch_.get(), batch_size, deadline ? &ts : nullptr, nullptr);
    if (n < 0 && errno == ENOSYS) use_pwait2_ = false;
  }
  if (!use_pwait2_) {
    // note: rounded up, so the executor never wakes just before a timer and spins.
    int ms = -1;
    if (deadline) ms = static_cast<int>((left.count() + 999'999) / 1'000'000);
    n = ::epoll_wait(epfd_, batch_.get(), batch_size, ms);
  }
  ++waits_;
  if (n < 0) return errno == EINTR;
  dispatch(n);
  return true;
}

void epoll_reactor::dispatch(int n) noexcept {
  // note: only syscalls and wakes happen here, never task code, so no
  // fd_state named by this batch can be freed while the batch is walked.
  for (int i = 0; i < n; ++i) {
    std::uint32_t ev = batch_[i].events;
    auto* s = static_cast<detail::fd_state*>(batch_[i].data.ptr);
    if ((ev & read_events) != 0) {
      s->readable = true;
      if ((ev & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) s->hung_up = true;
      detail::progress(s->reader);
    }
    if ((ev & write_events) != 0) {
      s->writable = true;
      detail::progress(s->writer);
    }
  }
  events_ += static_cast<std::uint64_t>(n);
}

}  // namespace skirmish::rt
