// frame_layout: where each number sits in the flat frame the renderer reads
// (one Float32Array over wasm memory per animation frame, no objects).
#pragma once

#include <cstddef>

namespace skirmish::app::frame_layout {

// Header.
inline constexpr std::size_t alpha = 0;            // 0..1 between the last two ticks
inline constexpr std::size_t shake_x = 1;          // world pixels
inline constexpr std::size_t shake_y = 2;
inline constexpr std::size_t projectile_count = 3;
inline constexpr std::size_t particle_count = 4;
inline constexpr std::size_t me = 5;               // local slot, -1 for none
inline constexpr std::size_t tick = 6;             // room tick of the state drawn
inline constexpr std::size_t match_phase = 7;      // game::match_phase
inline constexpr std::size_t phase_ticks = 8;
inline constexpr std::size_t winner = 9;           // slot or -1
inline constexpr std::size_t tick_hz = 10;
inline constexpr std::size_t match_number = 11;
inline constexpr std::size_t header_size = 16;

// Players: max_slots records.
inline constexpr std::size_t players_at = header_size;
inline constexpr std::size_t p_active = 0, p_alive = 1, p_x = 2, p_y = 3, p_aim = 4 /* radians */,
                             p_health = 5 /* 0..1 */, p_dashing = 6, p_protected = 7, p_flash = 8,
                             p_respawn_s = 9, p_kills = 10, p_deaths = 11, p_ability = 12 /* 0..1 ready */,
                             p_firing = 13, p_streak = 14, p_radius = 15;
inline constexpr std::size_t player_size = 16;

// Pickups: pickup_count records after the players.
inline constexpr std::size_t k_x = 0, k_y = 1, k_available = 2;
inline constexpr std::size_t pickup_size = 3;

// Projectiles, then particles, variable counts (see the header).
inline constexpr std::size_t s_x = 0, s_y = 1, s_tail_x = 2, s_tail_y = 3, s_owner = 4;
inline constexpr std::size_t projectile_size = 5;
inline constexpr std::size_t f_x = 0, f_y = 1, f_size = 2, f_life = 3 /* 0..1 */, f_slot = 4;
inline constexpr std::size_t particle_size = 5;

}  // namespace skirmish::app::frame_layout
