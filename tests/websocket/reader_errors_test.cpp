#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "skirmish/ws/message_reader.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using namespace skirmish::ws::test;

namespace {

// The close code the reader fails with for `wire`, fed whole and one byte at
// a time (both must agree); 0 if it reports no error.
int error_code(role r, const bytes& wire, reader_limits limits = {}) {
  int codes[2] = {0, 0};
  for (int way = 0; way < 2; ++way) {
    connection_state state(r);
    message_reader reader(state, limits);
    auto ev = read_all(reader, wire, way == 0 ? 0 : 1);
    if (!ev.empty() && ev.back().kind == event_kind::error) {
      codes[way] = to_number(ev.back().code);
      CHECK(state.failed());
      CHECK(state.owed_close().has_value());
      CHECK(to_number(*state.owed_close()) == codes[way]);
    }
  }
  CHECK(codes[0] == codes[1]);
  return codes[0];
}

int server_error(const bytes& wire, reader_limits limits = {}) { return error_code(role::server, wire, limits); }

bytes one_byte(int b) { return {static_cast<std::byte>(b)}; }

}  // namespace

TEST_SUITE("message_reader errors") {
  TEST_CASE("reserved bits set: 1002, as soon as the first byte arrives") {
    for (int rsv : {0x40, 0x20, 0x10, 0x70}) CHECK(server_error(raw_frame(0x81 | rsv, "x", true)) == 1002);
    connection_state state(role::server);
    message_reader reader(state);
    bytes first = one_byte(0xC1);
    read_event ev = reader.read(first);
    CHECK(ev.kind == event_kind::error);
    CHECK(ev.code == close_code::protocol_error);
  }

  TEST_CASE("reserved opcodes: 1002") {
    for (int op : {0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF}) CHECK(server_error(raw_frame(0x80 | op, "", true)) == 1002);
  }

  TEST_CASE("masking must match the role: 1002") {
    CHECK(error_code(role::server, server_frame(opcode::text, "unmasked")) == 1002);
    CHECK(error_code(role::client, client_frame(opcode::text, "masked")) == 1002);
    CHECK(error_code(role::server, server_frame(opcode::ping, "")) == 1002);
    CHECK(error_code(role::client, server_frame(opcode::text, "fine")) == 0);
  }

  TEST_CASE("control frames: at most 125 bytes, never fragmented: 1002") {
    CHECK(server_error(raw_frame(0x89, std::string(125, 'p'), true)) == 0);
    CHECK(server_error(raw_frame(0x89, std::string(126, 'p'), true)) == 1002);
    CHECK(server_error(raw_frame(0x8A, std::string(126, 'p'), true)) == 1002);
    CHECK(server_error(raw_frame(0x88, close_payload(1000, std::string(124, 'r')), true)) == 1002);
    CHECK(server_error(raw_frame(0x09, "frag", true)) == 1002);
    CHECK(server_error(raw_frame(0x08, close_payload(1000), true)) == 1002);
    // A control frame declaring 126+ bytes fails on its second byte, before any length bytes.
    connection_state state(role::server);
    message_reader reader(state);
    bytes head = {std::byte{0x89}, std::byte{0xFE}};
    CHECK(reader.read(head).kind == event_kind::error);
  }

  TEST_CASE("fragmentation rules: 1002") {
    CHECK(server_error(raw_frame(0x80, "no start", true)) == 1002);
    CHECK(server_error(raw_frame(0x00, "no start", true)) == 1002);
    CHECK(server_error(concat({raw_frame(0x01, "a", true), raw_frame(0x81, "b", true)})) == 1002);
    CHECK(server_error(concat({raw_frame(0x02, "a", true), raw_frame(0x01, "b", true)})) == 1002);
    CHECK(server_error(concat({raw_frame(0x81, "done", true), raw_frame(0x80, "more", true)})) == 1002);
  }

  TEST_CASE("64-bit length with the top bit set: 1002, from its first length byte") {
    bytes wire = {std::byte{0x82}, std::byte{0xFF}, std::byte{0x80}};
    CHECK(server_error(wire) == 1002);
  }

  TEST_CASE("over the size limit: 1009 from the header, before any payload") {
    reader_limits limits{100};
    CHECK(server_error(client_frame(opcode::binary, std::string(101, 'x')), limits) == 1009);
    CHECK(server_error(client_frame(opcode::binary, std::string(100, 'x')), limits) == 0);
    // Fragments add up.
    CHECK(server_error(concat({raw_frame(0x02, std::string(60, 'x'), true), raw_frame(0x80, std::string(41, 'x'), true)}),
                       limits) == 1009);
    // Only the header of a huge frame is needed to refuse it.
    connection_state state(role::server);
    message_reader reader(state, limits);
    bytes head = {std::byte{0x82}, std::byte{0xFF}, std::byte{0}, std::byte{0}, std::byte{0}, std::byte{1},
                  std::byte{0},    std::byte{0},    std::byte{0}, std::byte{0}, std::byte{1}, std::byte{2},
                  std::byte{3},    std::byte{4}};
    read_event ev = reader.read(head);
    CHECK(ev.kind == event_kind::error);
    CHECK(ev.code == close_code::message_too_big);
    // Control frames do not count against it.
    CHECK(server_error(raw_frame(0x89, std::string(125, 'p'), true), reader_limits{10}) == 0);
  }

  TEST_CASE("bad UTF-8 in text: 1007; binary is not checked") {
    CHECK(server_error(raw_frame(0x81, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80" "edited", true)) == 1007);
    CHECK(server_error(raw_frame(0x81, "cut \xe2\x82", true)) == 1007);
    CHECK(server_error(concat({raw_frame(0x01, "ok \xe2\x82", true), raw_frame(0x80, "", true)})) == 1007);
    CHECK(server_error(concat({raw_frame(0x01, "ok \xe2\x82", true), raw_frame(0x80, "\xac", true)})) == 0);  // €
    CHECK(server_error(raw_frame(0x82, "\xff\xfe", true)) == 0);
    CHECK(server_error(raw_frame(0x81, "\xf8\x88\x80\x80\x80", true)) == 1007);
  }

  TEST_CASE("bad UTF-8 fails fast, before the rest of the frame or message arrives") {
    connection_state state(role::server);
    message_reader reader(state);
    std::string payload = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xf4\x90\x80\x80" + std::string(1000, 'a');
    bytes wire = raw_frame(0x01, payload, true);  // a first fragment, no FIN
    // Feed the header and the payload up to the byte after F4: the error is already known.
    std::size_t header = wire.size() - payload.size();
    read_event ev = reader.read(std::span(wire).first(header + 13));
    CHECK(ev.kind == event_kind::error);
    CHECK(ev.code == close_code::invalid_payload);
  }

  TEST_CASE("close frames: a 1-byte payload is 1002, a bad code 1002, a bad reason 1007") {
    CHECK(server_error(raw_frame(0x88, one_byte(0x03), true)) == 1002);
    for (int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
      CHECK_MESSAGE(server_error(raw_frame(0x88, close_payload(static_cast<std::uint16_t>(code)), true)) == 1002, code);
    for (int code : {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
      CHECK_MESSAGE(server_error(raw_frame(0x88, close_payload(static_cast<std::uint16_t>(code)), true)) == 0, code);
    CHECK(server_error(raw_frame(0x88, close_payload(1000, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80"), true)) == 1007);
  }

  TEST_CASE("an error is final: read returns it again and consumes nothing") {
    connection_state state(role::server);
    message_reader reader(state);
    bytes bad = raw_frame(0xF1, "x", true);
    read_event first = reader.read(bad);
    REQUIRE(first.kind == event_kind::error);
    bytes good = client_frame(opcode::text, "fine");
    read_event again = reader.read(good);
    CHECK(again.kind == event_kind::error);
    CHECK(again.consumed == 0);
    CHECK(again.code == close_code::protocol_error);
    CHECK(state.phase() == phase::close_received);
    CHECK(state.owed_close() == close_code::protocol_error);
  }
}
