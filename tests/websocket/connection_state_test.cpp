#include <doctest/doctest.h>

#include <string>

#include "skirmish/ws/connection_state.hpp"
#include "skirmish/ws/message_reader.hpp"
#include "skirmish/ws/message_writer.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using namespace skirmish::ws::test;

namespace {

// One endpoint: the state its two halves share, each half holding a plain reference.
struct endpoint {
  explicit endpoint(role r) : state(r), reader(state), writer(state, {}, 1234) {}
  connection_state state;
  message_reader reader;
  message_writer writer;
};

// Moves everything `from` has pending into `to`'s reader; returns the events.
std::vector<seen> deliver(endpoint& from, endpoint& to) {
  (void)from.writer.flush_control();
  bytes wire(from.writer.pending().begin(), from.writer.pending().end());
  from.writer.consume(wire.size());
  return read_all(to.reader, wire);
}

}  // namespace

TEST_SUITE("connection_state") {
  TEST_CASE("we close first: open -> close_sent -> closed") {
    connection_state s(role::server);
    CHECK(s.phase() == phase::open);
    CHECK(s.may_send_data());
    s.on_close_sent();
    CHECK(s.phase() == phase::close_sent);
    CHECK(s.we_initiated_close());
    CHECK_FALSE(s.may_send_data());
    CHECK_FALSE(s.delivers_data());
    CHECK_FALSE(s.transport_done());
    s.on_close_received(close_code::normal);
    CHECK(s.phase() == phase::closed);
    CHECK(s.peer_code() == close_code::normal);
    CHECK_FALSE(s.writer_has_work());
    CHECK(s.transport_done());
  }

  TEST_CASE("the peer closes first: open -> close_received (echo owed) -> closed") {
    connection_state s(role::client);
    s.on_close_received(close_code::going_away);
    CHECK(s.phase() == phase::close_received);
    CHECK_FALSE(s.we_initiated_close());
    CHECK(s.writer_has_work());
    CHECK(s.owed_close() == close_code::going_away);
    CHECK_FALSE(s.may_send_data());
    s.on_close_received(close_code::normal);  // a second close changes nothing
    CHECK(s.owed_close() == close_code::going_away);
    s.on_close_sent();
    CHECK(s.phase() == phase::closed);
    CHECK_FALSE(s.owed_close().has_value());
    CHECK(s.transport_done());
  }

  TEST_CASE("pings: the latest is owed while open; none after a close") {
    connection_state s(role::server);
    CHECK_FALSE(s.pending_pong().has_value());
    s.on_ping(to_bytes("a"));
    s.on_ping(to_bytes("bb"));
    REQUIRE(s.pending_pong().has_value());
    CHECK(to_string(*s.pending_pong()) == "bb");
    s.pong_sent();
    CHECK_FALSE(s.writer_has_work());
    s.on_ping({});
    REQUIRE(s.pending_pong().has_value());
    CHECK(s.pending_pong()->empty());
    s.on_close_sent();  // a close supersedes the pong
    CHECK_FALSE(s.pending_pong().has_value());
    s.on_ping(to_bytes("late"));
    CHECK_FALSE(s.pending_pong().has_value());
  }

  TEST_CASE("a protocol error: owe the error's close, then drop") {
    connection_state s(role::server);
    s.on_ping(to_bytes("x"));
    s.on_protocol_error(close_code::invalid_payload);
    CHECK(s.failed());
    CHECK(s.phase() == phase::close_received);
    CHECK(s.owed_close() == close_code::invalid_payload);
    CHECK_FALSE(s.pending_pong().has_value());
    s.on_close_sent();
    CHECK(s.transport_done());

    connection_state after_close(role::server);
    after_close.on_close_sent();
    after_close.on_protocol_error(close_code::protocol_error);
    CHECK(after_close.phase() == phase::closed);  // our close is out: nothing more to send
    CHECK_FALSE(after_close.writer_has_work());
  }

  TEST_CASE("after our close the reader drops data and pings go unanswered") {
    endpoint server(role::server);
    REQUIRE(server.writer.close().ok());
    bytes wire = concat({client_frame(opcode::text, "dropped"), client_frame(opcode::ping, "p"),
                         raw_frame(0x88, close_payload(1000), true)});
    auto ev = read_all(server.reader, wire);
    REQUIRE(ev.size() == 2);
    CHECK(ev[0].kind == event_kind::ping);
    CHECK(ev[1].kind == event_kind::close);
    CHECK_FALSE(server.state.pending_pong().has_value());
    CHECK(server.state.transport_done());
  }

  TEST_CASE("a whole conversation between our client and our server") {
    endpoint client(role::client), server(role::server);
    REQUIRE(client.writer.send_text("hello").ok());
    REQUIRE(client.writer.ping(to_bytes("t1")).ok());
    auto at_server = deliver(client, server);
    REQUIRE(at_server.size() == 2);
    CHECK(at_server[0].payload == "hello");
    CHECK(at_server[1].kind == event_kind::ping);
    CHECK(server.state.writer_has_work());

    REQUIRE(server.writer.send_text("world").ok());  // the owed pong goes first
    auto at_client = deliver(server, client);
    REQUIRE(at_client.size() == 2);
    CHECK(at_client[0].kind == event_kind::pong);
    CHECK(at_client[0].payload == "t1");
    CHECK(at_client[1].payload == "world");

    REQUIRE(client.writer.close(close_code::normal, "done").ok());
    auto close_at_server = deliver(client, server);
    REQUIRE(close_at_server.size() == 1);
    CHECK(close_at_server[0].kind == event_kind::close);
    CHECK(close_at_server[0].reason == "done");
    CHECK(server.state.phase() == phase::close_received);

    auto echo_at_client = deliver(server, client);  // flush_control sends the echo
    REQUIRE(echo_at_client.size() == 1);
    CHECK(echo_at_client[0].code == close_code::normal);
    CHECK(server.state.transport_done());
    CHECK(client.state.transport_done());
    CHECK(client.state.we_initiated_close());
    CHECK_FALSE(server.state.we_initiated_close());
  }

  TEST_CASE("a protocol error at the server reaches the client as a close with its code") {
    endpoint client(role::client), server(role::server);
    bytes bad = raw_frame(0x81, "\xc0\xaf", true);
    auto ev = read_all(server.reader, bad);
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].kind == event_kind::error);
    auto at_client = deliver(server, client);
    REQUIRE(at_client.size() == 1);
    CHECK(at_client[0].kind == event_kind::close);
    CHECK(at_client[0].code == close_code::invalid_payload);
    CHECK(server.state.transport_done());
    CHECK(client.state.owed_close() == close_code::invalid_payload);  // the client echoes it
  }
}
