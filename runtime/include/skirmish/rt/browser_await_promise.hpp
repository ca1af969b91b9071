// await_promise(p): awaits a JavaScript promise (or any thenable, or a plain
// value) from a task, and gives its value, or its rejection as a js_error.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

#include <emscripten/val.h>

#include "skirmish/rt/browser_js_error.hpp"
#include "skirmish/rt/check.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/detail/slot_table.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

class promise_awaiter;

namespace detail {
// Delivers a settlement from JS (a new handle the awaiter takes over); called
// with the awaiter already out of the table.
void settle_promise(promise_awaiter& a, bool fulfilled, emscripten::EM_VAL v) noexcept;
// Pending awaits, for tests: how many JS callbacks still point at a live awaiter.
std::size_t pending_promise_awaits() noexcept;
}  // namespace detail

// note: every emscripten::val that is destroyed costs a call into JS (even a
// moved-from one), so the awaiter keeps raw handles and makes a val only for
// the result; a promise passed as an lvalue is borrowed, not copied.
class [[nodiscard]] promise_awaiter {
 public:
  // Borrows `p`: it must outlive the co_await (as it does in `co_await await_promise(p)`).
  explicit promise_awaiter(const emscripten::val& p) noexcept : promise_(&p) {}
  // Owns `p`.
  explicit promise_awaiter(emscripten::val&& p) noexcept : owned_(std::move(p)), promise_(&*owned_) {}
  // A move (into a task, for spawn, select or timeout) makes a borrowed promise owned.
  promise_awaiter(promise_awaiter&& other) noexcept
      : owned_(other.owned_ ? std::move(*other.owned_) : *other.promise_), promise_(&*owned_) {
    expect(!other.key_ && other.outcome_ == nullptr, "moving a promise_awaiter that is waiting");
  }
  promise_awaiter& operator=(promise_awaiter&&) = delete;
  // note: a cancelled await frees its slot now, so the JS callbacks, when the
  // promise settles later, find a stale key and only drop the value.
  ~promise_awaiter();

  // Settled already (a plain value, or the promise this runtime last saw
  // settle)? Then there is no suspension and no microtask at all.
  bool await_ready();
  template <task_promise P>
  void await_suspend(co::coroutine_handle<P> h) {
    waker_ = park(h);
    attach();
  }
  // The fulfilled value, or the rejection reason as a js_error.
  result<emscripten::val, js_error> await_resume();

 private:
  friend void detail::settle_promise(promise_awaiter&, bool, emscripten::EM_VAL) noexcept;
  enum class state : unsigned char { pending, fulfilled, rejected };

  void attach();

  std::optional<emscripten::val> owned_;
  const emscripten::val* promise_;
  emscripten::EM_VAL outcome_ = nullptr;  // owned until await_resume hands it on
  detail::slot_key key_;
  waker waker_;
  state state_ = state::pending;
};

// Awaits `p`: gives its value or, if it rejects (or is a thenable whose then
// throws), the reason as a value. Resumes on the awaiting task's executor.
[[nodiscard]] inline promise_awaiter await_promise(const emscripten::val& p) noexcept { return promise_awaiter(p); }
[[nodiscard]] inline promise_awaiter await_promise(emscripten::val&& p) noexcept { return promise_awaiter(std::move(p)); }

}  // namespace skirmish::rt
