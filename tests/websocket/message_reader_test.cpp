#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "skirmish/ws/message_reader.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using namespace skirmish::ws::test;

namespace {

// Reading `wire` gives the same events whatever the chunk size.
std::vector<seen> read_every_way(role r, const bytes& wire, reader_limits limits = {}) {
  connection_state whole_state(r);
  message_reader whole(whole_state, limits);
  std::vector<seen> expected = read_all(whole, wire);
  for (std::size_t chunk : {1u, 2u, 3u, 5u, 7u, 13u, 64u, 1000u}) {
    connection_state state(r);
    message_reader reader(state, limits);
    std::vector<seen> got = read_all(reader, wire, chunk);
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].kind == expected[i].kind);
      CHECK(got[i].op == expected[i].op);
      CHECK(got[i].payload == expected[i].payload);
      CHECK(got[i].code == expected[i].code);
    }
  }
  return expected;
}

bytes hex(std::initializer_list<int> values) {
  bytes b;
  for (int v : values) b.push_back(static_cast<std::byte>(v));
  return b;
}

}  // namespace

TEST_SUITE("message_reader") {
  TEST_CASE("RFC 6455 5.7: a single-frame unmasked text message (read by a client)") {
    auto ev = read_every_way(role::client, hex({0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].kind == event_kind::message);
    CHECK(ev[0].op == opcode::text);
    CHECK(ev[0].payload == "Hello");
  }

  TEST_CASE("RFC 6455 5.7: a single-frame masked text message (read by a server)") {
    auto ev = read_every_way(role::server, hex({0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].op == opcode::text);
    CHECK(ev[0].payload == "Hello");
  }

  TEST_CASE("RFC 6455 5.7: a fragmented unmasked text message") {
    auto ev = read_every_way(role::client, hex({0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f}));
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].kind == event_kind::message);
    CHECK(ev[0].payload == "Hello");
  }

  TEST_CASE("RFC 6455 5.7: an unmasked ping and a masked pong") {
    auto ping = read_every_way(role::client, hex({0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}));
    REQUIRE(ping.size() == 1);
    CHECK(ping[0].kind == event_kind::ping);
    CHECK(ping[0].payload == "Hello");
    auto pong = read_every_way(role::server, hex({0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58}));
    REQUIRE(pong.size() == 1);
    CHECK(pong[0].kind == event_kind::pong);
    CHECK(pong[0].payload == "Hello");
  }

  TEST_CASE("RFC 6455 5.7: 256 bytes and 64 KiB in one unmasked binary frame") {
    for (std::size_t n : {256u, 65536u}) {
      std::string payload(n, '\0');
      for (std::size_t i = 0; i < n; ++i) payload[i] = static_cast<char>(i * 31);
      bytes wire = raw_frame(0x82, to_bytes(payload), false);
      CHECK(static_cast<int>(wire[1]) == (n == 256 ? 0x7E : 0x7F));
      CHECK(wire.size() == n + (n == 256 ? 4 : 10));
      connection_state state(role::client);
      message_reader reader(state);
      auto ev = read_all(reader, wire, n == 256 ? 1 : 4096);
      REQUIRE(ev.size() == 1);
      CHECK(ev[0].kind == event_kind::message);
      CHECK(ev[0].op == opcode::binary);
      CHECK(ev[0].payload == payload);
    }
  }

  TEST_CASE("all three length forms, also non-minimal ones, for masked frames") {
    for (int form : {7, 16, 64}) {
      bytes wire = raw_frame(0x82, to_bytes("abc"), true, {1, 2, 3, 4}, form);
      auto ev = read_every_way(role::server, wire);
      REQUIRE(ev.size() == 1);
      CHECK(ev[0].payload == "abc");
    }
  }

  TEST_CASE("a whole frame in the input is reported in place; a split one from the reader's buffer") {
    connection_state state(role::server);
    message_reader reader(state);
    bytes wire = client_frame(opcode::binary, "zero-copy");
    read_event ev = reader.read(wire);
    REQUIRE(ev.kind == event_kind::message);
    CHECK(ev.consumed == wire.size());
    CHECK(ev.payload.data() == wire.data() + 6);  // unmasked where it lay
    CHECK(to_string(ev.payload) == "zero-copy");

    bytes second = client_frame(opcode::binary, "copied");
    std::span<std::byte> all(second);
    CHECK(reader.read(all.first(8)).kind == event_kind::need_more);
    read_event rest = reader.read(all.subspan(8));
    REQUIRE(rest.kind == event_kind::message);
    CHECK(to_string(rest.payload) == "copied");
    CHECK((rest.payload.data() < second.data() || rest.payload.data() >= second.data() + second.size()));
  }

  TEST_CASE("several frames in one input come out one event per call") {
    bytes wire = concat({client_frame(opcode::text, "one"), client_frame(opcode::binary, ""),
                         client_frame(opcode::ping, "p"), client_frame(opcode::text, "two")});
    connection_state state(role::server);
    message_reader reader(state);
    std::span<std::byte> in(wire);
    std::vector<std::string> got;
    while (!in.empty()) {
      read_event ev = reader.read(in);
      REQUIRE(ev.kind != event_kind::error);
      in = in.subspan(ev.consumed);
      if (ev.kind != event_kind::need_more) got.push_back(std::string(ev.kind == event_kind::ping ? "ping:" : "") + to_string(ev.payload));
    }
    CHECK(got == std::vector<std::string>{"one", "", "ping:p", "two"});
  }

  TEST_CASE("control frames between fragments; UTF-8 split across fragments") {
    // "κόσμε" cut inside its second and fourth characters.
    const std::string text = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5";
    bytes wire = concat({raw_frame(0x01, text.substr(0, 3), true), raw_frame(0x89, "are you there", true),
                         raw_frame(0x00, text.substr(3, 5), true), raw_frame(0x8A, "", true),
                         raw_frame(0x80, text.substr(8), true)});
    auto ev = read_every_way(role::server, wire);
    REQUIRE(ev.size() == 3);
    CHECK(ev[0].kind == event_kind::ping);
    CHECK(ev[0].payload == "are you there");
    CHECK(ev[1].kind == event_kind::pong);
    CHECK(ev[2].kind == event_kind::message);
    CHECK(ev[2].op == opcode::text);
    CHECK(ev[2].payload == text);
  }

  TEST_CASE("empty messages, and a fragmented one made of empty fragments") {
    bytes wire = concat({raw_frame(0x81, "", true), raw_frame(0x02, "", true), raw_frame(0x00, "", true),
                         raw_frame(0x80, "", true)});
    auto ev = read_every_way(role::server, wire);
    REQUIRE(ev.size() == 2);
    CHECK(ev[0].kind == event_kind::message);
    CHECK(ev[0].op == opcode::text);
    CHECK(ev[0].payload.empty());
    CHECK(ev[1].kind == event_kind::message);
    CHECK(ev[1].op == opcode::binary);
    CHECK(ev[1].payload.empty());
  }

  TEST_CASE("the peer's close: code and reason, or none; later bytes are dropped") {
    bytes wire = concat({raw_frame(0x88, close_payload(1001, "bye \xc3\xa9"), true), client_frame(opcode::text, "late")});
    auto ev = read_every_way(role::server, wire);
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].kind == event_kind::close);
    CHECK(ev[0].code == close_code::going_away);
    CHECK(ev[0].reason == "bye \xc3\xa9");

    connection_state state(role::server);
    message_reader reader(state);
    bytes empty_close = raw_frame(0x88, "", true);
    read_event close = reader.read(empty_close);
    CHECK(close.kind == event_kind::close);
    CHECK(close.code == close_code::no_status);
    CHECK(state.phase() == phase::close_received);
    bytes more = client_frame(opcode::text, "ignored");
    read_event after = reader.read(more);
    CHECK(after.kind == event_kind::need_more);
    CHECK(after.consumed == more.size());
  }

  TEST_CASE("a message exactly at the size limit passes, fragmented or not") {
    reader_limits limits{10};
    auto whole = read_every_way(role::server, client_frame(opcode::binary, "0123456789"), limits);
    REQUIRE(whole.size() == 1);
    CHECK(whole[0].kind == event_kind::message);
    auto parts = read_every_way(role::server, concat({raw_frame(0x02, "01234", true), raw_frame(0x80, "56789", true)}), limits);
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].payload == "0123456789");
  }

  TEST_CASE("the reader's state is ready for the next message after each one") {
    connection_state state(role::server);
    message_reader reader(state);
    for (int i = 0; i < 3; ++i) {
      bytes first = raw_frame(0x01, "ab", true);
      CHECK(reader.read(first).kind == event_kind::need_more);
      CHECK(reader.in_fragmented_message());
      bytes last = raw_frame(0x80, "cd", true);
      read_event ev = reader.read(last);
      REQUIRE(ev.kind == event_kind::message);
      CHECK(to_string(ev.payload) == "abcd");
      CHECK_FALSE(reader.in_fragmented_message());
    }
  }
}
