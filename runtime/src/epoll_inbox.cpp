// inbox: the eventfd notification protocol and the drain task.
#include "skirmish/rt/epoll_inbox.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include "skirmish/rt/yield_now.hpp"

namespace skirmish::rt {

inbox::inbox(epoll_reactor& r, local_executor& ex) noexcept : reactor_(r) {
  int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) return;
  auto registered = async_fd::adopt_nonblocking(r, fd);
  if (!registered) return;
  efd_io_ = std::move(*registered);
  efd_ = fd;
  drainer_ = ex.spawn(drain());
}

inbox::~inbox() {
  drainer_.cancel();
  efd_io_.close();
  while (auto* n = static_cast<node*>(queue_.pop())) n->finish(n, *this, false);
}

void inbox::push(node* n) noexcept {
  queue_.push(n);
  // note: the exchange comes after the push, and the consumer clears the flag
  // after reading the eventfd and before popping; so either the consumer's
  // clear synchronizes with this exchange and it sees the item, or this
  // exchange sees false and writes a fresh notification.
  if (signalled_.exchange(true, std::memory_order_acq_rel)) return;
  std::uint64_t one = 1;
  while (::write(efd_, &one, sizeof one) < 0 && errno == EINTR) {
  }
}

io_result<std::uint64_t> inbox::read_counter::operator()() const noexcept {
  std::uint64_t count = 0;
  for (;;) {
    if (::read(fd, &count, sizeof count) == static_cast<ssize_t>(sizeof count)) return count;
    if (errno != EINTR) return fail(io_error{errno});
  }
}

task<void> inbox::drain() {
  for (;;) {
    auto woken = co_await efd_io_.run(io_direction::read, read_counter{efd_});
    if (!woken) co_return;
    signalled_.exchange(false, std::memory_order_acq_rel);
    std::size_t ran = 0;
    while (auto* n = static_cast<node*>(queue_.pop())) {
      n->finish(n, *this, true);
      ++delivered_;
      if (++ran == batch) {
        ran = 0;
        co_await yield_now();
      }
    }
  }
}

}  // namespace skirmish::rt
