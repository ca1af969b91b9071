// The Prometheus text of the workers' metrics: one labelled series per
// worker, a cumulative histogram, and the counters a shard keeps.
#include "relay_test_support.hpp"

#include <sstream>

#include "skirmish/relay/metrics_text.hpp"

using namespace skirmish;
using namespace skirmish::relay;
using namespace skirmish::relay::test;

namespace {
bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}
}  // namespace

TEST_SUITE("metrics") {
  TEST_CASE("one series per worker, with HELP and TYPE once per metric") {
    worker_metrics w[3];
    w[0].connections = 5;
    w[2].connections = 7;
    w[1].bytes_out = 1234;
    w[2].errors_sent[static_cast<std::size_t>(wire::error_code::rate_limited)] = 4;
    const std::string text = format_metrics(w);
    CHECK(has_line(text, "# TYPE skirmish_relay_connections gauge"));
    CHECK(has_line(text, "skirmish_relay_connections{worker=\"0\"} 5"));
    CHECK(has_line(text, "skirmish_relay_connections{worker=\"1\"} 0"));
    CHECK(has_line(text, "skirmish_relay_connections{worker=\"2\"} 7"));
    CHECK(has_line(text, "# TYPE skirmish_relay_bytes_out_total counter"));
    CHECK(has_line(text, "skirmish_relay_bytes_out_total{worker=\"1\"} 1234"));
    CHECK(has_line(text, "skirmish_relay_errors_sent_total{worker=\"2\",code=\"rate_limited\"} 4"));
    CHECK(has_line(text, "skirmish_relay_errors_sent_total{worker=\"0\",code=\"internal\"} 0"));
    // Every metric's HELP and TYPE come once, every line is a comment or a sample.
    std::istringstream in(text);
    int types = 0;
    for (std::string l; std::getline(in, l);) {
      CHECK(!l.empty());
      if (l.starts_with("# TYPE")) ++types;
      if (!l.starts_with("#")) CHECK(l.starts_with("skirmish_relay_"));
    }
    CHECK(types == 18);
    CHECK(text.ends_with("\n"));
  }

  TEST_CASE("the tick lateness histogram is cumulative, in seconds") {
    worker_metrics w;
    w.tick_lateness.record(std::chrono::microseconds(50));   // <= 100 us
    w.tick_lateness.record(std::chrono::microseconds(800));  // <= 1 ms
    w.tick_lateness.record(std::chrono::milliseconds(40));   // <= 100 ms
    w.tick_lateness.record(std::chrono::seconds(3));         // +Inf
    const std::string text = format_metrics(std::span(&w, 1));
    CHECK(has_line(text, "# TYPE skirmish_relay_tick_lateness_seconds histogram"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_bucket{worker=\"0\",le=\"0.0001\"} 1"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_bucket{worker=\"0\",le=\"0.001\"} 2"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_bucket{worker=\"0\",le=\"0.033\"} 2"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_bucket{worker=\"0\",le=\"0.1\"} 3"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_bucket{worker=\"0\",le=\"1\"} 3"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_bucket{worker=\"0\",le=\"+Inf\"} 4"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_count{worker=\"0\"} 4"));
    CHECK(has_line(text, "skirmish_relay_tick_lateness_seconds_sum{worker=\"0\"} 3.04085"));
  }

  TEST_CASE("a shard counts connections, rooms, messages and bytes both ways") {
    world w;
    client a(w.sh), b(w.sh);
    a.hello("r", "a");
    b.hello("r", "b");
    room& r = *w.sh.find("r");
    a.input(r.next_tick(), "xy");
    w.run_ticks(r, 10);
    const worker_metrics& m = w.sh.metrics();
    CHECK(m.connections == 2);
    CHECK(m.connections_total == 2);
    CHECK(m.rooms == 1);
    CHECK(m.players == 2);
    CHECK(m.messages_in == 3);
    CHECK(m.bytes_in == encoded(wire::hello{.room = "r", .name = "a"}).size() * 2 + 1 + 4 + 3);
    a.drain();
    b.drain();
    std::uint64_t sent = 0;
    for (const shared_bytes& x : a.got) sent += x.size();
    for (const shared_bytes& x : b.got) sent += x.size();
    CHECK(m.messages_out == a.got.size() + b.got.size());
    CHECK(m.bytes_out == sent);
    CHECK(m.ticks_closed == 10);
  }
}
