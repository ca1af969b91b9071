// Reading and checking the request head of a server connection.
#include "skirmish/ws/upgrade_request.hpp"

#include <array>

#include "skirmish/rt/timeout.hpp"

namespace skirmish::ws {

namespace {

constexpr std::size_t read_chunk = 2048;

// The outcome of reading the head, before the time limit is applied.
struct head_outcome {
  bool done = false;
  bool refused = false;
  http_error error;
  rt::io_error io;
};

// Feeds the parser what is already there, then what the socket gives, until
// the head is complete or refused; an error response goes out from here, so
// the time limit covers writing it too.
rt::task<head_outcome> read_head(rt::tcp_stream& stream, request_parser& parser, std::vector<std::byte>& raw,
                                 std::size_t& head_size) {
  std::size_t fed = 0;
  for (;;) {
    if (fed < raw.size()) {
      auto r = parser.feed(std::span(raw).subspan(fed));
      if (!r) {
        head_outcome out{false, true, r.error(), {}};
        // note: FIN after the response, then read to the peer's EOF: closing
        // with unread bytes would send a reset that can destroy the response.
        if (co_await stream.write(error_response(r.error())) && stream.shutdown_write()) {
          std::array<std::byte, 512> sink;
          for (;;) {
            auto n = co_await stream.read(sink);
            if (!n || *n == 0) break;
          }
        }
        co_return out;
      }
      fed += *r;
      if (parser.done()) {
        head_size = fed;
        co_return head_outcome{true, false, {}, {}};
      }
      fed = raw.size();
    }
    std::size_t at = raw.size();
    raw.resize(at + read_chunk);
    auto n = co_await stream.read(std::span(raw).subspan(at));
    if (!n || *n == 0) {
      raw.resize(at);
      co_return head_outcome{false, false, {}, n ? rt::io_error{} : n.error()};
    }
    raw.resize(at + *n);
  }
}

}  // namespace

rt::task<rt::result<upgrade_request, upgrade_error>> read_upgrade(rt::tcp_stream stream, const server_options& options,
                                                                  std::vector<std::byte> already_read) {
  upgrade_request up(std::move(stream), options);
  up.raw_ = std::move(already_read);
  auto r = co_await rt::timeout(options.handshake_timeout, read_head(up.stream_, up.parser_, up.raw_, up.head_size_));
  if (!r) {
    up.stream_.close();
    co_return rt::fail(upgrade_error{upgrade_failure::timed_out, {}, {}});
  }
  if (!r->done) {
    up.stream_.close();
    if (r->refused)
      co_return rt::fail(upgrade_error{upgrade_failure::bad_request, r->error, {}});
    co_return rt::fail(upgrade_error{upgrade_failure::closed, {}, r->io});
  }
  co_return std::move(up);
}

}  // namespace skirmish::ws
