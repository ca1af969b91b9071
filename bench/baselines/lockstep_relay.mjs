// The lockstep room service of PROTOCOL.md section 3, for the benchmark's
// baseline relays (relay_ws.mjs on Node `ws`, relay_uws.mjs on
// uWebSockets.js): hello and welcome, the history for joiners, one tick
// clock per room, each tick's inputs bundled in slot order and encoded once
// for every recipient, notices, ping and pong, hash comparison, errors with
// their close codes. The transports differ; this logic is shared, so the
// benchmark compares WebSocket stacks and event loops, not two relays.
//
// What it leaves out, compared with skirmish-relay: reconnect tokens (the
// welcome announces a reconnect window of 0 and a dropped slot is freed at
// once), rate limits, idle timeouts, the outbound watermark, metrics.
//
//   const relay = new LockstepRelay({ tickHz: 30, inputDelay: 2 });
//   const peer = relay.open({ send(bytes) {...}, close(code, reason) {...} });
//   relay.message(peer, bytes, isBinary);   // each WebSocket message
//   relay.closed(peer);                     // the socket is gone
import {
  AUTO_ROOM,
  ErrorCode,
  MAX_HISTORY_TICKS,
  MAX_SLOTS,
  MessageType,
  SPECTATOR_SLOT,
  TOKEN_BYTES,
  WireError,
  closeCodeFor,
  decode,
  encode,
  errorName,
} from '../../server-bridge/protocol/wire.mjs';

const zeroToken = new Uint8Array(TOKEN_BYTES);
const pendingHashTicks = 32;

class Room {
  constructor(relay, id) {
    this.relay = relay;
    this.id = id;
    this.seed = BigInt.asUintN(64, BigInt(Math.floor(Math.random() * 2 ** 52)) * 4099n + 7n);
    this.startTick = 0;
    this.nextTick = 0;
    this.slots = new Array(relay.maxSlots).fill(null);
    this.spectators = new Set();
    this.history = []; // encoded bundles of ticks historyFirst, historyFirst + 1, ...
    this.historyFirst = 0;
    this.inputs = new Map(); // tick -> Array(maxSlots) of payloads
    this.hashes = new Map(); // tick -> Map(slot -> hash)
    this.desyncSent = false;
    this.created = performance.now();
    this.timer = null;
    this.schedule();
  }

  occupied() {
    return this.slots.some((p) => p !== null);
  }

  // note: every deadline comes from the creation time, so the clock never
  // drifts; a late timer closes every overdue tick in order.
  schedule() {
    const due = this.created + (this.nextTick - this.startTick + 1) * this.relay.periodMs;
    this.timer = setTimeout(() => this.advance(), Math.max(0, due - performance.now()));
  }

  advance() {
    const now = performance.now();
    while (this.created + (this.nextTick - this.startTick + 1) * this.relay.periodMs <= now) this.close(this.nextTick++);
    if (this.occupied() || this.spectators.size > 0) {
      this.schedule();
    } else {
      this.relay.rooms.delete(this.id);
    }
  }

  close(tick) {
    const row = this.inputs.get(tick);
    this.inputs.delete(tick);
    const inputs = this.slots.map((p, slot) => (p === null ? null : (row?.[slot] ?? empty)));
    const bytes = encode({ type: 'bundle', tick, inputs });
    this.history.push(bytes);
    if (this.history.length > this.relay.historyTicks) {
      this.history.shift();
      this.historyFirst++;
    }
    this.broadcast(bytes);
  }

  broadcast(bytes, except = null) {
    for (const p of this.slots) if (p !== null && p !== except) p.conn.send(bytes);
    for (const p of this.spectators) if (p !== except) p.conn.send(bytes);
  }

  join(peer, hello) {
    let slot = SPECTATOR_SLOT;
    if (!hello.spectator) {
      slot = this.slots.indexOf(null);
      if (slot < 0) return this.relay.refuse(peer, ErrorCode.room_full, 'room is full');
    }
    if (this.historyFirst > this.startTick) return this.relay.refuse(peer, ErrorCode.history_unavailable, 'the room is older than its history');
    const current = this.nextTick;
    peer.room = this;
    peer.slot = slot;
    peer.lastInputTick = -1;
    if (slot === SPECTATOR_SLOT) this.spectators.add(peer);
    else this.slots[slot] = peer;
    const roster = [];
    this.slots.forEach((p, s) => p !== null && roster.push({ slot: s, connected: true, name: p.name }));
    const r = this.relay;
    peer.conn.send(encode({
      type: 'welcome', slot, maxSlots: r.maxSlots, tickHz: r.tickHz, inputDelay: r.inputDelay, hashInterval: r.hashInterval,
      reconnectWindowS: 0, seed: this.seed, startTick: this.startTick, currentTick: current,
      token: slot === SPECTATOR_SLOT ? zeroToken : r.newToken(), room: this.id, roster,
    }));
    // The history: stored bundles spliced into messages of up to 256 ticks.
    for (let first = Math.max(hello.resumeTick, this.startTick); first < current; first += MAX_HISTORY_TICKS) {
      const count = Math.min(MAX_HISTORY_TICKS, current - first);
      const parts = [];
      let size = 7;
      for (let t = first; t < first + count; t++) {
        const tail = this.history[t - this.historyFirst].subarray(5);
        parts.push(tail);
        size += tail.length;
      }
      const msg = new Uint8Array(size);
      const view = new DataView(msg.buffer);
      msg[0] = MessageType.history;
      view.setUint32(1, first, true);
      view.setUint16(5, count, true);
      let at = 7;
      for (const p of parts) {
        msg.set(p, at);
        at += p.length;
      }
      peer.conn.send(msg);
    }
    if (slot !== SPECTATOR_SLOT) {
      this.broadcast(encode({ type: 'player_joined', tick: current, slot, reconnected: false, name: peer.name }), peer);
    }
  }

  leave(peer, reason) {
    if (peer.slot === SPECTATOR_SLOT) {
      this.spectators.delete(peer);
    } else {
      this.slots[peer.slot] = null;
      for (const row of this.inputs.values()) row[peer.slot] = undefined;
      this.broadcast(encode({ type: 'player_left', tick: this.nextTick, slot: peer.slot, reason, name: peer.name }));
    }
    peer.room = null;
  }

  input(peer, m) {
    if (m.tick <= peer.lastInputTick || m.tick > this.nextTick + this.relay.inputDelay + this.relay.tickHz) {
      return this.relay.refuse(peer, ErrorCode.bad_tick, 'input tick repeated, backwards or too far ahead');
    }
    peer.lastInputTick = m.tick;
    if (m.tick < this.nextTick) return (this.relay.lateInputs++, undefined);
    let row = this.inputs.get(m.tick);
    if (!row) this.inputs.set(m.tick, (row = new Array(this.relay.maxSlots)));
    // note: decoded payloads are views into the socket's buffer; keep a copy.
    row[peer.slot] ??= m.payload.slice();
  }

  hashReport(peer, m) {
    if (m.tick >= this.nextTick) return this.relay.refuse(peer, ErrorCode.bad_tick, 'hash report for a future tick');
    if (m.tick % this.relay.hashInterval !== 0 || this.desyncSent) return;
    let reports = this.hashes.get(m.tick);
    if (!reports) {
      if (this.hashes.size >= pendingHashTicks) this.hashes.delete(this.hashes.keys().next().value);
      this.hashes.set(m.tick, (reports = new Map()));
    }
    reports.set(peer.slot, m.hash);
    const players = this.slots.filter((p) => p !== null).length;
    if (reports.size < players) return;
    this.hashes.delete(m.tick);
    const counts = new Map();
    for (const h of reports.values()) counts.set(h, (counts.get(h) ?? 0) + 1);
    if (counts.size < 2) return;
    const [majority, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const strict = n * 2 > reports.size;
    const slots = [...reports.keys()].sort((a, b) => a - b);
    this.desyncSent = true;
    this.broadcast(encode({
      type: 'desync', tick: m.tick,
      disagreeing: slots.filter((s) => !strict || reports.get(s) !== majority),
      reports: slots.map((s) => ({ slot: s, hash: reports.get(s) })),
    }));
  }
}

const empty = new Uint8Array(0);

export class LockstepRelay {
  constructor({ tickHz = 30, inputDelay = 2, hashInterval = 30, maxSlots = MAX_SLOTS, historySeconds = 120 } = {}) {
    Object.assign(this, { tickHz, inputDelay, hashInterval, maxSlots });
    this.periodMs = 1000 / tickHz;
    this.historyTicks = historySeconds * tickHz;
    this.rooms = new Map();
    this.lateInputs = 0;
    this.nextRoom = 1;
  }

  newToken() {
    const t = new Uint8Array(TOKEN_BYTES);
    for (let i = 0; i < TOKEN_BYTES; i++) t[i] = Math.floor(Math.random() * 256);
    return t;
  }

  // A new connection: `conn` has send(Uint8Array) and close(code, reason).
  open(conn) {
    return { conn, room: null, slot: SPECTATOR_SLOT, name: '', state: 'new', lastInputTick: -1 };
  }

  // Sends `error` last and closes with the code of PROTOCOL.md section 5.
  refuse(peer, code, reason) {
    if (peer.state === 'closed') return;
    if (peer.room) peer.room.leave(peer, 'kicked');
    peer.state = 'closed';
    peer.conn.send(encode({ type: 'error', code, reason }));
    peer.conn.close(closeCodeFor(code), errorName(code));
  }

  message(peer, bytes, isBinary) {
    if (peer.state === 'closed') return;
    if (!isBinary) return this.refuse(peer, ErrorCode.bad_message, 'text message; the protocol is binary');
    let m;
    try {
      m = decode(bytes);
    } catch (e) {
      if (e instanceof WireError) return this.refuse(peer, e.code, e.message);
      throw e;
    }
    if (m.type === 'input' && peer.state === 'joined' && peer.slot !== SPECTATOR_SLOT) return peer.room.input(peer, m);
    if (bytes[0] & 0x80) return this.refuse(peer, ErrorCode.bad_message, `${m.type} is a relay message`);
    if (peer.state === 'new') {
      if (m.type !== 'hello') return this.refuse(peer, ErrorCode.not_allowed, `${m.type} before hello`);
      if (m.token) return this.refuse(peer, ErrorCode.unknown_token, 'this relay holds no slots for a reconnect');
      peer.name = m.name;
      peer.state = 'joined';
      return this.roomFor(m).join(peer, m);
    }
    if (peer.state === 'left') return this.refuse(peer, ErrorCode.not_allowed, `${m.type} after leave`);
    switch (m.type) {
      case 'hello':
        return this.refuse(peer, ErrorCode.not_allowed, 'a second hello');
      case 'input':
        return this.refuse(peer, ErrorCode.not_allowed, 'input from a spectator');
      case 'hash_report':
        if (peer.slot !== SPECTATOR_SLOT) peer.room.hashReport(peer, m);
        return;
      case 'ping':
        return peer.conn.send(encode({ type: 'pong', clientTime: m.clientTime, relayTick: peer.room.nextTick }));
      case 'leave':
        peer.room.leave(peer, 'left');
        peer.state = 'left';
        return peer.conn.close(1000, 'leave');
    }
  }

  closed(peer) {
    if (peer.room) peer.room.leave(peer, 'timed_out');
    peer.state = 'closed';
  }

  roomFor(hello) {
    let id = hello.room;
    if (id === AUTO_ROOM) {
      for (const r of this.rooms.values()) {
        if (r.historyFirst > r.startTick) continue;
        if (hello.spectator ? r.occupied() : r.slots.includes(null)) return r;
      }
      do id = `m${this.nextRoom++}`; while (this.rooms.has(id));
    }
    let room = this.rooms.get(id);
    if (!room) this.rooms.set(id, (room = new Room(this, id)));
    return room;
  }
}
