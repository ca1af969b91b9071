// next_frame(): waits for the page's next animation frame (requestAnimationFrame,
// or a 60 Hz timer where there is none, as in Node) and gives its timestamp.
#pragma once

#include <chrono>

#include "skirmish/rt/browser_driver.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

class [[nodiscard]] frame_awaiter {
 public:
  frame_awaiter() noexcept = default;
  frame_awaiter(frame_awaiter&&) noexcept {}
  // A cancelled wait leaves the frame list; the frame callback then finds nobody.
  ~frame_awaiter() {
    if (driver_ != nullptr) driver_->remove_frame_waiter(node_);
  }

  bool await_ready() const noexcept { return false; }
  template <task_promise P>
  void await_suspend(co::coroutine_handle<P> h) {
    driver_ = &browser_driver::of(scheduler_of(h));
    node_.w = park(h);
    driver_->add_frame_waiter(node_);
  }
  // The frame's timestamp, on the same clock as the executor's now(); every
  // task waiting for the same frame gets the same instant.
  instant await_resume() const noexcept {
    return instant(std::chrono::duration_cast<duration>(std::chrono::duration<double, std::milli>(node_.timestamp_ms)));
  }

 private:
  browser_driver* driver_ = nullptr;
  detail::frame_waiter node_;
};

// Resumes in the next animation frame callback, before the page paints.
[[nodiscard]] inline frame_awaiter next_frame() noexcept { return {}; }

}  // namespace skirmish::rt
