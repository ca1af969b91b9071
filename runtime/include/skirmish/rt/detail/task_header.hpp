// The control block in front of every task frame: run-queue link, reference
// count, wake epoch and flags. It lives in the same allocation as the frame
// (one allocation per task) and outlives the frame while wakers point to it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/detail/frame_pool.hpp"

namespace skirmish::rt::detail {

struct scheduler;

struct task_header {
  enum flag : std::uint8_t {
    queued = 1,            // linked in the run queue
    running = 2,           // being resumed by the executor right now
    done = 4,              // the coroutine reached its final suspend point
    dead = 8,              // the frame is destroyed; only the header remains
    detached = 16,         // nobody will join: destroy the frame when it is done
    cancel_requested = 32  // cancelled while running: destroy after this step
  };

  task_header* next_ready = nullptr;  // intrusive FIFO run queue
  task_header* prev_live = nullptr;   // the executor's list of spawned tasks
  task_header* next_live = nullptr;
  scheduler* sched = nullptr;
  co::coroutine_handle<> resume_point;  // the innermost suspended frame of this task
  std::uint32_t refs = 1;               // the frame itself, plus wakers and a join handle
  std::uint32_t epoch = 0;              // bumped on every resume: older wakers are stale
  std::uint8_t size_class = 0;          // the frame pool's size class of this block
  std::uint8_t flags = 0;

  bool has(flag f) const noexcept { return (flags & f) != 0; }
  void* frame() noexcept;
  static task_header* of_frame(void* frame) noexcept;
};

// note: the header is padded to the new-alignment so the frame that follows
// keeps the alignment operator new would have given it.
inline constexpr std::size_t header_size =
    (sizeof(task_header) + __STDCPP_DEFAULT_NEW_ALIGNMENT__ - 1) & ~(std::size_t{__STDCPP_DEFAULT_NEW_ALIGNMENT__} - 1);

inline void* task_header::frame() noexcept { return reinterpret_cast<std::byte*>(this) + header_size; }
inline task_header* task_header::of_frame(void* frame) noexcept {
  return reinterpret_cast<task_header*>(static_cast<std::byte*>(frame) - header_size);
}

// note: under AddressSanitizer blocks go straight back to malloc, so a use
// of a freed frame is still caught instead of hitting a recycled block.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool pool_frames = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool pool_frames = false;
#else
inline constexpr bool pool_frames = true;
#endif
#else
inline constexpr bool pool_frames = true;
#endif

// Frees the block once nothing refers to it and the executor is not holding it.
inline void maybe_free(task_header* h) noexcept {
  if (h->refs == 0 && (h->flags & (task_header::queued | task_header::running)) == 0) {
    std::size_t size_class = h->size_class;
    h->~task_header();
    if constexpr (pool_frames) {
      frame_pool::local().release(h, size_class);
    } else {
      ::operator delete(static_cast<void*>(h));
    }
  }
}

inline void retain(task_header* h) noexcept { ++h->refs; }

inline void release(task_header* h) noexcept {
  --h->refs;
  maybe_free(h);
}

// Coroutine frame allocation for every task: header, then frame, in one block.
inline void* allocate_frame(std::size_t frame_size) {
  std::size_t size = header_size + frame_size;
  std::size_t size_class = frame_pool::class_of(size);
  void* block = pool_frames ? frame_pool::local().allocate(size_class, size) : ::operator new(size);
  auto* h = ::new (block) task_header{};
  h->size_class = static_cast<std::uint8_t>(size_class);
  return h->frame();
}

inline void free_frame(void* frame) noexcept {
  task_header* h = task_header::of_frame(frame);
  h->flags |= task_header::dead;
  release(h);
}

}  // namespace skirmish::rt::detail
