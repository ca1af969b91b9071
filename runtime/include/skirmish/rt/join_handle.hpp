// join_handle<T>: the owner's side of a spawned task. Await it for the
// result, cancel() it, or detach() it; dropping it cancels the task.
#pragma once

#include <utility>

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

template <class T>
class [[nodiscard]] join_handle {
 public:
  join_handle() noexcept = default;
  explicit join_handle(detail::task_header* h) noexcept : h_(h) {}
  join_handle(join_handle&& other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
  join_handle& operator=(join_handle&& other) noexcept {
    if (this != &other) {
      cancel();
      h_ = std::exchange(other.h_, nullptr);
    }
    return *this;
  }
  ~join_handle() { cancel(); }

  // False once joined, cancelled or detached.
  bool valid() const noexcept { return h_ != nullptr; }
  // The task has run to completion and its result waits to be joined.
  bool is_finished() const noexcept { return h_ != nullptr && h_->has(detail::task_header::done); }

  // Destroys the task now (its destructors run), or at the end of its current
  // step if it cancels itself. The handle becomes empty.
  void cancel() noexcept {
    if (h_ == nullptr) return;
    if (!h_->has(detail::task_header::dead)) h_->sched->destroy_root(h_);
    detail::release(std::exchange(h_, nullptr));
  }

  // Lets the task run on unowned; the executor destroys it when it finishes.
  void detach() noexcept {
    if (h_ == nullptr) return;
    if (h_->has(detail::task_header::done)) {
      h_->sched->destroy_root(h_);
    } else {
      h_->flags |= detail::task_header::detached;
    }
    detail::release(std::exchange(h_, nullptr));
  }

  // note: the awaiter is the task's completion hook while it waits, so a
  // spawned task carries no waker of its own for a joiner that may never come.
  class awaiter : detail::completion_hook {
   public:
    explicit awaiter(join_handle& jh) noexcept : completion_hook(&finished), jh(jh) {}
    awaiter(awaiter&& other) noexcept : completion_hook(&finished), jh(other.jh) {}
    ~awaiter() {
      if (jh.h_ != nullptr && !jh.h_->has(detail::task_header::dead) && jh.promise().hook == this) {
        jh.promise().hook = nullptr;
      }
    }

    bool await_ready() noexcept {
      expect(jh.h_ != nullptr, "joining an empty join_handle (already joined, cancelled or detached)");
      expect(jh.h_ == nullptr || !jh.h_->has(detail::task_header::dead),
             "joining a task that was destroyed with its executor");
      return jh.h_->has(detail::task_header::done);
    }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      parent_ = park(h);
      jh.promise().hook = this;
    }
    // Gives the result and frees the task; the handle becomes empty.
    decltype(auto) await_resume() {
      struct finish {
        join_handle& jh;
        ~finish() { jh.cancel(); }
      } cleanup{jh};
      return jh.promise().take();
    }

   private:
    static void finished(detail::completion_hook& self, detail::task_header&) noexcept {
      static_cast<awaiter&>(self).parent_.wake();
    }

    join_handle& jh;
    waker parent_;
  };

  // Waits until the task finishes and gives its result. Joining twice is misuse.
  awaiter operator co_await() & noexcept { return awaiter{*this}; }
  awaiter operator co_await() && noexcept { return awaiter{*this}; }

 private:
  detail::promise<T>& promise() const noexcept {
    return co::coroutine_handle<detail::promise<T>>::from_address(h_->frame()).promise();
  }

  detail::task_header* h_ = nullptr;
};

}  // namespace skirmish::rt
