// oneshot<T>: one value, sent once, received once. The sending side may be a
// oneshot_sender that closes the oneshot if it is dropped without sending
// (for example when its task is cancelled).
#pragma once

#include <optional>
#include <utility>

#include "skirmish/rt/channel.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/waker_cell.hpp"

namespace skirmish::rt {

template <class T>
class oneshot {
 public:
  oneshot() = default;
  oneshot(const oneshot&) = delete;
  oneshot& operator=(const oneshot&) = delete;

  // Stores the value and wakes the receiver. False if already sent or closed.
  bool send(T v) {
    if (sent_ || closed_) return false;
    value_.emplace(std::move(v));
    sent_ = true;
    cell_.wake();
    return true;
  }

  // No value will come: the receiver gets channel_closed.
  void close() noexcept {
    closed_ = true;
    cell_.wake();
  }

  bool is_sent() const noexcept { return sent_; }

  class [[nodiscard]] awaiter {
   public:
    explicit awaiter(oneshot& o) noexcept : o_(o) {}
    bool await_ready() const noexcept { return o_.value_.has_value() || o_.closed_ || o_.sent_; }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      o_.cell_.register_waker(park(h));
    }
    // The value, or channel_closed if none will come (or it was taken already).
    result<T, channel_closed> await_resume() {
      if (!o_.value_) return fail(channel_closed{});
      T v = std::move(*o_.value_);
      o_.value_.reset();
      return v;
    }

   private:
    oneshot& o_;
  };

  // Waits for the value.
  awaiter recv() noexcept { return awaiter(*this); }

 private:
  std::optional<T> value_;
  waker_cell cell_;
  bool sent_ = false;
  bool closed_ = false;
};

// The sending half as an owner: closes the oneshot when dropped unsent.
template <class T>
class oneshot_sender {
 public:
  explicit oneshot_sender(oneshot<T>& o) noexcept : o_(&o) {}
  oneshot_sender(oneshot_sender&& other) noexcept : o_(std::exchange(other.o_, nullptr)) {}
  oneshot_sender& operator=(oneshot_sender&&) = delete;
  ~oneshot_sender() {
    if (o_ != nullptr && !o_->is_sent()) o_->close();
  }

  bool send(T v) { return o_ != nullptr && std::exchange(o_, nullptr)->send(std::move(v)); }

 private:
  oneshot<T>* o_;
};

}  // namespace skirmish::rt
