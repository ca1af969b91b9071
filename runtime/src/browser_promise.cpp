// JS promises both ways: awaiting them from tasks (through a slot table that
// makes late settlements harmless) and exporting tasks as promises.
#include <emscripten/emscripten.h>

#include <cstdint>

#include "browser_js.hpp"
#include "skirmish/rt/browser_await_promise.hpp"
#include "skirmish/rt/browser_driver.hpp"
#include "skirmish/rt/browser_js_error.hpp"
#include "skirmish/rt/browser_spawn_promise.hpp"

namespace skirmish::rt {

using emscripten::EM_VAL;
using emscripten::val;

namespace {

// Every pending await in this module; JS callbacks carry only a key into it.
detail::slot_table<promise_awaiter*>& awaits() {
  static detail::slot_table<promise_awaiter*> table;
  return table;
}

}  // namespace

js_error js_error::from(val reason) {
  std::string message = val::take_ownership(skirmish_js_describe(reason.as_handle())).as<std::string>();
  return js_error{std::move(reason), std::move(message)};
}

val make_js_error(const std::string& name, const std::string& message) {
  return val::take_ownership(skirmish_js_make_error(name.c_str(), message.c_str()));
}

promise_awaiter::~promise_awaiter() {
  if (key_) awaits().erase(key_);
  if (outcome_ != nullptr) val::take_ownership(outcome_);  // dropped unread
}

bool promise_awaiter::await_ready() {
  int packed = skirmish_js_promise_peek(promise_->as_handle());
  if (packed == 0) return false;
  outcome_ = reinterpret_cast<EM_VAL>(static_cast<std::uintptr_t>(packed >> 2));
  state_ = (packed & 3) == 1 ? state::fulfilled : state::rejected;
  return true;
}

void promise_awaiter::attach() {
  key_ = awaits().insert(this);
  skirmish_js_promise_attach(promise_->as_handle(), key_.index, key_.generation);
}

result<val, js_error> promise_awaiter::await_resume() {
  expect(state_ != state::pending, "promise_awaiter resumed before its promise settled");
  val outcome = val::take_ownership(std::exchange(outcome_, nullptr));
  if (state_ == state::rejected) return fail(js_error::from(std::move(outcome)));
  return outcome;
}

namespace detail {

void settle_promise(promise_awaiter& a, bool fulfilled, EM_VAL v) noexcept {
  a.key_ = {};
  a.outcome_ = v;
  a.state_ = fulfilled ? promise_awaiter::state::fulfilled : promise_awaiter::state::rejected;
  std::exchange(a.waker_, waker{}).wake();
}

std::size_t pending_promise_awaits() noexcept { return awaits().size(); }

export_settler::~export_settler() {
  if (id_ != 0) reject(make_js_error("AbortError", "the task was cancelled before it finished"));
}

bool export_settler::create(const val& signal, val& promise, val& abort) {
  EM_VAL abort_handle = nullptr;
  promise = val::take_ownership(skirmish_js_export_create(signal.as_handle(), &id_, &abort_handle));
  abort = val::take_ownership(abort_handle);
  return id_ != 0;
}

void export_settler::resolve(const val& v) {
  skirmish_js_export_settle(std::exchange(id_, 0), 1, v.as_handle());
}

void export_settler::reject(const val& reason) {
  skirmish_js_export_settle(std::exchange(id_, 0), 0, reason.as_handle());
}

}  // namespace detail
}  // namespace skirmish::rt

extern "C" {

// A promise awaited by a task settled; `v` is a new handle to its value.
EMSCRIPTEN_KEEPALIVE void skirmish_promise_settled(std::uint32_t index, std::uint32_t generation, int fulfilled,
                                                   emscripten::EM_VAL v) {
  using namespace skirmish::rt;
  js_callback_scope scope;
  detail::slot_key key{index, generation};
  promise_awaiter** slot = awaits().find(key);
  if (slot == nullptr) {
    val::take_ownership(v);  // its task was cancelled: nothing waits, the value is dropped
    return;
  }
  promise_awaiter* a = *slot;
  awaits().erase(key);
  detail::settle_promise(*a, fulfilled != 0, v);
}

}  // extern "C"
