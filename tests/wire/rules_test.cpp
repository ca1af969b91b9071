// The protocol's rules: UTF-8, names, room ids, encode refusing bad fields, versions, error and close codes.
#include <doctest/doctest.h>

#include <string>

#include "skirmish/wire/codec.hpp"
#include "skirmish/wire/text.hpp"
#include "test_support.hpp"

using namespace skirmish::wire;
using skirmish::wire::test::from_hex;
using skirmish::wire::test::to_hex;

namespace {

// Encoding `m` must fail with a reason containing `why`, and leave the buffer as it was.
template <class M>
void refused(const M& m, std::string_view why) {
  std::vector<std::byte> out{std::byte{1}, std::byte{2}};
  const auto r = encode(m, out);
  REQUIRE_FALSE(r.ok());
  CHECK_MESSAGE(std::string_view(r.error().reason).find(why) != std::string_view::npos, r.error().reason);
  CHECK(out.size() == 2);
  CHECK(decode(out).ok() == false);
}

welcome a_welcome() {
  welcome w;
  w.slot = 0;
  w.max_slots = 2;
  w.room = "lobby";
  w.reconnect_token[0] = std::byte{1};
  return w;
}

}  // namespace

TEST_SUITE("wire rules") {
  TEST_CASE("well-formed UTF-8 only") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ascii"));
    CHECK(valid_utf8("Zo\xc3\xab"));              // U+00EB
    CHECK(valid_utf8("\xe2\x82\xac"));             // U+20AC
    CHECK(valid_utf8("\xef\xbf\xbf"));             // U+FFFF
    CHECK(valid_utf8("\xf0\x9f\x99\x82"));         // U+1F642
    CHECK(valid_utf8("\xf4\x8f\xbf\xbf"));         // U+10FFFF
    CHECK(valid_utf8(std::string_view("\0", 1)));  // NUL is UTF-8 (names reject it separately)

    CHECK_FALSE(valid_utf8("\x80"));                // a lone continuation byte
    CHECK_FALSE(valid_utf8("\xc3"));                // cut short
    CHECK_FALSE(valid_utf8("\xe2\x82"));            // cut short
    CHECK_FALSE(valid_utf8("\xc3\x28"));            // bad continuation
    CHECK_FALSE(valid_utf8("\xc0\xaf"));            // overlong '/'
    CHECK_FALSE(valid_utf8("\xc1\xbf"));            // overlong
    CHECK_FALSE(valid_utf8("\xe0\x80\xaf"));        // overlong, 3 bytes
    CHECK_FALSE(valid_utf8("\xf0\x80\x80\xaf"));    // overlong, 4 bytes
    CHECK_FALSE(valid_utf8("\xed\xa0\x80"));        // U+D800, a surrogate
    CHECK_FALSE(valid_utf8("\xed\xbf\xbf"));        // U+DFFF
    CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));    // U+110000
    CHECK_FALSE(valid_utf8("\xf5\x80\x80\x80"));
    CHECK_FALSE(valid_utf8("\xfe"));
    CHECK_FALSE(valid_utf8("\xff"));
    CHECK_FALSE(valid_utf8("ok\xf0\x9f\x99"));      // cut short at the end
  }

  TEST_CASE("names and room ids") {
    CHECK(valid_name("ann"));
    CHECK(valid_name("Zo\xc3\xab"));
    CHECK(valid_name(std::string(32, 'a')));
    CHECK_FALSE(valid_name(""));
    CHECK_FALSE(valid_name(std::string(33, 'a')));
    CHECK_FALSE(valid_name("a\tb"));
    CHECK_FALSE(valid_name("a\x7f"));
    CHECK_FALSE(valid_name(std::string_view("a\0b", 3)));
    CHECK_FALSE(valid_name("\xc3\x28"));
    CHECK(valid_room_id("auto"));
    CHECK(valid_room_id("Room_1-b"));
    CHECK(valid_room_id(std::string(32, 'r')));
    CHECK_FALSE(valid_room_id(""));
    CHECK_FALSE(valid_room_id(std::string(33, 'r')));
    CHECK_FALSE(valid_room_id("room/1"));
    CHECK_FALSE(valid_room_id("a b"));
    CHECK_FALSE(valid_room_id("\xc3\xab"));
  }

  TEST_CASE("encode refuses messages that break a rule and leaves the buffer alone") {
    refused(hello{.room = "lobby", .name = ""}, "name: empty");
    refused(hello{.room = "lobby", .name = std::string_view("abcdefghijklmnopqrstuvwxyz0123456")}, "longer than 32");
    refused(hello{.room = "lobby", .name = "\xc3\x28"}, "UTF-8");
    refused(hello{.room = "lobby", .name = "a\nb"}, "control");
    refused(hello{.room = "", .name = "ann"}, "room: empty");
    refused(hello{.room = "no room", .name = "ann"}, "room: only");
    refused(hello{.spectator = true, .reconnect_token = token{}, .room = "lobby", .name = "ann"}, "spectator");
    refused(hello{.reconnect_token = token{}, .room = "auto", .name = "ann"}, "not auto");

    const std::byte big[17]{};
    refused(input{1, big}, "longer than 16");
    bundle b;
    b.set(3, big);
    refused(b, "longer than 16");

    refused(error{static_cast<error_code>(0), "x"}, "code 0");
    const std::string long_reason(256, 'r');
    refused(error{error_code::internal, long_reason}, "255");
    refused(error{error_code::internal, "\xff"}, "UTF-8");

    welcome w = a_welcome();
    std::vector<std::byte> fine;
    REQUIRE(encode(w, fine).ok());
    w.slot = 2;
    refused(w, "slot out of range");
    w = a_welcome();
    w.max_slots = 9;
    refused(w, "max_slots");
    w = a_welcome();
    w.tick_hz = 0;
    refused(w, "tick_hz");
    w = a_welcome();
    w.input_delay = 65;
    refused(w, "input_delay");
    w = a_welcome();
    w.hash_interval = 0;
    refused(w, "hash_interval");
    w = a_welcome();
    w.start_tick = 10;
    w.current_tick = 9;
    refused(w, "current_tick");
    w = a_welcome();
    w.slot = spectator_slot;
    refused(w, "token must be zeros");
    w = a_welcome();
    w.room = "auto";
    refused(w, "not auto");
    w = a_welcome();
    w.version = 2;
    refused(w, "version");
    w = a_welcome();
    w.roster = {{1, true, "b"}, {0, true, "a"}};
    refused(w, "not increasing");
    w = a_welcome();
    w.roster = {{0, true, "a"}, {2, true, "c"}};
    refused(w, "roster slot out of range");
    w = a_welcome();
    w.roster = {{0, true, ""}};
    refused(w, "name: empty");

    refused(player_joined{0, 8, false, "x"}, "slot out of range");
    refused(player_left{0, 1, static_cast<leave_reason>(4), "x"}, "unknown reason");
    refused(desync{0, 1, {{0, 1}}}, "fewer than 2");
    refused(desync{0, 0, {{0, 1}, {1, 2}}}, "no disagreeing");
    refused(desync{0, 4, {{0, 1}, {1, 2}}}, "did not report");
    refused(desync{0, 1, {{1, 1}, {0, 2}}}, "not increasing");
    refused(history{}, "no entries");
  }

  TEST_CASE("a hello of another version: readable version, its own error code") {
    std::vector<std::byte> bytes;
    REQUIRE(encode(hello{.version = 2, .room = "lobby", .name = "ann"}, bytes).ok());
    CHECK(peek_hello_version(bytes) == 2);

    auto m = decode(bytes);
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().code == error_code::unsupported_version);
    CHECK(m.error().offset == 1);
    CHECK(decode_as<hello>(bytes).error().code == error_code::unsupported_version);

    // A future version may lay out the rest differently: only the first 3 bytes count.
    const auto future = from_hex("01 0900 ff");
    CHECK(peek_hello_version(future) == 9);
    CHECK(decode(future).error().code == error_code::unsupported_version);

    CHECK_FALSE(peek_hello_version(from_hex("01 01")).has_value());
    CHECK_FALSE(peek_hello_version(from_hex("02 0100 00")).has_value());
    bytes.clear();
    REQUIRE(encode(hello{.room = "lobby", .name = "ann"}, bytes).ok());
    CHECK(peek_hello_version(bytes) == protocol_version);
    CHECK(decode(bytes).ok());
  }

  TEST_CASE("message types: names, direction, peek") {
    CHECK(name_of(message_type::hash_report) == "hash_report");
    CHECK(sent_by_client(message_type::input));
    CHECK_FALSE(sent_by_client(message_type::bundle));
    CHECK(to_message_type(0x06) == std::nullopt);
    CHECK(to_message_type(0x88) == std::nullopt);
    CHECK(to_message_type(0x00) == std::nullopt);
    CHECK(peek_type(from_hex("82")) == message_type::bundle);
    CHECK(peek_type(std::span<const std::byte>{}) == std::nullopt);
    CHECK(std::string_view(decode(std::span<const std::byte>{}).error().reason) == "empty message");
    CHECK(std::string_view(decode(from_hex("7f")).error().reason) == "unknown message type");
  }

  TEST_CASE("error codes and their close codes") {
    CHECK(name_of(error_code::room_full) == "room_full");
    CHECK(name_of(static_cast<error_code>(300)) == "unknown");
    CHECK(close_code_for(error_code::bad_message) == 4001);
    CHECK(close_code_for(error_code::unsupported_version) == 4002);
    CHECK(close_code_for(error_code::replaced) == 4014);
    CHECK(close_code_for(error_code::shutting_down) == 1001);
    CHECK(close_code_for(error_code::internal) == 1011);
    CHECK(close_code_for(static_cast<error_code>(300)) == 4300);
    CHECK(close_code_for(static_cast<error_code>(5000)) == 4000);
    for (int c = 1; c <= 16; ++c) CHECK(name_of(static_cast<error_code>(c)) != "unknown");
  }

  TEST_CASE("the largest messages fit the stated limits") {
    std::vector<std::byte> bytes;
    const std::string name(max_name_bytes, 'n');
    const std::string room(max_room_bytes, 'r');
    REQUIRE(encode(hello{.reconnect_token = token{}, .resume_tick = 1, .room = room, .name = name}, bytes).ok());
    CHECK(bytes.size() == max_hello_bytes);
    CHECK(bytes.size() <= max_client_message_bytes);
  }
}
