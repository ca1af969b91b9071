// history_builder: a history message written entry by entry into the caller's buffer.
#include "skirmish/wire/history_builder.hpp"

#include "byte_writer.hpp"
#include "rules.hpp"
#include "skirmish/wire/codec.hpp"

namespace skirmish::wire {

namespace {
constexpr std::size_t head_bytes = 1 + 4 + 2;  // type, first_tick, count
constexpr std::size_t bundle_head_bytes = 1 + 4;  // a bundle's type and tick
}  // namespace

history_builder::history_builder(std::vector<std::byte>& out, tick_t first_tick)
    : out_(out), start_(out.size()), first_tick_(first_tick) {
  detail::byte_writer w(out_, head_bytes);
  w.u8(static_cast<std::uint8_t>(message_type::history));
  w.u32(first_tick);
  w.u16(0);  // patched by finish()
}

rt::result<void, encode_error> history_builder::check_next(tick_t tick) const {
  if (full()) return rt::fail(encode_error{"history: more than 256 entries"});
  if (count_ > 0 && next_tick() == 0) return rt::fail(encode_error{"history: ticks overflow"});
  if (tick != next_tick()) return rt::fail(encode_error{"history: bundle is not for the next tick"});
  return {};
}

rt::result<void, encode_error> history_builder::add(const bundle& b) {
  if (auto ok = check_next(b.tick); !ok) return ok;
  if (const char* why = detail::check(b)) return rt::fail(encode_error{why});
  std::size_t size = 1;
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (b.present(i)) size += 1 + b.inputs[i].size();
  }
  detail::byte_writer w(out_, size);
  w.u8(b.presence);
  for (std::size_t i = 0; i < max_slots; ++i) {
    if (b.present(i)) w.bytes(b.inputs[i]);
  }
  ++count_;
  return {};
}

rt::result<void, encode_error> history_builder::add_encoded(bytes_view bundle_message) {
  auto b = decode_as<bundle>(bundle_message);
  if (!b) return rt::fail(encode_error{"history: not a valid encoded bundle"});
  if (auto ok = check_next(b->tick); !ok) return ok;
  const bytes_view tail = bundle_message.subspan(bundle_head_bytes);
  out_.insert(out_.end(), tail.begin(), tail.end());
  ++count_;
  return {};
}

rt::result<void, encode_error> history_builder::finish() {
  if (count_ == 0) {
    out_.resize(start_);
    return rt::fail(encode_error{"history: no entries"});
  }
  out_[start_ + 5] = std::byte(count_ & 0xff);
  out_[start_ + 6] = std::byte(count_ >> 8);
  return {};
}

}  // namespace skirmish::wire
