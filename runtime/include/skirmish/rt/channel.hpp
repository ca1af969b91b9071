// channel<T>: a local multi-producer, multi-consumer queue between tasks of
// one executor, bounded or unbounded. Values are handed straight to a waiting
// receiver; a receiver cancelled after being handed a value gives it back.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <utility>

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/detail/ring_queue.hpp"
#include "skirmish/rt/detail/waiter_list.hpp"
#include "skirmish/rt/result.hpp"

namespace skirmish::rt {

struct channel_closed {};

enum class send_status { sent, full, closed };

template <class T>
class channel {
  struct sender_node : detail::waiter_node {
    std::optional<T> value;
    bool delivered = false;
  };
  struct receiver_node : detail::waiter_node {
    std::optional<T> value;
  };

 public:
  static constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

  // A channel that holds at most `capacity` values; 0 makes every send wait
  // for a receiver.
  explicit channel(std::size_t capacity = unbounded) noexcept : capacity_(capacity) {}
  channel(const channel&) = delete;
  channel& operator=(const channel&) = delete;
  ~channel() { expect(receivers_.empty() && senders_.empty(), "channel destroyed while tasks wait on it"); }

  // Sends without waiting; moves from `v` only when the result is `sent`.
  send_status try_send(T&& v) {
    if (closed_) return send_status::closed;
    if (deliver(v)) return send_status::sent;
    return send_status::full;
  }

  // Takes a value without waiting.
  std::optional<T> try_recv() {
    if (!buffer_.empty()) {
      std::optional<T> v(buffer_.pop_front());
      refill_from_sender();
      return v;
    }
    if (sender_node* s = static_cast<sender_node*>(senders_.pop_front())) {
      s->delivered = true;
      std::optional<T> v(std::move(*s->value));
      s->w.wake();
      return v;
    }
    return std::nullopt;
  }

  // Ends the stream: waiting senders fail, receivers drain what is queued and
  // then get nullopt.
  void close() noexcept {
    closed_ = true;
    while (auto* n = receivers_.pop_front()) n->w.wake();
    while (auto* n = senders_.pop_front()) n->w.wake();
  }

  bool is_closed() const noexcept { return closed_; }
  std::size_t size() const noexcept { return buffer_.size(); }
  std::size_t capacity() const noexcept { return capacity_; }

  class [[nodiscard]] send_awaiter {
   public:
    send_awaiter(channel& ch, T v) : ch_(ch) { node_.value.emplace(std::move(v)); }
    send_awaiter(send_awaiter&& other) noexcept : ch_(other.ch_) { node_.value = std::move(other.node_.value); }
    ~send_awaiter() { ch_.senders_.remove(node_); }

    bool await_ready() {
      if (ch_.closed_) return true;
      node_.delivered = ch_.deliver(*node_.value);
      return node_.delivered;
    }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      node_.w = park(h);
      ch_.senders_.push_back(node_);
    }
    result<void, channel_closed> await_resume() noexcept {
      if (!node_.delivered) return fail(channel_closed{});
      return {};
    }

   private:
    channel& ch_;
    sender_node node_;
  };

  class [[nodiscard]] recv_awaiter {
   public:
    explicit recv_awaiter(channel& ch) noexcept : ch_(ch) {}
    recv_awaiter(recv_awaiter&& other) noexcept : ch_(other.ch_) {}
    ~recv_awaiter() {
      ch_.receivers_.remove(node_);
      // Woken with a value but cancelled before taking it: nothing is lost.
      if (node_.value) ch_.give_back(std::move(*node_.value));
    }

    bool await_ready() {
      node_.value = ch_.try_recv();
      return node_.value.has_value() || ch_.closed_;
    }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      node_.w = park(h);
      ch_.receivers_.push_back(node_);
    }
    // The next value, or nullopt once the channel is closed and drained.
    std::optional<T> await_resume() noexcept { return std::exchange(node_.value, std::nullopt); }

   private:
    channel& ch_;
    receiver_node node_;
  };

  // Waits for room, then sends; fails with channel_closed if the channel is
  // or gets closed first (the value is dropped).
  send_awaiter send(T v) { return send_awaiter(*this, std::move(v)); }
  // Waits for the next value; nullopt once the channel is closed and drained.
  recv_awaiter recv() noexcept { return recv_awaiter(*this); }

 private:
  // Hands `v` to a waiting receiver or queues it if there is room.
  bool deliver(T& v) {
    if (auto* r = static_cast<receiver_node*>(receivers_.pop_front())) {
      r->value.emplace(std::move(v));
      r->w.wake();
      return true;
    }
    if (buffer_.size() < capacity_) {
      buffer_.push_back(std::move(v));
      return true;
    }
    return false;
  }

  // A value left the buffer: the longest-waiting sender may now queue its own.
  void refill_from_sender() {
    if (buffer_.size() >= capacity_) return;
    if (auto* s = static_cast<sender_node*>(senders_.pop_front())) {
      buffer_.push_back(std::move(*s->value));
      s->delivered = true;
      s->w.wake();
    }
  }

  void give_back(T v) {
    if (auto* r = static_cast<receiver_node*>(receivers_.pop_front())) {
      r->value.emplace(std::move(v));
      r->w.wake();
      return;
    }
    buffer_.push_front(std::move(v));
  }

  detail::ring_queue<T> buffer_;
  detail::waiter_list receivers_;
  detail::waiter_list senders_;
  std::size_t capacity_;
  bool closed_ = false;
};

}  // namespace skirmish::rt
