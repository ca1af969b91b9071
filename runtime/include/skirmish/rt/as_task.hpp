// as_task: turns any awaitable into a task<T>, so it can be spawned or raced.
// One allocation: the awaitable is moved into the new frame.
#pragma once

#include <type_traits>
#include <utility>

#include "skirmish/rt/awaitable.hpp"
#include "skirmish/rt/task.hpp"

namespace skirmish::rt {

namespace detail {
template <class A>
task<await_result_t<A>> wrap_awaitable(A a) {
  co_return co_await std::move(a);
}
}  // namespace detail

// A task is already one; anything else gets wrapped.
template <class A>
  requires awaitable<std::decay_t<A>>
[[nodiscard]] auto as_task(A&& a) {
  using plain = std::decay_t<A>;
  if constexpr (is_task_v<plain>) {
    return plain(std::forward<A>(a));
  } else {
    return detail::wrap_awaitable<plain>(std::forward<A>(a));
  }
}

}  // namespace skirmish::rt
