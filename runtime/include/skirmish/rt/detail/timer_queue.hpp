// An intrusive binary min-heap of timers. The nodes live in the awaiting
// frames, so arming a timer allocates nothing and cancelling is O(log n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "skirmish/rt/time.hpp"

namespace skirmish::rt::detail {

struct timer_node {
  static constexpr std::size_t not_armed = std::numeric_limits<std::size_t>::max();

  instant deadline{};
  std::uint64_t seq = 0;               // orders timers with equal deadlines first-armed first
  std::size_t index = not_armed;       // position in the heap
  void (*fire)(timer_node&) = nullptr;  // called once when the deadline passes

  bool armed() const noexcept { return index != not_armed; }
};

class timer_queue {
 public:
  bool empty() const noexcept { return heap_.empty(); }
  std::size_t size() const noexcept { return heap_.size(); }
  instant next_deadline() const noexcept { return heap_.front()->deadline; }

  void arm(timer_node& n, instant deadline) {
    if (n.armed()) disarm(n);
    n.deadline = deadline;
    n.seq = next_seq_++;
    n.index = heap_.size();
    heap_.push_back(&n);
    sift_up(n.index);
  }

  void disarm(timer_node& n) noexcept {
    if (!n.armed()) return;
    std::size_t i = n.index;
    n.index = timer_node::not_armed;
    timer_node* last = heap_.back();
    heap_.pop_back();
    if (last == &n) return;
    heap_[i] = last;
    last->index = i;
    sift_down(i);
    sift_up(last->index);
  }

  // Fires every timer whose deadline is at or before `now`, earliest first.
  std::size_t fire_due(instant now) {
    std::size_t fired = 0;
    while (!heap_.empty() && heap_.front()->deadline <= now) {
      timer_node& n = *heap_.front();
      disarm(n);
      n.fire(n);
      ++fired;
    }
    return fired;
  }

 private:
  static bool before(const timer_node* a, const timer_node* b) noexcept {
    return a->deadline < b->deadline || (a->deadline == b->deadline && a->seq < b->seq);
  }
  void place(std::size_t i, timer_node* n) noexcept {
    heap_[i] = n;
    n->index = i;
  }
  void sift_up(std::size_t i) noexcept {
    timer_node* n = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / 2;
      if (!before(n, heap_[parent])) break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, n);
  }
  void sift_down(std::size_t i) noexcept {
    timer_node* n = heap_[i];
    std::size_t count = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= count) break;
      if (child + 1 < count && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], n)) break;
      place(i, heap_[child]);
      i = child;
    }
    place(i, n);
  }

  std::vector<timer_node*> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace skirmish::rt::detail
