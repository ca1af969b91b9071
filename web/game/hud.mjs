// The in-canvas HUD over the arena: the top strip (connection, my dash, the
// round clock, ping and tick), the scoreboard, the kill feed, the touch
// stick and the banners (countdown, respawn, reconnecting). It draws with the
// renderer's context and view (renderer.mjs owns the canvas and the arena).
import { F, matchPhases } from './layout.mjs';
import { colorOf, playerMarks, theme } from './palette.mjs';

function fmtTime(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export class HudPainter {
  constructor(renderer) {
    this.r = renderer;
  }
  get ctx() {
    return this.r.ctx;
  }
  get cssW() {
    return this.r.cssW;
  }
  get view() {
    return this.r.view;
  }
  get worldW() {
    return this.r.worldW;
  }
  get worldH() {
    return this.r.worldH;
  }
  get below() {
    return this.r.below;
  }
  get dpr() {
    return this.r.dpr;
  }
  stripHeight() {
    return this.r.stripHeight();
  }

  drawStrip(f, hud) {
    const g = this.ctx;
    const h = this.stripHeight();
    const w = this.cssW;
    const small = w < 520;
    g.fillStyle = '#111826';
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#2a3550';
    g.fillRect(0, h - 1, w, 1);
    g.textBaseline = 'middle';
    // Left: mode and connection.
    const phase = hud?.phase ?? 'connecting';
    const live = phase === 'live';
    g.fillStyle = live ? theme.good : phase === 'failed' ? theme.danger : '#f0c419';
    g.beginPath();
    g.arc(94, h / 2, 5, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = theme.text;
    g.font = `600 ${small ? 11 : 13}px system-ui, sans-serif`;
    g.textAlign = 'left';
    const label = hud?.practice ? 'practice' : hud?.room ? `${hud.spectator ? 'watching' : 'room'} ${hud.room}` : '';
    g.fillText(small ? label.slice(0, 12) : label, 104, h / 2);
    // My dash, on screens wide enough for it.
    const me = f ? f[F.me] : -1;
    if (f && me >= 0 && !small) {
      const o = F.playersAt + me * F.playerSize;
      const ready = f[o + F.pAbility] >= 1;
      const bx = 104 + Math.max(150, g.measureText(label).width + 24);
      g.font = '600 12px system-ui, sans-serif';
      g.fillStyle = theme.dim;
      g.fillText('dash', bx, h / 2);
      g.fillStyle = '#2a3550';
      g.fillRect(bx + 34, h / 2 - 4, 60, 8);
      g.fillStyle = ready ? '#56B4E9' : '#3d6f8f';
      g.fillRect(bx + 34, h / 2 - 4, 60 * Math.min(1, f[o + F.pAbility]), 8);
      g.fillStyle = ready ? theme.text : theme.dim;
      g.fillText(ready ? 'ready (Shift)' : '', bx + 100, h / 2);
    }
    // Centre: the round clock.
    if (f) {
      const phaseName = matchPhases[f[F.matchPhase]];
      const secs = f[F.phaseTicks] / (f[F.tickHz] || 30);
      let clock = '';
      if (phaseName === 'playing') clock = fmtTime(secs);
      else if (phaseName === 'overtime') clock = `OT ${fmtTime(secs)}`;
      else if (phaseName === 'countdown') clock = `${Math.ceil(secs)}`;
      else if (phaseName === 'warmup') clock = 'warmup';
      else clock = 'match over';
      g.textAlign = 'center';
      g.font = `700 ${small ? 15 : 19}px ui-monospace, monospace`;
      g.fillStyle = phaseName === 'overtime' ? theme.danger : theme.text;
      g.fillText(clock, w / 2, h / 2 + 1);
    }
    if (hud?.desync) {
      // The relay found the simulations diverged: say so where it is always seen.
      g.fillStyle = theme.danger;
      g.font = `700 ${small ? 10 : 12}px system-ui, sans-serif`;
      g.textAlign = 'left';
      g.fillText(`DESYNC @${hud.desync.tick}`, small ? 104 + 80 : 104 + g.measureText('room XXXXXXXXXXXX').width, h / 2);
    }
    // Right corner: ping and tick.
    g.textAlign = 'right';
    g.font = `${small ? 10 : 12}px ui-monospace, monospace`;
    g.fillStyle = theme.dim;
    const ping = hud?.practice ? 'offline' : hud?.pingMs != null ? `${Math.round(hud.pingMs)} ms` : '— ms';
    const tick = f ? f[F.tick] : hud?.tick ?? 0;
    g.fillText(`ping ${ping} · tick ${tick}`, w - 8, h / 2);
  }

  drawScoreboard(f, hud) {
    const g = this.ctx;
    const names = hud?.names ?? [];
    const rows = [];
    for (let s = 0; s < F.maxSlots; s++) {
      const o = F.playersAt + s * F.playerSize;
      if (f[o + F.pActive] > 0) rows.push({ s, k: f[o + F.pKills], d: f[o + F.pDeaths] });
    }
    rows.sort((a, b) => b.k - a.k || a.d - b.d || a.s - b.s);
    const small = this.cssW < 700 && !this.below;
    const shown = small ? rows.slice(0, 4) : rows;
    const rowH = small ? 14 : 18;
    const w = small ? 112 : 178;
    const arenaBottom = this.view.y + this.worldH * this.view.scale;
    const x = this.below ? this.cssW - w - 8 : this.view.x + this.worldW * this.view.scale - w - 6;
    const y = this.below ? arenaBottom + 10 : this.view.y + 6;
    g.fillStyle = theme.panel;
    g.fillRect(x, y, w, rowH * (shown.length + 1) + 6);
    g.font = `600 ${small ? 9 : 12}px system-ui, sans-serif`;
    g.textBaseline = 'middle';
    g.fillStyle = theme.dim;
    g.textAlign = 'left';
    g.fillText('player', x + 8, y + rowH / 2 + 3);
    g.textAlign = 'right';
    g.fillText('K / D', x + w - 8, y + rowH / 2 + 3);
    shown.forEach((r, i) => {
      const cy = y + rowH * (i + 1) + rowH / 2 + 3;
      g.fillStyle = colorOf(r.s);
      g.fillRect(x + 8, cy - 5, 10, 10);
      g.textAlign = 'left';
      g.fillStyle = r.s === f[F.me] ? '#fff' : theme.text;
      const name = (names[r.s] ?? `player ${r.s + 1}`).slice(0, small ? 9 : 14);
      g.fillText(`${playerMarks[r.s]} ${name}`, x + 22, cy);
      g.textAlign = 'right';
      g.fillText(`${r.k} / ${r.d}`, x + w - 8, cy);
    });
  }

  drawFeed(feed, now) {
    const g = this.ctx;
    const small = this.cssW < 700 && !this.below;
    const x = this.view.x + 8;
    let y = this.below ? this.view.y + this.worldH * this.view.scale + 10 : this.view.y + 8;
    g.font = `600 ${small ? 10 : 12}px system-ui, sans-serif`;
    g.textBaseline = 'top';
    g.textAlign = 'left';
    const maxW = this.below ? this.cssW - 178 - 32 : Infinity;
    for (const line of feed.slice(-(small ? 3 : 5))) {
      const age = (now - line.at) / 1000;
      if (age > 6) continue;
      g.globalAlpha = age > 5 ? 6 - age : 1;
      const w = Math.min(maxW, g.measureText(line.text).width + 12);
      g.fillStyle = theme.panel;
      g.fillRect(x, y, w, small ? 15 : 19);
      g.fillStyle = line.color ?? theme.text;
      g.fillText(line.text, x + 6, y + 3, w - 12);
      y += small ? 17 : 22;
    }
    g.globalAlpha = 1;
  }

  // The touch stick: its centre and where the thumb is (CSS pixels).
  drawStick(stick) {
    const g = this.ctx;
    g.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    g.strokeStyle = 'rgba(255,255,255,0.35)';
    g.lineWidth = 2;
    g.beginPath();
    g.arc(stick.x0, stick.y0, 44, 0, Math.PI * 2);
    g.stroke();
    const dx = stick.x - stick.x0, dy = stick.y - stick.y0;
    const k = Math.min(1, 44 / Math.max(1, Math.hypot(dx, dy)));
    g.fillStyle = 'rgba(255,255,255,0.45)';
    g.beginPath();
    g.arc(stick.x0 + dx * k, stick.y0 + dy * k, 18, 0, Math.PI * 2);
    g.fill();
  }

  // A message in the middle of the arena on a solid plate, sized to fit.
  banner(title, sub, color) {
    const g = this.ctx;
    const cx = this.view.x + (this.worldW * this.view.scale) / 2;
    const cy = this.view.y + (this.worldH * this.view.scale) / 2;
    const maxW = Math.min(this.cssW - 24, 560);
    let size = Math.min(34, Math.max(14, this.cssW / 18));
    g.font = `800 ${size}px system-ui, sans-serif`;
    while (g.measureText(title).width > maxW - 24 && size > 12) {
      size -= 1;
      g.font = `800 ${size}px system-ui, sans-serif`;
    }
    const subSize = Math.max(11, Math.round(size * 0.45));
    const w = Math.min(maxW, Math.max(g.measureText(title).width, sub ? subSize * 0.55 * sub.length : 0) + 40);
    const h = size + (sub ? subSize + 18 : 16);
    g.fillStyle = 'rgba(8, 12, 20, 0.85)';
    g.fillRect(cx - w / 2, cy - h / 2, w, h);
    g.textAlign = 'center';
    g.textBaseline = 'top';
    g.fillStyle = color;
    g.fillText(title, cx, cy - h / 2 + 8);
    if (sub) {
      g.font = `500 ${subSize}px system-ui, sans-serif`;
      g.fillStyle = theme.text;
      g.fillText(sub, cx, cy - h / 2 + size + 12, w - 16);
    }
  }

  drawBanners(f, hud) {
    const phase = hud?.phase;
    if (phase === 'reconnecting') return this.banner('Reconnecting…', hud.status || 'the connection dropped', '#f0c419');
    if (phase === 'catching_up') return this.banner('Catching up…', `tick ${hud.tick}`, '#f0c419');
    const m = matchPhases[f[F.matchPhase]];
    const secs = f[F.phaseTicks] / (f[F.tickHz] || 30);
    if (m === 'warmup') this.banner('Waiting for players', 'the match starts when a second player joins', theme.text);
    else if (m === 'countdown') this.banner(`${Math.max(1, Math.ceil(secs))}`, 'get ready', '#f0c419');
    const me = f[F.me];
    if (me >= 0 && m !== 'ended') {
      const o = F.playersAt + me * F.playerSize;
      if (f[o + F.pActive] > 0 && !(f[o + F.pAlive] > 0)) this.banner('You were fragged', `back in ${f[o + F.pRespawnS].toFixed(1)} s`, theme.danger);
    }
  }
}
