// The relay's limits against a real process: slow consumers dropped with the
// relay's memory bounded, caps on rooms and players, the Origin allow-list,
// the hello timeout, and the idle timeout with pings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { Client, join, metrics, play, sleep, startRelay, sum, within, wire } from './harness.mjs';

const E = wire.ErrorCode;

async function stopped(relay) {
  const r = await relay.stop();
  assert.equal(r.code, 0, `exit ${JSON.stringify(r)}\n${relay.stderr()}`);
}

test('readers that stop reading are dropped as slow consumers, and the relay memory stays bounded', async () => {
  // note: a fast room (255 ticks a second, full 16-byte inputs from 8
  // players) and a small watermark, so the kernel's buffers and then the
  // watermark fill within seconds; the history is short so that the room's
  // own growth does not blur the measure.
  const watermarkKiB = 16;
  const relay = await startRelay(['--threads', '2', '--tick-hz', '255', '--outbound-watermark', `${watermarkKiB}k`,
    '--history', '2', '--reconnect-window', '1', '--idle-timeout', '0']);
  try {
    const players = [];
    for (let i = 0; i < 8; i++) {
      const c = await join(relay.port, 'fast', { name: `p${i}` });
      play(c, (slot, tick) => Array.from({ length: 16 }, (_, k) => (slot * 31 + tick + k) & 0xff));
      players.push(c);
    }
    // Joiners need the whole history, so the readers join while the room is young.
    const slow = [];
    for (let i = 0; i < 6; i++) {
      const s = await Client.open(relay.port, { room: 'fast' });
      s.send({ type: 'hello', room: 'fast', name: `slow${i}`, spectator: true });
      await s.welcome();
      slow.push(s);
    }
    await players[0].bundleAtLeast(players[0].welcomeMsg.currentTick + 600, 10000); // the history is full: its memory is flat from here
    const before = relay.rssKiB();
    for (const s of slow) s.ws._socket.pause(); // stops reading: the kernel buffers fill, then the relay's queue
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, relay.rssKiB())), 25);
    try {
      await within(30000, (async () => {
        while (sum((await metrics(relay.port)).slow_consumers_dropped_total) < slow.length) await sleep(100);
      })(), 'every slow reader dropped');
    } finally {
      clearInterval(sampler);
    }
    // Each slow reader held at most the watermark plus the writer's small
    // buffer (drive_session.hpp) before it was dropped; allow 1 MiB for the
    // allocator's own rounding and the sampling.
    const boundKiB = slow.length * (watermarkKiB + 8) + 1024;
    assert.ok(peak - before <= boundKiB, `relay RSS grew ${peak - before} KiB (bound ${boundKiB} KiB)`);
    console.log(`# slow consumers: RSS before ${before} KiB, peak ${peak} KiB, growth ${peak - before} KiB for ${slow.length} slow readers`);
    for (const s of slow) {
      s.ws._socket.resume();
      const closed = await within(10000, s.closed, 'the slow reader closed');
      assert.equal(closed.code, wire.closeCodeFor(E.slow_consumer));
    }
    // The players never noticed.
    for (const c of players) {
      assert.equal(c.errors.length, 0);
      assert.equal(c.ws.readyState, 1);
    }
    const t = players[0].bundles.at(-1).tick;
    await Promise.all(players.map((c) => c.bundleAtLeast(t + 50)));
    for (const c of players) c.close();
  } finally {
    await stopped(relay);
  }
});

test('caps: too many rooms, a full room', async () => {
  const relay = await startRelay(['--threads', '1', '--max-rooms', '2', '--max-players-per-room', '2']);
  try {
    const a1 = await join(relay.port, 'one', { name: 'a' });
    const a2 = await join(relay.port, 'one', { name: 'b' });
    const full = await Client.open(relay.port, { room: 'one' });
    full.send({ type: 'hello', room: 'one', name: 'c' });
    assert.equal((await full.closed).code, wire.closeCodeFor(E.room_full));
    assert.equal(full.errors[0].code, E.room_full);
    const spectator = await join(relay.port, 'one', { name: 's', spectator: true }); // spectators are not players
    const b = await join(relay.port, 'two', { name: 'a' });
    const third = await Client.open(relay.port, { room: 'three' });
    third.send({ type: 'hello', room: 'three', name: 'a' });
    assert.equal((await third.closed).code, wire.closeCodeFor(E.too_many_rooms));
    assert.equal(third.errors[0].code, E.too_many_rooms);
    for (const c of [a1, a2, spectator, b]) {
      assert.equal(c.ws.readyState, 1);
      c.close();
    }
  } finally {
    await stopped(relay);
  }
});

test('the Origin allow-list: other origins get 403, listed ones and non-browsers get in', async () => {
  const relay = await startRelay(['--origin', 'http://good.example']);
  try {
    await assert.rejects(Client.open(relay.port, { room: 'o', origin: 'http://evil.example' }), (e) => e.status === 403);
    const good = await Client.open(relay.port, { room: 'o', origin: 'http://good.example' });
    await good.hello({ room: 'o', name: 'g' });
    const bot = await Client.open(relay.port, { room: 'o' });
    await bot.hello({ room: 'o', name: 'b' });
    good.close();
    bot.close();
    assert.equal(sum((await metrics(relay.port)).handshake_failures_total), 1);
  } finally {
    await stopped(relay);
  }
});

test('no hello in time gets timeout; a silent client is pinged, and closed only if it does not answer', async () => {
  const relay = await startRelay(['--hello-timeout', '1', '--idle-timeout', '3']);
  try {
    const mute = await Client.open(relay.port, {});
    const closed = await within(4000, mute.closed, 'the hello timeout');
    assert.equal(closed.code, wire.closeCodeFor(E.timeout));
    assert.equal(mute.errors[0].code, E.timeout);

    const player = await join(relay.port, 'quiet', { name: 'p' });
    play(player);
    // Two spectators who never send a protocol message: one answers pings
    // (ws does by default), one does not.
    const answers = await join(relay.port, 'quiet', { name: 'a', spectator: true });
    const deaf = new Client(new WebSocket(`ws://127.0.0.1:${relay.port}/ws?room=quiet`, { autoPong: false }));
    await deaf.opened;
    deaf.welcomeMsg = await deaf.hello({ room: 'quiet', name: 'd', spectator: true });
    let pings = 0;
    deaf.ws.on('ping', () => pings++);
    const deafClosed = await within(8000, deaf.closed, 'the idle timeout');
    assert.equal(deafClosed.code, wire.closeCodeFor(E.timeout));
    assert.ok(pings >= 1, 'it was pinged first');
    assert.equal(answers.ws.readyState, 1, 'the spectator who answers pings is still there');
    assert.equal(player.ws.readyState, 1);
    answers.close();
    player.close();
  } finally {
    await stopped(relay);
  }
});
