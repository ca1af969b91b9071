// The outbound watermark: a reader that does not keep up is dropped, memory
// stays bounded, and nobody else notices; and the queue on its own.
#include "relay_test_support.hpp"

#include "skirmish/relay/outbound_queue.hpp"
#include "skirmish/relay/peer.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

namespace {
// A transport's sink as drive_session's: takes messages while "open".
struct test_sink final : frame_sink {
  bool open = true;
  std::vector<shared_bytes> taken;
  bool offer(const shared_bytes& m) noexcept override {
    if (!open) return false;
    taken.push_back(m);
    return true;
  }
};
}  // namespace

TEST_SUITE("slow consumer") {
  TEST_CASE("a frame_sink takes live messages directly, by reference, in order, without a wake") {
    peer p(1024);
    test_sink sink;
    p.attach(&sink);
    shared_bytes a = shared_bytes::copy_of(wire::as_bytes("a"));
    shared_bytes b = shared_bytes::copy_of(wire::as_bytes("b"));
    shared_bytes c = shared_bytes::copy_of(wire::as_bytes("c"));
    CHECK(p.send(a) == send_status::queued);
    CHECK(p.queue().empty());
    CHECK_FALSE(p.wait().await_ready());  // the write task has nothing to do
    REQUIRE(sink.taken.size() == 1);
    CHECK(sink.taken[0].same_block(a));  // the same block: no copy
    sink.open = false;                    // the socket is busy: queue it
    CHECK(p.send(b) == send_status::queued);
    CHECK(p.queue().size() == 1);
    sink.open = true;                     // something is queued: keep the order
    CHECK(p.send(c) == send_status::queued);
    CHECK(p.queue().size() == 2);
    CHECK(sink.taken.size() == 1);
    p.attach(nullptr);
  }

  TEST_CASE("a player that stops reading is dropped; its memory stays under the bound") {
    shard_config c;
    c.outbound_watermark = 2048;
    world w(c);
    client reader(w.sh), stalled(w.sh), spectator(w.sh);
    reader.hello("r", "reader");
    stalled.hello("r", "stalled");
    spectator.hello("r", "watcher", true);
    room& r = *w.sh.find("r");
    stalled.drain();  // it read its welcome, then stops reading

    std::size_t peak = 0;
    for (int i = 0; i < 200 && !stalled.error(); ++i) {
      reader.input(r.next_tick(), "0123456789abcdef");  // 16-byte inputs make big bundles
      w.run_ticks(r, 1);
      reader.drain();
      spectator.drain();
      peak = std::max(peak, stalled.sess->out().queue().live_bytes());
    }
    CHECK(stalled.error() == wire::error_code::slow_consumer);
    CHECK(stalled.sess->out().close_code() == 4012);
    CHECK(peak <= c.outbound_watermark);
    // What is left is the one error message: the queue was freed.
    CHECK(stalled.sess->out().queue().size() == 1);
    CHECK(stalled.sess->out().queue().queued_bytes() < 128);
    CHECK(w.sh.metrics().slow_consumers_dropped == 1);

    // Its slot is held (a slow network is not a fault), and the others go on.
    auto left = reader.take_all<wire::player_left>();
    REQUIRE(left.size() == 1);
    CHECK(left[0].reason == wire::leave_reason::disconnected);
    const std::size_t before = reader.bundles().size();
    w.run_ticks(r, 5);
    CHECK(reader.bundles().size() == before + 5);
    CHECK(spectator.bundles().size() == before + 5);
    CHECK(reader.error() == std::nullopt);
    CHECK(spectator.error() == std::nullopt);
  }

  TEST_CASE("a slow spectator is dropped too") {
    shard_config c;
    c.outbound_watermark = 512;
    world w(c);
    client p(w.sh), s(w.sh);
    p.hello("r", "p");
    s.hello("r", "s", true);
    room& r = *w.sh.find("r");
    w.run_ticks(r, 100);
    CHECK(s.error() == wire::error_code::slow_consumer);
    CHECK(r.spectators() == 0);
    CHECK(p.error() == wire::error_code::slow_consumer);  // p never read either
    CHECK(w.sh.metrics().slow_consumers_dropped == 2);
  }

  TEST_CASE("catch-up history is exempt from the watermark, then live traffic counts") {
    shard_config c;
    c.outbound_watermark = 1024;
    world w(c);
    client a(w.sh);
    a.hello("r", "a");
    room& r = *w.sh.find("r");
    for (int i = 0; i < 400; ++i) {
      a.input(r.next_tick(), "0123456789abcdef");
      w.run_ticks(r, 1);
      a.drain();
    }
    client late(w.sh);
    late.hello("r", "late", true);
    const outbound_queue& q = late.sess->out().queue();
    CHECK(q.queued_bytes() > 400 * 17);  // welcome and two history messages
    CHECK(q.live_bytes() == 0);
    CHECK(late.error() == std::nullopt);
    w.run_ticks(r, 2);
    CHECK(late.error() == std::nullopt);
    late.drain();  // it reads: the exempt bytes go, the live ones are within the mark
    w.run_ticks(r, 5);
    CHECK(late.error() == std::nullopt);
  }

  TEST_CASE("outbound_queue: the watermark, exempt messages and the bound") {
    outbound_queue q(200);
    const shared_bytes m = shared_bytes::copy_of(std::vector<std::byte>(60));
    CHECK(outbound_queue::cost_of(m) == 60 + outbound_queue::entry_overhead);
    CHECK(q.push(m));
    CHECK(q.push(m));
    CHECK_FALSE(q.push(m));  // 3 * 92 > 200
    CHECK(q.size() == 2);
    q.push_exempt(m);
    CHECK(q.queued_bytes() == 3 * 92);
    CHECK(q.live_bytes() == 2 * 92);
    q.pop();
    q.pop();
    CHECK(q.live_bytes() == 0);
    CHECK(q.queued_bytes() == 92);  // the exempt one, still there
    CHECK(q.push(m));
    q.clear();
    CHECK(q.empty());
    CHECK(q.queued_bytes() == 0);
    CHECK(q.live_bytes() == 0);
    CHECK(m.use_count() == 1);  // every queued reference released
  }

  TEST_CASE("outbound_queue: a ring grown for a burst is freed once drained") {
    outbound_queue q(1 << 20);
    const shared_bytes m = shared_bytes::copy_of(std::vector<std::byte>(8));
    CHECK(q.ring_bytes() == 0);  // an idle connection's queue holds no memory
    for (int i = 0; i < 1000; ++i) CHECK(q.push(m));
    CHECK(q.ring_bytes() >= 1000 * sizeof(shared_bytes));
    while (!q.empty()) q.pop();
    CHECK(q.ring_bytes() == 0);
    for (int i = 0; i < 3; ++i) CHECK(q.push(m));
    while (!q.empty()) q.pop();
    CHECK(q.ring_bytes() > 0);  // a small ring is kept for reuse
    CHECK(q.ring_bytes() <= outbound_queue::keep_entries * 2 * sizeof(shared_bytes));
  }

  TEST_CASE("an idle connection is small: the session, its peer and its queue") {
    // note: the relay's budget is 4 KiB per idle connection, sockets and
    // WebSocket state included; the protocol side takes a fraction of it.
    MESSAGE("sizeof(session) = " << sizeof(session));
    CHECK(sizeof(session) <= 512);
  }

  TEST_CASE("peer: closing drops later messages; a slow consumer's queue is discarded") {
    peer p(1000);
    const shared_bytes m = shared_bytes::copy_of(std::vector<std::byte>(10));
    CHECK(p.send(m) == send_status::queued);
    p.close(shared_bytes::copy_of(std::vector<std::byte>(3)), wire::error_code::slow_consumer, true);
    CHECK(p.queue().size() == 1);
    CHECK(p.queue().front().size() == 3);
    CHECK(p.send(m) == send_status::closing);
    CHECK(p.close_code() == 4012);
    p.close(shared_bytes::copy_of(std::vector<std::byte>(5)), wire::error_code::bad_tick, false);
    CHECK(p.error() == wire::error_code::slow_consumer);  // the first error counts
  }

  TEST_CASE("peer: a normal close, which an error may still override") {
    peer p(1000);
    p.finish();
    CHECK(p.closing());
    CHECK(p.close_code() == 1000);
    CHECK(p.close_reason().empty());
    CHECK(p.error() == std::nullopt);
    CHECK(p.send(shared_bytes::copy_of(std::vector<std::byte>(1))) == send_status::closing);
    p.close(shared_bytes::copy_of(std::vector<std::byte>(3)), wire::error_code::not_allowed, false);
    CHECK(p.close_code() == 4009);
    CHECK(p.close_reason() == "not_allowed");
    CHECK(p.queue().size() == 1);
  }

  TEST_CASE("peer::wait resumes the write task when something is queued") {
    rt::manual_driver drv;
    rt::local_executor ex(drv);
    peer p(1000);
    int woke = 0;
    auto writer = [&]() -> rt::task<void> {
      for (;;) {
        co_await p.wait();
        ++woke;
        while (!p.queue().empty()) p.queue().pop();
        if (p.close_code()) co_return;
      }
    };
    auto h = ex.spawn(writer());
    ex.run_until_idle();
    CHECK(woke == 0);
    CHECK(p.send(shared_bytes::copy_of(std::vector<std::byte>(1))) == send_status::queued);
    ex.run_until_idle();
    CHECK(woke == 1);
    p.close(shared_bytes::copy_of(std::vector<std::byte>(1)), wire::error_code::internal, false);
    ex.run_until_idle();
    CHECK(woke == 2);
    CHECK(h.is_finished());
  }
}
