// An intrusive FIFO of waiting awaiters, for primitives with many waiters
// (channel, event). Each node lives in its awaiter, inside the waiting frame.
#pragma once

#include "skirmish/rt/waker.hpp"

namespace skirmish::rt::detail {

struct waiter_node {
  waiter_node* prev = nullptr;
  waiter_node* next = nullptr;
  bool linked = false;
  waker w;
};

class waiter_list {
 public:
  bool empty() const noexcept { return head_ == nullptr; }
  waiter_node* front() const noexcept { return head_; }

  void push_back(waiter_node& n) noexcept {
    n.prev = tail_;
    n.next = nullptr;
    n.linked = true;
    if (tail_ != nullptr) tail_->next = &n;
    else head_ = &n;
    tail_ = &n;
  }

  void remove(waiter_node& n) noexcept {
    if (!n.linked) return;
    if (n.prev != nullptr) n.prev->next = n.next;
    else head_ = n.next;
    if (n.next != nullptr) n.next->prev = n.prev;
    else tail_ = n.prev;
    n.prev = n.next = nullptr;
    n.linked = false;
  }

  waiter_node* pop_front() noexcept {
    waiter_node* n = head_;
    if (n != nullptr) remove(*n);
    return n;
  }

 private:
  waiter_node* head_ = nullptr;
  waiter_node* tail_ = nullptr;
};

}  // namespace skirmish::rt::detail
