// async_fd: registering an fd with its reactor, and closing or releasing it
// so that no waiting operation is left pointing at it.
#include "skirmish/rt/epoll_async_fd.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace skirmish::rt {

io_result<async_fd> async_fd::adopt(epoll_reactor& r, int fd) noexcept {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) return fail(io_error{errno});
  if ((flags & O_NONBLOCK) == 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
    int e = errno;
    ::close(fd);
    return fail(io_error{e});
  }
  return adopt_nonblocking(r, fd);
}

io_result<async_fd> async_fd::adopt_nonblocking(epoll_reactor& r, int fd) noexcept {
  std::unique_ptr<detail::fd_state> s(new (std::nothrow) detail::fd_state{});
  if (!s) {
    ::close(fd);
    return fail(io_error{ENOMEM});
  }
  s->fd = fd;
  if (auto added = r.add(*s); !added) {
    ::close(fd);
    return fail(added.error());
  }
  return async_fd(r, std::move(s));
}

void async_fd::close() noexcept {
  int fd = release();
  if (fd >= 0) ::close(fd);
}

int async_fd::release() noexcept {
  if (!state_ || state_->fd < 0) return -1;
  reactor_->remove(*state_);
  detail::cancel(state_->reader, ECANCELED);
  detail::cancel(state_->writer, ECANCELED);
  return std::exchange(state_->fd, -1);
}

}  // namespace skirmish::rt
