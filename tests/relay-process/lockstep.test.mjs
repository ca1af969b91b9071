// The lockstep room service end to end against a real relay process:
// identical bundles for 8 players, a spectator, reconnect, desync notices.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client, join, play, sleep, startRelay, wire } from './harness.mjs';

const key = (b) => `${b.tick}:${b.inputs.map((p) => (p ? Buffer.from(p).toString('hex') : '-')).join(',')}`;

describe('lockstep rooms on a real relay', () => {
  let relay;
  before(async () => {
    relay = await startRelay(['--threads', '2']);
  });
  after(async () => {
    const r = await relay.stop();
    assert.equal(r.code, 0, relay.stderr());
  });

  test('8 players in a room receive identical bundle sequences, inputs in slot order', async () => {
    const clients = [];
    for (let i = 0; i < 8; i++) clients.push(await join(relay.port, 'eight', { name: `p${i}` }));
    assert.deepEqual(clients.map((c) => c.welcomeMsg.slot).sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
    for (const c of clients) play(c);
    const start = Math.max(...clients.map((c) => c.welcomeMsg.currentTick)) + 3;
    await Promise.all(clients.map((c) => c.bundleAtLeast(start + 40, 10000)));
    const window = (c) => c.bundles.filter((b) => b.tick >= start && b.tick < start + 40).map(key);
    const first = window(clients[0]);
    assert.equal(first.length, 40);
    for (const c of clients) assert.deepEqual(window(c), first);
    // Every slot's input is there, in slot order, as that slot sent it (an
    // empty one is the late-input policy's stand-in on a busy machine).
    let given = 0;
    for (const b of clients[0].bundles.filter((x) => x.tick >= start && x.tick < start + 40)) {
      assert.equal(b.inputs.length, 8);
      b.inputs.forEach((p, slot) => {
        if (!p.length) return;
        given++;
        assert.deepEqual([...p], [slot, b.tick & 0xff]);
      });
    }
    assert.ok(given >= 8 * 40 * 0.5, `most inputs arrived in time (${given} of 320)`);
    for (const c of clients) c.send({ type: 'leave' });
    for (const c of clients) assert.equal((await c.closed).code, 1000);
  });

  test('a spectator sees the same bundles as the players', async () => {
    const a = await join(relay.port, 'watched', { name: 'a' });
    const b = await join(relay.port, 'watched', { name: 'b' });
    play(a);
    play(b);
    await a.bundleAtLeast(a.welcomeMsg.currentTick + 10);
    const s = await join(relay.port, 'watched', { name: 'eye', spectator: true });
    assert.equal(s.welcomeMsg.slot, wire.SPECTATOR_SLOT);
    const upTo = s.welcomeMsg.currentTick + 30;
    await Promise.all([a, b, s].map((c) => c.bundleAtLeast(upTo, 8000)));
    // History from tick 0 plus live bundles: exactly the players' sequence.
    const seq = (c) => c.bundles.filter((x) => x.tick <= upTo).map(key);
    assert.deepEqual(seq(s), seq(a));
    assert.deepEqual(seq(s), seq(b));
    assert.deepEqual(s.bundles.slice(0, upTo + 1).map((x) => x.tick), [...Array(upTo + 1).keys()]);
    for (const c of [a, b, s]) c.close();
  });

  test('reconnect with the token resumes with the same ticks', async () => {
    const a = await join(relay.port, 'resume', { name: 'a' });
    const b = await join(relay.port, 'resume', { name: 'b' });
    play(a);
    play(b);
    await b.bundleAtLeast(b.welcomeMsg.currentTick + 15);
    const acked = b.bundles.at(-1).tick;
    const token = b.welcomeMsg.token;
    b.close(); // the connection drops without a close: the slot is held
    await a.next((m) => m.type === 'player_left' && m.slot === b.welcomeMsg.slot, 'player_left', 5000);
    await sleep(300); // ticks go on without b
    const b2 = await Client.open(relay.port, { room: 'resume' });
    b2.send({ type: 'hello', name: 'b', room: 'resume', token, resumeTick: acked + 1 });
    const w = await b2.welcome();
    assert.equal(w.slot, b.welcomeMsg.slot, 'the same slot');
    await a.next((m) => m.type === 'player_joined' && m.reconnected, 'player_joined (reconnected)', 5000);
    const upTo = w.currentTick + 10;
    await Promise.all([a.bundleAtLeast(upTo), b2.bundleAtLeast(upTo)]);
    // b2's history starts right after what b had, and together they are a's sequence.
    assert.equal(b2.bundles[0].tick, acked + 1);
    const joined = [...b.bundles.filter((x) => x.tick <= acked), ...b2.bundles].filter((x) => x.tick <= upTo).map(key);
    assert.deepEqual(joined, a.bundles.filter((x) => x.tick <= upTo).map(key));
    a.close();
    b2.close();
  });

  test('a wrong hash report brings a desync notice naming the first bad tick and the slots', async () => {
    const cs = [];
    for (const n of ['a', 'b', 'c']) cs.push(await join(relay.port, 'desync', { name: n }));
    for (const c of cs) play(c);
    const interval = cs[0].welcomeMsg.hashInterval;
    const tick = (Math.floor(Math.max(...cs.map((c) => c.welcomeMsg.currentTick)) / interval) + 1) * interval;
    await Promise.all(cs.map((c) => c.bundleAtLeast(tick + 1)));
    cs.forEach((c, i) => c.send({ type: 'hash_report', tick, hash: i === 2 ? 0xbadn : 0x600dn }));
    const notices = await Promise.all(cs.map((c) => c.next((m) => m.type === 'desync', 'desync', 5000)));
    for (const d of notices) {
      assert.equal(d.tick, tick);
      assert.deepEqual(d.disagreeing, [cs[2].welcomeMsg.slot]);
    }
    for (const c of cs) c.close();
  });
});
