// load_tools: what the native load generators (ws_load, relay_load) share:
// a latency histogram with no allocation per sample, a server's CPU time from
// /proc, a blocking connect + WebSocket upgrade, and flag parsing.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace skirmish::bench {

// Latencies in whole microseconds, 0..max_us (larger ones count as max_us).
class latency_histogram {
 public:
  explicit latency_histogram(std::size_t max_us) : counts_(max_us + 1), max_us_(max_us) {}
  void add(double us) {
    auto i = static_cast<std::size_t>(us < 0 ? 0 : us);
    ++counts_[i < max_us_ ? i : max_us_];
    ++total_;
  }
  [[nodiscard]] std::uint64_t total() const { return total_; }
  // The latency below which a fraction p of the samples lie; 0 without samples.
  [[nodiscard]] double percentile(double p) const {
    if (total_ == 0) return 0;
    auto want = static_cast<std::uint64_t>(p * static_cast<double>(total_));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i <= max_us_; ++i) {
      seen += counts_[i];
      if (seen > want) return static_cast<double>(i);
    }
    return static_cast<double>(max_us_);
  }

 private:
  std::vector<std::uint64_t> counts_;
  std::size_t max_us_;
  std::uint64_t total_ = 0;
};

// utime + stime of process `pid` in seconds; 0 once it is gone.
inline double server_cpu_seconds(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(f, line);
  if (line.empty()) return 0;
  // note: the command name (field 2) may hold spaces; fields count from after its ')'.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Connects to 127.0.0.1:port, upgrades `target` to a WebSocket (blocking),
// and returns the socket non-blocking with TCP_NODELAY; -1 on any failure.
inline int connect_and_upgrade(std::uint16_t port, const std::string& target = "/") {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0) return ::close(fd), -1;
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::string req = "GET " + target +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) return ::close(fd), -1;
  // note: byte by byte, so nothing after the head (the server may speak first) is swallowed.
  std::string head;
  char ch;
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (::recv(fd, &ch, 1, 0) != 1) return ::close(fd), -1;
    head += ch;
  }
  if (head.rfind("HTTP/1.1 101", 0) != 0) return ::close(fd), -1;
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

// The value after flag `name`, or the fallback.
inline long arg(int argc, char** argv, std::string_view name, long fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::strtol(argv[i + 1], nullptr, 10);
  return fallback;
}
inline std::string arg_text(int argc, char** argv, std::string_view name, std::string fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

}  // namespace skirmish::bench
