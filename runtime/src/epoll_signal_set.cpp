// signal_set: blocking signals in the thread and reading signalfd_siginfo.
#include "skirmish/rt/epoll_signal_set.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace skirmish::rt {

namespace {
sigset_t make_set(std::initializer_list<int> signals) noexcept {
  sigset_t set;
  sigemptyset(&set);
  for (int s : signals) sigaddset(&set, s);
  return set;
}

io_result<void> change_mask(int how, std::initializer_list<int> signals) noexcept {
  sigset_t set = make_set(signals);
  // note: pthread_sigmask returns the error instead of setting errno.
  if (int e = ::pthread_sigmask(how, &set, nullptr); e != 0) return fail(io_error{e});
  return {};
}
}  // namespace

io_result<void> signal_set::block(std::initializer_list<int> signals) noexcept {
  return change_mask(SIG_BLOCK, signals);
}

io_result<void> signal_set::unblock(std::initializer_list<int> signals) noexcept {
  return change_mask(SIG_UNBLOCK, signals);
}

io_result<signal_set> signal_set::open(epoll_reactor& r, std::initializer_list<int> signals) noexcept {
  if (auto b = block(signals); !b) return fail(b.error());
  sigset_t set = make_set(signals);
  int fd = ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) return fail(io_error{errno});
  auto registered = async_fd::adopt_nonblocking(r, fd);
  if (!registered) return fail(registered.error());
  return signal_set(std::move(*registered));
}

io_result<int> signal_set::read_one::operator()() const noexcept {
  signalfd_siginfo info{};
  for (;;) {
    ssize_t n = ::read(fd, &info, sizeof info);
    if (n == static_cast<ssize_t>(sizeof info)) return static_cast<int>(info.ssi_signo);
    if (n >= 0) return fail(io_error{EIO});
    if (errno != EINTR) return fail(io_error{errno});
  }
}

}  // namespace skirmish::rt
