// Line splitting and header syntax for HTTP/1.1 heads.
#include "skirmish/ws/detail/head_reader.hpp"

#include <algorithm>
#include <cstring>

#include "skirmish/ws/detail/http_text.hpp"

namespace skirmish::ws::detail {

namespace {

// Field values: visible ASCII, spaces, tabs and obs-text; no control characters.
bool is_field_char(unsigned char c) noexcept { return c == '\t' || (c >= 0x20 && c != 0x7F); }

}  // namespace

head_step head_reader::fail(head_error e, std::size_t consumed) noexcept {
  error_ = e;
  return {consumed, head_event::error};
}

head_step head_reader::feed(std::span<const std::byte> bytes) {
  if (error_ != head_error::none) return {0, head_event::error};
  if (finished_) return {0, head_event::done};
  const char* in = reinterpret_cast<const char*>(bytes.data());
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const void* lf = std::memchr(in + pos, '\n', bytes.size() - pos);
    std::size_t take = lf == nullptr ? bytes.size() - pos : static_cast<const char*>(lf) - (in + pos) + 1;
    if (buf_.size() + take > limits_.max_bytes) return fail(head_error::too_large, pos);
    if (buf_.empty()) buf_.reserve(std::min<std::size_t>(limits_.max_bytes, 1024));
    buf_.insert(buf_.end(), in + pos, in + pos + take);
    pos += take;
    if (lf == nullptr) break;

    std::size_t end = buf_.size() - 1;  // the LF
    if (end == line_begin_ || buf_[end - 1] != '\r') return fail(head_error::bad_line_ending, pos);
    std::size_t begin = line_begin_;
    line_begin_ = buf_.size();
    head_event ev = on_line(begin, end - 1);
    if (ev != head_event::need_more) return {pos, ev};
  }
  return {pos, head_event::need_more};
}

head_event head_reader::on_line(std::size_t begin, std::size_t end) {
  std::string_view line = view(begin, end - begin);
  if (line.find('\r') != std::string_view::npos) {
    error_ = head_error::bad_line_ending;
    return head_event::error;
  }
  if (!have_first_line_) {
    have_first_line_ = true;
    first_line_size_ = line.size();
    return head_event::first_line;
  }
  if (line.empty()) {
    finished_ = true;
    headers_.reserve(offsets_.size());
    for (const auto& h : offsets_) headers_.push_back({view(h.name, h.name_size), view(h.value, h.value_size)});
    return head_event::done;
  }
  auto bad = [&](head_error e) {
    error_ = e;
    return head_event::error;
  };
  if (is_ows(line.front())) return bad(head_error::folded_header);
  auto colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return bad(head_error::bad_header);
  std::string_view raw = line.substr(colon + 1);
  for (char c : raw)
    if (!is_field_char(static_cast<unsigned char>(c))) return bad(head_error::bad_header);
  std::string_view value = trim_ows(raw);
  if (offsets_.size() == limits_.max_headers) return bad(head_error::too_many_headers);
  auto off = [&](std::string_view s) { return static_cast<std::uint32_t>(s.data() - buf_.data()); };
  offsets_.push_back({off(line), static_cast<std::uint32_t>(colon), value.empty() ? off(raw) : off(value),
                      static_cast<std::uint32_t>(value.size())});
  return head_event::need_more;
}

}  // namespace skirmish::ws::detail
