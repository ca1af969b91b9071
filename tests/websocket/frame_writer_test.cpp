#include <doctest/doctest.h>

#include <array>
#include <string>

#include "skirmish/ws/frame_writer.hpp"
#include "skirmish/ws/premasked_frame.hpp"
#include "ws_test_util.hpp"

using namespace skirmish::ws;
using namespace skirmish::ws::test;

namespace {

bytes encoded(frame_writer& w, opcode op, std::string_view payload, bool fin = true) {
  bytes out(w.frame_size(payload.size()));
  auto p = to_bytes(payload);
  CHECK(w.encode(out, op, fin, p) == out.size());
  return out;
}

// Unmasks a client frame written by frame_writer, using the key in its header.
std::string unmask_payload(const bytes& frame) {
  std::size_t len7 = static_cast<std::size_t>(frame[1] & std::byte{0x7F});
  std::size_t at = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
  mask_key key{frame[at], frame[at + 1], frame[at + 2], frame[at + 3]};
  bytes payload(frame.begin() + static_cast<std::ptrdiff_t>(at + 4), frame.end());
  mask_in_place(payload, key);
  return to_string(payload);
}

}  // namespace

TEST_SUITE("frame_writer") {
  TEST_CASE("a server writes RFC 6455's unmasked frames byte for byte") {
    frame_writer w(role::server);
    CHECK(encoded(w, opcode::text, "Hello") == raw_frame(0x81, "Hello", false));
    CHECK(encoded(w, opcode::text, "Hel", false) == raw_frame(0x01, "Hel", false));
    CHECK(encoded(w, opcode::ping, "Hello") == raw_frame(0x89, "Hello", false));
    std::string big(256, 'b');
    CHECK(encoded(w, opcode::binary, big) == raw_frame(0x82, big, false));
    std::string huge(65536, 'h');
    CHECK(encoded(w, opcode::binary, huge) == raw_frame(0x82, huge, false));
  }

  TEST_CASE("header sizes follow the shortest length form") {
    frame_writer server(role::server), client(role::client);
    const std::pair<std::size_t, std::size_t> sizes[] = {{0, 2}, {125, 2}, {126, 4}, {65535, 4}, {65536, 10}};
    for (auto [payload, header] : sizes) {
      CHECK(server.frame_size(payload) == payload + header);
      CHECK(client.frame_size(payload) == payload + header + 4);
      std::array<std::byte, max_header_size> h;
      CHECK(server.encode_header(h, opcode::binary, true, payload) == header);
    }
  }

  TEST_CASE("a client masks every frame with a fresh key") {
    frame_writer w(role::client, 7);
    bytes a = encoded(w, opcode::text, "Hello");
    bytes b = encoded(w, opcode::text, "Hello");
    CHECK((a[1] & std::byte{0x80}) == std::byte{0x80});
    CHECK(unmask_payload(a) == "Hello");
    CHECK(unmask_payload(b) == "Hello");
    CHECK(a != b);  // different keys, so different bytes
  }

  TEST_CASE("auto-fragmentation: the first frame has the opcode, the last FIN") {
    frame_writer w(role::server);
    byte_buffer out;
    REQUIRE(w.append_message(out, opcode::text, to_bytes("abcdefghij"), 3));
    bytes expected = concat({raw_frame(0x01, "abc", false), raw_frame(0x00, "def", false), raw_frame(0x00, "ghi", false),
                             raw_frame(0x80, "j", false)});
    CHECK(bytes(out.data(), out.data() + out.size()) == expected);

    byte_buffer exact;  // a multiple of the fragment size: no empty tail frame
    REQUIRE(w.append_message(exact, opcode::binary, to_bytes("abcdef"), 3));
    CHECK(bytes(exact.data(), exact.data() + exact.size()) == concat({raw_frame(0x02, "abc", false), raw_frame(0x80, "def", false)}));

    byte_buffer empty;
    REQUIRE(w.append_message(empty, opcode::binary, {}, 3));
    CHECK(bytes(empty.data(), empty.data() + empty.size()) == raw_frame(0x82, "", false));
  }

  TEST_CASE("close frames carry the code and reason, or nothing") {
    frame_writer w(role::server);
    byte_buffer out;
    REQUIRE(w.append_close(out, close_code::going_away, "bye"));
    CHECK(bytes(out.data(), out.data() + out.size()) == raw_frame(0x88, close_payload(1001, "bye"), false));
    byte_buffer empty;
    REQUIRE(w.append_close(empty, close_code::no_status));
    CHECK(bytes(empty.data(), empty.data() + empty.size()) == raw_frame(0x88, "", false));
  }

  TEST_CASE("premasked frames equal a hand-masked frame, repeated") {
    std::array<std::uint8_t, 4> key{0x37, 0xfa, 0x21, 0x3d};
    mask_key k{std::byte{0x37}, std::byte{0xfa}, std::byte{0x21}, std::byte{0x3d}};
    std::string payload(300, 'z');
    premasked_frame f(opcode::binary, to_bytes(payload), k, 3);
    bytes one = raw_frame(0x82, to_bytes(payload), true, key);
    CHECK(f.frame_size() == one.size());
    CHECK(bytes(f.bytes().begin(), f.bytes().end()) == concat({one, one, one}));
    // RFC 6455 5.7's masked "Hello".
    premasked_frame hello(opcode::text, to_bytes("Hello"), k);
    CHECK(bytes(hello.bytes().begin(), hello.bytes().end()) ==
          bytes{std::byte{0x81}, std::byte{0x85}, std::byte{0x37}, std::byte{0xfa}, std::byte{0x21}, std::byte{0x3d},
                std::byte{0x7f}, std::byte{0x9f}, std::byte{0x4d}, std::byte{0x51}, std::byte{0x58}});
  }
}
