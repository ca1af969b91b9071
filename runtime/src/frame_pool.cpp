// The slow paths of the frame pool: getting a slab for a size class, and
// giving empty slabs back.
#include "skirmish/rt/detail/frame_pool.hpp"

namespace skirmish::rt::detail {

namespace {

// Gives the thread's empty slabs back when the thread exits.
struct slab_reaper {
  ~slab_reaper() { frame_pool::local().trim(); }
};

}  // namespace

void* frame_pool::allocate_slow(std::size_t c) {
  thread_local slab_reaper reaper;
  (void)reaper;
  // note: a slab on the partial list always has a free block.
  slab* s = partial_[c];
  if (s != nullptr) {
    unlink_partial(s);
  } else {
    void* memory = spare_;
    if (memory != nullptr) {
      spare_ = spare_->next;
      --spare_count_;
    } else {
      memory = ::operator new(slab_size, std::align_val_t{slab_size});
    }
    s = ::new (memory) slab{};
    s->cls = static_cast<std::uint32_t>(c);
    s->bump = reinterpret_cast<std::byte*>(s) + sizeof(slab);
  }
  // The slab we leave is full (it would still be current otherwise); it
  // joins the partial list when one of its blocks comes back.
  if (slab* old = current_[c]; old != nullptr && old->live == 0) retire_slab(old);
  current_[c] = s;
  ++s->live;
  if (s->free != nullptr) return pop(s->free);
  std::byte* b = s->bump;
  s->bump += block_size(c);
  return b;
}

void frame_pool::link_partial(slab* s) noexcept {
  s->partial = true;
  s->prev = nullptr;
  s->next = partial_[s->cls];
  if (s->next != nullptr) s->next->prev = s;
  partial_[s->cls] = s;
}

void frame_pool::unlink_partial(slab* s) noexcept {
  if (!s->partial) return;
  if (s->prev != nullptr) s->prev->next = s->next;
  else partial_[s->cls] = s->next;
  if (s->next != nullptr) s->next->prev = s->prev;
  s->prev = s->next = nullptr;
  s->partial = false;
}

void frame_pool::retire_slab(slab* s) noexcept {
  if (spare_count_ >= max_spare_slabs) {
    free_slab(s);
    return;
  }
  s->next = spare_;
  spare_ = s;
  ++spare_count_;
}

void frame_pool::free_slab(slab* s) noexcept {
  s->~slab();
  ::operator delete(static_cast<void*>(s), std::align_val_t{slab_size});
}

void frame_pool::trim() noexcept {
  while (spare_ != nullptr) {
    slab* next = spare_->next;
    free_slab(spare_);
    spare_ = next;
  }
  spare_count_ = 0;
  for (std::size_t c = 0; c < classes; ++c) {
    if (current_[c] != nullptr && current_[c]->live == 0) {
      free_slab(current_[c]);
      current_[c] = nullptr;
    }
    for (slab* s = partial_[c]; s != nullptr;) {
      slab* next = s->next;
      if (s->live == 0) {
        unlink_partial(s);
        free_slab(s);
      }
      s = next;
    }
  }
}

}  // namespace skirmish::rt::detail
