// The outbound queue's ring of inline runs and shared blocks.
#include "skirmish/ws/outbound_queue.hpp"

#include <utility>

namespace skirmish::ws {

void outbound_queue::grow() {
  std::size_t cap = cap_ == 0 ? 8 : cap_ * 2;
  auto next = std::make_unique<entry[]>(cap);
  std::size_t n = tail_ - head_;
  for (std::size_t i = 0; i < n; ++i) next[i] = std::move(at(head_ + i));
  ring_ = std::move(next);
  cap_ = cap;
  head_ = 0;
  tail_ = n;
}

void outbound_queue::push_inline(std::size_t n) {
  if (n == 0) return;
  bytes_ += n;
  if (!empty()) {
    entry& last = at(tail_ - 1);
    // note: runs join up to a bound only, so that dropping a slow consumer's
    // backlog, which keeps the run under way, keeps little.
    if (!last.shared && last.size + n <= max_joined_run) {
      last.size += n;
      return;
    }
  }
  if (tail_ - head_ == cap_) grow();
  at(tail_++) = entry{{}, n};
}

void outbound_queue::push_shared(shared_message m) {
  std::size_t n = m.frames().size();
  if (n == 0) return;
  if (tail_ - head_ == cap_) grow();
  bytes_ += n;
  at(tail_++) = entry{std::move(m), n};
}

std::size_t outbound_queue::gather(std::span<const std::byte> inline_bytes,
                                   std::span<std::span<const std::byte>> out) const noexcept {
  std::size_t count = 0;
  std::size_t inline_at = 0;
  for (std::size_t i = head_; i != tail_ && count < out.size(); ++i) {
    const entry& e = at(i);
    std::size_t skip = i == head_ ? head_sent_ : 0;
    std::size_t size = e.size - skip;
    if (e.shared) {
      out[count++] = e.shared.frames().subspan(skip, size);
    } else {
      out[count++] = inline_bytes.subspan(inline_at, size);
      inline_at += size;
    }
  }
  return count;
}

std::size_t outbound_queue::consume(std::size_t n) noexcept {
  std::size_t inline_taken = 0;
  bytes_ -= n;
  while (n > 0) {
    entry& e = at(head_);
    std::size_t left = e.size - head_sent_;
    std::size_t take = n < left ? n : left;
    if (!e.shared) inline_taken += take;
    n -= take;
    if (take == left) {
      e = entry{};
      ++head_;
      head_sent_ = 0;
    } else {
      head_sent_ += take;
    }
  }
  return inline_taken;
}

std::size_t outbound_queue::drop_unstarted() noexcept {
  std::size_t keep_inline = 0;
  std::size_t keep_entries = 0;
  if (!empty() && head_sent_ != 0) {
    const entry& e = at(head_);
    bytes_ = e.size - head_sent_;
    if (!e.shared) keep_inline = bytes_;
    keep_entries = 1;
  } else {
    bytes_ = 0;
  }
  for (std::size_t i = head_ + keep_entries; i != tail_; ++i) at(i) = entry{};
  tail_ = head_ + keep_entries;
  return keep_inline;
}

}  // namespace skirmish::ws
