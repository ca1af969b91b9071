// A growable FIFO on a power-of-two ring: the storage of channel<T>, which
// must not allocate per message once warmed up (std::deque does, per block).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>

namespace skirmish::rt::detail {

template <class T>
class ring_queue {
 public:
  bool empty() const noexcept { return head_ == tail_; }
  std::size_t size() const noexcept { return tail_ - head_; }

  void push_back(T v) {
    if (size() == cap_) grow();
    slots_[tail_++ & (cap_ - 1)].emplace(std::move(v));
  }
  void push_front(T v) {
    if (size() == cap_) grow();
    slots_[--head_ & (cap_ - 1)].emplace(std::move(v));
  }
  T pop_front() {
    std::optional<T>& slot = slots_[head_++ & (cap_ - 1)];
    T v = std::move(*slot);
    slot.reset();
    return v;
  }

 private:
  void grow() {
    std::size_t cap = cap_ == 0 ? 8 : cap_ * 2;
    auto next = std::make_unique<std::optional<T>[]>(cap);
    std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) next[i] = std::move(slots_[(head_ + i) & (cap_ - 1)]);
    slots_ = std::move(next);
    cap_ = cap;
    head_ = 0;
    tail_ = n;
  }

  std::unique_ptr<std::optional<T>[]> slots_;
  std::size_t cap_ = 0;
  std::size_t head_ = 0;  // note: free-running counters; only their difference and low bits matter
  std::size_t tail_ = 0;
};

}  // namespace skirmish::rt::detail
