#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "skirmish/rt/byte_ring.hpp"
#include "skirmish/rt/local_executor.hpp"

using namespace skirmish::rt;

namespace {

std::vector<std::byte> pattern(std::size_t n, std::uint8_t seed) {
  std::vector<std::byte> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::byte>(static_cast<std::uint8_t>(seed + i * 31));
  return v;
}

std::span<const std::byte> bytes(const std::string& s) { return std::as_bytes(std::span(s.data(), s.size())); }

std::string text(std::span<const std::byte> b) { return std::string(reinterpret_cast<const char*>(b.data()), b.size()); }

}  // namespace

TEST_SUITE("byte_ring") {
  TEST_CASE("capacity is a power of two") {
    CHECK(byte_ring(100).capacity() == 128);
    CHECK(byte_ring(64).capacity() == 64);
  }

  TEST_CASE("the ring wraps around and the guard shows the contiguous part") {
    byte_ring ring(8);
    buf_writer w(ring);
    buf_reader r(ring);
    CHECK(w.try_write(bytes("abcdef")) == 6);
    {
      auto g = r.try_read();
      CHECK(text(g.data()) == "abcdef");
      g.consume(4);  // leave "ef"
    }
    CHECK(ring.size() == 2);
    CHECK(w.try_write(bytes("ghijklmn")) == 6);  // only 6 fit: wraps past the end
    CHECK(ring.size() == 8);
    std::string out;
    while (ring.size() > 0) {
      auto g = r.try_read();
      out += text(g.data());
    }
    CHECK(out == "efghijkl");
    // Many laps around the ring keep every byte in order.
    std::string sent;
    std::string got;
    for (int lap = 0; lap < 200; ++lap) {
      std::string chunk = std::to_string(lap * 7919);
      sent += chunk;
      std::size_t at = 0;
      while (at < chunk.size()) {
        at += w.try_write(bytes(chunk.substr(at)));
        auto g = r.try_read();
        std::size_t take = std::min<std::size_t>(lap % 3 + 1, g.size());  // drain slowly
        g.consume(take);
        got += text(g.data().first(take));
      }
    }
    while (ring.size() > 0) got += text(r.try_read().data());
    CHECK(got == sent);
  }

  TEST_CASE("a writer waits while the ring is full and finishes as the reader drains") {
    byte_ring ring(64);
    buf_writer w(ring);
    buf_reader r(ring);
    auto data = pattern(1000, 3);
    local_executor ex;
    auto writer = ex.spawn([](buf_writer& w, std::vector<std::byte>& data) -> task<std::size_t> {
      std::size_t n = co_await w.write(data);
      w.close();
      co_return n;
    }(w, data));
    ex.run_until_idle();
    CHECK(ring.size() == 64);  // full; the writer is waiting
    CHECK_FALSE(writer.is_finished());

    std::vector<std::byte> received;
    auto reader = ex.spawn([](buf_reader& r, std::vector<std::byte>& received) -> task<> {
      for (;;) {
        auto g = co_await r.read();
        if (g.empty()) co_return;  // the writer closed
        received.insert(received.end(), g.data().begin(), g.data().end());
      }
    }(r, received));
    auto total = ex.run_until(std::move(writer));
    REQUIRE(total.ok());
    CHECK(*total == 1000);
    auto done = ex.run_until(std::move(reader));
    REQUIRE(done.ok());
    CHECK(received == data);
  }

  TEST_CASE("a reader waits for bytes; closing the reader releases a waiting writer") {
    byte_ring ring(16);
    buf_writer w(ring);
    buf_reader r(ring);
    local_executor ex;
    auto reader = ex.spawn([](buf_reader& r) -> task<std::string> {
      auto g = co_await r.read();
      co_return text(g.data());
    }(r));
    ex.run_until_idle();
    CHECK_FALSE(reader.is_finished());
    (void)w.try_write(bytes("hi"));
    auto got = ex.run_until(std::move(reader));
    REQUIRE(got.ok());
    CHECK(*got == "hi");

    auto big = pattern(100, 1);
    auto writer = ex.spawn(w.write(big));
    ex.run_until_idle();
    CHECK_FALSE(writer.is_finished());
    r.close();
    auto written = ex.run_until(std::move(writer));
    REQUIRE(written.ok());
    CHECK(*written == 16);  // what fitted before the reader left
  }

  TEST_CASE("a cancelled reader does not steal the writer's wake") {
    byte_ring ring(4);
    buf_writer w(ring);
    buf_reader r(ring);
    local_executor ex;
    auto reader = ex.spawn(r.read());
    ex.run_until_idle();
    auto big = pattern(10, 9);
    auto writer = ex.spawn(w.write(big));
    ex.run_until_idle();  // 4 bytes in, reader woken, writer waits for room
    reader.cancel();
    CHECK_FALSE(writer.is_finished());
    while (!writer.is_finished()) {
      r.try_read();  // the guard drops at once and frees the space
      ex.run_until_idle();
    }
  }
}
