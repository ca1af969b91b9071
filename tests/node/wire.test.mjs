// The JS wire codec (server-bridge/protocol/wire.mjs): the shared golden
// vectors, round trips, truncation at every byte, random garbage, and
// agreement with the C++ codec (messages the wasm build generates at random).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import * as wire from '../../server-bridge/protocol/wire.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const vectors = JSON.parse(readFileSync(here('../../server-bridge/protocol/vectors.json'), 'utf8'));
const spec = readFileSync(here('../../server-bridge/protocol/PROTOCOL.md'), 'utf8');

const fromHex = (hex) => Uint8Array.from(hex.replace(/\s+/g, '').match(/../g) ?? [], (b) => parseInt(b, 16));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');

// vectors.json writes bytes as hex and 64-bit fields as "0x..." strings.
const bytesKeys = new Set(['payload', 'token']);
const bigKeys = new Set(['seed', 'hash', 'clientTime']);
function fromJson(value, key) {
  if (Array.isArray(value)) {
    return value.map((v) => (key === 'inputs' ? (v === null ? null : fromHex(v)) : fromJson(v)));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(v, k)]));
  }
  if (bytesKeys.has(key) && typeof value === 'string') return fromHex(value);
  if (bigKeys.has(key)) return BigInt(value);
  return value;
}

// Uint8Array views from decode() compare equal to fresh arrays by content.
function plain(value) {
  if (value instanceof Uint8Array) return `bytes:${toHex(value)}`;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function expectRejected(bytes, why) {
  assert.throws(() => wire.decode(bytes), wire.WireError, why);
}

test('every valid golden vector decodes to its message and encodes to its bytes', () => {
  assert.ok(vectors.valid.length >= 20);
  const types = new Set();
  for (const v of vectors.valid) {
    const bytes = fromHex(v.hex);
    const message = fromJson(v.message);
    assert.deepEqual(plain(wire.decode(bytes)), plain(message), v.vector);
    assert.equal(toHex(wire.encode(message)), toHex(bytes), v.vector);
    types.add(message.type);
  }
  assert.deepEqual([...types].sort(), Object.keys(wire.MessageType).sort(), 'a vector for every message type');
});

test('every invalid golden vector is rejected with its error code', () => {
  for (const v of vectors.invalid) {
    let caught = null;
    try {
      wire.decode(fromHex(v.hex));
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof wire.WireError, `${v.vector}: not rejected (${v.note})`);
    assert.equal(caught.code, v.code, `${v.vector}: ${caught.message}`);
  }
});

test("the spec's hex examples are golden vectors", () => {
  const examples = [...spec.matchAll(/<!-- vector: (\w+) -->\s*```text\n([\s\S]*?)```/g)];
  assert.ok(examples.length >= 5, 'PROTOCOL.md has examples');
  const byName = new Map(vectors.valid.map((v) => [v.vector, v.hex]));
  for (const [, name, hex] of examples) {
    assert.ok(byName.has(name), `PROTOCOL.md names an unknown vector ${name}`);
    assert.equal(hex.replace(/\s+/g, ''), byName.get(name).replace(/\s+/g, ''), name);
  }
});

test('a truncated message is an error at every length', () => {
  for (const v of vectors.valid) {
    const bytes = fromHex(v.hex);
    for (let n = 0; n < bytes.length; n++) expectRejected(bytes.subarray(0, n), `${v.vector} cut to ${n}`);
  }
});

test('a byte appended to a valid message is an error', () => {
  for (const v of vectors.valid) {
    const bytes = fromHex(v.hex);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expectRejected(longer, v.vector);
  }
});

// A small deterministic PRNG (mulberry32), so a failure reproduces.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Anything decode() accepts re-encodes to the same bytes; anything else is a WireError.
function checkCanonical(bytes) {
  let m;
  try {
    m = wire.decode(bytes);
  } catch (e) {
    assert.ok(e instanceof wire.WireError, `not a WireError: ${e}`);
    return false;
  }
  assert.equal(toHex(wire.encode(m)), toHex(bytes));
  return true;
}

test('random garbage is rejected or decodes canonically', () => {
  const random = rng(20240601);
  const typeBytes = Object.values(wire.MessageType);
  let accepted = 0;
  for (let i = 0; i < 50_000; i++) {
    const bytes = new Uint8Array(Math.floor(random() * 48));
    for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(random() * 256);
    // note: mostly a real type byte, so the fuzz reaches past the first check.
    if (bytes.length > 0 && random() < 0.9) bytes[0] = typeBytes[Math.floor(random() * typeBytes.length)];
    if (checkCanonical(bytes)) accepted++;
  }
  assert.ok(accepted > 100, `some random messages decode (${accepted})`);
});

test('mutated golden vectors are rejected or decode canonically', () => {
  const random = rng(7);
  for (const v of vectors.valid) {
    const base = fromHex(v.hex);
    for (let i = 0; i < 2_000; i++) {
      const bytes = base.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips && bytes.length > 0; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      checkCanonical(bytes);
    }
  }
});

test('decode accepts Buffers at an offset, ArrayBuffers and views; text is a bad message', () => {
  const bytes = fromHex(vectors.valid.find((v) => v.vector === 'bundle_gap').hex);
  const pool = Buffer.alloc(bytes.length + 10);
  pool.set(bytes, 7);
  const atOffset = pool.subarray(7, 7 + bytes.length);
  assert.equal(wire.decode(atOffset).tick, 300);
  assert.equal(wire.decode(bytes.slice().buffer).tick, 300);
  assert.equal(wire.decode(new DataView(bytes.slice().buffer)).tick, 300);
  assert.throws(() => wire.decode('hello'), wire.WireError);
  assert.equal(wire.peekType(bytes), 'bundle');
  assert.equal(wire.peekType(new Uint8Array([0x42])), null);
});

test('hello of another version: peekHelloVersion and unsupported_version', () => {
  const hello = wire.encode({ type: 'hello', version: 7, room: 'lobby', name: 'ann' });
  assert.equal(wire.peekHelloVersion(hello), 7);
  assert.throws(() => wire.decode(hello), (e) => e.code === wire.ErrorCode.unsupported_version && e.offset === 1);
  assert.equal(wire.peekHelloVersion(wire.encode({ type: 'leave' })), null);
});

test('encode refuses messages that break a rule', () => {
  const refuse = (msg, pattern) => assert.throws(() => wire.encode(msg), (e) => e instanceof wire.WireError && pattern.test(e.message));
  refuse({ type: 'nope' }, /unknown message type/);
  refuse({ type: 'hello', room: 'lobby', name: '' }, /name: empty/);
  refuse({ type: 'hello', room: 'lobby', name: 'x'.repeat(33) }, /longer than 32/);
  refuse({ type: 'hello', room: 'lobby', name: 'a\tb' }, /control/);
  refuse({ type: 'hello', room: 'lobby', name: '\ud800' }, /UTF-8/);
  refuse({ type: 'hello', room: 'lo bby', name: 'ann' }, /room/);
  refuse({ type: 'hello', room: 'auto', name: 'ann', token: new Uint8Array(16) }, /not auto/);
  refuse({ type: 'hello', room: 'lobby', name: 'ann', token: new Uint8Array(16), spectator: true }, /spectator/);
  refuse({ type: 'hello', room: 'lobby', name: 'ann', token: new Uint8Array(15) }, /16 bytes/);
  refuse({ type: 'input', tick: 1, payload: new Uint8Array(17) }, /16 bytes/);
  refuse({ type: 'input', tick: -1 }, /u32/);
  refuse({ type: 'input', tick: 2 ** 32 }, /u32/);
  refuse({ type: 'hash_report', tick: 1, hash: 2n ** 64n }, /u64/);
  refuse({ type: 'bundle', tick: 1, inputs: new Array(9).fill(null) }, /at most 8/);
  refuse({ type: 'history', firstTick: 0, bundles: [] }, /no entries/);
  refuse({ type: 'history', firstTick: 0, bundles: [{ tick: 1, inputs: [] }] }, /next tick/);
  refuse({ type: 'history', firstTick: 2 ** 32 - 1, bundles: [{ inputs: [] }, { inputs: [] }] }, /overflow/);
  refuse({ type: 'player_left', tick: 0, slot: 0, reason: 'bored', name: 'x' }, /reason/);
  refuse({ type: 'player_joined', tick: 0, slot: 8, name: 'x' }, /slot/);
  refuse({ type: 'desync', tick: 0, disagreeing: [1], reports: [{ slot: 0, hash: 1n }, { slot: 2, hash: 2n }] }, /did not report/);
  refuse({ type: 'error', code: 0 }, /code 0/);
  refuse({ type: 'error', code: 1, reason: 'é'.repeat(128) }, /255/);
});

test('a bundle round-trips with absent and empty slots told apart', () => {
  const inputs = [new Uint8Array([1]), null, new Uint8Array(0), null, null, null, null, new Uint8Array(16).fill(9)];
  const back = wire.decode(wire.encode({ type: 'bundle', tick: 12345, inputs }));
  assert.equal(back.tick, 12345);
  assert.deepEqual(plain(back.inputs), plain(inputs));
  // Shorter arrays mean the remaining slots are absent.
  assert.deepEqual(plain(wire.decode(wire.encode({ type: 'bundle', tick: 1, inputs: [[4, 5]] })).inputs), plain([new Uint8Array([4, 5]), null, null, null, null, null, null, null]));
});

test('a full history of 256 ticks round-trips and stays under the stated size', () => {
  const bundles = [];
  for (let t = 0; t < wire.MAX_HISTORY_TICKS; t++) bundles.push({ inputs: new Array(8).fill(new Uint8Array(16).fill(t & 0xff)) });
  const bytes = wire.encode({ type: 'history', firstTick: 1000, bundles });
  assert.equal(bytes.length, 35079);
  const back = wire.decode(bytes);
  assert.equal(back.bundles.length, 256);
  assert.equal(back.bundles[255].tick, 1255);
  assert.equal(back.bundles[255].inputs[7][15], 255);
});

test('names and room ids', () => {
  assert.ok(wire.validName('Zoë'));
  assert.ok(wire.validName('日本語のなまえ'));
  assert.ok(!wire.validName(''));
  assert.ok(!wire.validName('a\u0000'));
  assert.ok(!wire.validName('\u007f'));
  assert.ok(!wire.validName('é'.repeat(17)));
  assert.ok(wire.validRoomId('auto'));
  assert.ok(wire.validRoomId('Room_1-b'));
  assert.ok(!wire.validRoomId('room/1'));
  assert.ok(!wire.validRoomId('é'));
  assert.equal(wire.errorName(3), 'room_full');
  assert.equal(wire.errorName(999), 'unknown');
  assert.equal(wire.closeCodeFor(wire.ErrorCode.bad_tick), 4007);
  assert.equal(wire.closeCodeFor(wire.ErrorCode.shutting_down), 1001);
  assert.equal(wire.closeCodeFor(wire.ErrorCode.internal), 1011);
});

// The C++ codec, compiled to wasm, prints random valid messages as hex; the JS
// codec must decode each and encode it back to the same bytes.
const corpusTool = here('../../build/wasm-release/tests/wire/wire_corpus.js');
const needCorpusTool = () => assert.ok(existsSync(corpusTool), `${corpusTool} is missing: build wasm-release first (npm run build)`);
test('the JS codec reads and re-encodes what the C++ codec writes', () => {
  needCorpusTool();
  const r = spawnSync(process.execPath, [corpusTool, '3000', '42'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 3000);
  const seen = new Set();
  for (const hex of lines) {
    const bytes = fromHex(hex);
    const m = wire.decode(bytes);
    seen.add(m.type);
    assert.equal(toHex(wire.encode(m)), hex);
  }
  assert.equal(seen.size, Object.keys(wire.MessageType).length, 'every message type came up');
});

test('the C++ codec reads and re-encodes what the JS codec writes', () => {
  needCorpusTool();
  const random = rng(99);
  const lines = [];
  for (const v of vectors.valid) {
    for (let i = 0; i < 20; i++) lines.push(toHex(wire.encode(randomVariant(fromJson(v.message), random))));
  }
  const r = spawnSync(process.execPath, [corpusTool, 'check'], { input: lines.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`^checked ${lines.length} messages`));
});

// A message like `m` with its numbers and strings changed at random (still valid).
function randomVariant(m, random) {
  const out = { ...m };
  const int = (n) => Math.floor(random() * n);
  if ('tick' in out) out.tick = int(2 ** 32);
  if ('hash' in out) out.hash = BigInt(int(2 ** 32)) * BigInt(int(2 ** 32));
  if ('clientTime' in out) out.clientTime = BigInt(int(2 ** 32)) << 20n;
  if ('name' in out && out.type !== 'welcome') out.name = ['ann', 'Zoë', '名前', 'x'.repeat(1 + int(32))][int(4)];
  if ('payload' in out) out.payload = Uint8Array.from({ length: int(17) }, () => int(256));
  if (out.type === 'bundle') {
    out.inputs = Array.from({ length: 8 }, () => (random() < 0.3 ? null : Uint8Array.from({ length: int(17) }, () => int(256))));
  }
  if (out.type === 'history') {
    out.firstTick = int(2 ** 31);
    out.bundles = Array.from({ length: 1 + int(20) }, () => ({ inputs: Array.from({ length: int(9) }, () => (random() < 0.5 ? null : [int(256)])) }));
  }
  return out;
}
