// outbound_queue: the messages waiting to be written to one connection, with
// a watermark on the bytes they hold, so a reader that does not keep up is
// found out instead of growing the relay's memory.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

#include "skirmish/relay/shared_bytes.hpp"

namespace skirmish::relay {

// note: the bound. Live messages are admitted while the bytes they hold stay
// under the watermark; catch-up messages (the welcome and the history right
// after a join, always at the front of a fresh queue) and the final error are
// exempt, since a joiner must get them whole and they are bounded by the
// room's history cap. So one connection holds at most
//   watermark + catch-up (welcome + history) + one error message,
// each message charged its full size plus `entry_overhead`, even when its
// block is shared with other connections (so the bound is conservative).
class outbound_queue {
 public:
  // What one queued message costs beyond its bytes: the handle in the ring
  // and the block header it may not share.
  static constexpr std::size_t entry_overhead = 32;
  // A drained ring larger than this many entries is freed.
  static constexpr std::size_t keep_entries = 16;

  explicit outbound_queue(std::size_t watermark) noexcept : watermark_(watermark) {}
  outbound_queue(const outbound_queue&) = delete;
  outbound_queue& operator=(const outbound_queue&) = delete;

  // Queues a live message; false (and nothing queued) when it would take the
  // live bytes over the watermark.
  [[nodiscard]] bool push(shared_bytes m) {
    const std::size_t cost = cost_of(m);
    if (live_bytes() + cost > watermark_) return false;
    put(std::move(m), false);
    return true;
  }
  // Queues a message exempt from the watermark (catch-up, the final error).
  void push_exempt(shared_bytes m) { put(std::move(m), true); }

  [[nodiscard]] bool empty() const noexcept { return head_ == tail_; }
  [[nodiscard]] std::size_t size() const noexcept { return tail_ - head_; }
  // The oldest message; the queue must not be empty.
  [[nodiscard]] const shared_bytes& front() const noexcept { return ring_[head_ & (cap_ - 1)].msg; }
  // Drops the oldest message (the transport has taken it).
  void pop() noexcept {
    entry& e = ring_[head_++ & (cap_ - 1)];
    const std::size_t cost = cost_of(e.msg);
    bytes_ -= cost;
    if (e.exempt) exempt_bytes_ -= cost;
    e = entry{};
    // note: a ring that grew for a burst (a catch-up, a slow patch) is given
    // back once drained, so an idle connection holds no more than a small one.
    if (empty() && cap_ > keep_entries) {
      ring_.reset();
      cap_ = 0;
      head_ = tail_ = 0;
    }
  }
  // Drops everything (a connection that is being dropped frees its memory at once).
  void clear() noexcept {
    while (!empty()) pop();
  }

  // Bytes charged for everything queued, and for the live messages alone.
  [[nodiscard]] std::size_t queued_bytes() const noexcept { return bytes_; }
  [[nodiscard]] std::size_t live_bytes() const noexcept { return bytes_ - exempt_bytes_; }
  [[nodiscard]] std::size_t watermark() const noexcept { return watermark_; }
  // The ring's own memory (it grows by doubling and is kept for reuse).
  [[nodiscard]] std::size_t ring_bytes() const noexcept { return cap_ * sizeof(entry); }

  [[nodiscard]] static std::size_t cost_of(const shared_bytes& m) noexcept { return m.size() + entry_overhead; }

 private:
  struct entry {
    shared_bytes msg;
    bool exempt = false;
  };

  void put(shared_bytes m, bool exempt) {
    if (size() == cap_) grow();
    const std::size_t cost = cost_of(m);
    ring_[tail_++ & (cap_ - 1)] = entry{std::move(m), exempt};
    bytes_ += cost;
    if (exempt) exempt_bytes_ += cost;
  }
  void grow() {
    const std::size_t cap = cap_ == 0 ? 4 : cap_ * 2;
    auto next = std::make_unique<entry[]>(cap);
    const std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) next[i] = std::move(ring_[(head_ + i) & (cap_ - 1)]);
    ring_ = std::move(next);
    cap_ = cap;
    head_ = 0;
    tail_ = n;
  }

  std::unique_ptr<entry[]> ring_;  // note: empty until the first message, so an idle connection costs nothing here
  std::size_t cap_ = 0;
  std::size_t head_ = 0;  // free-running; only the difference and the low bits matter
  std::size_t tail_ = 0;
  std::size_t bytes_ = 0;
  std::size_t exempt_bytes_ = 0;
  std::size_t watermark_;
};

}  // namespace skirmish::relay
