// arena: the hand-drawn, four-way symmetric map (a grid of wall tiles, spawn
// points, health packs) and the collision queries the battle and bots share.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "skirmish/game/fixed_math.hpp"
#include "skirmish/game/vec2.hpp"

namespace skirmish::game {

class arena {
 public:
  static constexpr int width = 32;   // tiles
  static constexpr int height = 20;  // tiles
  static constexpr std::int32_t tile_size = 40 * px;
  static constexpr int spawn_count = 8;
  static constexpr int pickup_count = 4;

  // The map every battle is played on (client/sim/src/arena.cpp draws it).
  [[nodiscard]] static const arena& standard();

  // Builds an arena from width x height rows: '#' wall, '.' floor,
  // 'S' spawn point, 'H' health pack (both on floor).
  constexpr explicit arena(const std::array<std::string_view, height>& rows);

  // The whole map in position units: (width, height) * tile_size.
  [[nodiscard]] static constexpr vec2 size() { return {width * tile_size, height * tile_size}; }

  // Whether tile (tx, ty) is a wall; everything outside the grid counts as wall.
  [[nodiscard]] constexpr bool solid(int tx, int ty) const {
    return tx < 0 || ty < 0 || tx >= width || ty >= height || solid_[static_cast<std::size_t>(ty * width + tx)] != 0;
  }
  [[nodiscard]] constexpr bool solid_at(vec2 p) const { return solid(tile_of(p.x), tile_of(p.y)); }

  // The tile index holding a coordinate (floor division, so negatives work).
  [[nodiscard]] static constexpr int tile_of(std::int32_t coord) {
    return static_cast<int>(coord >= 0 ? coord / tile_size : (coord - tile_size + 1) / tile_size);
  }
  [[nodiscard]] static constexpr vec2 tile_center(int tx, int ty) {
    return {tx * tile_size + tile_size / 2, ty * tile_size + tile_size / 2};
  }

  [[nodiscard]] std::span<const vec2> spawn_points() const { return spawns_; }
  [[nodiscard]] std::span<const vec2> pickup_points() const { return pickups_; }

  // Whether the segment a-b crosses no wall tile (exactly, tile by tile).
  [[nodiscard]] bool line_of_sight(vec2 a, vec2 b) const;

  // A circle of the given radius at center, pushed out of any wall it overlaps.
  [[nodiscard]] vec2 push_out(vec2 center, std::int32_t radius) const;

  // Where a circle at from ends up after trying to move by delta: it slides
  // along walls and never passes through one (moved in substeps of radius/2).
  [[nodiscard]] vec2 move(vec2 from, vec2 delta, std::int32_t radius) const;

 private:
  std::array<std::uint8_t, width * height> solid_{};
  std::array<vec2, spawn_count> spawns_{};
  std::array<vec2, pickup_count> pickups_{};
};

constexpr arena::arena(const std::array<std::string_view, height>& rows) {
  int spawns = 0;
  int pickups = 0;
  for (int ty = 0; ty < height; ++ty) {
    for (int tx = 0; tx < width; ++tx) {
      const char c = rows[static_cast<std::size_t>(ty)][static_cast<std::size_t>(tx)];
      solid_[static_cast<std::size_t>(ty * width + tx)] = c == '#' ? 1 : 0;
      if (c == 'S' && spawns < spawn_count) spawns_[static_cast<std::size_t>(spawns++)] = tile_center(tx, ty);
      if (c == 'H' && pickups < pickup_count) pickups_[static_cast<std::size_t>(pickups++)] = tile_center(tx, ty);
    }
  }
}

}  // namespace skirmish::game
