// The per-thread allocator of task blocks: 64 KiB slabs carved into blocks of
// one size class. Spawning a task is a free-list pop or a pointer bump, blocks
// of a burst sit side by side in memory, and a slab whose blocks are all free
// goes back to the system. Single-threaded by construction: each thread has
// its own, as each thread has its own executor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

namespace skirmish::rt::detail {

class frame_pool {
 public:
  static constexpr std::size_t granule = 16;
  static constexpr std::size_t classes = 64;  // blocks up to 1 KiB come from slabs; larger ones from the heap
  static constexpr std::size_t slab_size = 64 * 1024;
  static constexpr std::size_t max_spare_slabs = 16;  // 1 MiB kept back for the next burst

  // The size class of a block of `size` bytes; `classes` for heap blocks.
  static std::size_t class_of(std::size_t size) noexcept {
    std::size_t c = (size - 1) / granule;
    return c < classes ? c : classes;
  }

  // A block of at least `size` bytes, whose class is `c`.
  void* allocate(std::size_t c, std::size_t size) {
    if (c >= classes) return ::operator new(size);
    slab* s = current_[c];
    if (s != nullptr) {
      if (s->free != nullptr) {
        ++s->live;
        return pop(s->free);
      }
      if (s->bump + block_size(c) <= s->end()) {
        ++s->live;
        std::byte* b = s->bump;
        s->bump += block_size(c);
        return b;
      }
    }
    return allocate_slow(c);
  }

  // Takes back a block that allocate(c, size) gave.
  void release(void* block, std::size_t c) noexcept {
    if (c >= classes) {
      ::operator delete(block);
      return;
    }
    slab* s = slab_of(block);
    auto* b = static_cast<free_block*>(block);
    b->next = s->free;
    s->free = b;
    --s->live;
    if (s == current_[c]) return;
    if (s->live == 0) {
      unlink_partial(s);
      retire_slab(s);
    } else if (!s->partial) {
      link_partial(s);
    }
  }

  // This thread's pool.
  static frame_pool& local() noexcept;

  // Frees every slab that has no block in use (at thread exit, say).
  void trim() noexcept;

 private:
  struct free_block {
    free_block* next;
  };
  // note: the header sits at the start of its slab, found from any block by
  // masking the address, which is why slabs are aligned to their size.
  struct alignas(64) slab {
    free_block* free = nullptr;
    std::byte* bump = nullptr;
    slab* prev = nullptr;  // the class's list of partly used slabs
    slab* next = nullptr;
    std::uint32_t live = 0;
    std::uint32_t cls = 0;
    bool partial = false;

    std::byte* end() noexcept { return reinterpret_cast<std::byte*>(this) + slab_size; }
  };

  static std::size_t block_size(std::size_t c) noexcept { return (c + 1) * granule; }
  static slab* slab_of(void* block) noexcept {
    return reinterpret_cast<slab*>(reinterpret_cast<std::uintptr_t>(block) & ~(std::uintptr_t{slab_size} - 1));
  }
  static free_block* pop(free_block*& head) noexcept {
    free_block* b = head;
    head = b->next;
    return b;
  }

  void* allocate_slow(std::size_t c);
  void link_partial(slab* s) noexcept;
  void unlink_partial(slab* s) noexcept;
  void retire_slab(slab* s) noexcept;
  static void free_slab(slab* s) noexcept;

  slab* current_[classes] = {};
  slab* partial_[classes] = {};
  // note: empty slabs kept for reuse. Handing each one back to the system at
  // once made every burst of spawns pay for fresh pages again.
  slab* spare_ = nullptr;
  std::size_t spare_count_ = 0;
};

// note: constinit and trivially destructible, so reaching it costs no
// initialization guard; frames freed after the thread's exit handlers ran
// (an executor with static storage) still find a working pool.
inline constinit thread_local frame_pool this_thread_frames;

inline frame_pool& frame_pool::local() noexcept { return this_thread_frames; }

}  // namespace skirmish::rt::detail
