// outbound_queue: the order in which a connection's encoded frames go out,
// as runs of the connection's own bytes (pongs, closes, its messages, held in
// the message_writer's buffer) interleaved with shared_messages referenced,
// not copied. Its byte count is the outbound watermark's measure.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "skirmish/ws/shared_message.hpp"

namespace skirmish::ws {

// note: an "inline" entry records only a length. Its bytes are the next ones
// of the writer's pending() span, which holds exactly the inline entries'
// unsent bytes, in order; so the writer may grow or compact its buffer
// between writes and nothing here points into it.
class outbound_queue {
 public:
  outbound_queue() = default;
  outbound_queue(const outbound_queue&) = delete;
  outbound_queue& operator=(const outbound_queue&) = delete;

  // `n` more bytes were appended to the writer's pending bytes.
  void push_inline(std::size_t n);
  // A shared message goes out after what is queued (its block is referenced).
  void push_shared(shared_message m);

  // Consecutive inline pushes share one entry while it stays this small.
  static constexpr std::size_t max_joined_run = 16 * 1024;

  bool empty() const noexcept { return head_ == tail_; }
  // Bytes queued and not yet written (the outbound watermark's measure).
  std::size_t bytes() const noexcept { return bytes_; }
  // Entries queued (for tests).
  std::size_t entries() const noexcept { return tail_ - head_; }

  // Fills `out` with the next unsent byte ranges in wire order, taking the
  // inline ones from `inline_bytes` (the writer's pending()); gives how many.
  std::size_t gather(std::span<const std::byte> inline_bytes, std::span<std::span<const std::byte>> out) const noexcept;
  // The transport took the next `n` bytes; gives how many of them were
  // inline (for the writer's consume()).
  std::size_t consume(std::size_t n) noexcept;

  // A slow consumer is being dropped: forgets every entry except one that is
  // partly written (which must be finished so the stream stays well framed).
  // Gives how many inline bytes of the writer's pending() are still queued:
  // the writer must discard the rest.
  std::size_t drop_unstarted() noexcept;

 private:
  struct entry {
    shared_message shared;  // empty: an inline run
    std::size_t size = 0;
  };
  entry& at(std::size_t i) noexcept { return ring_[i & (cap_ - 1)]; }
  const entry& at(std::size_t i) const noexcept { return ring_[i & (cap_ - 1)]; }
  void grow();

  std::unique_ptr<entry[]> ring_;
  std::size_t cap_ = 0;
  std::size_t head_ = 0;  // note: free-running counters, as in rt's ring_queue
  std::size_t tail_ = 0;
  std::size_t head_sent_ = 0;  // bytes of the head entry already written
  std::size_t bytes_ = 0;
};

}  // namespace skirmish::ws
