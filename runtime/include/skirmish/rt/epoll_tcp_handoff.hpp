// tcp_handoff: an open TCP connection on its way to another thread's
// reactor: the fd and the bytes already read from it. Owns the fd until the
// receiving side adopts it, so a hand-off that is dropped closes it.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace skirmish::rt {

class tcp_handoff {
 public:
  tcp_handoff() noexcept = default;
  // Takes ownership of `fd`, which no reactor may have registered.
  tcp_handoff(int fd, std::vector<std::byte> already_read) noexcept : fd_(fd), bytes_(std::move(already_read)) {}
  tcp_handoff(tcp_handoff&& other) noexcept : fd_(std::exchange(other.fd_, -1)), bytes_(std::move(other.bytes_)) {}
  tcp_handoff& operator=(tcp_handoff&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
      bytes_ = std::move(other.bytes_);
    }
    return *this;
  }
  ~tcp_handoff() { reset(); }

  bool valid() const noexcept { return fd_ >= 0; }
  int fd() const noexcept { return fd_; }
  // The bytes read from the connection before the hand-off, to be parsed first.
  std::vector<std::byte>& bytes() noexcept { return bytes_; }
  // Gives up ownership of the fd (tcp_stream::adopt takes it from here).
  int release_fd() noexcept { return std::exchange(fd_, -1); }

 private:
  void reset() noexcept;

  int fd_ = -1;
  std::vector<std::byte> bytes_;
};

}  // namespace skirmish::rt
