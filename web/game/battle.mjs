// createBattle: the embedding API. Loads the game module once, starts a
// battle on a canvas (a room on a relay, or offline practice against bots),
// draws it every animation frame, captures input, and reports what happens
// as events. See game.d.ts for the types and web/README.md for an example.
import { loadWasmModule } from '../loader.mjs';
import { F, decodeFrame, matchPhases } from './layout.mjs';
import { colorOf, playerMarks } from './palette.mjs';
import { InputCapture } from './input.mjs';
import { Renderer } from './renderer.mjs';
import { Sounds } from './sound.mjs';

const modules = new Map();

// The game module (skirmish-game.mjs + .wasm), loaded once per URL.
export function loadGame(moduleUrl = new URL('../dist/skirmish-game.mjs', import.meta.url)) {
  const key = String(moduleUrl);
  if (!modules.has(key)) modules.set(key, loadWasmModule(key));
  return modules.get(key);
}

// The relay's WebSocket URL: given (ws:, wss:, http:, https:, or a host),
// else the page's own host at /ws.
export function relayEndpoint(relay) {
  if (!relay) {
    const loc = globalThis.location;
    if (!loc || !/^https?:$/.test(loc.protocol)) return 'ws://127.0.0.1:8080/ws';
    return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
  }
  let url;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(relay) ? relay : `ws://${relay}`);
  } catch {
    throw new TypeError(`relay: not a URL: ${relay}`);
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new TypeError(`relay: use ws:, wss:, http: or https: (${relay})`);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/ws';
  url.search = '';
  url.hash = '';
  return url.href;
}

export function cleanName(name) {
  const s = String(name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const bytes = new TextEncoder();
  // note: whole code points are dropped, so an emoji is never cut in half.
  const chars = Array.from(s.toWellFormed?.() ?? s);
  while (chars.length && bytes.encode(chars.join('')).length > 32) chars.pop();
  return chars.join('') || 'player';
}

export class Battle extends EventTarget {
  constructor(mod, options) {
    super();
    const { canvas } = options;
    if (!canvas || typeof canvas.getContext !== 'function') throw new TypeError('createBattle: options.canvas must be a <canvas>');
    this.canvas = canvas;
    this.mode = options.practice ? 'practice' : 'online';
    this.name = cleanName(options.name);
    const p = typeof options.practice === 'object' ? options.practice : {};
    this.mod = mod;
    this.endpoint = this.mode === 'online' ? relayEndpoint(options.relay) : null;
    this.bots = [];
    this.map = mod.arenaMap();
    this.renderer = new Renderer(canvas, this.map);
    this.app =
      this.mode === 'practice'
        ? mod.BattleApp.practice({ name: this.name, bots: p.bots ?? 3, maxSlots: p.maxSlots ?? (p.bots ?? 3) + 1, skill: p.skill ?? 3, seed: p.seed ?? 0 })
        : mod.BattleApp.online({ name: this.name, room: options.room || 'auto', endpoint: this.endpoint, spectator: !!options.spectator, token: options.token ?? '' });
    this.input = new InputCapture(this.app, canvas, options.keyboard === false ? null : options.keyboard ?? globalThis.window);
    this.sounds = options.sound === false ? null : new Sounds();
    if (this.sounds) {
      // Audio may only start from a gesture: the first key or click does it; M mutes.
      const keys = options.keyboard === false ? null : options.keyboard ?? globalThis.window;
      const unlock = () => this.sounds.unlock();
      const onKey = (e) => {
        if (e.code === 'KeyM' && !e.repeat && !(e.target && /INPUT|TEXTAREA/.test(e.target.tagName))) this.emit('mute', { muted: this.sounds.toggle() });
        unlock();
      };
      keys?.addEventListener('keydown', onKey);
      canvas.addEventListener('pointerdown', unlock);
      this.unhook = () => {
        keys?.removeEventListener('keydown', onKey);
        canvas.removeEventListener('pointerdown', unlock);
      };
      unlock();
    }
    this.feed = [];
    this.hudState = this.readHud();
    this.lastHudAt = 0;
    this.lastPhase = null;
    this.lastMatchPhase = null;
    this.frames = 0;
    this.firstFrameAt = null;
    this.lastFrame = null;
    this.left = false;
    this.desyncSeen = false;
    this.held = false;
    this.lastLink = null;
    this.app.onFrame((frame, events) => this.onFrame(frame, events));
  }

  // on('kill', fn) -> a function that removes the listener; fn gets the detail.
  on(type, fn) {
    const h = (e) => fn(e.detail);
    this.addEventListener(type, h);
    return () => this.removeEventListener(type, h);
  }
  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  readHud() {
    const h = this.app.hud();
    h.names = [];
    for (const r of h.roster) h.names[r.slot] = r.name;
    return h;
  }

  get hud() {
    return this.hudState;
  }
  get room() {
    return this.hudState.room;
  }
  hashes() {
    return this.left ? [] : this.app.hashes();
  }
  stateHash() {
    return this.left ? '' : this.app.stateHash();
  }
  tick() {
    return this.left ? 0 : this.app.appliedTick();
  }
  // The last frame as plain objects (players, phase, ...), or null.
  snapshot() {
    return this.lastFrame;
  }
  // Fills the room with a bot that plays from this page over its own
  // connection (online rooms, once joined). Resolves with its name.
  addBot({ skill = 3 } = {}) {
    const room = this.hudState.room;
    if (this.mode !== 'online' || this.left) throw new Error('addBot: only in an online room');
    if (!room || room === 'auto') throw new Error('addBot: wait until the room is joined');
    const n = this.bots.length + 1;
    const name = `page bot ${n}`;
    const app = this.mod.BattleApp.online({ name, room, endpoint: this.endpoint, bot: skill, seed: Date.now() % 1e9 + n });
    this.bots.push({ name, app });
    return name;
  }
  // The hash logs of the page's bots, by name (to compare peers).
  botHashes() {
    return Object.fromEntries(this.bots.map((b) => [b.name, b.app.hashes()]));
  }

  // Holds the picture on the current frame (true) or lets it move again.
  holdPicture(on) {
    this.held = !!on;
  }
  // Scripted input instead of the keyboard: held buttons by name
  // ('up', 'down', 'left', 'right', 'fire', 'ability') and an aim in radians.
  script(input) {
    if (!this.left) this.input.script(input);
  }

  onFrame(frame, events) {
    try {
      const now = performance.now();
      if (now - this.lastHudAt > 150 || events.length) {
        this.lastHudAt = now;
        this.hudState = this.readHud();
        const h = this.hudState;
        if (h.phase !== this.lastPhase) {
          this.lastPhase = h.phase;
          this.emit('phase', { phase: h.phase, status: h.status });
          if (h.phase === 'failed') this.emit('error', { message: h.status, error: h.error });
          if (h.phase === 'ended') this.emit('ended', { status: h.status });
        }
        const link = `${h.phase}|${h.status}`;
        if (link !== this.lastLink) {
          this.lastLink = link;
          this.emit('connection', { phase: h.phase, status: h.status, attempts: h.attempts });
        }
        if (h.desync && !this.desyncSeen) {
          this.desyncSeen = true;
          this.emit('desync', h.desync);
        }
      }
      for (const e of events) this.onEvent(e, now);
      const me = frame.length >= F.headerSize && frame[F.me] >= 0 ? this.playerAt(frame, frame[F.me]) : null;
      this.input.aim(me, this.renderer);
      // note: a held picture keeps the canvas and snapshot() on one frame
      // (screenshots, a pause overlay); the battle itself goes on.
      if (this.held) return;
      this.renderer.draw(frame.length ? frame : null, this.hudState, this.feed, now);
      if (this.input.stick) this.renderer.overlay.drawStick(this.input.stick);
      if (frame.length >= F.headerSize) {
        this.frames++;
        this.lastFrame = decodeFrame(frame);
        if (this.firstFrameAt === null) {
          this.firstFrameAt = now;
          this.emit('ready', { at: now, slot: this.lastFrame.me, room: this.hudState.room });
        }
        const m = matchPhases[frame[F.matchPhase]];
        if (m !== this.lastMatchPhase) {
          const was = this.lastMatchPhase;
          this.lastMatchPhase = m;
          this.emit('match', { phase: m, was });
          if (was !== null) this.sounds?.match(m);
          if (m === 'ended') this.emit('matchend', this.results());
        }
      }
    } catch (err) {
      // note: an exception must not unwind into the wasm render task.
      console.error('skirmish: frame failed', err);
    }
  }

  playerAt(frame, slot) {
    const o = F.playersAt + slot * F.playerSize;
    return frame[o + F.pActive] > 0 && frame[o + F.pAlive] > 0 ? { x: frame[o + F.pX], y: frame[o + F.pY] } : null;
  }

  nameOf(slot) {
    return slot >= 0 ? this.hudState.names[slot] ?? `player ${slot + 1}` : 'the arena';
  }

  onEvent(e, now) {
    this.sounds?.event(e, this.lastFrame?.me ?? -1);
    const push = (text, color) => {
      this.feed.push({ text, color, at: now });
      if (this.feed.length > 20) this.feed.shift();
    };
    if (e.kind === 'kill') {
      const streak = e.amount >= 3 ? ` · ${e.amount} streak` : '';
      push(`${playerMarks[e.slot] ?? ''} ${this.nameOf(e.slot)}  ✖  ${this.nameOf(e.other)}${streak}`, colorOf(e.slot));
      this.emit('kill', { killer: e.slot, victim: e.other, streak: e.amount, tick: e.tick, killerName: this.nameOf(e.slot), victimName: this.nameOf(e.other) });
    } else if (e.kind === 'joined') {
      this.hudState = this.readHud();
      push(`${this.nameOf(e.slot)} joined`, colorOf(e.slot));
      this.emit('join', { slot: e.slot, name: this.nameOf(e.slot) });
    } else if (e.kind === 'left') {
      push(`${this.nameOf(e.slot)} left`, '#8b98a9');
      this.emit('leave', { slot: e.slot, name: this.nameOf(e.slot) });
    }
  }

  // The scoreboard: active players, best first, with the winner.
  results() {
    const f = this.lastFrame;
    if (!f) return { winner: -1, players: [] };
    const players = f.players
      .filter((p) => p.active)
      .map((p) => ({ slot: p.slot, name: this.nameOf(p.slot), kills: p.kills, deaths: p.deaths, me: p.slot === f.me }))
      .sort((a, b) => b.kills - a.kills || a.deaths - b.deaths || a.slot - b.slot);
    return { winner: f.winner, winnerName: f.winner >= 0 ? this.nameOf(f.winner) : null, players, me: f.me };
  }

  // Leaves the room (or practice) and frees the module's battle.
  async leave() {
    if (this.left) return;
    // note: this may be called from an event fired inside the module's render
    // task; the battle is freed only after that task's call has returned.
    await new Promise((r) => setTimeout(r, 0));
    if (this.left) return;
    this.app.leave();
    const until = performance.now() + 1000;
    while (!this.app.finished() && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    for (const b of this.bots) b.app.leave();
    await new Promise((r) => setTimeout(r, 50));
    for (const b of this.bots) b.app.delete();
    this.bots = [];
    this.left = true;
    this.input.dispose();
    this.unhook?.();
    this.app.delete();
    this.emit('left', {});
  }
}

// Starts a battle on `options.canvas`. Resolves once the module is loaded
// and the battle's tasks run; listen for 'ready' to know the first frame.
export async function createBattle(options = {}) {
  const mod = await loadGame(options.moduleUrl);
  return new Battle(mod, options);
}
