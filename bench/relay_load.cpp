// relay_load: the native fan-out load generator for a lockstep relay (ours or
// a baseline), in the spirit of uWebSockets' load_test: one thread on epoll,
// R rooms x P players over loopback, no allocation per message. Each player
// joins its room with `hello`, and whenever the bundle of tick t arrives it
// sends its input for t + input_delay (as a game client does, PROTOCOL.md
// section 3), the payload being the send time. Measures, over a window after
// a warm-up:
//   - bundles delivered, and per server CPU-second (utime + stime of the
//     server's pid from /proc over the same window);
//   - input-to-bundle latency: from sending an input to receiving the bundle
//     that carries it, at every player of the room (the designed wait for the
//     tick to close, about input_delay ticks, is part of it);
//   - delivery latency: from the tick's scheduled close to the bundle's
//     arrival at each player (the room's clock phase is the earliest delivery
//     seen in that room; every relay here computes deadlines from its room's
//     creation, so ticks are exactly 1/tick_hz apart): what the relay and the
//     kernel add, the figure a one-tick budget applies to;
//   - exact counts: bundles, missing or repeated ticks, inputs sent, inputs
//     delivered, inputs that came back empty (late) or wrong.
// Prints one JSON line.
//
//   relay_load --port N --server-pid PID [--rooms 6] [--players 8] [--seconds 5] [--warmup 2] [--path /ws]
//   relay_load --port N --idle 10000     open N upgraded connections that say nothing, print
//                                        {"idle":N} and hold them until stdin closes
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
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
#include "skirmish/wire/codec.hpp"
#include "skirmish/ws/premasked_frame.hpp"

namespace {

using namespace skirmish::bench;

using clock_type = std::chrono::steady_clock;
namespace wire = skirmish::wire;

// Nanoseconds the process's threads spent running, and waiting on a run
// queue for a CPU, from /proc/<pid>/task/*/schedstat: a process that waits
// much was starved by whatever else runs on its core, which shows in every
// latency figure (the machine is shared).
struct sched_times {
  double run_s = 0;
  double wait_s = 0;
};

sched_times sched_of(const std::string& proc_dir) {
  sched_times t;
  std::ifstream tasks_probe(proc_dir + "/stat");
  if (!tasks_probe) return t;
  // note: no <filesystem> walk needed: thread ids are listed in the task folder.
  FILE* ls = ::popen(("ls " + proc_dir + "/task").c_str(), "r");
  if (ls == nullptr) return t;
  char tid[32];
  while (std::fscanf(ls, "%31s", tid) == 1) {
    std::ifstream f(proc_dir + "/task/" + tid + "/schedstat");
    unsigned long long run = 0, wait = 0;
    if (f >> run >> wait) {
      t.run_s += static_cast<double>(run) / 1e9;
      t.wait_s += static_cast<double>(wait) / 1e9;
    }
  }
  ::pclose(ls);
  return t;
}

std::uint32_t u32_at(const std::byte* p) {
  return std::to_integer<std::uint32_t>(p[0]) | std::to_integer<std::uint32_t>(p[1]) << 8 |
         std::to_integer<std::uint32_t>(p[2]) << 16 | std::to_integer<std::uint32_t>(p[3]) << 24;
}

constexpr std::size_t sent_ring = 128;  // ticks of sent inputs remembered per player
constexpr std::array<std::byte, 4> mask_key{std::byte{0x37}, std::byte{0xfa}, std::byte{0x21}, std::byte{0x3d}};

struct room;

struct player {
  int fd = -1;
  room* home = nullptr;
  int slot = -1;
  std::uint32_t input_delay = 0;
  std::uint32_t live_tick = 0;        // the first live bundle (from the welcome)
  std::int64_t next_bundle = -1;      // the tick expected next; -1 before the welcome
  std::vector<std::byte> carry;       // a partial frame left from the last read (reserved once)
  std::array<std::uint32_t, sent_ring> sent_us{};  // send time of the input for tick t, at t % sent_ring
  std::array<std::uint32_t, sent_ring> sent_tick{};
  std::array<bool, sent_ring> sent_valid{};
};

struct room {
  std::vector<player*> by_slot = std::vector<player*>(8, nullptr);
  double period_us = 0;
  bool phase_known = false;
  double phase_us = 0;  // the earliest (arrival - tick * period) seen: the clock's phase
};

struct counts {
  std::uint64_t bundles = 0;          // bundles received, all players
  std::uint64_t missing_ticks = 0;    // a tick skipped in one player's bundle stream
  std::uint64_t repeated_ticks = 0;
  std::uint64_t inputs_sent = 0;
  std::uint64_t inputs_delivered = 0; // (input, recipient) pairs found in bundles
  std::uint64_t inputs_late = 0;      // sent, but the bundle had the slot empty
  std::uint64_t inputs_wrong = 0;     // a payload that is not what the slot sent
};

struct generator {
  clock_type::time_point epoch = clock_type::now();
  bool measuring = false;
  counts all;      // whole run
  counts window;   // measured window
  latency_histogram input_to_bundle{2'000'000};
  latency_histogram delivery{2'000'000};
  std::string error;

  std::uint32_t now_us() const {
    return static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - epoch).count());
  }

  void add(std::uint64_t counts::*field, std::uint64_t n = 1) {
    all.*field += n;
    if (measuring) window.*field += n;
  }

  // The input for `tick`: type, tick, a 4-byte payload (the send time), masked.
  bool send_input(player& p, std::uint32_t tick) {
    const std::uint32_t at = now_us();
    std::array<std::byte, 10> msg{};
    msg[0] = std::byte{0x02};
    for (int i = 0; i < 4; ++i) msg[1 + i] = static_cast<std::byte>(tick >> (8 * i));
    msg[5] = std::byte{4};
    for (int i = 0; i < 4; ++i) msg[6 + i] = static_cast<std::byte>(at >> (8 * i));
    std::array<std::byte, 16> frame{};
    frame[0] = std::byte{0x82};
    frame[1] = std::byte{0x80 | 10};
    for (int i = 0; i < 4; ++i) frame[2 + i] = mask_key[i];
    for (int i = 0; i < 10; ++i) frame[6 + i] = msg[i] ^ mask_key[i % 4];
    const std::size_t k = tick % sent_ring;
    p.sent_us[k] = at;
    p.sent_tick[k] = tick;
    p.sent_valid[k] = true;
    add(&counts::inputs_sent);
    // note: 16 bytes always fit an idle socket's buffer; a full one is a failure here.
    return ::send(p.fd, frame.data(), frame.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(frame.size());
  }

  void on_bundle(player& p, const std::byte* m, std::size_t n) {
    if (n < 6) return fail("a bundle shorter than 6 bytes");
    const std::uint32_t tick = u32_at(m + 1);
    const std::uint32_t arrived = now_us();
    if (p.next_bundle >= 0) {
      if (tick < p.next_bundle) add(&counts::repeated_ticks);
      if (tick > p.next_bundle) add(&counts::missing_ticks, tick - static_cast<std::uint64_t>(p.next_bundle));
    }
    p.next_bundle = static_cast<std::int64_t>(tick) + 1;
    add(&counts::bundles);
    room& r = *p.home;
    // The clock's phase: the earliest delivery, minus the tick's place in the schedule.
    const double offset = static_cast<double>(arrived) - static_cast<double>(tick) * r.period_us;
    if (!r.phase_known || offset < r.phase_us) {
      r.phase_us = offset;
      r.phase_known = true;
    }
    if (measuring) delivery.add(static_cast<double>(offset - r.phase_us));
    const std::uint8_t presence = std::to_integer<std::uint8_t>(m[5]);
    std::size_t at = 6;
    for (int slot = 0; slot < 8; ++slot) {
      if ((presence & (1u << slot)) == 0) continue;
      if (at >= n) return fail("a bundle ends inside its inputs");
      const std::size_t len = std::to_integer<std::size_t>(m[at]);
      if (at + 1 + len > n) return fail("a bundle input runs past its end");
      const player* sender = r.by_slot[static_cast<std::size_t>(slot)];
      if (sender != nullptr) {
        const std::size_t k = tick % sent_ring;
        if (sender->sent_valid[k] && sender->sent_tick[k] == tick) {
          if (len == 0) {
            add(&counts::inputs_late);
          } else if (len != 4 || u32_at(m + at + 1) != sender->sent_us[k]) {
            add(&counts::inputs_wrong);
          } else {
            add(&counts::inputs_delivered);
            if (measuring) input_to_bundle.add(static_cast<double>(arrived - sender->sent_us[k]));
          }
        }
      }
      at += 1 + len;
    }
    if (tick + p.input_delay >= p.live_tick) {
      if (!send_input(p, tick + p.input_delay)) fail("an input could not be sent at once");
    }
  }

  void on_message(player& p, const std::byte* m, std::size_t n) {
    if (n == 0) return fail("an empty message");
    switch (std::to_integer<std::uint8_t>(m[0])) {
      case 0x81: {  // welcome
        auto w = wire::decode_as<wire::welcome>(std::span(m, n));
        if (!w) return fail("a malformed welcome: " + std::string(w.error().reason));
        p.slot = w->slot;
        p.input_delay = w->input_delay;
        p.live_tick = w->current_tick;
        p.next_bundle = w->current_tick;
        p.home->period_us = 1e6 / static_cast<double>(w->tick_hz);
        if (p.slot < 0 || p.slot >= 8) return fail("welcomed as a spectator");
        p.home->by_slot[static_cast<std::size_t>(p.slot)] = &p;
        return;
      }
      case 0x82:
        return on_bundle(p, m, n);
      case 0x80: {
        auto e = wire::decode_as<wire::error>(std::span(m, n));
        return fail("the relay sent an error: " + (e ? std::string(e->reason) : std::string("(malformed)")));
      }
      default:
        return;  // history (nothing is sent before the welcome's tick), notices, pongs
    }
  }

  void fail(std::string why) {
    if (error.empty()) error = std::move(why);
  }

  // Parses every whole frame in [data, data + n); returns the bytes consumed.
  std::size_t frames(player& p, const std::byte* data, std::size_t n) {
    std::size_t at = 0;
    while (n - at >= 2) {
      const std::uint8_t b0 = std::to_integer<std::uint8_t>(data[at]);
      const std::uint8_t b1 = std::to_integer<std::uint8_t>(data[at + 1]);
      std::size_t head = 2;
      std::uint64_t len = b1 & 0x7f;
      if (b1 & 0x80) {
        fail("a masked frame from the server");
        return n;
      }
      if (len == 126) {
        if (n - at < 4) break;
        len = std::to_integer<std::uint64_t>(data[at + 2]) << 8 | std::to_integer<std::uint64_t>(data[at + 3]);
        head = 4;
      } else if (len == 127) {
        if (n - at < 10) break;
        len = 0;
        for (int i = 0; i < 8; ++i) len = len << 8 | std::to_integer<std::uint64_t>(data[at + 2 + i]);
        head = 10;
      }
      if (n - at < head + len) break;
      const std::uint8_t op = b0 & 0x0f;
      if (op == 0x2) {
        on_message(p, data + at + head, static_cast<std::size_t>(len));
      } else if (op == 0x8) {
        fail("the server closed a connection");
      } else if (op == 0x9) {
        // A ping: answer with an empty masked pong.
        const std::array<std::byte, 6> pong{std::byte{0x8a}, std::byte{0x80}, mask_key[0], mask_key[1], mask_key[2], mask_key[3]};
        (void)::send(p.fd, pong.data(), pong.size(), MSG_NOSIGNAL);
      }
      at += head + static_cast<std::size_t>(len);
    }
    return at;
  }
};

int idle_mode(std::uint16_t port, std::size_t n, const std::string& path) {
  std::vector<int> fds;
  fds.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    int fd = connect_and_upgrade(port, path + "?room=idle");
    if (fd < 0) {
      std::fprintf(stderr, "relay_load: idle connection %zu failed: %s\n", i, std::strerror(errno));
      return 1;
    }
    fds.push_back(fd);
  }
  std::printf("{\"idle\":%zu}\n", n);
  std::fflush(stdout);
  char c;
  while (::read(0, &c, 1) > 0) {
  }
  for (int fd : fds) ::close(fd);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  auto port = static_cast<std::uint16_t>(arg(argc, argv, "--port", 0));
  const std::string path = arg_text(argc, argv, "--path", "/ws");
  if (long idle = arg(argc, argv, "--idle", 0); idle > 0 && port != 0) return idle_mode(port, static_cast<std::size_t>(idle), path);
  int pid = static_cast<int>(arg(argc, argv, "--server-pid", 0));
  auto rooms = static_cast<std::size_t>(arg(argc, argv, "--rooms", 6));
  auto players = static_cast<std::size_t>(arg(argc, argv, "--players", 8));
  double seconds = static_cast<double>(arg(argc, argv, "--seconds", 5));
  double warmup = static_cast<double>(arg(argc, argv, "--warmup", 2));
  const std::string prefix = arg_text(argc, argv, "--room-prefix", "load");
  if (port == 0 || pid == 0 || players == 0 || players > 8) {
    std::fprintf(stderr,
                 "usage: relay_load --port N --server-pid PID [--rooms R] [--players 1-8] [--seconds S] [--warmup S]\n"
                 "       relay_load --port N --idle CONNECTIONS\n");
    return 2;
  }

  generator g;
  std::vector<room> room_list(rooms);
  std::vector<player> ps(rooms * players);
  int ep = ::epoll_create1(EPOLL_CLOEXEC);
  // note: every socket is open and upgraded before the first hello, so no
  // room's clock runs while connections are still being made (a relay
  // ticking for half the rooms would fill the other sockets with backlog).
  std::vector<skirmish::ws::premasked_frame> hellos;
  hellos.reserve(ps.size());
  for (std::size_t r = 0; r < rooms; ++r) {
    const std::string id = prefix + std::to_string(r);
    for (std::size_t i = 0; i < players; ++i) {
      player& p = ps[r * players + i];
      p.home = &room_list[r];
      p.carry.reserve(64 * 1024);
      p.fd = connect_and_upgrade(port, path + "?room=" + id);
      if (p.fd < 0) {
        std::fprintf(stderr, "relay_load: connection %zu of room %s failed: %s\n", i, id.c_str(), std::strerror(errno));
        return 1;
      }
      std::vector<std::byte> hello;
      const std::string name = "p" + std::to_string(i);
      if (!wire::encode(wire::hello{.room = id, .name = name}, hello)) return 1;
      hellos.emplace_back(skirmish::ws::opcode::binary, hello, mask_key);
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.ptr = &p;
      ::epoll_ctl(ep, EPOLL_CTL_ADD, p.fd, &ev);
    }
  }
  for (std::size_t i = 0; i < ps.size(); ++i) {
    auto bytes = hellos[i].bytes();
    if (::send(ps[i].fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(bytes.size())) {
      std::fprintf(stderr, "relay_load: a hello could not be sent: %s\n", std::strerror(errno));
      return 1;
    }
  }

  std::array<epoll_event, 512> events;
  std::vector<std::byte> buf(256 * 1024);
  auto start = clock_type::now();
  auto measure_from = start + std::chrono::duration<double>(warmup);
  auto measure_until = measure_from + std::chrono::duration<double>(seconds);
  clock_type::time_point t0;
  double cpu0 = 0;
  const std::string server_dir = "/proc/" + std::to_string(pid);
  sched_times server0, self0;
  while (g.error.empty()) {
    int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 20);
    auto now = clock_type::now();
    if (!g.measuring && now >= measure_from) {
      g.measuring = true;
      cpu0 = server_cpu_seconds(pid);
      server0 = sched_of(server_dir);
      self0 = sched_of("/proc/" + std::to_string(::getpid()));
      t0 = now;
    }
    if (g.measuring && now >= measure_until) break;
    for (int e = 0; e < n && g.error.empty(); ++e) {
      player& p = *static_cast<player*>(events[e].data.ptr);
      for (;;) {
        // note: a partial frame from the last read goes first, then new bytes after it.
        std::size_t have = p.carry.size();
        if (have > 0) std::memcpy(buf.data(), p.carry.data(), have);
        ssize_t r = ::recv(p.fd, buf.data() + have, buf.size() - have, 0);
        if (r <= 0) {
          if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
          g.fail("the server closed a connection (EOF or reset)");
          break;
        }
        const std::size_t total = have + static_cast<std::size_t>(r);
        const std::size_t used = g.frames(p, buf.data(), total);
        p.carry.assign(buf.data() + used, buf.data() + total);
        if (static_cast<std::size_t>(r) < buf.size() - have) break;
      }
    }
  }
  const double wall = std::chrono::duration<double>(clock_type::now() - t0).count();
  const double cpu = server_cpu_seconds(pid) - cpu0;
  const sched_times server1 = sched_of(server_dir);
  const sched_times self1 = sched_of("/proc/" + std::to_string(::getpid()));
  for (auto& p : ps) ::close(p.fd);
  if (!g.error.empty()) {
    std::fprintf(stderr, "relay_load: %s\n", g.error.c_str());
    return 1;
  }
  const counts& w = g.window;
  std::printf(
      "{\"rooms\":%zu,\"players\":%zu,\"clients\":%zu,\"seconds\":%.3f,\"bundles\":%llu,\"bundles_per_second\":%.0f,"
      "\"server_cpu_seconds\":%.3f,\"bundles_per_server_cpu_second\":%.0f,"
      "\"input_to_bundle_p50_us\":%.0f,\"input_to_bundle_p99_us\":%.0f,\"input_to_bundle_p999_us\":%.0f,"
      "\"delivery_p50_us\":%.0f,\"delivery_p99_us\":%.0f,\"delivery_p999_us\":%.0f,"
      "\"inputs_sent\":%llu,\"inputs_delivered\":%llu,\"inputs_late\":%llu,\"inputs_wrong\":%llu,"
      "\"missing_ticks\":%llu,\"repeated_ticks\":%llu,\"total_bundles\":%llu,\"total_missing_ticks\":%llu,"
      "\"server_wait_share\":%.3f,\"load_cpu_share\":%.3f,\"load_wait_share\":%.3f}\n",
      rooms, players, rooms * players, wall, static_cast<unsigned long long>(w.bundles), static_cast<double>(w.bundles) / wall, cpu,
      cpu > 0 ? static_cast<double>(w.bundles) / cpu : 0.0, g.input_to_bundle.percentile(0.50), g.input_to_bundle.percentile(0.99),
      g.input_to_bundle.percentile(0.999), g.delivery.percentile(0.50), g.delivery.percentile(0.99), g.delivery.percentile(0.999),
      static_cast<unsigned long long>(w.inputs_sent), static_cast<unsigned long long>(w.inputs_delivered),
      static_cast<unsigned long long>(w.inputs_late), static_cast<unsigned long long>(w.inputs_wrong),
      static_cast<unsigned long long>(w.missing_ticks), static_cast<unsigned long long>(w.repeated_ticks),
      static_cast<unsigned long long>(g.all.bundles), static_cast<unsigned long long>(g.all.missing_ticks),
      (server1.wait_s - server0.wait_s) / wall, (self1.run_s - self0.run_s) / wall, (self1.wait_s - self0.wait_s) / wall);
  return 0;
}
