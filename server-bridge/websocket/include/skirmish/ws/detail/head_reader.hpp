// head_reader: collects an HTTP/1.1 head (a first line, header lines, a blank
// line) fed in arbitrary pieces, checking the line syntax and the limits, so
// the request and response parsers only interpret what it hands them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "skirmish/ws/head_limits.hpp"
#include "skirmish/ws/http_header.hpp"

namespace skirmish::ws::detail {

enum class head_event : std::uint8_t {
  need_more,   // every byte was taken; the head goes on
  first_line,  // the first line just completed: interpret it, then feed the rest
  done,        // the blank line ended the head
  error,       // see error()
};

enum class head_error : std::uint8_t {
  none,
  too_large,         // over max_bytes
  too_many_headers,  // over max_headers
  bad_line_ending,   // a line not ended by CRLF (a bare LF, or a CR inside a line)
  folded_header,     // obsolete line folding (a line starting with a space or tab)
  bad_header,        // not `token ":" value` with visible characters
};

struct head_step {
  std::size_t consumed = 0;
  head_event event = head_event::need_more;
};

class head_reader {
 public:
  explicit head_reader(head_limits limits) noexcept : limits_(limits) {}

  // Takes bytes up to the end of the next event; bytes after the head are left.
  head_step feed(std::span<const std::byte> bytes);

  head_error error() const noexcept { return error_; }
  // The first line without its CRLF (valid once head_event::first_line was reported).
  std::string_view first_line() const noexcept { return view(0, first_line_size_); }
  // The headers in order (valid once head_event::done was reported, until the reader is destroyed).
  std::span<const http_header> headers() const noexcept { return headers_; }

 private:
  struct header_offsets {
    std::uint32_t name, name_size, value, value_size;
  };

  std::string_view view(std::size_t at, std::size_t size) const noexcept { return {buf_.data() + at, size}; }
  head_step fail(head_error e, std::size_t consumed) noexcept;
  // Checks the complete line buf_[begin, end) (CRLF excluded).
  head_event on_line(std::size_t begin, std::size_t end);

  head_limits limits_;
  // note: a vector, not a string: moving the reader keeps the views valid.
  std::vector<char> buf_;
  std::size_t line_begin_ = 0;
  std::size_t first_line_size_ = 0;
  bool have_first_line_ = false;
  bool finished_ = false;
  head_error error_ = head_error::none;
  std::vector<header_offsets> offsets_;
  std::vector<http_header> headers_;
};

}  // namespace skirmish::ws::detail
