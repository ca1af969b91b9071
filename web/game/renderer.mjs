// Canvas 2D renderer: the arena, fighters with names and health bars,
// projectiles and particles; the HUD on top is hud.mjs. Crisp at any
// devicePixelRatio: the backing store follows the CSS size times the ratio.
import { HudPainter } from './hud.mjs';
import { F } from './layout.mjs';
import { colorOf, inkOn, playerMarks, theme } from './palette.mjs';

const stripCss = 36; // the HUD strip above the arena, in CSS pixels

export class Renderer {
  constructor(canvas, map) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.map = map;
    this.worldW = map.columns * map.tile;
    this.worldH = map.rows * map.tile;
    this.dpr = 1;
    this.cssW = 0;
    this.cssH = 0;
    this.view = { x: 0, y: 0, scale: 1 }; // world -> CSS pixels
    this.arenaLayer = null;
    this.framesDrawn = 0;
    this.overlay = new HudPainter(this);
  }

  // Follows the element's CSS size; rebuilds the arena layer when it changes.
  resize() {
    const dpr = Math.max(1, globalThis.devicePixelRatio || 1);
    const w = Math.max(1, Math.round(this.canvas.clientWidth || this.canvas.width));
    const h = Math.max(1, Math.round(this.canvas.clientHeight || this.canvas.height));
    if (w === this.cssW && h === this.cssH && dpr === this.dpr && this.arenaLayer) return;
    this.cssW = w;
    this.cssH = h;
    this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    const strip = this.stripHeight();
    const pad = 6;
    const scale = Math.min((w - 2 * pad) / this.worldW, (h - strip - 2 * pad) / this.worldH);
    this.view = {
      scale: Math.max(0.05, scale),
      x: (w - this.worldW * scale) / 2,
      // note: in a tall, narrow window the arena sits right under the strip
      // instead of floating in the middle of empty space.
      y: strip + pad + (w < h ? 0 : (h - strip - 2 * pad - this.worldH * scale) / 2),
    };
    // note: in a tall, narrow window the arena is small; the scoreboard and
    // the kill feed go below it instead of covering a third of it.
    this.below = h - (this.view.y + this.worldH * this.view.scale) >= 150 && w < 700;
    this.buildArena();
  }

  stripHeight() {
    return this.cssW < 520 ? 30 : stripCss;
  }

  // CSS pixels inside the canvas -> world pixels.
  toWorld(cx, cy) {
    return { x: (cx - this.view.x) / this.view.scale, y: (cy - this.view.y) / this.view.scale };
  }

  // The arena's static tiles, drawn once per size at device resolution.
  buildArena() {
    const { map } = this;
    const layer = document.createElement('canvas');
    const s = this.view.scale * this.dpr;
    layer.width = Math.ceil(this.worldW * s);
    layer.height = Math.ceil(this.worldH * s);
    const g = layer.getContext('2d');
    g.scale(s, s);
    g.fillStyle = theme.floor;
    g.fillRect(0, 0, this.worldW, this.worldH);
    g.strokeStyle = theme.floorLine;
    g.lineWidth = 1;
    g.beginPath();
    for (let x = 0; x <= map.columns; x++) {
      g.moveTo(x * map.tile, 0);
      g.lineTo(x * map.tile, this.worldH);
    }
    for (let y = 0; y <= map.rows; y++) {
      g.moveTo(0, y * map.tile);
      g.lineTo(this.worldW, y * map.tile);
    }
    g.stroke();
    for (let ty = 0; ty < map.rows; ty++) {
      for (let tx = 0; tx < map.columns; tx++) {
        if (map.tiles[ty * map.columns + tx] !== '#') continue;
        const x = tx * map.tile, y = ty * map.tile;
        g.fillStyle = theme.wall;
        g.fillRect(x, y, map.tile, map.tile);
        g.fillStyle = theme.wallTop;
        g.fillRect(x, y, map.tile, 5);
      }
    }
    this.arenaLayer = layer;
  }

  // One frame. `frame` is the Float32Array of the module (read now, not kept);
  // `hud` the session's state; `feed` the kill feed lines; `now` ms.
  draw(frame, hud, feed, now) {
    this.resize();
    const g = this.ctx;
    const { dpr, view } = this;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = theme.background;
    g.fillRect(0, 0, this.cssW, this.cssH);
    if (!frame || frame.length < F.headerSize) {
      if (this.arenaLayer) g.drawImage(this.arenaLayer, view.x, view.y, this.worldW * view.scale, this.worldH * view.scale);
      this.overlay.drawStrip(null, hud);
      // note: the page shows the full sentence (hud.status); the canvas keeps it short.
      const sub = hud?.phase === 'failed' ? 'see the message' : hud?.attempts ? `retrying, attempt ${hud.attempts + 1}` : '';
      this.overlay.banner(hud?.phase === 'failed' ? 'Disconnected' : 'Connecting…', sub, theme.text);
      return;
    }
    const me = frame[F.me];
    g.save();
    g.translate(view.x + frame[F.shakeX] * view.scale, view.y + frame[F.shakeY] * view.scale);
    g.drawImage(this.arenaLayer, 0, 0, this.worldW * view.scale, this.worldH * view.scale);
    g.scale(view.scale, view.scale);
    this.drawPickups(frame, now);
    this.drawProjectiles(frame);
    this.drawPlayers(frame, hud, me, now);
    this.drawParticles(frame);
    g.restore();
    this.overlay.drawStrip(frame, hud);
    this.overlay.drawScoreboard(frame, hud);
    this.overlay.drawFeed(feed, now);
    if (me >= 0) {
      // note: my own fighter and name go on top of the HUD panels, so a
      // spawn in a corner under the kill feed or the scoreboard stays visible.
      g.save();
      g.translate(view.x + frame[F.shakeX] * view.scale, view.y + frame[F.shakeY] * view.scale);
      g.scale(view.scale, view.scale);
      this.drawPlayers(frame, hud, me, now, me);
      g.restore();
    }
    this.overlay.drawBanners(frame, hud);
    this.framesDrawn++;
  }

  drawPickups(f, now) {
    const g = this.ctx;
    const at = F.playersAt + F.maxSlots * F.playerSize;
    for (let k = 0; k < F.pickupCount; k++) {
      const o = at + k * F.pickupSize;
      const x = f[o + F.kX], y = f[o + F.kY];
      if (f[o + F.kAvailable] > 0) {
        const pulse = 1 + 0.08 * Math.sin(now / 200 + k);
        g.fillStyle = '#2ecc71';
        g.beginPath();
        g.arc(x, y, 12 * pulse, 0, Math.PI * 2);
        g.fill();
        g.fillStyle = '#fff';
        g.fillRect(x - 7, y - 2.5, 14, 5);
        g.fillRect(x - 2.5, y - 7, 5, 14);
      } else {
        g.strokeStyle = 'rgba(46, 204, 113, 0.3)';
        g.lineWidth = 2;
        g.beginPath();
        g.arc(x, y, 10, 0, Math.PI * 2);
        g.stroke();
      }
    }
  }

  drawProjectiles(f) {
    const g = this.ctx;
    const n = f[F.projectileCount];
    const at = F.playersAt + F.maxSlots * F.playerSize + F.pickupCount * F.pickupSize;
    g.lineCap = 'round';
    for (let i = 0; i < n; i++) {
      const o = at + i * F.projectileSize;
      const color = colorOf(f[o + F.sOwner]);
      g.strokeStyle = color;
      g.globalAlpha = 0.45;
      g.lineWidth = 5;
      g.beginPath();
      g.moveTo(f[o + F.sTailX], f[o + F.sTailY]);
      g.lineTo(f[o + F.sX], f[o + F.sY]);
      g.stroke();
      g.globalAlpha = 1;
      g.fillStyle = '#fff';
      g.beginPath();
      g.arc(f[o + F.sX], f[o + F.sY], 4, 0, Math.PI * 2);
      g.fill();
    }
  }

  drawParticles(f) {
    const g = this.ctx;
    const n = f[F.particleCount];
    const at = F.playersAt + F.maxSlots * F.playerSize + F.pickupCount * F.pickupSize + f[F.projectileCount] * F.projectileSize;
    for (let i = 0; i < n; i++) {
      const o = at + i * F.particleSize;
      g.globalAlpha = Math.max(0, Math.min(1, f[o + F.fLife]));
      g.fillStyle = f[o + F.fSlot] >= 0 ? colorOf(f[o + F.fSlot]) : '#ffe9a8';
      const r = f[o + F.fSize];
      g.fillRect(f[o + F.fX] - r / 2, f[o + F.fY] - r / 2, r, r);
    }
    g.globalAlpha = 1;
  }

  drawPlayers(f, hud, me, now, only = -1) {
    const g = this.ctx;
    const names = hud?.names ?? [];
    const labelScale = 1 / Math.max(0.35, this.view.scale); // labels stay readable when the arena is small
    for (let s = 0; s < F.maxSlots; s++) {
      const o = F.playersAt + s * F.playerSize;
      if (only >= 0 && s !== only) continue;
      if (!(f[o + F.pActive] > 0) || !(f[o + F.pAlive] > 0)) continue;
      // note: on a small screen a fighter is drawn at least 7 CSS pixels wide
      // in radius, so it stays visible and its letter readable.
      const x = f[o + F.pX], y = f[o + F.pY], r = Math.max(f[o + F.pRadius] || 14, 7 / this.view.scale);
      const color = colorOf(s);
      const aim = f[o + F.pAim];
      if (s === me) {
        g.strokeStyle = 'rgba(255,255,255,0.85)';
        g.lineWidth = 2;
        g.setLineDash([4, 4]);
        g.beginPath();
        g.arc(x, y, r + 7, 0, Math.PI * 2);
        g.stroke();
        g.setLineDash([]);
      }
      if (s === me && f[o + F.pAbility] < 1) {
        // The dash recharging: an arc that closes when it is ready again.
        g.strokeStyle = 'rgba(86, 180, 233, 0.9)';
        g.lineWidth = 3;
        g.beginPath();
        g.arc(x, y, r + 11, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * f[o + F.pAbility]);
        g.stroke();
      }
      if (f[o + F.pProtected] > 0) {
        g.strokeStyle = `rgba(160, 220, 255, ${0.5 + 0.3 * Math.sin(now / 90)})`;
        g.lineWidth = 3;
        g.beginPath();
        g.arc(x, y, r + 4, 0, Math.PI * 2);
        g.stroke();
      }
      // The barrel.
      g.strokeStyle = '#d9dee7';
      g.lineWidth = 6;
      g.lineCap = 'butt';
      g.beginPath();
      g.moveTo(x + Math.cos(aim) * r * 0.4, y + Math.sin(aim) * r * 0.4);
      g.lineTo(x + Math.cos(aim) * (r + 11), y + Math.sin(aim) * (r + 11));
      g.stroke();
      g.globalAlpha = f[o + F.pDashing] > 0 ? 0.6 : 1;
      g.fillStyle = color;
      g.beginPath();
      g.arc(x, y, r, 0, Math.PI * 2);
      g.fill();
      g.lineWidth = 2;
      g.strokeStyle = '#0b0f16';
      g.stroke();
      const flash = f[o + F.pFlash];
      if (flash > 0) {
        g.fillStyle = `rgba(255,255,255,${0.8 * flash})`;
        g.beginPath();
        g.arc(x, y, r, 0, Math.PI * 2);
        g.fill();
      }
      g.globalAlpha = 1;
      g.fillStyle = inkOn[s];
      g.font = `bold ${Math.round(r)}px system-ui, sans-serif`;
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(playerMarks[s], x, y + 1);
      // Name and health bar above; kept inside the arena so the top row never clips.
      const barW = 36 * Math.min(1.6, labelScale), barH = 5 * Math.min(1.6, labelScale);
      const top = Math.max(r + 8, y - r - 10 - barH) ;
      const by = Math.max(2, y - r - 8 - barH);
      g.fillStyle = 'rgba(0,0,0,0.6)';
      g.fillRect(x - barW / 2 - 1, by - 1, barW + 2, barH + 2);
      const hp = f[o + F.pHealth];
      g.fillStyle = hp > 0.5 ? theme.good : hp > 0.25 ? '#f0c419' : theme.danger;
      g.fillRect(x - barW / 2, by, barW * hp, barH);
      const fontPx = Math.round(12 * Math.min(2.2, labelScale));
      g.font = `600 ${fontPx}px system-ui, sans-serif`;
      g.textBaseline = 'bottom';
      const label = (s === me ? '▼ ' : '') + (names[s] ?? `player ${s + 1}`);
      const ly = Math.max(fontPx + 1, by - 2);
      g.lineWidth = 3;
      g.strokeStyle = 'rgba(0,0,0,0.8)';
      g.strokeText(label, x, ly);
      g.fillStyle = s === me ? '#fff' : theme.text;
      g.fillText(label, x, ly);
      void top;
    }
  }

}
