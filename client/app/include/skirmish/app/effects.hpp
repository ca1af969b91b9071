// effects: the cosmetic layer (particles, screen shake, hit flashes), fed by
// the battle's events and advanced by wall-clock frames. It only reads the
// simulation and has its own random numbers, so it can never change a hash.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "skirmish/game/event.hpp"
#include "skirmish/game/limits.hpp"

namespace skirmish::app {

struct particle {
  float x = 0, y = 0;    // world pixels
  float vx = 0, vy = 0;  // world pixels per second
  float life = 0;        // seconds left
  float span = 1;        // seconds it lived in total
  float size = 2;        // radius in world pixels
  std::int8_t slot = -1; // whose colour (-1: neutral spark)
};

class effects {
 public:
  static constexpr std::size_t max_particles = 600;

  // `me` is the local slot (its hits shake the screen), or -1.
  explicit effects(std::uint32_t seed = 0x5eed) noexcept : random_(seed | 1u) {}

  void set_me(int slot) noexcept { me_ = slot; }
  // Reacts to one event of a step that was just applied.
  void on_event(const game::event& e);
  // Moves everything on by `seconds` of wall-clock time.
  void advance(float seconds);

  [[nodiscard]] std::span<const particle> particles() const noexcept { return particles_; }
  // How strongly `slot` flashes after being hit, 1 just hit, 0 calm.
  [[nodiscard]] float flash(int slot) const noexcept;
  // The screen offset of the shake, in world pixels.
  [[nodiscard]] float shake_x() const noexcept { return shake_x_; }
  [[nodiscard]] float shake_y() const noexcept { return shake_y_; }
  [[nodiscard]] float shake_strength() const noexcept { return shake_; }

 private:
  void burst(float x, float y, int count, float speed, float life, float size, int slot);
  float uniform(float lo, float hi) noexcept;

  std::uint32_t random_;  // xorshift32: cosmetic only, never the sim's rng
  int me_ = -1;
  std::vector<particle> particles_;
  std::array<float, game::max_slots> flash_{};
  float shake_ = 0;  // amplitude in world pixels, decays
  float shake_x_ = 0, shake_y_ = 0;
};

}  // namespace skirmish::app
