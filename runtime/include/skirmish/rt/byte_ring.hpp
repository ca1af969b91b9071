// byte_ring: one fixed buffer shared by a buf_writer and a buf_reader, with a
// single waker (only one side can be waiting: the writer when it is full, the
// reader when it is empty). A read_guard advances the head when dropped.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <utility>

#include "skirmish/rt/check.hpp"
#include "skirmish/rt/waker_cell.hpp"

namespace skirmish::rt {

class buf_writer;
class buf_reader;

class byte_ring {
 public:
  // Capacity is rounded up to a power of two.
  explicit byte_ring(std::size_t capacity) : cap_(std::bit_ceil(std::max<std::size_t>(capacity, 1))) {
    buf_ = std::make_unique<std::byte[]>(cap_);
  }
  byte_ring(const byte_ring&) = delete;
  byte_ring& operator=(const byte_ring&) = delete;
  ~byte_ring() { expect(waiting_ == side::none, "byte_ring destroyed while a task waits on it"); }

  std::size_t capacity() const noexcept { return cap_; }
  std::size_t size() const noexcept { return tail_ - head_; }
  std::size_t space() const noexcept { return cap_ - size(); }

 private:
  friend class buf_writer;
  friend class buf_reader;
  friend class read_guard;

  // Copies as much of `src` as fits; returns how much that was.
  std::size_t put(std::span<const std::byte> src) noexcept {
    std::size_t n = std::min(src.size(), space());
    std::size_t at = tail_ & (cap_ - 1);
    std::size_t first = std::min(n, cap_ - at);
    std::memcpy(buf_.get() + at, src.data(), first);
    std::memcpy(buf_.get(), src.data() + first, n - first);
    tail_ += n;
    return n;
  }

  // The contiguous readable bytes at the head (the ring may hold more after a wrap).
  std::span<const std::byte> readable() const noexcept {
    std::size_t at = head_ & (cap_ - 1);
    return {buf_.get() + at, std::min(size(), cap_ - at)};
  }

  void consume(std::size_t n) noexcept {
    head_ += n;
    if (pending_.empty()) return;
    std::size_t moved = put(pending_);
    pending_ = pending_.subspan(moved);
    pending_written_ += moved;
    if (pending_.empty()) wake(side::writer);
  }

  enum class side : unsigned char { none, reader, writer };

  void wait_as(side s, waker w) noexcept {
    waiting_ = s;
    waiter_.register_waker(std::move(w));
  }
  void wake(side s) noexcept {
    if (waiting_ != s) return;
    waiting_ = side::none;
    waiter_.wake();
  }
  // A waiting side was cancelled: forget its waker, but never the other side's.
  void stop_waiting(side s) noexcept {
    if (waiting_ != s) return;
    waiting_ = side::none;
    waiter_.clear();
    if (s == side::writer) pending_ = {};
  }

  std::unique_ptr<std::byte[]> buf_;
  std::size_t cap_;
  std::size_t head_ = 0;  // note: free-running counters; size is tail - head
  std::size_t tail_ = 0;
  std::span<const std::byte> pending_;  // what a waiting writer still has to write
  std::size_t pending_written_ = 0;
  waker_cell waiter_;
  side waiting_ = side::none;
  bool writer_closed_ = false;
  bool reader_closed_ = false;
};

// A view of readable bytes; dropping it consumes them (all, or as many as
// consume() said) and lets a waiting writer continue.
class read_guard {
 public:
  read_guard() noexcept = default;
  read_guard(byte_ring& r, std::span<const std::byte> data) noexcept : ring_(&r), data_(data), used_(data.size()) {}
  read_guard(read_guard&& other) noexcept
      : ring_(std::exchange(other.ring_, nullptr)), data_(other.data_), used_(other.used_) {}
  read_guard& operator=(read_guard&&) = delete;
  ~read_guard() {
    if (ring_ != nullptr) ring_->consume(used_);
  }

  std::span<const std::byte> data() const noexcept { return data_; }
  std::size_t size() const noexcept { return data_.size(); }
  bool empty() const noexcept { return data_.empty(); }
  // Consume only the first `n` bytes; the rest stay for the next read.
  void consume(std::size_t n) noexcept { used_ = std::min(n, data_.size()); }

 private:
  byte_ring* ring_ = nullptr;
  std::span<const std::byte> data_;
  std::size_t used_ = 0;
};

class buf_writer {
 public:
  explicit buf_writer(byte_ring& r) noexcept : ring_(r) {}

  // Writes what fits now; returns how much.
  std::size_t try_write(std::span<const std::byte> src) noexcept {
    if (ring_.reader_closed_) return 0;
    std::size_t n = ring_.put(src);
    if (n > 0) ring_.wake(byte_ring::side::reader);
    return n;
  }

  class [[nodiscard]] write_awaiter {
   public:
    write_awaiter(byte_ring& r, std::span<const std::byte> src) noexcept : ring_(r), src_(src) {}
    write_awaiter(write_awaiter&& other) noexcept : ring_(other.ring_), src_(other.src_) {}
    ~write_awaiter() { ring_.stop_waiting(byte_ring::side::writer); }
    bool await_ready() noexcept {
      written_ = buf_writer(ring_).try_write(src_);
      return written_ == src_.size() || ring_.reader_closed_;
    }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      // The reader copies the rest in as it frees space, then wakes us once.
      ring_.pending_ = src_.subspan(written_);
      ring_.pending_written_ = 0;
      ring_.wait_as(byte_ring::side::writer, park(h));
      suspended_ = true;
    }
    // How many bytes were written: all of them, unless the reader closed.
    std::size_t await_resume() noexcept {
      if (suspended_) written_ += ring_.pending_written_;
      ring_.pending_ = {};
      return written_;
    }

   private:
    byte_ring& ring_;
    std::span<const std::byte> src_;
    std::size_t written_ = 0;
    bool suspended_ = false;
  };

  // Writes all of `src`, waiting while the ring is full.
  write_awaiter write(std::span<const std::byte> src) noexcept { return write_awaiter(ring_, src); }

  // No more bytes: the reader sees the end once it drained the ring.
  void close() noexcept {
    ring_.writer_closed_ = true;
    ring_.wake(byte_ring::side::reader);
  }

 private:
  byte_ring& ring_;
};

class buf_reader {
 public:
  explicit buf_reader(byte_ring& r) noexcept : ring_(r) {}

  // The readable bytes at the head right now (maybe none).
  read_guard try_read() noexcept { return read_guard(ring_, ring_.readable()); }

  class [[nodiscard]] read_awaiter {
   public:
    explicit read_awaiter(byte_ring& r) noexcept : ring_(r) {}
    ~read_awaiter() { ring_.stop_waiting(byte_ring::side::reader); }
    bool await_ready() const noexcept { return ring_.size() > 0 || ring_.writer_closed_; }
    template <task_promise P>
    void await_suspend(co::coroutine_handle<P> h) noexcept {
      ring_.wait_as(byte_ring::side::reader, park(h));
    }
    // Readable bytes, or an empty guard at the end of the stream.
    read_guard await_resume() noexcept { return read_guard(ring_, ring_.readable()); }

   private:
    byte_ring& ring_;
  };

  // Waits until there are bytes to read (or the writer closed).
  read_awaiter read() noexcept { return read_awaiter(ring_); }

  // No more reading: a waiting writer returns with what it wrote so far.
  void close() noexcept {
    ring_.reader_closed_ = true;
    ring_.wake(byte_ring::side::writer);
  }

 private:
  byte_ring& ring_;
};

}  // namespace skirmish::rt
