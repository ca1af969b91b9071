// The flat frame the wasm module hands the renderer on each animation frame
// (mirrors client/app/include/skirmish/app/frame_layout.hpp).
export const F = Object.freeze({
  alpha: 0, shakeX: 1, shakeY: 2, projectileCount: 3, particleCount: 4, me: 5, tick: 6,
  matchPhase: 7, phaseTicks: 8, winner: 9, tickHz: 10, matchNumber: 11, headerSize: 16,
  playersAt: 16, playerSize: 16, maxSlots: 8,
  pActive: 0, pAlive: 1, pX: 2, pY: 3, pAim: 4, pHealth: 5, pDashing: 6, pProtected: 7, pFlash: 8,
  pRespawnS: 9, pKills: 10, pDeaths: 11, pAbility: 12, pFiring: 13, pStreak: 14, pRadius: 15,
  pickupCount: 4, pickupSize: 3, kX: 0, kY: 1, kAvailable: 2,
  projectileSize: 5, sX: 0, sY: 1, sTailX: 2, sTailY: 3, sOwner: 4,
  particleSize: 5, fX: 0, fY: 1, fSize: 2, fLife: 3, fSlot: 4,
});

export const matchPhases = ['warmup', 'countdown', 'playing', 'overtime', 'ended'];

// A copy of one frame as plain objects (tests and embedders read this; the
// renderer reads the array directly).
export function decodeFrame(f) {
  const players = [];
  for (let s = 0; s < F.maxSlots; s++) {
    const o = F.playersAt + s * F.playerSize;
    players.push({
      slot: s, active: f[o + F.pActive] > 0, alive: f[o + F.pAlive] > 0, x: f[o + F.pX], y: f[o + F.pY],
      aim: f[o + F.pAim], health: f[o + F.pHealth], dashing: f[o + F.pDashing] > 0,
      protected: f[o + F.pProtected] > 0, kills: f[o + F.pKills], deaths: f[o + F.pDeaths],
      ability: f[o + F.pAbility], respawnSeconds: f[o + F.pRespawnS], streak: f[o + F.pStreak],
    });
  }
  return {
    alpha: f[F.alpha], tick: f[F.tick], me: f[F.me], tickHz: f[F.tickHz],
    phase: matchPhases[f[F.matchPhase]] ?? 'warmup', phaseSeconds: f[F.phaseTicks] / (f[F.tickHz] || 30),
    winner: f[F.winner], match: f[F.matchNumber], players,
    projectiles: f[F.projectileCount], particles: f[F.particleCount],
  };
}
