// task<T>: a lazy, move-only coroutine. Awaiting a task runs it inline in the
// awaiting task; spawning it makes it a task of its own. Either way its frame
// is the one allocation.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "skirmish/rt/awaitable.hpp"
#include "skirmish/rt/check.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/waker.hpp"

namespace skirmish::rt {

template <class T = void>
class task;

namespace detail {

// Learns that a task with a header of its own finished: a branch of zip,
// select or timeout, or a spawned task someone is joining.
// note: a function pointer rather than a virtual function, so a hook needs
// no vtable (and nothing consults RTTI on this path in sanitized builds).
struct completion_hook {
  using callback = void (*)(completion_hook& self, task_header& finished) noexcept;
  explicit completion_hook(callback on_finished) noexcept : on_finished(on_finished) {}
  callback on_finished;
};

// Resumes `h` from a plain function rather than from inside a coroutine.
// note: LLVM 14's coroutine lowering turns a resume() that ends an
// await_suspend into a musttail call, which wasm without the tail-call
// feature cannot compile; behind a non-inlined call it stays an ordinary call.
[[gnu::noinline]] inline void resume_from_outside(co::coroutine_handle<> h) { h.resume(); }

struct promise_base {
  // note: how a task awaited inline reports back. Its awaiter resumes it; if
  // it finishes before suspending, final_suspend only records that and the
  // awaiter continues the parent by returning false from await_suspend, so a
  // chain of synchronous awaits never nests on the stack and needs neither
  // symmetric transfer nor tail calls (which wasm and g++ -O0 do not give).
  enum class inline_state : std::uint8_t { idle, running, completed };

  co::coroutine_handle<> continuation;  // the frame awaiting this one inline, if any
  task_header* owner = nullptr;         // the task whose chain this frame runs in
  completion_hook* hook = nullptr;      // who learns it finished: a combinator, or a joiner
  inline_state state = inline_state::idle;

  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* frame, std::size_t) noexcept { free_frame(frame); }

  co::suspend_always initial_suspend() noexcept { return {}; }

  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    template <class P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      promise_base& p = h.promise();
      if (p.state == inline_state::running) {
        p.state = inline_state::completed;
        return;
      }
      if (p.continuation) {
        // note: the parent may destroy this frame before resume() returns;
        // nothing here touches the frame afterwards.
        resume_from_outside(p.continuation);
        return;
      }
      task_header* header = task_header::of_frame(h.address());
      header->flags |= task_header::done;
      if (p.hook != nullptr) p.hook->on_finished(*p.hook, *header);
    }
    void await_resume() noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {}; }

  // note: builds have exceptions off; a throw that escapes a task is a bug.
  void unhandled_exception() noexcept { std::abort(); }
};

template <class T>
struct promise : promise_base {
  std::optional<T> value;

  task<T> get_return_object() noexcept;
  template <class U>
    requires std::is_convertible_v<U&&, T>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
  T take() { return std::move(*value); }
};

template <class T>
struct promise<T&> : promise_base {
  T* value = nullptr;

  task<T&> get_return_object() noexcept;
  void return_value(T& v) noexcept { value = std::addressof(v); }
  T& take() noexcept { return *value; }
};

template <>
struct promise<void> : promise_base {
  task<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take() noexcept {}
};

// Runs a task that has a header of its own (a spawned root or a branch) for
// the first time, inline. Returns whether it already finished.
template <class P>
bool start_branch(co::coroutine_handle<P> h, scheduler& sched, completion_hook* hook) noexcept {
  task_header* header = task_header::of_frame(h.address());
  header->sched = &sched;
  header->resume_point = h;
  h.promise().owner = header;
  h.promise().hook = hook;
  header->flags |= task_header::running;
  h.resume();
  header->flags &= ~task_header::running;
  return header->has(task_header::done);
}

}  // namespace detail

template <class T>
class [[nodiscard]] task {
 public:
  using promise_type = detail::promise<T>;
  using handle_type = co::coroutine_handle<promise_type>;
  using value_type = T;

  task() noexcept = default;
  explicit task(handle_type h) noexcept : h_(h) {}
  task(task&& other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
  task& operator=(task&& other) noexcept {
    if (this != &other) {
      reset();
      h_ = std::exchange(other.h_, nullptr);
    }
    return *this;
  }
  ~task() { reset(); }

  // False for a moved-from or default-constructed task.
  bool valid() const noexcept { return static_cast<bool>(h_); }
  bool done() const noexcept { return h_ && h_.done(); }

  struct awaiter {
    handle_type h;

    bool await_ready() noexcept {
      expect(static_cast<bool>(h), "awaiting a moved-from or empty task");
      expect(!h || !h.done(), "awaiting a task that has already completed");
      return false;
    }
    template <task_promise P>
    bool await_suspend(co::coroutine_handle<P> parent) noexcept {
      promise_type& child = h.promise();
      child.continuation = parent;
      child.owner = parent.promise().owner;
      child.state = detail::promise_base::inline_state::running;
      h.resume();
      if (child.state == detail::promise_base::inline_state::completed) return false;
      child.state = detail::promise_base::inline_state::idle;
      return true;
    }
    decltype(auto) await_resume() { return h.promise().take(); }
  };

  // Runs the task inline in the awaiting task and gives its result; resumes
  // on the awaiting task's executor.
  awaiter operator co_await() && noexcept { return awaiter{h_}; }
  awaiter operator co_await() & noexcept { return awaiter{h_}; }

  // Hands the frame to a new owner (an executor or a combinator).
  handle_type release() noexcept { return std::exchange(h_, nullptr); }
  handle_type handle() const noexcept { return h_; }

 private:
  void reset() noexcept {
    if (h_) std::exchange(h_, nullptr).destroy();
  }

  handle_type h_;
};

namespace detail {

template <class T>
task<T> promise<T>::get_return_object() noexcept {
  return task<T>(co::coroutine_handle<promise<T>>::from_promise(*this));
}
template <class T>
task<T&> promise<T&>::get_return_object() noexcept {
  return task<T&>(co::coroutine_handle<promise<T&>>::from_promise(*this));
}
inline task<void> promise<void>::get_return_object() noexcept {
  return task<void>(co::coroutine_handle<promise<void>>::from_promise(*this));
}

}  // namespace detail

namespace detail {
// Moves a finished task's result out, as unit when it is void.
template <class T>
stored_t<T> take_stored(task<T>& t) {
  if constexpr (std::is_void_v<T>) {
    return unit{};
  } else {
    return t.handle().promise().take();
  }
}
}  // namespace detail

template <class T>
inline constexpr bool is_task_v = false;
template <class T>
inline constexpr bool is_task_v<task<T>> = true;

}  // namespace skirmish::rt
