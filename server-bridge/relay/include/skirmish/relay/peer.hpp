// peer: the outbound side of one connection as the rooms see it: a queue of
// shared messages under a watermark, and a request to close with an error.
// The transport's write task drains it; nothing here touches a socket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "skirmish/relay/frame_sink.hpp"
#include "skirmish/relay/outbound_queue.hpp"
#include "skirmish/relay/shared_bytes.hpp"
#include "skirmish/rt/coro.hpp"
#include "skirmish/rt/waker.hpp"
#include "skirmish/rt/waker_cell.hpp"
#include "skirmish/wire/error_code.hpp"

namespace skirmish::relay {

// What became of a live message.
enum class send_status : std::uint8_t {
  queued,
  closing,         // the connection is closing: the message was dropped, nothing to do
  over_watermark,  // it did not fit: drop this connection as a slow consumer
};

// The transport's side, in its write task:
//   for (;;) {
//     co_await p.wait();                         // something queued, or a close
//     while (!p.queue().empty()) { ws.send(p.queue().front().frame()); p.queue().pop(); write it out }
//     if (auto code = p.close_code()) { ws.close(*code, p.close_reason()); break; }
//   }
// note: the write task should move messages into the WebSocket writer only
// while its own buffer is small (a few KiB), so the watermark here stays the
// real bound on what a slow reader holds. A transport that attach()es a
// frame_sink takes live messages straight away while the queue is empty and
// its buffer small: no wake of the write task per message then, which is
// the common case of a tick's fan-out; the write task only drains what
// piled up behind a busy socket.
class peer {
 public:
  explicit peer(std::size_t watermark) noexcept : queue_(watermark) {}
  peer(const peer&) = delete;
  peer& operator=(const peer&) = delete;

  // Queues a live message, unless the peer is closing or the message would
  // take it over its watermark.
  [[nodiscard]] send_status send(shared_bytes m) {
    if (closing_) return send_status::closing;
    // note: only with an empty queue, so messages keep their order.
    if (sink_ != nullptr && queue_.empty() && sink_->offer(m)) return send_status::queued;
    if (!queue_.push(std::move(m))) return send_status::over_watermark;
    wake_.wake();
    return send_status::queued;
  }
  // Queues a catch-up message (welcome, history), exempt from the watermark.
  void send_exempt(shared_bytes m) {
    if (closing_) return;
    queue_.push_exempt(std::move(m));
    wake_.wake();
  }
  // Asks the transport to send `error_message` last and close with `code`.
  // With `discard_queued` (a slow consumer) what is still queued is dropped
  // first, so its memory is freed at once. Only the first error counts.
  void close(shared_bytes error_message, wire::error_code code, bool discard_queued) {
    // note: a normal close (finish) may still become an error: a client that
    // says leave and then sends more is told not_allowed, if the transport
    // has not sent its close frame yet.
    if (error_) return;
    if (discard_queued) queue_.clear();
    queue_.push_exempt(std::move(error_message));
    closing_ = true;
    error_ = code;
    wake_.wake();
  }
  // Asks the transport to close normally (1000) once the queue is drained:
  // the relay has nothing more to say (the client sent leave).
  void finish() {
    if (closing_) return;
    closing_ = true;
    wake_.wake();
  }

  // The transport's sink for live messages while it drives the connection
  // (nullptr: none, everything is queued). It must outlive the attachment.
  void attach(frame_sink* sink) noexcept { sink_ = sink; }

  [[nodiscard]] outbound_queue& queue() noexcept { return queue_; }
  [[nodiscard]] const outbound_queue& queue() const noexcept { return queue_; }
  [[nodiscard]] bool closing() const noexcept { return closing_; }
  // The error this connection is being closed with, if any.
  [[nodiscard]] std::optional<wire::error_code> error() const noexcept { return error_; }
  // Once the queue is drained: the WebSocket close code and reason to close
  // with (the error's, or 1000 and no reason for a normal close).
  [[nodiscard]] std::optional<std::uint16_t> close_code() const noexcept {
    if (!closing_) return std::nullopt;
    return error_ ? wire::close_code_for(*error_) : std::uint16_t{1000};
  }
  [[nodiscard]] std::string_view close_reason() const noexcept { return error_ ? wire::name_of(*error_) : std::string_view{}; }

  // Resumes when a message is queued or a close is requested (at once if either is already so).
  class [[nodiscard]] awaiter {
   public:
    explicit awaiter(peer& p) noexcept : p_(p) {}
    bool await_ready() const noexcept { return p_.closing_ || !p_.queue_.empty(); }
    template <rt::task_promise P>
    void await_suspend(rt::co::coroutine_handle<P> h) noexcept {
      p_.wake_.register_waker(rt::park(h));
    }
    void await_resume() const noexcept {}

   private:
    peer& p_;
  };
  [[nodiscard]] awaiter wait() noexcept { return awaiter(*this); }

 private:
  outbound_queue queue_;
  rt::waker_cell wake_;
  frame_sink* sink_ = nullptr;
  std::optional<wire::error_code> error_;
  bool closing_ = false;
};

}  // namespace skirmish::relay
