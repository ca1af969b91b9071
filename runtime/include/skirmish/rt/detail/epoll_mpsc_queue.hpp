// The queue inside the inbox: Dmitry Vyukov's intrusive multi-producer,
// single-consumer queue. A producer on any thread pushes with one atomic
// exchange and one store; the owning thread pops without atomics' RMWs.
#pragma once

#include <atomic>

namespace skirmish::rt::detail {

struct mpsc_node {
  std::atomic<mpsc_node*> next{nullptr};
};

class mpsc_queue {
 public:
  mpsc_queue() noexcept : head_(&stub_), tail_(&stub_) {}
  mpsc_queue(const mpsc_queue&) = delete;
  mpsc_queue& operator=(const mpsc_queue&) = delete;

  // Any thread. Items of one producer come out in the order it pushed them.
  void push(mpsc_node* n) noexcept {
    n->next.store(nullptr, std::memory_order_relaxed);
    mpsc_node* prev = head_.exchange(n, std::memory_order_acq_rel);
    // note: between the exchange and this store the queue is briefly cut;
    // pop() then reports empty and the producer's notification, which comes
    // after this store, makes the consumer look again.
    prev->next.store(n, std::memory_order_release);
  }

  // The owning thread only. The oldest item, or null when the queue is empty
  // or a producer is between its two steps.
  mpsc_node* pop() noexcept {
    mpsc_node* tail = tail_;
    mpsc_node* next = tail->next.load(std::memory_order_acquire);
    if (tail == &stub_) {
      if (next == nullptr) return nullptr;
      tail_ = next;
      tail = next;
      next = next->next.load(std::memory_order_acquire);
    }
    if (next != nullptr) {
      tail_ = next;
      return tail;
    }
    if (tail != head_.load(std::memory_order_acquire)) return nullptr;
    push(&stub_);
    next = tail->next.load(std::memory_order_acquire);
    if (next == nullptr) return nullptr;
    tail_ = next;
    return tail;
  }

 private:
  // note: producers hammer head_, the consumer owns tail_; separate cache
  // lines keep them from sharing one.
  alignas(64) std::atomic<mpsc_node*> head_;
  alignas(64) mpsc_node* tail_;
  mpsc_node stub_;
};

}  // namespace skirmish::rt::detail
