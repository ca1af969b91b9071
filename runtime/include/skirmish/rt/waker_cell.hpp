// waker_cell: holds at most one waker. The building block of every leaf
// awaitable (timers, sockets, JS promises, channels): the waiting side
// registers, the producing side wakes.
#pragma once

#include <utility>

#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

class waker_cell {
 public:
  // Stores `w`, replacing (and dropping) any waker registered before.
  void register_waker(waker w) noexcept { w_ = std::move(w); }

  // Wakes and removes the registered waker. Returns whether there was one.
  bool wake() noexcept {
    if (!w_) return false;
    waker w = std::move(w_);
    w.wake();
    return true;
  }

  // Drops the registered waker without waking it.
  void clear() noexcept { w_ = waker{}; }

  bool has_waker() const noexcept { return static_cast<bool>(w_); }

 private:
  waker w_;
};

}  // namespace skirmish::rt
