// select / race: run several awaitables concurrently inside one task; the
// first to finish wins and the others are cancelled at once (their frames are
// destroyed, so their destructors run).
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "skirmish/rt/as_task.hpp"
#include "skirmish/rt/awaitable.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/zip.hpp"

namespace skirmish::rt {

namespace detail {
inline constexpr std::size_t no_winner = std::numeric_limits<std::size_t>::max();

template <class T>
bool is_branch(task<T>& t, const task_header& h) noexcept {
  return t.valid() && task_header::of_frame(t.handle().address()) == &h;
}
}  // namespace detail

template <class... T>
class [[nodiscard]] select_awaiter : detail::completion_hook {
 public:
  using value_type = std::variant<stored_t<T>...>;

  explicit select_awaiter(task<T>... tasks) noexcept : completion_hook(&finished), tasks_(std::move(tasks)...) {}
  select_awaiter(select_awaiter&&) noexcept = default;

  bool await_ready() const noexcept { return false; }
  template <task_promise P>
  bool await_suspend(co::coroutine_handle<P> h) noexcept {
    detail::scheduler& sched = scheduler_of(h);
    // Branches start in order; one that finishes at once wins before the rest start.
    std::apply([&](auto&... t) { ((winner_ == detail::no_winner && detail::start_branch(t.handle(), sched, this)), ...); },
               tasks_);
    if (winner_ != detail::no_winner) return false;
    parent_ = park(h);
    return true;
  }
  // The winner's index is the variant's index.
  value_type await_resume() {
    std::optional<value_type> out;
    take_winner(out, std::index_sequence_for<T...>{});
    return std::move(*out);
  }

 private:
  template <std::size_t... I>
  void take_winner(std::optional<value_type>& out, std::index_sequence<I...>) {
    (void)((winner_ == I && (out.emplace(std::in_place_index<I>, detail::take_stored(std::get<I>(tasks_))), true)) || ...);
  }
  template <std::size_t... I>
  void pick_winner(const detail::task_header& h, std::index_sequence<I...>) noexcept {
    (void)((detail::is_branch(std::get<I>(tasks_), h) && (winner_ = I, true)) || ...);
    ((I != winner_ ? (void)(std::get<I>(tasks_) = {}) : (void)0), ...);
  }
  static void finished(detail::completion_hook& self, detail::task_header& h) noexcept {
    auto& s = static_cast<select_awaiter&>(self);
    if (s.winner_ != detail::no_winner) return;
    s.pick_winner(h, std::index_sequence_for<T...>{});
    s.parent_.wake();
  }

  std::tuple<task<T>...> tasks_;
  std::size_t winner_ = detail::no_winner;
  waker parent_;
};

// Runs the awaitables concurrently; the first to finish gives the result as a
// variant whose index says which one it was; the others are cancelled.
template <class... A>
  requires(sizeof...(A) > 0 && (awaitable<std::decay_t<A>> && ...))
[[nodiscard]] auto select(A&&... a) {
  return select_awaiter<await_result_t<std::decay_t<A>>...>(as_task(std::forward<A>(a))...);
}

template <class T>
struct race_result {
  std::size_t index;
  stored_t<T> value;
};

template <class T>
class [[nodiscard]] race_awaiter : detail::completion_hook {
 public:
  explicit race_awaiter(std::vector<task<T>> tasks) noexcept : completion_hook(&finished), tasks_(std::move(tasks)) {}
  race_awaiter(race_awaiter&&) noexcept = default;

  bool await_ready() const noexcept {
    expect(!tasks_.empty(), "race() of no tasks never finishes");
    return false;
  }
  template <task_promise P>
  bool await_suspend(co::coroutine_handle<P> h) noexcept {
    detail::scheduler& sched = scheduler_of(h);
    for (task<T>& t : tasks_) {
      if (winner_ != detail::no_winner) break;
      detail::start_branch(t.handle(), sched, this);
    }
    if (winner_ != detail::no_winner) return false;
    parent_ = park(h);
    return true;
  }
  race_result<T> await_resume() { return {winner_, detail::take_stored(tasks_[winner_])}; }

 private:
  static void finished(detail::completion_hook& self, detail::task_header& h) noexcept {
    auto& r = static_cast<race_awaiter&>(self);
    if (r.winner_ != detail::no_winner) return;
    for (std::size_t i = 0; i < r.tasks_.size(); ++i) {
      if (detail::is_branch(r.tasks_[i], h)) r.winner_ = i;
    }
    for (std::size_t i = 0; i < r.tasks_.size(); ++i) {
      if (i != r.winner_) r.tasks_[i] = {};
    }
    r.parent_.wake();
  }

  std::vector<task<T>> tasks_;
  std::size_t winner_ = detail::no_winner;
  waker parent_;
};

// Runs the tasks concurrently; the first to finish gives its index and value,
// the others are cancelled.
template <class T>
[[nodiscard]] race_awaiter<T> race(std::vector<task<T>> tasks) noexcept {
  return race_awaiter<T>(std::move(tasks));
}

}  // namespace skirmish::rt
