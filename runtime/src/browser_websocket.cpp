// browser_websocket: the C++ half. JS keeps the socket and queues incoming
// messages; its events reach the socket's state through a slot key, so an
// event for a socket that is gone is dropped.
#include "skirmish/rt/browser_websocket.hpp"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <utility>

#include "browser_js.hpp"
#include "skirmish/rt/browser_driver.hpp"
#include "skirmish/rt/timeout.hpp"

namespace skirmish::rt {

using emscripten::EM_VAL;
using emscripten::val;

namespace {

detail::slot_table<detail::ws_state*>& sockets() {
  static detail::slot_table<detail::ws_state*> table;
  return table;
}

std::string take_string(EM_VAL h) { return val::take_ownership(h).as<std::string>(); }

const char* phase_name(detail::ws_state::phase p) {
  switch (p) {
    case detail::ws_state::phase::connecting: return "still connecting";
    case detail::ws_state::phase::open: return "open";
    case detail::ws_state::phase::closing: return "closing";
    case detail::ws_state::phase::closed: return "closed";
  }
  return "?";
}

// Waits until a connecting socket opened or failed.
struct open_awaiter {
  detail::ws_state& s;
  bool await_ready() const noexcept { return s.at != detail::ws_state::phase::connecting; }
  template <task_promise P>
  void await_suspend(co::coroutine_handle<P> h) {
    s.reader.register_waker(park(h));
  }
  void await_resume() const noexcept {}
};

// Waits until the socket is closed.
struct closed_awaiter {
  detail::ws_state& s;
  bool await_ready() const noexcept { return s.at == detail::ws_state::phase::closed; }
  template <task_promise P>
  void await_suspend(co::coroutine_handle<P> h) {
    s.closer.register_waker(park(h));
  }
  void await_resume() const noexcept {}
};

task<void> wait_open(detail::ws_state& s) { co_await open_awaiter{s}; }

}  // namespace

val to_js_error(const ws_error& e) { return make_js_error("WebSocketError", e.reason); }

namespace detail {

ws_state::~ws_state() {
  if (key) {
    skirmish_js_ws_release(key.index);
    sockets().erase(key);
  }
}

ws_error ws_state::closed_error() const {
  std::string why = "the connection to " + url + " is closed (code " + std::to_string(closed_with.code);
  if (!closed_with.reason.empty()) why += ", reason '" + closed_with.reason + "'";
  why += closed_with.clean ? ")" : error_seen ? ", after an error)" : ", not cleanly)";
  return {ws_errc::closed, std::move(why)};
}

}  // namespace detail

task<result<browser_websocket, ws_error>> browser_websocket::connect(std::string url, duration limit) {
  auto s = std::make_unique<detail::ws_state>();
  s->url = url;
  s->key = sockets().insert(s.get());
  EM_VAL why = nullptr;
  int rc = skirmish_js_ws_open(s->key.index, s->key.generation, url.c_str(), &why);
  if (rc != 0) {
    sockets().erase(std::exchange(s->key, detail::slot_key{}));
    co_return fail(ws_error{rc == 1 ? ws_errc::unsupported : ws_errc::invalid_url, take_string(why)});
  }
  auto opened = co_await timeout(limit, wait_open(*s));
  if (!opened.ok()) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(limit).count();
    co_return fail(ws_error{ws_errc::timed_out, "connecting to " + url + " timed out after " + std::to_string(ms) + " ms"});
  }
  if (s->at != detail::ws_state::phase::open) {
    std::string why_text = "could not connect to " + url + ": the connection " +
                           (s->error_seen ? "failed and " : "") + "closed with code " +
                           std::to_string(s->closed_with.code) + " before it opened";
    if (!s->closed_with.reason.empty()) why_text += " (" + s->closed_with.reason + ")";
    co_return fail(ws_error{ws_errc::connect_failed, std::move(why_text)});
  }
  co_return browser_websocket(std::move(s));
}

result<void, ws_error> browser_websocket::send(std::span<const std::byte> data) {
  if (st_->at != detail::ws_state::phase::open) {
    return fail(ws_error{ws_errc::not_open, std::string("cannot send: the WebSocket is ") + phase_name(st_->at)});
  }
  EM_VAL why = nullptr;
  if (skirmish_js_ws_send(st_->key.index, data.data(), data.size(), 1, &why) != 0) {
    return fail(ws_error{ws_errc::send_failed, take_string(why)});
  }
  return {};
}

result<void, ws_error> browser_websocket::send_text(std::string_view text) {
  if (st_->at != detail::ws_state::phase::open) {
    return fail(ws_error{ws_errc::not_open, std::string("cannot send: the WebSocket is ") + phase_name(st_->at)});
  }
  EM_VAL why = nullptr;
  if (skirmish_js_ws_send(st_->key.index, text.data(), text.size(), 0, &why) != 0) {
    return fail(ws_error{ws_errc::send_failed, take_string(why)});
  }
  return {};
}

result<ws_message, ws_error> browser_websocket::recv_awaiter::await_resume() {
  if (s_.queued == 0) return fail(s_.closed_error());
  int size = skirmish_js_ws_next_size(s_.key.index);
  expect(size >= 0, "browser_websocket: a message was announced but JS has none queued");
  ws_message m;
  m.data.resize(static_cast<std::size_t>(size));
  m.binary = skirmish_js_ws_take(s_.key.index, m.data.data()) != 0;
  --s_.queued;
  return m;
}

task<result<ws_close_info, ws_error>> browser_websocket::close(int code, std::string reason) {
  detail::ws_state& s = *st_;
  if (s.at == detail::ws_state::phase::connecting) {
    co_return fail(ws_error{ws_errc::not_open, "cannot close: the WebSocket is still connecting"});
  }
  if (s.at == detail::ws_state::phase::open) {
    EM_VAL why = nullptr;
    if (skirmish_js_ws_close(s.key.index, code, reason.c_str(), &why) != 0) {
      co_return fail(ws_error{ws_errc::invalid_close, take_string(why)});
    }
    s.at = detail::ws_state::phase::closing;
  }
  co_await closed_awaiter{s};
  co_return s.closed_with;
}

std::size_t browser_websocket::buffered_amount() const {
  return static_cast<std::size_t>(skirmish_js_ws_buffered(st_->key.index));
}

}  // namespace skirmish::rt

extern "C" {

// An event on a socket: 0 open, 1 message, 2 error, 3 close.
EMSCRIPTEN_KEEPALIVE void skirmish_ws_event(std::uint32_t index, std::uint32_t generation, int kind, int code,
                                            int clean, emscripten::EM_VAL reason) {
  using namespace skirmish::rt;
  js_callback_scope scope(browser_driver::entry::js_event);
  std::string why = take_string(reason);
  detail::ws_state** slot = sockets().find({index, generation});
  if (slot == nullptr) return;
  detail::ws_state& s = **slot;
  switch (kind) {
    case 0:
      s.at = detail::ws_state::phase::open;
      s.reader.wake();
      break;
    case 1:
      ++s.queued;
      s.reader.wake();
      break;
    case 2:
      s.error_seen = true;  // a close event always follows and carries the details
      break;
    default:
      s.at = detail::ws_state::phase::closed;
      s.closed_with = ws_close_info{code, std::move(why), clean != 0};
      s.reader.wake();
      s.closer.wake();
      break;
  }
}

}  // extern "C"
