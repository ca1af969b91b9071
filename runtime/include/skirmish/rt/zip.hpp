// zip / join_all: run several awaitables concurrently inside one task and
// resume when all of them have finished, with every result.
#pragma once

#include <cstddef>
#include <tuple>
#include <utility>
#include <vector>

#include "skirmish/rt/as_task.hpp"
#include "skirmish/rt/awaitable.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

template <class... T>
class [[nodiscard]] zip_awaiter : detail::completion_hook {
 public:
  explicit zip_awaiter(task<T>... tasks) noexcept : completion_hook(&finished), tasks_(std::move(tasks)...) {}
  zip_awaiter(zip_awaiter&&) noexcept = default;

  bool await_ready() const noexcept { return sizeof...(T) == 0; }
  template <task_promise P>
  bool await_suspend(co::coroutine_handle<P> h) noexcept {
    detail::scheduler& sched = scheduler_of(h);
    pending_ = sizeof...(T);
    std::apply([&](auto&... t) { (detail::start_branch(t.handle(), sched, this), ...); }, tasks_);
    if (pending_ == 0) return false;
    parent_ = park(h);
    return true;
  }
  std::tuple<stored_t<T>...> await_resume() {
    return std::apply([](auto&... t) { return std::tuple<stored_t<T>...>(detail::take_stored(t)...); }, tasks_);
  }

 private:
  static void finished(detail::completion_hook& self, detail::task_header&) noexcept {
    auto& z = static_cast<zip_awaiter&>(self);
    if (--z.pending_ == 0) z.parent_.wake();
  }

  std::tuple<task<T>...> tasks_;
  std::size_t pending_ = 0;
  waker parent_;
};

// Runs every awaitable concurrently in the current task; gives a tuple of
// their results (unit for void) once all have finished.
template <class... A>
  requires(awaitable<std::decay_t<A>> && ...)
[[nodiscard]] auto zip(A&&... a) {
  return zip_awaiter<await_result_t<std::decay_t<A>>...>(as_task(std::forward<A>(a))...);
}

template <class T>
class [[nodiscard]] join_all_awaiter : detail::completion_hook {
 public:
  explicit join_all_awaiter(std::vector<task<T>> tasks) noexcept
      : completion_hook(&finished), tasks_(std::move(tasks)) {}
  join_all_awaiter(join_all_awaiter&&) noexcept = default;

  bool await_ready() const noexcept { return tasks_.empty(); }
  template <task_promise P>
  bool await_suspend(co::coroutine_handle<P> h) noexcept {
    detail::scheduler& sched = scheduler_of(h);
    pending_ = tasks_.size();
    for (task<T>& t : tasks_) detail::start_branch(t.handle(), sched, this);
    if (pending_ == 0) return false;
    parent_ = park(h);
    return true;
  }
  std::vector<stored_t<T>> await_resume() {
    std::vector<stored_t<T>> out;
    out.reserve(tasks_.size());
    for (task<T>& t : tasks_) out.push_back(detail::take_stored(t));
    return out;
  }

 private:
  static void finished(detail::completion_hook& self, detail::task_header&) noexcept {
    auto& j = static_cast<join_all_awaiter&>(self);
    if (--j.pending_ == 0) j.parent_.wake();
  }

  std::vector<task<T>> tasks_;
  std::size_t pending_ = 0;
  waker parent_;
};

// Runs every task concurrently in the current task; gives their results in order.
template <class T>
[[nodiscard]] join_all_awaiter<T> join_all(std::vector<task<T>> tasks) noexcept {
  return join_all_awaiter<T>(std::move(tasks));
}

}  // namespace skirmish::rt
