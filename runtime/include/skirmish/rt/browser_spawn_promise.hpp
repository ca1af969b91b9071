// spawn_promise(ex, t): runs a task on the executor and hands JavaScript a
// Promise for its outcome. An error becomes a rejection, and a cancellation
// (an AbortSignal, or the executor going away) rejects too: the promise is
// never left pending because the task failed or was stopped.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <emscripten/val.h>

#include "skirmish/rt/browser_await_promise.hpp"
#include "skirmish/rt/browser_js_error.hpp"
#include "skirmish/rt/local_executor.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/select.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/timeout.hpp"

namespace skirmish::rt {

// How an error value becomes a JS rejection reason. Add an overload named
// to_js_error in your error type's namespace for your own errors.
inline emscripten::val to_js_error(const emscripten::val& v) { return v; }
inline emscripten::val to_js_error(const js_error& e) { return e.reason; }
inline emscripten::val to_js_error(std::string_view message) { return make_js_error("Error", std::string(message)); }
inline emscripten::val to_js_error(timed_out) { return make_js_error("TimeoutError", "timed out"); }
inline emscripten::val to_js_error(stalled) { return make_js_error("Error", "the task stalled"); }

template <class E>
concept js_error_convertible = requires(const E& e) {
  { to_js_error(e) } -> std::same_as<emscripten::val>;
};

template <class T>
inline constexpr bool is_result_v = false;
template <class V, class E>
inline constexpr bool is_result_v<result<V, E>> = true;

namespace detail {

// The JS side of one exported promise; settles it exactly once. If it is
// destroyed unsettled (the task was cancelled), it rejects with an AbortError.
class export_settler {
 public:
  export_settler() noexcept = default;
  export_settler(export_settler&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
  export_settler& operator=(export_settler&&) = delete;
  ~export_settler();

  // Makes the JS promise. `*abort` becomes a promise that rejects when
  // `signal` aborts (undefined without one). Returns false, with the promise
  // already rejected, when the signal has aborted before anything started.
  bool create(const emscripten::val& signal, emscripten::val& promise, emscripten::val& abort);
  void resolve(const emscripten::val& v);
  void reject(const emscripten::val& reason);

 private:
  std::uint32_t id_ = 0;
};

template <class V>
emscripten::val to_js_value(V&& v) {
  using plain = std::decay_t<V>;
  if constexpr (std::is_same_v<plain, emscripten::val>) {
    return std::forward<V>(v);
  } else if constexpr (std::is_same_v<plain, unit>) {
    return emscripten::val::undefined();
  } else {
    return emscripten::val(std::forward<V>(v));
  }
}

template <class V>
void settle_with(export_settler& s, V&& v) {
  using plain = std::decay_t<V>;
  if constexpr (is_result_v<plain>) {
    if (!v.ok()) {
      static_assert(js_error_convertible<std::decay_t<decltype(v.error())>>,
                    "the task's error type needs a to_js_error overload");
      s.reject(to_js_error(v.error()));
    } else if constexpr (requires { v.value(); }) {
      s.resolve(to_js_value(std::move(v).value()));
    } else {
      s.resolve(emscripten::val::undefined());
    }
  } else {
    s.resolve(to_js_value(std::forward<V>(v)));
  }
}

template <class T>
task<void> drive_export(task<T> t, export_settler s, emscripten::val abort) {
  if (abort.isUndefined()) {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      s.resolve(emscripten::val::undefined());
    } else {
      settle_with(s, co_await std::move(t));
    }
    co_return;
  }
  // note: the abort promise only ever rejects, with the signal's reason; the
  // losing branch is cancelled by select, which runs its destructors.
  auto r = co_await select(std::move(t), await_promise(std::move(abort)));
  if (r.index() == 0) {
    settle_with(s, std::move(std::get<0>(r)));
  } else {
    auto& aborted = std::get<1>(r);
    s.reject(aborted.ok() ? aborted.value() : aborted.error().reason);
  }
}

}  // namespace detail

// Spawns `t` on `ex` (detached) and returns a JS Promise that fulfils with
// its value (converted with emscripten::val; a result<V, E> fulfils with V or
// rejects with to_js_error(E)). If `signal` (an AbortSignal) aborts first, the
// task is cancelled and the promise rejects with the signal's reason; if the
// task is cancelled any other way, it rejects with an AbortError.
template <class T>
[[nodiscard]] emscripten::val spawn_promise(local_executor& ex, task<T> t,
                                            emscripten::val signal = emscripten::val::undefined()) {
  detail::export_settler s;
  emscripten::val promise = emscripten::val::undefined();
  emscripten::val abort = emscripten::val::undefined();
  if (!s.create(signal, promise, abort)) return promise;
  ex.spawn(detail::drive_export(std::move(t), std::move(s), std::move(abort))).detach();
  return promise;
}

}  // namespace skirmish::rt
