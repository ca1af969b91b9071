// browser_websocket: an awaitable client over the page's WebSocket. Connect
// with a timeout, send binary or text, await the next message, close with a
// code and a reason; every failure is a ws_error value with a readable reason.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <emscripten/val.h>

#include "skirmish/rt/browser_js_error.hpp"
#include "skirmish/rt/check.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/detail/slot_table.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/time.hpp"
#include "skirmish/rt/waker_cell.hpp"

namespace skirmish::rt {

enum class ws_errc {
  unsupported,     // no WebSocket in this JS environment
  invalid_url,     // the WebSocket constructor refused the URL
  connect_failed,  // closed (or errored) before it opened
  timed_out,       // did not open in time
  not_open,        // send or close on a socket that is not open
  invalid_close,   // close code or reason refused (codes: 1000, 3000-4999; reason <= 123 bytes)
  send_failed,     // the browser refused to send
  closed,          // the connection is closed: no more messages
};

struct ws_error {
  ws_errc code;
  std::string reason;  // readable, e.g. "could not connect to ws://...: closed with code 1006"
};

// The JS rejection for a ws_error (spawn_promise): an Error named WebSocketError.
emscripten::val to_js_error(const ws_error& e);

struct ws_message {
  bool binary = true;
  std::vector<std::byte> data;  // text messages hold their UTF-8 bytes

  std::string_view text() const noexcept { return {reinterpret_cast<const char*>(data.data()), data.size()}; }
};

struct ws_close_info {
  int code = 0;  // 1005 when the peer gave none
  std::string reason;
  bool clean = false;  // the closing handshake completed
};

namespace detail {
// What one socket's JS events leave for its awaiters. Lives on the heap, so
// the socket object can move while JS holds its key.
struct ws_state {
  enum class phase : unsigned char { connecting, open, closing, closed };

  slot_key key;
  std::string url;
  phase at = phase::connecting;
  int queued = 0;         // messages waiting on the JS side
  waker_cell reader;      // the task in connect() or recv()
  waker_cell closer;      // the task in close()
  ws_close_info closed_with;
  bool error_seen = false;

  ~ws_state();
  ws_error closed_error() const;
};
}  // namespace detail

class browser_websocket {
 public:
  // Opens a connection to `url` (ws: or wss:); gives the open socket, or
  // why it failed, or timed_out once `limit` passes (the attempt is dropped).
  [[nodiscard]] static task<result<browser_websocket, ws_error>> connect(
      std::string url, duration limit = std::chrono::seconds(10));

  browser_websocket(browser_websocket&&) noexcept = default;
  browser_websocket& operator=(browser_websocket&&) noexcept = default;
  // Closes the connection (code 1000) if it is still open.
  ~browser_websocket() = default;

  // Queues a binary message. note: WebSocket.send never blocks, so neither
  // does this; buffered_amount() tells how much is still waiting to go out.
  result<void, ws_error> send(std::span<const std::byte> data);
  result<void, ws_error> send_text(std::string_view text);

  class [[nodiscard]] recv_awaiter {
   public:
    explicit recv_awaiter(detail::ws_state& s) noexcept : s_(s) {}
    bool await_ready() const noexcept { return s_.queued > 0 || s_.at == detail::ws_state::phase::closed; }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) {
      expect(!s_.reader.has_waker(), "two tasks receive from one browser_websocket at once");
      s_.reader.register_waker(park(h));
    }
    // The next message (in arrival order), or `closed` with the close code and reason.
    result<ws_message, ws_error> await_resume();

   private:
    detail::ws_state& s_;
  };

  // Waits for the next message. Messages that came before the close are
  // still delivered; after them every receive gives `closed`.
  recv_awaiter recv() noexcept { return recv_awaiter(*st_); }

  // Starts the closing handshake and waits until the socket is closed.
  [[nodiscard]] task<result<ws_close_info, ws_error>> close(int code = 1000, std::string reason = {});

  bool is_open() const noexcept { return st_ && st_->at == detail::ws_state::phase::open; }
  // Bytes queued by send() that the browser has not sent yet.
  std::size_t buffered_amount() const;
  const std::string& url() const noexcept { return st_->url; }

 private:
  explicit browser_websocket(std::unique_ptr<detail::ws_state> s) noexcept : st_(std::move(s)) {}

  std::unique_ptr<detail::ws_state> st_;
};

}  // namespace skirmish::rt
