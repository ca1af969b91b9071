// ws_load: a native WebSocket echo load generator in the spirit of
// uWebSockets' load_test: one thread on epoll, N connections, each sending
// one pre-masked frame and the next as soon as its echo is back, no
// allocation per message. Measures echoes per second, the server's CPU time
// (utime + stime from /proc/<pid>/stat) over the same window, and the
// round-trip latency (p50, p99). Prints one JSON line.
//
//   ws_load --port N --server-pid PID [--connections 100] [--size 32] [--pipeline 1] [--seconds 3] [--warmup 1]
//
// --pipeline K: each connection writes K frames at once (one send) and the
// next K once all K echoes are back; latency is then the batch's round trip.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "load_tools.hpp"
#include "skirmish/ws/premasked_frame.hpp"

namespace {

using namespace skirmish::bench;

using clock_type = std::chrono::steady_clock;

struct conn {
  int fd = -1;
  std::size_t got = 0;  // bytes of the current echo received
  clock_type::time_point sent_at;
};

// Round-trip times in microseconds, 0..max_us, as counts (no allocation per sample).
}  // namespace

int main(int argc, char** argv) {
  auto port = static_cast<std::uint16_t>(arg(argc, argv, "--port", 0));
  int pid = static_cast<int>(arg(argc, argv, "--server-pid", 0));
  auto connections = static_cast<std::size_t>(arg(argc, argv, "--connections", 100));
  auto size = static_cast<std::size_t>(arg(argc, argv, "--size", 32));
  double seconds = static_cast<double>(arg(argc, argv, "--seconds", 3));
  double warmup = static_cast<double>(arg(argc, argv, "--warmup", 1));
  auto pipeline = static_cast<std::size_t>(arg(argc, argv, "--pipeline", 1));
  if (port == 0 || pid == 0) {
    std::fprintf(stderr, "usage: ws_load --port N --server-pid PID [--connections N] [--size BYTES] [--seconds S]\n");
    return 2;
  }

  std::vector<std::byte> payload(size);
  for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<std::byte>('a' + i % 26);
  skirmish::ws::premasked_frame frame(skirmish::ws::opcode::binary, payload, {std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}},
                                      pipeline);
  const std::size_t reply_size = (skirmish::ws::header_size(size, false) + size) * pipeline;

  int ep = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<conn> conns(connections);
  for (std::size_t i = 0; i < connections; ++i) {
    conns[i].fd = connect_and_upgrade(port);
    if (conns[i].fd < 0) {
      std::fprintf(stderr, "ws_load: connection %zu failed: %s\n", i, std::strerror(errno));
      return 1;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
  }

  auto send_one = [&](conn& c) {
    c.got = 0;
    c.sent_at = clock_type::now();
    // note: a 32-byte frame always fits the socket's buffer; the echo comes back before the next send.
    return ::send(c.fd, frame.bytes().data(), frame.bytes().size(), MSG_NOSIGNAL) == static_cast<ssize_t>(frame.bytes().size());
  };
  for (auto& c : conns)
    if (!send_one(c)) return 1;

  latency_histogram latency(200'000);
  std::array<epoll_event, 256> events;
  std::vector<std::byte> buf(64 * 1024 + reply_size);
  std::uint64_t echoes = 0;
  bool measuring = false;
  double cpu0 = 0;
  auto start = clock_type::now();
  auto measure_from = start + std::chrono::duration<double>(warmup);
  auto measure_until = measure_from + std::chrono::duration<double>(seconds);
  clock_type::time_point t0;
  for (;;) {
    int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
    auto now = clock_type::now();
    if (!measuring && now >= measure_from) {
      measuring = true;
      cpu0 = server_cpu_seconds(pid);
      t0 = now;
      echoes = 0;
      latency = latency_histogram(200'000);
    }
    if (measuring && now >= measure_until) break;
    for (int e = 0; e < n; ++e) {
      conn& c = conns[events[e].data.u64];
      for (;;) {
        ssize_t r = ::recv(c.fd, buf.data(), buf.size(), 0);
        if (r <= 0) {
          if (r < 0 && errno == EAGAIN) break;
          std::fprintf(stderr, "ws_load: the server closed a connection\n");
          return 1;
        }
        c.got += static_cast<std::size_t>(r);
        if (c.got >= reply_size) {
          now = clock_type::now();
          if (measuring) latency.add(std::chrono::duration<double, std::micro>(now - c.sent_at).count());
          echoes += pipeline;
          if (!send_one(c)) return 1;
          break;
        }
      }
    }
  }
  double wall = std::chrono::duration<double>(clock_type::now() - t0).count();
  double cpu = server_cpu_seconds(pid) - cpu0;
  for (auto& c : conns) ::close(c.fd);
  std::printf(
      "{\"connections\":%zu,\"size\":%zu,\"pipeline\":%zu,\"echoes\":%llu,\"seconds\":%.3f,\"echoes_per_second\":%.0f,"
      "\"server_cpu_seconds\":%.3f,\"echoes_per_server_cpu_second\":%.0f,\"p50_us\":%.0f,\"p99_us\":%.0f}\n",
      connections, size, pipeline, static_cast<unsigned long long>(echoes), wall, static_cast<double>(echoes) / wall, cpu,
      cpu > 0 ? static_cast<double>(echoes) / cpu : 0.0, latency.percentile(0.50), latency.percentile(0.99));
  return 0;
}
