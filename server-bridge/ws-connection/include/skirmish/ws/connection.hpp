// connection: one WebSocket connection over an rt::tcp_stream on an epoll
// executor, server or client. Its read half (receive) and write half (the
// task draining the outbound queue) share the protocol state by plain
// reference on one thread: no lock, no atomic, no BiLock.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "skirmish/rt/epoll_io_error.hpp"
#include "skirmish/rt/epoll_reactor.hpp"
#include "skirmish/rt/epoll_tcp_stream.hpp"
#include "skirmish/rt/event.hpp"
#include "skirmish/rt/result.hpp"
#include "skirmish/rt/task.hpp"
#include "skirmish/rt/waker_cell.hpp"
#include "skirmish/ws/client_handshake.hpp"
#include "skirmish/ws/close_status.hpp"
#include "skirmish/ws/connect_error.hpp"
#include "skirmish/ws/connection_options.hpp"
#include "skirmish/ws/connection_state.hpp"
#include "skirmish/ws/detail/wake_signal.hpp"
#include "skirmish/ws/message.hpp"
#include "skirmish/ws/message_reader.hpp"
#include "skirmish/ws/message_writer.hpp"
#include "skirmish/ws/outbound_queue.hpp"
#include "skirmish/ws/shared_message.hpp"
#include "skirmish/ws/upgrade_request.hpp"

namespace skirmish::ws {

// Usage (server):
//   auto up = co_await read_upgrade(std::move(stream), options);   // see upgrade_request.hpp
//   connection c(role::server, options);
//   if (!co_await c.accept(std::move(*up))) co_return;
//   close_status how = co_await c.run(session(c));
// where session(c) is the application's read loop:
//   while (auto m = co_await c.receive()) { ... c.send(...) ... }
// Any task on the same thread may send while the session runs. run()
// returns once the connection is over and its socket closed.
//
// The pieces run() runs side by side, in one task (zip), all holding plain
// references to this object:
// - the read side: the session, then, once it returns, reading on until the
//   peer's close and its FIN (or the close timeout);
// - the write half: drains the outbound queue with vectored sends, answers
//   what the read half owes (a pong per ping, the close reply), sends FIN
//   once the closing handshake is over (a server closes TCP first);
// - a watchdog: idle pings, the idle and close timeouts.
// The read half only calls the engine's reader, the write half only the
// writer; the rules of connection_state keep them consistent, and every
// method here runs to completion without suspending.
class connection {
 public:
  explicit connection(ws::role r, connection_options options = {});
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;

  // --- opening ---

  // Server: answers the upgrade `up` (request().websocket must be true) with
  // a 101 naming `protocol` (empty: none; else one the client offered), takes
  // its stream and the bytes that followed the head.
  [[nodiscard]] rt::task<rt::io_result<void>> accept(upgrade_request up, std::string_view protocol = {});
  // Client: the opening handshake over a connected stream, within `limit`.
  [[nodiscard]] rt::task<rt::result<void, connect_error>> handshake(rt::tcp_stream stream, client_options c,
                                                                    rt::duration limit = std::chrono::seconds(10));
  // Client: connects to host:port (numeric, see tcp_stream::connect), then handshake().
  [[nodiscard]] rt::task<rt::result<void, connect_error>> connect(rt::epoll_reactor& r, std::string host,
                                                                  std::uint16_t port, client_options c,
                                                                  rt::duration limit = std::chrono::seconds(10));

  // Server: takes a connection whose opening handshake another connection
  // object did (a hand-off from another worker, see hand_off()): `stream`
  // and the frame bytes read after the last message that one delivered.
  void adopt(rt::tcp_stream stream, std::span<const std::byte> already_read);
  // Server, before run() and outside receive(), right after receive() gave a
  // whole message: takes the socket out of this thread's reactor with the
  // bytes read past that message, for another worker's adopt(). This
  // connection is over afterwards (not closed: the socket lives on there).
  // note: a pong owed for a ping that came before is not sent; nothing else
  // can be owed before run() starts the write half.
  [[nodiscard]] rt::tcp_handoff hand_off();

  // --- running ---

  // Runs the connection with `session` as its reader until it is over: the
  // closing handshake done (or failed, or timed out) and the socket closed.
  // If the session returns while the connection is open, a close with 1000
  // starts. Gives how the connection ended.
  [[nodiscard]] rt::task<close_status> run(rt::task<void> session);

  // --- read half (one task at a time) ---

  // The next text or binary message, or nothing once the connection will
  // deliver no more (the peer's close, a protocol error, the socket gone).
  // The message is a view valid until the next receive(). Pings are answered
  // from here through the write half; pongs are taken in silence.
  [[nodiscard]] rt::task<std::optional<message>> receive();

  // --- write half (any task of this thread; nothing here waits) ---

  // Queues a message (copied, encoded, fragmented per max_frame_payload).
  // Fails with `closing` once a close was sent or received, with
  // `slow_consumer` when it would pass the outbound watermark (then the
  // backlog is dropped and the connection closes with 1008).
  rt::result<void, send_error> send(opcode op, std::span<const std::byte> payload) noexcept;
  rt::result<void, send_error> send_text(std::string_view text) noexcept {
    return send(opcode::text, std::as_bytes(std::span(text.data(), text.size())));
  }
  rt::result<void, send_error> send_binary(std::span<const std::byte> bytes) noexcept { return send(opcode::binary, bytes); }
  // Queues a pre-encoded message by reference: no copy, one count more on its block.
  // note: server frames; a client must not send them (they are unmasked).
  rt::result<void, send_error> send(const shared_message& m) noexcept;
  // Queues a ping (at most 125 bytes).
  rt::result<void, send_error> ping(std::span<const std::byte> payload = {}) noexcept;
  // Starts the closing handshake (code and a UTF-8 reason of at most 123
  // bytes); if the peer closed first, sends the owed echo instead.
  rt::result<void, send_error> start_close(close_code code = close_code::normal, std::string_view reason = {}) noexcept;
  // start_close, then waits until the peer's close came (reading and dropping
  // messages meanwhile, unless another task is in receive()) or the close
  // timeout of run() ended the connection. Gives the status so far.
  [[nodiscard]] rt::task<close_status> close(close_code code = close_code::normal, std::string_view reason = {});

  // --- state ---

  ws::role role() const noexcept { return state_.role(); }
  // Open for data: the handshake is done, no close was sent or received, the socket is up.
  bool is_open() const noexcept { return opened_ && !lost_ && state_.may_send_data(); }
  // The outbound watermark's measure: bytes queued and not yet taken by the socket.
  std::size_t outbound_bytes() const noexcept { return queue_.bytes(); }
  // Resumes once fewer than `below` bytes are queued for the socket (at
  // once if so already), or once the socket is gone. One waiter at a time:
  // the task that feeds this connection from a queue of its own (the relay's
  // write task), so it moves more only as the socket takes what it has.
  class [[nodiscard]] drain_awaiter {
   public:
    drain_awaiter(connection& c, std::size_t below) noexcept : c_(c), below_(below) {}
    bool await_ready() const noexcept { return c_.lost_ || c_.queue_.bytes() < below_; }
    template <rt::task_promise P>
    void await_suspend(rt::co::coroutine_handle<P> h) noexcept {
      c_.drain_below_ = below_;
      c_.drained_.register_waker(rt::park(h));
    }
    void await_resume() const noexcept {}

   private:
    connection& c_;
    std::size_t below_;
  };
  drain_awaiter drained(std::size_t below) noexcept { return drain_awaiter(*this, below); }
  // Pongs that came from the peer (answers to ping(), or unsolicited).
  std::uint64_t pongs_received() const noexcept { return pongs_; }
  // How the connection ended (complete once run() returned).
  const close_status& status() const noexcept { return status_; }
  // The subprotocol agreed in the handshake (empty if none).
  std::string_view protocol() const noexcept { return protocol_; }
  const connection_options& options() const noexcept { return options_; }
  rt::tcp_stream& stream() noexcept { return stream_; }

 private:
  struct flush_attempt;
  struct read_attempt;

  void open(rt::tcp_stream stream, std::span<const std::byte> first_bytes);
  // Encodes through the writer and records what it appended in the queue.
  template <class F>
  rt::result<void, send_error> encode(F&& f) noexcept;
  // The read half left a pong or a close owed: encode it, wake the writer.
  void flush_owed() noexcept;
  void drop_slow_consumer() noexcept;
  // The socket is gone (an error, EOF before the close, a timeout): close it.
  void lose_transport(std::string_view problem) noexcept;
  void end_reading() noexcept;
  void update_status() noexcept;

  rt::task<void> read_side(rt::task<void> session);
  rt::task<void> write_half();
  rt::task<void> watchdog();
  rt::task<rt::result<void, connect_error>> client_exchange(client_handshake& hs);

  connection_options options_;
  connection_state state_;
  message_reader reader_;
  message_writer writer_;
  outbound_queue queue_;
  rt::tcp_stream stream_;
  rt::epoll_reactor* reactor_ = nullptr;

  std::unique_ptr<std::byte[]> rbuf_;  // bytes read; [rpos_, rend_) not yet given to the reader
  std::size_t rbuf_size_ = 0;
  std::size_t rpos_ = 0;
  std::size_t rend_ = 0;
  std::uint64_t reads_ = 0;  // reads that brought bytes: the watchdog's sign of life
  std::uint64_t pongs_ = 0;

  detail::wake_signal writer_wake_;
  detail::wake_signal watchdog_wake_;
  rt::waker_cell drained_;       // the drained() waiter
  std::size_t drain_below_ = 0;  // its threshold
  rt::event reading_ended_;
  std::optional<rt::instant> close_deadline_;

  bool opened_ = false;
  bool reading_ = false;       // a task is inside receive()
  bool read_over_ = false;     // receive() gives nothing more
  bool reader_done_ = false;   // the read side reached EOF (or gave up)
  bool writer_done_ = false;
  bool lost_ = false;          // the socket is closed or broken
  bool fin_sent_ = false;
  close_status status_;
  std::string protocol_;
};

}  // namespace skirmish::ws
