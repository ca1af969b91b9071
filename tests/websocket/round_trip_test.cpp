#include <doctest/doctest.h>

#include <string>

#include "skirmish/ws/message_reader.hpp"
#include "skirmish/ws/message_writer.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using namespace skirmish::ws::test;

namespace {

std::string pattern(std::size_t n, bool text) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = text ? static_cast<char>('a' + i % 26) : static_cast<char>(i * 131 + 7);
  if (text && n >= 4) s.replace(n / 2 - 1, 2, "\xc3\xa9");  // a two-byte character in the middle
  return s;
}

void round_trip(role writer_role, std::size_t size, bool text, std::size_t fragment, std::size_t chunk) {
  connection_state wstate(writer_role);
  message_writer writer(wstate, writer_options{fragment}, 5);
  std::string payload = pattern(size, text);
  auto b = to_bytes(payload);
  REQUIRE(writer.send(text ? opcode::text : opcode::binary, b).ok());
  bytes wire(writer.pending().begin(), writer.pending().end());

  connection_state rstate(writer_role == role::server ? role::client : role::server);
  message_reader reader(rstate);
  auto ev = read_all(reader, wire, chunk);
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == event_kind::message);
  CHECK(ev[0].op == (text ? opcode::text : opcode::binary));
  CHECK(ev[0].payload.size() == size);
  CHECK(ev[0].payload == payload);
}

}  // namespace

TEST_SUITE("writer and reader round trips") {
  TEST_CASE("sizes 0, 125, 126, 65535, 65536 and 1 MiB, both roles, text and binary") {
    for (std::size_t size : {0u, 125u, 126u, 65535u, 65536u, 1u << 20})
      for (role r : {role::server, role::client})
        for (bool text : {false, true}) {
          CAPTURE(size);
          round_trip(r, size, text, 0, 0);
          round_trip(r, size, text, 0, 4093);
        }
  }

  TEST_CASE("auto-fragmented messages reassemble, also fed in odd chunks") {
    for (std::size_t size : {126u, 65536u, 1u << 20})
      for (std::size_t fragment : {1000u, 65535u})
        for (role r : {role::server, role::client}) {
          CAPTURE(size);
          CAPTURE(fragment);
          round_trip(r, size, true, fragment, 0);
          round_trip(r, size, true, fragment, 777);
        }
  }

  TEST_CASE("small messages survive being fed one byte at a time") {
    for (std::size_t size : {0u, 1u, 125u, 126u, 300u})
      for (role r : {role::server, role::client}) {
        round_trip(r, size, true, 0, 1);
        round_trip(r, size, false, 7, 1);
      }
  }
}
