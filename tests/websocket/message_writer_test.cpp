#include <doctest/doctest.h>

#include <string>

#include "skirmish/ws/message_writer.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using namespace skirmish::ws::test;

namespace {

bytes pending_of(const message_writer& w) { return bytes(w.pending().begin(), w.pending().end()); }

}  // namespace

TEST_SUITE("message_writer") {
  TEST_CASE("messages queue up as frames; the transport drains them in pieces") {
    connection_state state(role::server);
    message_writer w(state);
    REQUIRE(w.send_text("one").ok());
    REQUIRE(w.send_binary(to_bytes("two")).ok());
    bytes expected = concat({raw_frame(0x81, "one", false), raw_frame(0x82, "two", false)});
    CHECK(pending_of(w) == expected);
    w.consume(3);  // a partial write
    CHECK(pending_of(w) == bytes(expected.begin() + 3, expected.end()));
    REQUIRE(w.send_text("three").ok());
    CHECK(pending_of(w) == concat({bytes(expected.begin() + 3, expected.end()), raw_frame(0x81, "three", false)}));
    w.consume(w.pending().size());
    CHECK(w.pending().empty());
  }

  TEST_CASE("auto-fragmentation from writer_options") {
    connection_state state(role::server);
    message_writer w(state, writer_options{4});
    REQUIRE(w.send_text("abcdef").ok());
    CHECK(pending_of(w) == concat({raw_frame(0x01, "abcd", false), raw_frame(0x80, "ef", false)}));
  }

  TEST_CASE("bad requests are errors, not frames") {
    connection_state state(role::server);
    message_writer w(state);
    CHECK(w.send(opcode::ping, {}).error() == send_error::not_a_message);
    CHECK(w.send(opcode::continuation, {}).error() == send_error::not_a_message);
    CHECK(w.ping(to_bytes(std::string(126, 'p'))).error() == send_error::control_too_long);
    CHECK(w.close(close_code::no_status, "why").error() == send_error::invalid_close_code);
    CHECK(w.close(close_code::abnormal).error() == send_error::invalid_close_code);
    CHECK(w.close(static_cast<close_code>(1015)).error() == send_error::invalid_close_code);
    CHECK(w.close(close_code::normal, std::string(124, 'r')).error() == send_error::control_too_long);
    CHECK(w.close(close_code::normal, "\xff").error() == send_error::invalid_utf8);
    CHECK(w.pending().empty());
    CHECK(state.phase() == phase::open);
    REQUIRE(w.ping(to_bytes(std::string(125, 'p'))).ok());
    CHECK(pending_of(w) == raw_frame(0x89, std::string(125, 'p'), false));
  }

  TEST_CASE("after our close, no more data") {
    connection_state state(role::server);
    message_writer w(state);
    REQUIRE(w.close(close_code::going_away, "restart").ok());
    CHECK(pending_of(w) == raw_frame(0x88, close_payload(1001, "restart"), false));
    CHECK(state.phase() == phase::close_sent);
    CHECK(w.send_text("late").error() == send_error::closing);
    CHECK(w.ping().error() == send_error::closing);
    CHECK(w.close().error() == send_error::closing);
  }

  TEST_CASE("flush_control answers the latest ping and echoes the peer's close") {
    connection_state state(role::server);
    message_writer w(state);
    state.on_ping(to_bytes("first"));
    state.on_ping(to_bytes("second"));
    REQUIRE(w.flush_control().ok());
    CHECK(pending_of(w) == raw_frame(0x8A, "second", false));
    w.consume(w.pending().size());
    REQUIRE(w.flush_control().ok());
    CHECK(w.pending().empty());  // nothing owed twice

    state.on_close_received(static_cast<close_code>(4001));
    REQUIRE(w.flush_control().ok());
    CHECK(pending_of(w) == raw_frame(0x88, close_payload(4001), false));
    CHECK(state.phase() == phase::closed);
    CHECK(state.transport_done());
  }

  TEST_CASE("send() puts an owed pong ahead of the message") {
    connection_state state(role::server);
    message_writer w(state);
    state.on_ping(to_bytes("p"));
    REQUIRE(w.send_text("data").ok());
    CHECK(pending_of(w) == concat({raw_frame(0x8A, "p", false), raw_frame(0x81, "data", false)}));
  }

  TEST_CASE("close() after the peer's close sends the echo, not a new code") {
    connection_state state(role::server);
    message_writer w(state);
    state.on_close_received(close_code::no_status);
    REQUIRE(w.close(close_code::going_away, "ignored").ok());
    CHECK(pending_of(w) == raw_frame(0x88, "", false));  // the peer sent no code: an empty close
    CHECK(state.phase() == phase::closed);
  }

  TEST_CASE("a client's frames are masked") {
    connection_state state(role::client);
    message_writer w(state, {}, 99);
    REQUIRE(w.send_text("hi").ok());
    bytes out = pending_of(w);
    REQUIRE(out.size() == 8);
    CHECK(out[0] == std::byte{0x81});
    CHECK(out[1] == std::byte{0x82});
    // Our own server-side reader unmasks it.
    connection_state server(role::server);
    message_reader r(server);
    auto ev = read_all(r, out);
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].payload == "hi");
  }
}
