// Bad and hostile input against a real relay: every offender gets a clear
// error and a close, while the players of a healthy room keep receiving
// their ticks, in order and without a stall.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Client, join, play, sleep, startRelay, within, wire } from './harness.mjs';

const E = wire.ErrorCode;

// Waits for the close and checks the error message that came right before it.
async function refused(c, code, reasonPattern) {
  const closed = await within(5000, c.closed, `close after ${wire.errorName(code)}`);
  assert.equal(c.errors.length, 1, `one error message (got ${JSON.stringify(c.errors)})`);
  assert.equal(c.errors[0].code, code, `error ${wire.errorName(c.errors[0].code)}: ${c.errors[0].reason}`);
  if (reasonPattern) assert.match(c.errors[0].reason, reasonPattern);
  assert.equal(closed.code, wire.closeCodeFor(code));
  assert.equal(closed.reason, wire.errorName(code));
}

describe('hostile input', () => {
  let relay;
  let healthy;
  before(async () => {
    relay = await startRelay(['--threads', '2']);
    // A healthy room whose players watch their bundles throughout.
    healthy = [await join(relay.port, 'calm', { name: 'a' }), await join(relay.port, 'calm', { name: 'b' })];
    for (const c of healthy) play(c);
    await healthy[0].bundleAtLeast(healthy[0].welcomeMsg.currentTick + 5);
  });
  after(async () => {
    await sleep(1000); // a second more of ticks after the last offender
    // The healthy players never stalled: ticks consecutive, no gap near a second.
    for (const c of healthy) {
      const live = c.messages.filter((m) => m.type === 'bundle');
      assert.ok(live.length > 30, `bundles kept coming (${live.length})`);
      for (let i = 1; i < live.length; i++) {
        assert.equal(live[i].tick, live[i - 1].tick + 1, 'consecutive ticks');
        assert.ok(live[i].at - live[i - 1].at < 1000, `a stall of ${live[i].at - live[i - 1].at} ms`);
      }
      assert.equal(c.errors.length, 0);
      assert.equal(c.ws.readyState, 1, 'still open');
      c.close();
    }
    const r = await relay.stop();
    assert.equal(r.code, 0, relay.stderr());
  });

  const joinCalm = () => join(relay.port, 'calm', { name: 'x' });

  test('malformed messages: truncated, unknown type, a relay-to-client type, a text message', async () => {
    const cases = [
      [Uint8Array.of(0x02, 0x01), /./], // an input cut short
      [Uint8Array.of(0x7e, 1, 2, 3), /unknown message type/],
      [Uint8Array.of(0x82, 0, 0, 0, 0, 0), /relay-to-client/],
      [Uint8Array.of(0x05, 0x00), /./], // leave with a trailing byte
    ];
    for (const [bytes, why] of cases) {
      const c = await joinCalm();
      c.sendRaw(bytes);
      await refused(c, E.bad_message, why);
    }
    const t = await joinCalm();
    t.ws.send('hello as text');
    await refused(t, E.bad_message, /text/);
    // A malformed hello (a room id with a space) is refused the same way.
    const h = await Client.open(relay.port, {});
    const hello = wire.encode({ type: 'hello', room: 'calm', name: 'z' });
    hello[9] = 0x20; // the room id's first byte (type, version, flags, resume tick, length, then the id)
    h.sendRaw(hello);
    await refused(h, E.bad_message);
  });

  test('a hello of another protocol version gets unsupported_version', async () => {
    const c = await Client.open(relay.port, {});
    c.send({ type: 'hello', version: 7, room: 'calm', name: 'v7' });
    await refused(c, E.unsupported_version, /protocol 1/);
  });

  test('messages out of order: input before hello, a second hello, input from a spectator', async () => {
    const a = await Client.open(relay.port, {});
    a.send({ type: 'input', tick: 5, payload: Uint8Array.of(1) });
    await refused(a, E.not_allowed, /hello/);
    const b = await joinCalm();
    b.send({ type: 'hello', room: 'calm', name: 'again' });
    await refused(b, E.not_allowed, /second hello/);
    const s = await join(relay.port, 'calm', { name: 's', spectator: true });
    s.send({ type: 'input', tick: s.welcomeMsg.currentTick + 3, payload: Uint8Array.of(1) });
    await refused(s, E.not_allowed);
  });

  test('inputs for the wrong tick: too far ahead, repeated', async () => {
    const a = await joinCalm();
    a.send({ type: 'input', tick: a.welcomeMsg.currentTick + 10_000, payload: Uint8Array.of(1) });
    await refused(a, E.bad_tick);
    const b = await joinCalm();
    const t = b.welcomeMsg.currentTick + 5;
    b.send({ type: 'input', tick: t, payload: Uint8Array.of(1) });
    b.send({ type: 'input', tick: t, payload: Uint8Array.of(2) });
    await refused(b, E.bad_tick);
    const c = await joinCalm();
    c.send({ type: 'hash_report', tick: c.welcomeMsg.currentTick + 3000, hash: 1n });
    await refused(c, E.bad_tick);
  });

  test('a flood over the rate limit gets rate_limited', async () => {
    const c = await joinCalm();
    for (let i = 0; i < 400; i++) c.send({ type: 'ping', clientTime: BigInt(i) });
    await refused(c, E.rate_limited);
  });

  test('an oversized frame closes with 1009, and a broken frame with 1002', async () => {
    const c = await joinCalm();
    c.sendRaw(new Uint8Array(4096));
    const closed = await within(5000, c.closed, 'close after an oversized frame');
    assert.equal(closed.code, 1009);
    // A frame from the client without a mask breaks RFC 6455: 1002.
    const raw = net.connect(relay.port, '127.0.0.1');
    await new Promise((r) => raw.once('connect', r));
    raw.write('GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    let got = Buffer.alloc(0);
    raw.on('data', (d) => (got = Buffer.concat([got, d])));
    await within(5000, (async () => { while (!got.includes('\r\n\r\n')) await sleep(10); })(), '101');
    raw.write(Buffer.from([0x82, 0x01, 0x01])); // binary, unmasked
    await within(5000, new Promise((r) => raw.once('close', r)), 'close of the raw socket');
    const frame = got.subarray(got.indexOf('\r\n\r\n') + 4);
    assert.equal(frame[0], 0x88, 'a close frame');
    assert.equal(frame.readUInt16BE(2), 1002);
  });

  test('a WebSocket-level fault frees the player\'s slot (kicked), as a protocol fault does', async () => {
    const watcher = await join(relay.port, 'faults', { name: 'w' });
    play(watcher);
    for (const [name, offend, code] of [
      ['big', (c) => c.sendRaw(new Uint8Array(4096)), 1009],
      // An unmasked client frame, written under the ws client: 1002.
      ['raw', (c) => c.ws._socket.write(Buffer.from([0x82, 0x01, 0x01])), 1002],
    ]) {
      const c = await join(relay.port, 'faults', { name });
      const slot = c.welcomeMsg.slot;
      offend(c);
      if (code === 1009) assert.equal((await within(5000, c.closed, `close after ${code}`)).code, code);
      else await within(5000, c.closed, `close after ${code}`);
      const left = await watcher.next((m) => m.type === 'player_left' && m.slot === slot && m.name === name, `player_left ${name}`);
      assert.equal(left.reason, 'kicked', `${name}: the slot is freed, not held for a reconnect`);
      // The token died with the slot.
      const again = await Client.open(relay.port, { room: 'faults' });
      again.send({ type: 'hello', name, room: 'faults', token: c.welcomeMsg.token, resumeTick: 0 });
      await again.next((m) => m.type === 'error', 'error for the dead token');
      assert.equal(again.errors[0].code, E.unknown_token);
      again.close();
    }
    watcher.close();
  });

  test('garbage instead of HTTP gets 400 and a close', async () => {
    const raw = net.connect(relay.port, '127.0.0.1');
    await new Promise((r) => raw.once('connect', r));
    let got = '';
    raw.on('data', (d) => (got += d));
    raw.write('\x16\x03\x01 definitely not http\r\n\r\n');
    await within(5000, new Promise((r) => raw.once('close', r)), 'close');
    assert.match(got, /^HTTP\/1\.1 400 /);
  });
});
