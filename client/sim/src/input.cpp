// The input wire encoding (layout documented in input.hpp).
#include "skirmish/game/input.hpp"

namespace skirmish::game {

std::array<std::uint8_t, input::wire_size> input::encode() const {
  const std::uint8_t b = buttons & known_buttons;
  const angle16 a = (b & aim_set) != 0 ? aim : 0;
  return {b, static_cast<std::uint8_t>(a & 0xff), static_cast<std::uint8_t>(a >> 8), 0};
}

input input::decode(std::span<const std::uint8_t> bytes) {
  auto at = [&](std::size_t i) -> std::uint8_t { return i < bytes.size() ? bytes[i] : 0; };
  input in;
  in.buttons = at(0) & known_buttons;
  // The aim bytes count only with the aim bit, so equal meanings decode equal.
  if (in.held(aim_set)) in.aim = static_cast<angle16>(at(1) | (at(2) << 8));
  return in;
}

}  // namespace skirmish::game
