// result<T, E>: a value or an error, so no part of the runtime needs C++ exceptions.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "skirmish/rt/check.hpp"

namespace skirmish::rt {

// Wraps an error so that result<T, E> can be built from it even when T and E are alike.
template <class E>
struct failure {
  E error;
};
template <class E>
failure(E) -> failure<E>;

// Builds the error side of a result: `return fail(io_error::reset);`.
template <class E>
[[nodiscard]] failure<std::decay_t<E>> fail(E&& e) {
  return {std::forward<E>(e)};
}

template <class T, class E>
class [[nodiscard]] result {
 public:
  template <class U = T>
    requires std::is_constructible_v<T, U&&>
  result(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}
  template <class F>
  result(failure<F> f) : v_(std::in_place_index<1>, std::move(f.error)) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { expect(ok(), "result::value() on an error"); return *std::get_if<0>(&v_); }
  const T& value() const& { expect(ok(), "result::value() on an error"); return *std::get_if<0>(&v_); }
  T&& value() && { expect(ok(), "result::value() on an error"); return std::move(*std::get_if<0>(&v_)); }
  E& error() & { expect(!ok(), "result::error() on a value"); return *std::get_if<1>(&v_); }
  const E& error() const& { expect(!ok(), "result::error() on a value"); return *std::get_if<1>(&v_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  template <class U>
  T value_or(U&& fallback) const& {
    return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> v_;
};

// The result of an operation that produces nothing but may fail.
template <class E>
class [[nodiscard]] result<void, E> {
 public:
  result() = default;
  template <class F>
  result(failure<F> f) : error_(std::move(f.error)) {}

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const E& error() const& { expect(!ok(), "result::error() on a value"); return *error_; }

 private:
  std::optional<E> error_;
};

}  // namespace skirmish::rt
