// ready<T>: an awaitable that is ready at once with a value.
#pragma once

#include <utility>

namespace skirmish::game {

// For transports whose send or close does not wait (the browser's
// WebSocket.send), and for dialers that connect at once.
template <class T>
class [[nodiscard]] ready {
 public:
  explicit ready(T value) : value_(std::move(value)) {}
  bool await_ready() const noexcept { return true; }
  template <class H>
  void await_suspend(H) const noexcept {}
  T await_resume() { return std::move(value_); }

 private:
  T value_;
};

}  // namespace skirmish::game
