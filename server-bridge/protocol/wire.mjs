// The skirmish wire protocol (PROTOCOL.md, version 1) in JavaScript: encode and decode every message.
//
// No dependencies; runs in Node and in browsers. Ticks, slots and sizes are
// numbers; 64-bit fields (seed, hash, clientTime) are BigInts; payloads and
// tokens are Uint8Arrays. Field names are the spec's in camelCase
// (`resume_tick` is `resumeTick`); type names are the spec's (`hash_report`).
//
//   encode(msg)   -> Uint8Array; throws WireError if a field breaks a rule
//   decode(bytes) -> { type, ...fields }; throws WireError for malformed bytes
//
// Decoded payloads and tokens are views into the bytes given to decode()
// (no copy): copy them if that buffer is reused. Every valid message has one
// encoding, so encode(decode(b)) gives b back.

export const PROTOCOL_VERSION = 1;
export const MAX_SLOTS = 8;
export const SPECTATOR_SLOT = 0xff;
export const MAX_NAME_BYTES = 32;
export const MAX_ROOM_BYTES = 32;
export const AUTO_ROOM = 'auto';
export const MAX_INPUT_BYTES = 16;
export const MAX_HISTORY_TICKS = 256;
export const MAX_REASON_BYTES = 255;
export const MAX_INPUT_DELAY = 64;
export const TOKEN_BYTES = 16;
export const MAX_CLIENT_MESSAGE_BYTES = 128;

export const MessageType = Object.freeze({
  hello: 0x01,
  input: 0x02,
  hash_report: 0x03,
  ping: 0x04,
  leave: 0x05,
  error: 0x80,
  welcome: 0x81,
  bundle: 0x82,
  history: 0x83,
  player_joined: 0x84,
  player_left: 0x85,
  desync: 0x86,
  pong: 0x87,
});
const typeNames = new Map(Object.entries(MessageType).map(([name, code]) => [code, name]));

export const ErrorCode = Object.freeze({
  bad_message: 1,
  unsupported_version: 2,
  room_full: 3,
  too_many_rooms: 4,
  server_full: 5,
  rate_limited: 6,
  bad_tick: 7,
  unknown_token: 8,
  not_allowed: 9,
  history_unavailable: 10,
  timeout: 11,
  slow_consumer: 12,
  room_closed: 13,
  replaced: 14,
  shutting_down: 15,
  internal: 16,
});
const errorNames = new Map(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

// player_left reasons, indexed by their wire value.
export const LEAVE_REASONS = Object.freeze(['left', 'disconnected', 'timed_out', 'kicked']);

// The spec's name of an error code ("room_full"), or "unknown".
export function errorName(code) {
  return errorNames.get(code) ?? 'unknown';
}

// The WebSocket close code the relay uses after an error with this code.
export function closeCodeFor(code) {
  if (code === ErrorCode.shutting_down) return 1001;
  if (code === ErrorCode.internal) return 1011;
  return code < 1000 ? 4000 + code : 4000;
}

// A malformed message (from decode) or an invalid one (from encode). `code`
// is the error code a relay answers with: bad_message, or unsupported_version
// for a hello of another version. `offset` is where decoding stopped.
export class WireError extends Error {
  constructor(message, { code = ErrorCode.bad_message, offset = 0 } = {}) {
    super(message);
    this.name = 'WireError';
    this.code = code;
    this.offset = offset;
  }
}

const truncated = 'message ends inside a field';
const utf8Encoder = new TextEncoder();
// note: fatal rejects overlongs, surrogates and > U+10FFFF; ignoreBOM keeps a
// leading U+FEFF, so that the name re-encodes to the same bytes.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// ---- text rules ------------------------------------------------------------

function nameProblem(bytes) {
  if (bytes.length === 0) return 'name: empty';
  if (bytes.length > MAX_NAME_BYTES) return 'name: longer than 32 bytes';
  for (const b of bytes) if (b < 0x20 || b === 0x7f) return 'name: has a control character';
  return null;
}

function roomProblem(bytes) {
  if (bytes.length === 0) return 'room: empty';
  if (bytes.length > MAX_ROOM_BYTES) return 'room: longer than 32 bytes';
  for (const c of bytes) {
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
    if (!ok) return 'room: only A-Z a-z 0-9 _ - are allowed';
  }
  return null;
}

// True for a valid player name (1-32 bytes of UTF-8, no control characters).
export function validName(s) {
  return typeof s === 'string' && s.isWellFormed?.() !== false && nameProblem(utf8Encoder.encode(s)) === null;
}

// True for a valid room id (1-32 bytes of A-Z a-z 0-9 _ -); `auto` is one.
export function validRoomId(s) {
  return typeof s === 'string' && roomProblem(utf8Encoder.encode(s)) === null;
}

// ---- encoding --------------------------------------------------------------

function bad(message) {
  throw new WireError(message);
}

function uint(v, bits, what) {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) bad(`${what}: not a u${bits}`);
  return v;
}

function u64(v, what) {
  const big = typeof v === 'bigint' ? v : Number.isSafeInteger(v) ? BigInt(v) : bad(`${what}: not a u64`);
  if (big < 0n || big > 0xffffffffffffffffn) bad(`${what}: not a u64`);
  return big;
}

function bytesOf(v, what) {
  if (v === undefined || v === null) return new Uint8Array(0);
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return Uint8Array.from(v, (b) => uint(b, 8, what));
  bad(`${what}: not bytes`);
}

function text(s, what) {
  if (typeof s !== 'string') bad(`${what}: not a string`);
  // note: a lone surrogate would be replaced by U+FFFD silently; refuse it.
  if (s.isWellFormed?.() === false) bad(`${what}: not valid UTF-8`);
  return utf8Encoder.encode(s);
}

function nameBytes(s) {
  const b = text(s, 'name');
  const why = nameProblem(b);
  if (why) bad(why);
  return b;
}

function roomBytes(s) {
  const b = text(s, 'room');
  const why = roomProblem(b);
  if (why) bad(why);
  return b;
}

function payloadBytes(v) {
  const b = bytesOf(v, 'input');
  if (b.length > MAX_INPUT_BYTES) bad('input: payload longer than 16 bytes');
  return b;
}

function tokenBytes(v, what) {
  const b = bytesOf(v, what);
  if (b.length !== TOKEN_BYTES) bad(`${what}: a token is 16 bytes`);
  return b;
}

function slotOf(v, limit, what) {
  uint(v, 8, what);
  if (v >= limit) bad(`${what} out of range`);
  return v;
}

// Writes fields in order; sized up front so the array is allocated once.
// note: plain byte stores, no DataView: this runs on the baseline relays' hot path.
class Writer {
  constructor(size) {
    this.bytes = new Uint8Array(size);
    this.pos = 0;
  }
  u8(v) { this.bytes[this.pos++] = v; }
  u16(v) { const b = this.bytes; b[this.pos++] = v & 0xff; b[this.pos++] = v >>> 8; }
  u32(v) {
    const b = this.bytes;
    b[this.pos++] = v & 0xff;
    b[this.pos++] = (v >>> 8) & 0xff;
    b[this.pos++] = (v >>> 16) & 0xff;
    b[this.pos++] = v >>> 24;
  }
  u64(v) {
    this.u32(Number(v & 0xffffffffn));
    this.u32(Number(v >> 32n));
  }
  raw(b) { this.bytes.set(b, this.pos); this.pos += b.length; }
  field(b) { this.u8(b.length); this.raw(b); }
  done() {
    if (this.pos !== this.bytes.length) throw new Error('wire.mjs: size and writes disagree');
    return this.bytes;
  }
}

// The inputs of a bundle as { presence, present: payloads of the present slots, size }.
function bundleInputs(inputs, what) {
  if (!Array.isArray(inputs) || inputs.length > MAX_SLOTS) bad(`${what}: inputs must be an array of at most 8`);
  let presence = 0;
  let size = 1;
  const present = [];
  for (let slot = 0; slot < inputs.length; slot++) {
    const p = inputs[slot];
    if (p === null || p === undefined) continue;
    const b = payloadBytes(p);
    presence |= 1 << slot;
    present.push(b);
    size += 1 + b.length;
  }
  return { presence, present, size };
}

function writeEntry(w, entry) {
  w.u8(entry.presence);
  for (const p of entry.present) w.field(p);
}

const encoders = {
  hello(m) {
    const version = uint(m.version ?? PROTOCOL_VERSION, 16, 'hello: version');
    const spectator = Boolean(m.spectator);
    const token = m.token ? tokenBytes(m.token, 'hello: token') : null;
    if (spectator && token) bad('hello: a spectator does not reconnect with a token');
    const room = roomBytes(m.room);
    if (token && m.room === AUTO_ROOM) bad('hello: a reconnect names its real room, not auto');
    const name = nameBytes(m.name);
    const resumeTick = uint(m.resumeTick ?? 0, 32, 'hello: resumeTick');
    const w = new Writer(8 + (token ? TOKEN_BYTES : 0) + 1 + room.length + 1 + name.length);
    w.u8(MessageType.hello);
    w.u16(version);
    w.u8((spectator ? 1 : 0) | (token ? 2 : 0));
    w.u32(resumeTick);
    if (token) w.raw(token);
    w.field(room);
    w.field(name);
    return w.done();
  },
  input(m) {
    const payload = payloadBytes(m.payload);
    const tick = uint(m.tick, 32, 'input: tick');
    const w = new Writer(6 + payload.length);
    w.u8(MessageType.input);
    w.u32(tick);
    w.field(payload);
    return w.done();
  },
  hash_report(m) {
    const w = new Writer(13);
    w.u8(MessageType.hash_report);
    w.u32(uint(m.tick, 32, 'hash_report: tick'));
    w.u64(u64(m.hash, 'hash_report: hash'));
    return w.done();
  },
  ping(m) {
    const w = new Writer(9);
    w.u8(MessageType.ping);
    w.u64(u64(m.clientTime, 'ping: clientTime'));
    return w.done();
  },
  leave() {
    return Uint8Array.of(MessageType.leave);
  },
  error(m) {
    const code = uint(m.code, 16, 'error: code');
    if (code === 0) bad('error: code 0');
    const reason = text(m.reason ?? '', 'error: reason');
    if (reason.length > MAX_REASON_BYTES) bad('error: reason longer than 255 bytes');
    const w = new Writer(4 + reason.length);
    w.u8(MessageType.error);
    w.u16(code);
    w.field(reason);
    return w.done();
  },
  welcome(m) {
    const version = uint(m.version ?? PROTOCOL_VERSION, 16, 'welcome: version');
    if (version !== PROTOCOL_VERSION) bad('welcome: unsupported version');
    const maxSlots = uint(m.maxSlots, 8, 'welcome: maxSlots');
    if (maxSlots === 0 || maxSlots > MAX_SLOTS) bad('welcome: max_slots must be 1-8');
    const slot = uint(m.slot, 8, 'welcome: slot');
    if (slot >= maxSlots && slot !== SPECTATOR_SLOT) bad('welcome: slot out of range');
    const tickHz = uint(m.tickHz, 8, 'welcome: tickHz');
    if (tickHz === 0) bad('welcome: tick_hz is 0');
    const inputDelay = uint(m.inputDelay, 8, 'welcome: inputDelay');
    if (inputDelay > MAX_INPUT_DELAY) bad('welcome: input_delay above 64');
    const hashInterval = uint(m.hashInterval, 16, 'welcome: hashInterval');
    if (hashInterval === 0) bad('welcome: hash_interval is 0');
    const startTick = uint(m.startTick, 32, 'welcome: startTick');
    const currentTick = uint(m.currentTick, 32, 'welcome: currentTick');
    if (currentTick < startTick) bad('welcome: current_tick before start_tick');
    const token = m.token ? tokenBytes(m.token, 'welcome: token') : new Uint8Array(TOKEN_BYTES);
    if (slot === SPECTATOR_SLOT && token.some((b) => b !== 0)) bad("welcome: a spectator's token must be zeros");
    const room = roomBytes(m.room);
    if (m.room === AUTO_ROOM) bad('welcome: room must be a real room, not auto');
    const roster = m.roster ?? [];
    if (!Array.isArray(roster) || roster.length > maxSlots) bad('welcome: more roster entries than slots');
    let previous = -1;
    const entries = roster.map((e) => {
      const s = slotOf(e.slot, maxSlots, 'welcome: roster slot');
      if (s <= previous) bad('welcome: roster slots not increasing');
      previous = s;
      return { slot: s, connected: e.connected !== false, name: nameBytes(e.name) };
    });
    const size = 43 + 1 + room.length + 1 + entries.reduce((n, e) => n + 3 + e.name.length, 0);
    const w = new Writer(size);
    w.u8(MessageType.welcome);
    w.u16(version);
    w.u8(slot);
    w.u8(maxSlots);
    w.u8(tickHz);
    w.u8(inputDelay);
    w.u16(hashInterval);
    w.u16(uint(m.reconnectWindowS, 16, 'welcome: reconnectWindowS'));
    w.u64(u64(m.seed, 'welcome: seed'));
    w.u32(startTick);
    w.u32(currentTick);
    w.raw(token);
    w.field(room);
    w.u8(entries.length);
    for (const e of entries) {
      w.u8(e.slot);
      w.u8(e.connected ? 1 : 0);
      w.field(e.name);
    }
    return w.done();
  },
  bundle(m) {
    const entry = bundleInputs(m.inputs, 'bundle');
    const tick = uint(m.tick, 32, 'bundle: tick');
    const w = new Writer(5 + entry.size);
    w.u8(MessageType.bundle);
    w.u32(tick);
    writeEntry(w, entry);
    return w.done();
  },
  history(m) {
    const firstTick = uint(m.firstTick, 32, 'history: firstTick');
    const bundles = m.bundles;
    if (!Array.isArray(bundles) || bundles.length === 0) bad('history: no entries');
    if (bundles.length > MAX_HISTORY_TICKS) bad('history: more than 256 entries');
    if (firstTick + bundles.length - 1 > 0xffffffff) bad('history: ticks overflow');
    const entries = bundles.map((b, i) => {
      if (b.tick !== undefined && b.tick !== firstTick + i) bad('history: bundle is not for the next tick');
      return bundleInputs(b.inputs, 'history');
    });
    const w = new Writer(7 + entries.reduce((n, e) => n + e.size, 0));
    w.u8(MessageType.history);
    w.u32(firstTick);
    w.u16(entries.length);
    for (const e of entries) writeEntry(w, e);
    return w.done();
  },
  player_joined(m) {
    const name = nameBytes(m.name);
    const w = new Writer(8 + name.length);
    w.u8(MessageType.player_joined);
    w.u32(uint(m.tick, 32, 'player_joined: tick'));
    w.u8(slotOf(m.slot, MAX_SLOTS, 'player_joined: slot'));
    w.u8(m.reconnected ? 1 : 0);
    w.field(name);
    return w.done();
  },
  player_left(m) {
    const name = nameBytes(m.name);
    const reason = LEAVE_REASONS.indexOf(m.reason);
    if (reason < 0) bad('player_left: unknown reason');
    const w = new Writer(8 + name.length);
    w.u8(MessageType.player_left);
    w.u32(uint(m.tick, 32, 'player_left: tick'));
    w.u8(slotOf(m.slot, MAX_SLOTS, 'player_left: slot'));
    w.u8(reason);
    w.field(name);
    return w.done();
  },
  desync(m) {
    const reports = m.reports;
    if (!Array.isArray(reports) || reports.length < 2) bad('desync: fewer than 2 reports');
    if (reports.length > MAX_SLOTS) bad('desync: more than 8 reports');
    let reported = 0;
    let previous = -1;
    for (const r of reports) {
      slotOf(r.slot, MAX_SLOTS, 'desync: slot');
      if (r.slot <= previous) bad('desync: slots not increasing');
      previous = r.slot;
      reported |= 1 << r.slot;
    }
    if (!Array.isArray(m.disagreeing)) bad('desync: disagreeing must be an array of slots');
    let mask = 0;
    for (const s of m.disagreeing) mask |= 1 << slotOf(s, MAX_SLOTS, 'desync: disagreeing slot');
    if (mask === 0) bad('desync: no disagreeing slot');
    if ((mask & ~reported) !== 0) bad('desync: a disagreeing slot did not report');
    const w = new Writer(7 + 9 * reports.length);
    w.u8(MessageType.desync);
    w.u32(uint(m.tick, 32, 'desync: tick'));
    w.u8(mask);
    w.u8(reports.length);
    for (const r of reports) {
      w.u8(r.slot);
      w.u64(u64(r.hash, 'desync: hash'));
    }
    return w.done();
  },
  pong(m) {
    const w = new Writer(13);
    w.u8(MessageType.pong);
    w.u64(u64(m.clientTime, 'pong: clientTime'));
    w.u32(uint(m.relayTick, 32, 'pong: relayTick'));
    return w.done();
  },
};

// Encodes one message ({ type: 'input', tick: 7, payload }, ...) into a new Uint8Array.
export function encode(msg) {
  const encoder = msg && Object.hasOwn(encoders, msg.type) ? encoders[msg.type] : null;
  if (!encoder) bad(`unknown message type ${JSON.stringify(msg?.type)}`);
  return encoder(msg);
}

// ---- decoding --------------------------------------------------------------

// Bounds-checked reads; every failure throws a WireError at the current offset.
class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.pos = 0;
  }
  fail(message, code = ErrorCode.bad_message) {
    throw new WireError(message, { code, offset: this.pos });
  }
  need(n) {
    if (this.bytes.length - this.pos < n) this.fail(truncated);
  }
  u8() { this.need(1); return this.bytes[this.pos++]; }
  u16() { this.need(2); const b = this.bytes, p = this.pos; this.pos += 2; return b[p] | (b[p + 1] << 8); }
  u32() {
    this.need(4);
    const b = this.bytes, p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
  }
  u64() { const lo = this.u32(); return BigInt(lo) | (BigInt(this.u32()) << 32n); }
  raw(n) { this.need(n); const v = this.bytes.subarray(this.pos, this.pos + n); this.pos += n; return v; }
  field() { this.need(1); const n = this.bytes[this.pos]; this.need(1 + n); this.pos += 1; return this.raw(n); }
  text(what) {
    const b = this.field();
    try {
      return [utf8Decoder.decode(b), b];
    } catch {
      return this.fail(`${what}: not valid UTF-8`);
    }
  }
  name() {
    const [s, b] = this.text('name');
    const why = nameProblem(b);
    if (why) this.fail(why);
    return s;
  }
  room() {
    const b = this.field();
    const why = roomProblem(b);
    if (why) this.fail(why);
    return String.fromCharCode(...b);
  }
  payload() {
    const b = this.field();
    if (b.length > MAX_INPUT_BYTES) this.fail('input: payload longer than 16 bytes');
    return b;
  }
  flags(allowed, what) {
    const f = this.u8();
    if ((f & ~allowed) !== 0) this.fail(`${what}: reserved flag bits set`);
    return f;
  }
  slot(what) {
    const s = this.u8();
    if (s >= MAX_SLOTS) this.fail(`${what}: slot out of range`);
    return s;
  }
  // A bundle without its type and tick: presence, then the present inputs.
  inputs() {
    const presence = this.u8();
    const inputs = new Array(MAX_SLOTS).fill(null);
    for (let slot = 0; slot < MAX_SLOTS; slot++) if (presence & (1 << slot)) inputs[slot] = this.payload();
    return inputs;
  }
}

const decoders = {
  hello(r) {
    const version = r.u16();
    if (version !== PROTOCOL_VERSION) {
      r.pos = 1;
      r.fail('hello: unsupported protocol version', ErrorCode.unsupported_version);
    }
    const flags = r.flags(0x03, 'hello');
    const resumeTick = r.u32();
    const spectator = (flags & 1) !== 0;
    const token = flags & 2 ? r.raw(TOKEN_BYTES) : null;
    const room = r.room();
    const name = r.name();
    if (spectator && token) r.fail('hello: a spectator does not reconnect with a token');
    if (token && room === AUTO_ROOM) r.fail('hello: a reconnect names its real room, not auto');
    return { type: 'hello', version, spectator, token, resumeTick, room, name };
  },
  input: (r) => ({ type: 'input', tick: r.u32(), payload: r.payload() }),
  hash_report: (r) => ({ type: 'hash_report', tick: r.u32(), hash: r.u64() }),
  ping: (r) => ({ type: 'ping', clientTime: r.u64() }),
  leave: () => ({ type: 'leave' }),
  error(r) {
    const code = r.u16();
    const [reason] = r.text('error: reason');
    if (code === 0) r.fail('error: code 0');
    return { type: 'error', code, reason };
  },
  welcome(r) {
    const m = {
      type: 'welcome',
      version: r.u16(),
      slot: r.u8(),
      maxSlots: r.u8(),
      tickHz: r.u8(),
      inputDelay: r.u8(),
      hashInterval: r.u16(),
      reconnectWindowS: r.u16(),
      seed: r.u64(),
      startTick: r.u32(),
      currentTick: r.u32(),
      token: r.raw(TOKEN_BYTES),
      room: r.room(),
      roster: [],
    };
    const count = r.u8();
    if (count > MAX_SLOTS) r.fail('welcome: more roster entries than slots');
    for (let i = 0; i < count; i++) {
      const slot = r.u8();
      const connected = (r.flags(0x01, 'welcome: roster') & 1) !== 0;
      m.roster.push({ slot, connected, name: r.name() });
    }
    // note: the same rules, in the same order, as C++'s rules.cpp.
    if (m.version !== PROTOCOL_VERSION) r.fail('welcome: unsupported version');
    if (m.maxSlots === 0 || m.maxSlots > MAX_SLOTS) r.fail('welcome: max_slots must be 1-8');
    if (m.slot >= m.maxSlots && m.slot !== SPECTATOR_SLOT) r.fail('welcome: slot out of range');
    if (m.tickHz === 0) r.fail('welcome: tick_hz is 0');
    if (m.inputDelay > MAX_INPUT_DELAY) r.fail('welcome: input_delay above 64');
    if (m.hashInterval === 0) r.fail('welcome: hash_interval is 0');
    if (m.currentTick < m.startTick) r.fail('welcome: current_tick before start_tick');
    if (m.slot === SPECTATOR_SLOT && m.token.some((b) => b !== 0)) r.fail("welcome: a spectator's token must be zeros");
    if (m.room === AUTO_ROOM) r.fail('welcome: room must be a real room, not auto');
    if (m.roster.length > m.maxSlots) r.fail('welcome: more roster entries than slots');
    let previous = -1;
    for (const e of m.roster) {
      if (e.slot >= m.maxSlots) r.fail('welcome: roster slot out of range');
      if (e.slot <= previous) r.fail('welcome: roster slots not increasing');
      previous = e.slot;
    }
    return m;
  },
  bundle: (r) => ({ type: 'bundle', tick: r.u32(), inputs: r.inputs() }),
  history(r) {
    const firstTick = r.u32();
    const count = r.u16();
    if (count === 0) r.fail('history: no entries');
    if (count > MAX_HISTORY_TICKS) r.fail('history: more than 256 entries');
    if (firstTick + count - 1 > 0xffffffff) r.fail('history: ticks overflow');
    const bundles = [];
    for (let i = 0; i < count; i++) bundles.push({ tick: firstTick + i, inputs: r.inputs() });
    return { type: 'history', firstTick, bundles };
  },
  player_joined(r) {
    const tick = r.u32();
    const slot = r.slot('player_joined');
    const reconnected = (r.flags(0x01, 'player_joined') & 1) !== 0;
    return { type: 'player_joined', tick, slot, reconnected, name: r.name() };
  },
  player_left(r) {
    const tick = r.u32();
    const slot = r.slot('player_left');
    const reason = LEAVE_REASONS[r.u8()];
    const name = r.name();
    if (reason === undefined) r.fail('player_left: unknown reason');
    return { type: 'player_left', tick, slot, reason, name };
  },
  desync(r) {
    const tick = r.u32();
    const mask = r.u8();
    const count = r.u8();
    if (count > MAX_SLOTS) r.fail('desync: more than 8 reports');
    const reports = [];
    for (let i = 0; i < count; i++) reports.push({ slot: r.u8(), hash: r.u64() });
    if (count < 2) r.fail('desync: fewer than 2 reports');
    let reported = 0;
    let previous = -1;
    for (const { slot } of reports) {
      if (slot >= MAX_SLOTS) r.fail('desync: slot out of range');
      if (slot <= previous) r.fail('desync: slots not increasing');
      previous = slot;
      reported |= 1 << slot;
    }
    if (mask === 0) r.fail('desync: no disagreeing slot');
    if ((mask & ~reported) !== 0) r.fail('desync: a disagreeing slot did not report');
    const disagreeing = [];
    for (let slot = 0; slot < MAX_SLOTS; slot++) if (mask & (1 << slot)) disagreeing.push(slot);
    return { type: 'desync', tick, disagreeing, reports };
  },
  pong: (r) => ({ type: 'pong', clientTime: r.u64(), relayTick: r.u32() }),
};

function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new WireError('not binary data: a text message is a bad_message');
}

// The spec's type name of a message ("bundle") from its first byte, or null.
export function peekType(data) {
  const bytes = asBytes(data);
  return bytes.length > 0 ? (typeNames.get(bytes[0]) ?? null) : null;
}

// The version a hello asks for (its frozen first 3 bytes), or null if not a hello.
export function peekHelloVersion(data) {
  const bytes = asBytes(data);
  if (bytes.length < 3 || bytes[0] !== MessageType.hello) return null;
  return bytes[1] | (bytes[2] << 8);
}

// Decodes one whole message (a Uint8Array, Buffer, ArrayBuffer or other view).
export function decode(data) {
  const bytes = asBytes(data);
  if (bytes.length === 0) throw new WireError('empty message');
  const type = typeNames.get(bytes[0]);
  if (type === undefined) throw new WireError('unknown message type');
  const r = new Reader(bytes);
  r.pos = 1;
  const m = decoders[type](r);
  if (r.pos !== bytes.length) r.fail('bytes after the last field');
  return m;
}
