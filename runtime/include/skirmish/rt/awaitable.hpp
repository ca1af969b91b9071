// Concepts and traits for "anything co_await accepts", and `unit`, the value
// that stands for void where a result must be stored (zip, select).
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "skirmish/rt/coro.hpp"

namespace skirmish::rt {

using unit = std::monostate;

namespace detail {

template <class A>
decltype(auto) get_awaiter(A&& a) {
  if constexpr (requires { std::forward<A>(a).operator co_await(); }) {
    return std::forward<A>(a).operator co_await();
  } else if constexpr (requires { operator co_await(std::forward<A>(a)); }) {
    return operator co_await(std::forward<A>(a));
  } else {
    return std::forward<A>(a);
  }
}

}  // namespace detail

template <class A>
concept awaiter = requires(A& a) {
  { a.await_ready() } -> std::convertible_to<bool>;
  a.await_resume();
};

template <class A>
concept awaitable = requires(A&& a) {
  { detail::get_awaiter(std::forward<A>(a)) } -> awaiter;
};

// What `co_await a` gives for an rvalue `a`.
template <awaitable A>
using await_result_t = decltype(detail::get_awaiter(std::declval<A>()).await_resume());

// The stored form of a result: void becomes unit.
template <class T>
using stored_t = std::conditional_t<std::is_void_v<T>, unit, T>;

}  // namespace skirmish::rt
