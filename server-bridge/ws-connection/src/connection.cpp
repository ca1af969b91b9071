// The two halves of a WebSocket connection on the epoll driver, the watchdog
// beside them, and the opening handshakes of both roles.
#include "skirmish/ws/connection.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/timeout.hpp"
#include "skirmish/rt/zip.hpp"
#include "skirmish/ws/server_handshake.hpp"

namespace skirmish::ws {

namespace {
constexpr std::size_t max_parts = 64;
}  // namespace

// One non-blocking try at sending what is queued: gathers the queue afresh
// on every try (so sends queued while the socket was full go out in the same
// write), sendmsg until it is empty or the socket would block.
// note: the driver's write_all takes a fixed list of buffers, which a queue
// that grows (and whose inline bytes may move) while the write waits cannot
// give; hence this attempt of our own on the same async_fd.
struct connection::flush_attempt {
  connection* self;
  rt::io_result<void> operator()() noexcept {
    for (;;) {
      std::array<std::span<const std::byte>, max_parts> parts;
      std::size_t count = self->queue_.gather(self->writer_.pending(), parts);
      if (count == 0) return {};
      std::array<iovec, max_parts> iov;
      for (std::size_t i = 0; i < count; ++i) {
        iov[i].iov_base = const_cast<std::byte*>(parts[i].data());
        iov[i].iov_len = parts[i].size();
      }
      msghdr msg{};
      msg.msg_iov = iov.data();
      msg.msg_iovlen = count;
      ssize_t n = ::sendmsg(self->stream_.fd(), &msg, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return rt::fail(rt::io_error{errno});
      }
      self->writer_.consume(self->queue_.consume(static_cast<std::size_t>(n)));
      if (self->queue_.bytes() < self->drain_below_) self->drained_.wake();
    }
  }
};

// One recv into the read buffer. A short read means the socket's receive
// queue is empty now, so the fd is marked as known to block: the next read
// waits for the next readiness edge instead of paying for a recv that gives
// EAGAIN (one syscall less per message on a busy connection).
// note: this runs at recv time, inside the attempt, before any later
// epoll_wait could report new bytes, so no edge is lost; and not after a
// FIN or hang-up was reported (see below).
struct connection::read_attempt {
  connection* self;
  rt::io_result<std::size_t> operator()() noexcept {
    for (;;) {
      ssize_t n = ::recv(self->stream_.fd(), self->rbuf_.get(), self->rbuf_size_, 0);
      if (n > 0) {
        // note: not once the peer's FIN was reported: bytes and FIN may have
        // come in one edge, and the EOF read after them must not wait for another.
        if (static_cast<std::size_t>(n) < self->rbuf_size_ && !self->stream_.io().hung_up()) self->stream_.io().clear_readable();
        return static_cast<std::size_t>(n);
      }
      if (n == 0) return std::size_t{0};
      if (errno != EINTR) return rt::fail(rt::io_error{errno});
    }
  }
};

connection::connection(ws::role r, connection_options options)
    : options_(options),
      state_(r),
      reader_(state_, reader_limits{options.max_message_size}),
      writer_(state_, writer_options{options.max_frame_payload}) {}

void connection::open(rt::tcp_stream stream, std::span<const std::byte> first_bytes) {
  stream_ = std::move(stream);
  reactor_ = &stream_.io().reactor();
  rbuf_size_ = std::max({options_.read_buffer_size, first_bytes.size(), std::size_t{512}});
  rbuf_ = std::make_unique_for_overwrite<std::byte[]>(rbuf_size_);
  if (!first_bytes.empty()) std::memcpy(rbuf_.get(), first_bytes.data(), first_bytes.size());
  rpos_ = 0;
  rend_ = first_bytes.size();
}

rt::task<rt::io_result<void>> connection::accept(upgrade_request up, std::string_view protocol) {
  rt::expect(up.request().websocket, "connection::accept of a request that is not a WebSocket upgrade");
  rt::expect(role() == role::server, "connection::accept on a client connection");
  std::string response = accept_response(up.request(), protocol);
  protocol_ = protocol;
  open(std::move(up.stream()), up.leftover());
  // note: a fresh socket's send buffer takes the 101 at once; the write
  // cannot wait long, so it needs no time limit of its own.
  auto w = co_await stream_.write(response);
  if (!w) {
    lose_transport(w.error().name());
    co_return rt::fail(w.error());
  }
  opened_ = true;
  co_return rt::io_result<void>{};
}

void connection::adopt(rt::tcp_stream stream, std::span<const std::byte> already_read) {
  rt::expect(role() == role::server, "connection::adopt on a client connection");
  open(std::move(stream), already_read);
  opened_ = true;
}

rt::tcp_handoff connection::hand_off() {
  rt::expect(role() == role::server && opened_ && !reading_ && !reader_.in_fragmented_message(),
             "connection::hand_off outside a message boundary");
  std::vector<std::byte> rest(rbuf_.get() + rpos_, rbuf_.get() + rend_);
  rbuf_.reset();
  rbuf_size_ = rpos_ = rend_ = 0;
  opened_ = false;
  lost_ = true;
  read_over_ = true;
  return stream_.hand_off(std::move(rest));
}

rt::task<rt::result<void, connect_error>> connection::client_exchange(client_handshake& hs) {
  if (auto w = co_await stream_.write(hs.request()); !w) co_return rt::fail(connect_error{connect_failure::io, w.error(), {}});
  for (;;) {
    auto n = co_await stream_.read(std::span(rbuf_.get(), rbuf_size_));
    if (!n) co_return rt::fail(connect_error{connect_failure::io, n.error(), {}});
    if (*n == 0) co_return rt::fail(connect_error{connect_failure::io, {}, {}});
    auto r = hs.feed(std::span(rbuf_.get(), *n));
    if (!r) co_return rt::fail(connect_error{connect_failure::refused, {}, r.error()});
    if (hs.done()) {
      rpos_ = *r;
      rend_ = *n;
      co_return rt::result<void, connect_error>{};
    }
  }
}

rt::task<rt::result<void, connect_error>> connection::handshake(rt::tcp_stream stream, client_options c, rt::duration limit) {
  rt::expect(role() == role::client, "connection::handshake on a server connection");
  open(std::move(stream), {});
  auto hs = client_handshake::create(c);
  if (!hs) {
    lose_transport("no entropy");
    co_return rt::fail(connect_error{connect_failure::no_entropy, {}, {}});
  }
  auto r = co_await rt::timeout(limit, client_exchange(*hs));
  if (!r) {
    lose_transport("handshake timeout");
    co_return rt::fail(connect_error{connect_failure::timed_out, {}, {}});
  }
  if (!*r) {
    lose_transport("handshake failed");
    co_return rt::fail(r->error());
  }
  protocol_ = hs->protocol();
  opened_ = true;
  co_return rt::result<void, connect_error>{};
}

rt::task<rt::result<void, connect_error>> connection::connect(rt::epoll_reactor& r, std::string host, std::uint16_t port,
                                                              client_options c, rt::duration limit) {
  auto s = co_await rt::tcp_stream::connect(r, std::move(host), port);
  if (!s) co_return rt::fail(connect_error{connect_failure::io, s.error(), {}});
  co_return co_await handshake(std::move(*s), std::move(c), limit);
}

template <class F>
rt::result<void, send_error> connection::encode(F&& f) noexcept {
  phase before = state_.phase();
  std::optional<close_code> owed = state_.owed_close();
  std::size_t size = writer_.pending().size();
  rt::result<void, send_error> r = f();
  queue_.push_inline(writer_.pending().size() - size);
  if (owed && !state_.owed_close()) status_.sent = *owed;
  if (before != state_.phase()) watchdog_wake_.notify();
  writer_wake_.notify();
  return r;
}

void connection::flush_owed() noexcept {
  if (lost_) return;
  (void)encode([&] { return writer_.flush_control(); });
  // note: a peer that pings without reading our pongs would grow the queue
  // without end; the watermark holds for control frames too.
  if (queue_.bytes() > options_.max_outbound_bytes) drop_slow_consumer();
  update_status();
}

void connection::drop_slow_consumer() noexcept {
  if (!state_.may_send_data()) return;
  writer_.discard_pending(queue_.drop_unstarted());
  status_.problem = "slow consumer";
  (void)encode([&] { return writer_.close(close_code::policy_violation, "slow consumer"); });
  status_.sent = close_code::policy_violation;
}

rt::result<void, send_error> connection::send(opcode op, std::span<const std::byte> payload) noexcept {
  if (!opened_ || lost_) return rt::fail(send_error::closing);
  if (queue_.bytes() + payload.size() + max_header_size > options_.max_outbound_bytes && state_.may_send_data()) {
    drop_slow_consumer();
    return rt::fail(send_error::slow_consumer);
  }
  return encode([&] { return writer_.send(op, payload); });
}

rt::result<void, send_error> connection::send(const shared_message& m) noexcept {
  if (!opened_ || lost_) return rt::fail(send_error::closing);
  rt::expect(role() == role::server, "a client sending shared (unmasked) frames");
  if (auto owed = encode([&] { return writer_.flush_control(); }); !owed) return owed;
  if (!state_.may_send_data()) return rt::fail(send_error::closing);
  if (queue_.bytes() + m.frames().size() > options_.max_outbound_bytes) {
    drop_slow_consumer();
    return rt::fail(send_error::slow_consumer);
  }
  queue_.push_shared(m);
  writer_wake_.notify();
  return {};
}

rt::result<void, send_error> connection::ping(std::span<const std::byte> payload) noexcept {
  if (!opened_ || lost_) return rt::fail(send_error::closing);
  return encode([&] { return writer_.ping(payload); });
}

rt::result<void, send_error> connection::start_close(close_code code, std::string_view reason) noexcept {
  if (!opened_ || lost_) return rt::fail(send_error::closing);
  bool starting = state_.phase() == phase::open;
  auto r = encode([&] { return writer_.close(code, reason); });
  if (r && starting) status_.sent = code;
  update_status();
  return r;
}

rt::task<close_status> connection::close(close_code code, std::string_view reason) {
  (void)start_close(code, reason);
  if (reading_) {
    co_await reading_ended_.wait();
  } else {
    // note: not `while (co_await receive()) {}`: g++ 12 miscompiles a
    // co_await as the whole condition of a loop with an empty body (the
    // coroutine ran to its end before its first resume).
    for (;;) {
      auto m = co_await receive();
      if (!m) break;
    }
  }
  co_return status_;
}

void connection::lose_transport(std::string_view problem) noexcept {
  if (lost_) return;
  lost_ = true;
  if (status_.problem.empty() && state_.phase() != phase::closed) status_.problem = problem;
  stream_.close();
  writer_wake_.notify();
  watchdog_wake_.notify();
  drained_.wake();
}

void connection::end_reading() noexcept {
  read_over_ = true;
  reading_ended_.set();
  watchdog_wake_.notify();
}

void connection::update_status() noexcept {
  status_.clean = state_.phase() == phase::closed && !state_.failed();
  status_.we_initiated = state_.we_initiated_close();
}

rt::task<std::optional<message>> connection::receive() {
  if (read_over_ || !opened_) co_return std::nullopt;
  struct reading_flag {
    bool& flag;
    explicit reading_flag(bool& f) : flag(f) { flag = true; }
    ~reading_flag() { flag = false; }
  } in_receive(reading_);
  for (;;) {
    while (rpos_ < rend_) {
      read_event ev = reader_.read(std::span(rbuf_.get() + rpos_, rend_ - rpos_));
      rpos_ += ev.consumed;
      switch (ev.kind) {
        case event_kind::need_more:
          break;
        case event_kind::pong:
          ++pongs_;
          break;
        case event_kind::message:
          co_return message{ev.op, ev.payload};
        case event_kind::ping:
          flush_owed();
          break;
        case event_kind::close:
          status_.received = ev.code;
          status_.reason.assign(ev.reason);
          flush_owed();
          end_reading();
          co_return std::nullopt;
        case event_kind::error:
          status_.problem = ev.reason;
          status_.peer_fault = true;
          flush_owed();
          end_reading();
          co_return std::nullopt;
      }
    }
    rpos_ = rend_ = 0;
    auto n = co_await stream_.io().run(rt::io_direction::read, read_attempt{this});
    if (!n || *n == 0) {
      lose_transport(n ? std::string_view("connection closed without a close frame") : std::string_view(n.error().name()));
      end_reading();
      co_return std::nullopt;
    }
    rend_ = *n;
    ++reads_;
  }
}

rt::task<void> connection::read_side(rt::task<void> session) {
  co_await std::move(session);
  if (is_open()) (void)start_close(close_code::normal);
  for (;;) {
    auto m = co_await receive();
    if (!m) break;
  }
  // The closing handshake is over on the read side; wait for the peer's FIN
  // so the socket closes without a reset (or the close timeout cuts it short).
  while (!lost_) {
    auto n = co_await stream_.read(std::span(rbuf_.get(), rbuf_size_));
    if (!n || *n == 0) break;
  }
  reader_done_ = true;
  writer_wake_.notify();
  watchdog_wake_.notify();
}

rt::task<void> connection::write_half() {
  for (;;) {
    if (!queue_.empty() && !lost_) {
      auto r = co_await stream_.io().run(rt::io_direction::write, flush_attempt{this});
      if (!r) lose_transport(r.error().name());
      continue;
    }
    if (lost_ || reader_done_) break;
    if (state_.transport_done()) {
      // note: a server ends TCP first (RFC 6455 7.1.1); a client waits for it.
      if (role() == role::server && !fin_sent_) {
        fin_sent_ = true;
        (void)stream_.shutdown_write();
      }
      break;
    }
    (void)co_await writer_wake_.wait();
  }
  writer_done_ = true;
  watchdog_wake_.notify();
}

rt::task<void> connection::watchdog() {
  const bool idle_check = options_.idle_timeout > rt::duration::zero();
  std::uint64_t seen = reads_;
  bool pinged = false;
  rt::instant period_start = reactor_->now();
  for (;;) {
    if (reader_done_ && writer_done_) co_return;
    bool closing = lost_ || !state_.may_send_data() || read_over_ || writer_done_;
    std::optional<rt::instant> deadline;
    if (lost_) {
      // The socket is closed: only the halves' wake-ups are left to wait for.
    } else if (closing) {
      if (!close_deadline_) close_deadline_ = reactor_->now() + options_.close_timeout;
      deadline = close_deadline_;
    } else if (idle_check) {
      deadline = period_start + options_.idle_timeout;
    }
    if (co_await watchdog_wake_.wait(deadline)) continue;
    if (closing) {
      lose_transport("close timeout");
      continue;
    }
    period_start = reactor_->now();
    if (reads_ != seen) {
      seen = reads_;
      pinged = false;
    } else if (!pinged) {
      (void)ping();
      pinged = true;
    } else {
      status_.problem = "idle timeout";
      (void)start_close(close_code::going_away, "idle timeout");
    }
  }
}

rt::task<close_status> connection::run(rt::task<void> session) {
  if (!opened_) co_return status_;
  co_await rt::zip(read_side(std::move(session)), write_half(), watchdog());
  stream_.close();
  lost_ = true;
  update_status();
  co_return status_;
}

}  // namespace skirmish::ws
