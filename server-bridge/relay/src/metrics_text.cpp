// format_metrics: Prometheus text exposition of the workers' metrics.
#include "skirmish/relay/metrics_text.hpp"

#include <cstdint>
#include <cstdio>
#include <string_view>

#include "skirmish/wire/error_code.hpp"

namespace skirmish::relay {

namespace {

void append_u64(std::string& out, std::uint64_t v) {
  char buf[24];
  const int n = std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(v));
  out.append(buf, static_cast<std::size_t>(n));
}

// Seconds from nanoseconds or microseconds, as Prometheus wants them.
void append_seconds(std::string& out, std::uint64_t units, std::uint64_t per_second) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(units) / static_cast<double>(per_second));
  out.append(buf, static_cast<std::size_t>(n));
}

void head(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += "# HELP skirmish_relay_";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE skirmish_relay_";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample_start(std::string& out, std::string_view name, std::size_t worker) {
  out += "skirmish_relay_";
  out += name;
  out += "{worker=\"";
  append_u64(out, worker);
  out += '"';
}

// One series per worker of a plain number.
template <class Field>
void series(std::string& out, std::span<const worker_metrics> w, std::string_view name, std::string_view type,
            std::string_view help, Field field) {
  head(out, name, type, help);
  for (std::size_t i = 0; i < w.size(); ++i) {
    sample_start(out, name, i);
    out += "} ";
    append_u64(out, field(w[i]));
    out += '\n';
  }
}

}  // namespace

std::string format_metrics(std::span<const worker_metrics> w) {
  std::string out;
  out.reserve(4096 + w.size() * 2048);
  using m = const worker_metrics&;
  series(out, w, "connections", "gauge", "Open WebSocket sessions.", [](m x) { return x.connections; });
  series(out, w, "rooms", "gauge", "Rooms owned by the worker.", [](m x) { return x.rooms; });
  series(out, w, "players", "gauge", "Occupied slots, held ones included.", [](m x) { return x.players; });
  series(out, w, "spectators", "gauge", "Spectators.", [](m x) { return x.spectators; });
  series(out, w, "connections_total", "counter", "WebSocket sessions opened.", [](m x) { return x.connections_total; });
  series(out, w, "rooms_created_total", "counter", "Rooms created.", [](m x) { return x.rooms_created_total; });
  series(out, w, "messages_in_total", "counter", "Protocol messages received.", [](m x) { return x.messages_in; });
  series(out, w, "bytes_in_total", "counter", "Protocol message bytes received.", [](m x) { return x.bytes_in; });
  series(out, w, "messages_out_total", "counter", "Protocol messages queued for sending, one per recipient.",
         [](m x) { return x.messages_out; });
  series(out, w, "bytes_out_total", "counter", "Protocol message bytes queued for sending, per recipient.",
         [](m x) { return x.bytes_out; });
  series(out, w, "ticks_closed_total", "counter", "Ticks closed and broadcast.", [](m x) { return x.ticks_closed; });
  series(out, w, "late_inputs_dropped_total", "counter", "Inputs that arrived after their tick closed.",
         [](m x) { return x.late_inputs_dropped; });
  series(out, w, "slow_consumers_dropped_total", "counter", "Connections dropped for reading too slowly.",
         [](m x) { return x.slow_consumers_dropped; });
  series(out, w, "handshake_failures_total", "counter", "Failed WebSocket handshakes.", [](m x) { return x.handshake_failures; });
  series(out, w, "http_requests_total", "counter", "Plain HTTP requests served.", [](m x) { return x.http_requests; });
  series(out, w, "desyncs_total", "counter", "Desync notices sent (one per room at most).", [](m x) { return x.desyncs; });

  head(out, "errors_sent_total", "counter", "Protocol errors sent to clients, by code.");
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (std::size_t c = 1; c < w[i].errors_sent.size(); ++c) {
      sample_start(out, "errors_sent_total", i);
      out += ",code=\"";
      out += wire::name_of(static_cast<wire::error_code>(c));
      out += "\"} ";
      append_u64(out, w[i].errors_sent[c]);
      out += '\n';
    }
  }

  head(out, "tick_lateness_seconds", "histogram", "How late each tick closed against its ideal time.");
  for (std::size_t i = 0; i < w.size(); ++i) {
    const lateness_histogram& h = w[i].tick_lateness;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < h.buckets.size(); ++b) {
      cumulative += h.buckets[b];
      sample_start(out, "tick_lateness_seconds_bucket", i);
      out += ",le=\"";
      if (b < lateness_histogram::bounds_us.size()) {
        append_seconds(out, lateness_histogram::bounds_us[b], 1'000'000);
      } else {
        out += "+Inf";
      }
      out += "\"} ";
      append_u64(out, cumulative);
      out += '\n';
    }
    sample_start(out, "tick_lateness_seconds_sum", i);
    out += "} ";
    append_seconds(out, h.sum_ns, 1'000'000'000);
    out += '\n';
    sample_start(out, "tick_lateness_seconds_count", i);
    out += "} ";
    append_u64(out, h.count);
    out += '\n';
  }
  return out;
}

}  // namespace skirmish::relay
