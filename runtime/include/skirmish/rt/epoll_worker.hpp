// worker: what one thread of a worker_pool owns: its reactor, its executor,
// its inbox, and the event that asks it to stop. Lives on its thread's stack.
#pragma once

#include <cstddef>

#include "skirmish/rt/epoll_inbox.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/local_executor.hpp"

namespace skirmish::rt {

struct worker {
  explicit worker(std::size_t i) noexcept : index(i) {}
  worker(const worker&) = delete;
  worker& operator=(const worker&) = delete;

  // note: the order matters for destruction (reverse): the inbox stops its
  // drain first, then the executor destroys every task frame (whose
  // awaiters leave `stopping` and the reactor's fds), then the rest goes.
  std::size_t index;
  epoll_reactor reactor;
  event stopping;  // set by worker_pool::request_stop()
  local_executor executor{reactor};
  inbox mailbox{reactor, executor};
};

}  // namespace skirmish::rt
