// event: a flag tasks can wait for. set() releases every waiter; a task that
// waits on an event that is already set does not suspend.
#pragma once

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/detail/waiter_list.hpp"

namespace skirmish::rt {

class event {
 public:
  event() = default;
  event(const event&) = delete;
  event& operator=(const event&) = delete;
  ~event() { expect(waiters_.empty(), "event destroyed while tasks wait on it"); }

  void set() noexcept {
    set_ = true;
    while (auto* n = waiters_.pop_front()) n->w.wake();
  }
  void reset() noexcept { set_ = false; }
  bool is_set() const noexcept { return set_; }

  class [[nodiscard]] awaiter {
   public:
    explicit awaiter(event& e) noexcept : e_(e) {}
    awaiter(awaiter&& other) noexcept : e_(other.e_) {}
    ~awaiter() { e_.waiters_.remove(node_); }
    bool await_ready() const noexcept { return e_.set_; }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      node_.w = park(h);
      e_.waiters_.push_back(node_);
    }
    void await_resume() const noexcept {}

   private:
    event& e_;
    detail::waiter_node node_;
  };

  // Resumes once the event is set (at once if it already is).
  awaiter wait() noexcept { return awaiter(*this); }

 private:
  detail::waiter_list waiters_;
  bool set_ = false;
};

}  // namespace skirmish::rt
