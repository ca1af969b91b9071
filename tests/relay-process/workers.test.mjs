// Several workers: rooms spread over every thread never see each other's
// traffic (checked by the clients and by /metrics), hand-offs work whichever
// worker accepts, and matchmaking fills the oldest room. The relay-tsan step
// runs this file against the ThreadSanitizer build.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, join, metrics, ownerOf, play, roomsPerWorker, startRelay, sum } from './harness.mjs';

const workers = 4;
const ticks = process.env.SKIRMISH_RELAY_TSAN ? 20 : 40;

async function withRelay(body) {
  const relay = await startRelay(['--threads', String(workers)]);
  try {
    await body(relay);
  } finally {
    const r = await relay.stop();
    assert.equal(r.code, 0, `relay exit ${JSON.stringify(r)}\n${relay.stderr()}`);
    assert.doesNotMatch(relay.stderr(), /ThreadSanitizer|AddressSanitizer|runtime error/, relay.stderr());
  }
}

test('rooms on every worker never mix, and each room is counted on exactly one worker', async () => {
  await withRelay(async (relay) => {
    const rooms = roomsPerWorker('mix', workers, 3);
    const players = [];
    for (const [ri, room] of rooms.entries()) {
      for (let p = 0; p < 3; p++) {
        const c = await join(relay.port, room, { name: `r${ri}p${p}` });
        c.roomIndex = ri;
        play(c, (slot, tick) => [ri, slot, tick & 0xff]);
        players.push(c);
      }
    }
    const from = Math.max(...players.map((c) => c.welcomeMsg.currentTick)) + 3;
    await Promise.all(players.map((c) => c.bundleAtLeast(from + ticks, 15000)));
    for (const c of players) {
      c.stopPlaying();
      c.send({ type: 'leave' });
    }
    for (const c of players) assert.equal((await c.closed).code, 1000);

    // The clients' view: every input in every bundle comes from their own room.
    for (const c of players) {
      const late = c.bundles.filter((b) => b.tick >= from);
      assert.ok(late.length >= ticks);
      for (const b of late) {
        // note: an empty payload is the late-input policy's stand-in (a busy machine can make an input late).
        for (const p of b.inputs) if (p?.length) assert.equal(p[0], c.roomIndex, `room ${rooms[c.roomIndex]} got another room's input`);
      }
      // And every one of its room's three players is in them.
      assert.ok(late.some((b) => b.inputs.filter((p) => p?.length).length === 3));
    }

    // The relay's view: a room's messages are counted on its owner and
    // nowhere else (the URL names the room, so nothing is read elsewhere).
    const m = await metrics(relay.port);
    const expected = { messages: new Array(workers).fill(0), bytes: new Array(workers).fill(0), rooms: new Array(workers).fill(0) };
    for (const c of players) {
      const w = ownerOf(rooms[c.roomIndex], workers);
      expected.messages[w] += c.sent;
      expected.bytes[w] += c.sentBytes;
    }
    for (const room of rooms) expected.rooms[ownerOf(room, workers)]++;
    assert.deepEqual(m.messages_in_total, expected.messages);
    assert.deepEqual(m.bytes_in_total, expected.bytes);
    assert.deepEqual(m.rooms_created_total, expected.rooms);
    assert.deepEqual(m.connections_total, expected.rooms.map((r) => r * 3));
    for (let w = 0; w < workers; w++) assert.ok(m.messages_out_total[w] > 0, `worker ${w} sent bundles`);
  });
});

test('a hello for a room another worker owns is handed over, whichever worker accepts', async () => {
  await withRelay(async (relay) => {
    const rooms = roomsPerWorker('hand', workers, 1);
    const all = [];
    for (const room of rooms) {
      const group = [];
      for (let i = 0; i < 8; i++) {
        // No room in the URL: the accepting worker reads the hello and hands the connection over.
        const c = await Client.open(relay.port, {});
        c.welcomeMsg = await c.hello({ room, name: `h${i}` });
        assert.equal(c.welcomeMsg.room, room);
        play(c);
        group.push(c);
      }
      assert.deepEqual(group.map((c) => c.welcomeMsg.slot).sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
      all.push(group);
    }
    for (const group of all) {
      const from = Math.max(...group.map((c) => c.welcomeMsg.currentTick)) + 3;
      await Promise.all(group.map((c) => c.bundleAtLeast(from + 20, 15000)));
      const seq = (c) => c.bundles.filter((b) => b.tick >= from && b.tick < from + 20).map((b) => JSON.stringify(b.inputs.map((p) => p && [...p])));
      for (const c of group) assert.deepEqual(seq(c), seq(group[0]));
    }
    const m = await metrics(relay.port);
    // Sessions were opened on more workers than the owners alone (SO_REUSEPORT
    // spreads the 32 connections), yet each room lives on its owner only.
    assert.ok(sum(m.connections_total) > 32, `some hellos were read on another worker: ${m.connections_total}`);
    assert.deepEqual(m.rooms_created_total, new Array(workers).fill(1));
    assert.deepEqual(m.players, new Array(workers).fill(8));
    for (const c of all.flat()) c.close();
  });
});

test('room=auto fills the oldest open room first, across workers', async () => {
  await withRelay(async (relay) => {
    const cs = [];
    for (let i = 0; i < 10; i++) {
      const c = await Client.open(relay.port, { query: '?room=auto' });
      c.welcomeMsg = await c.hello({ room: 'auto', name: `a${i}` });
      cs.push(c);
    }
    const first = cs[0].welcomeMsg.room;
    assert.deepEqual(cs.slice(0, 8).map((c) => c.welcomeMsg.room), new Array(8).fill(first));
    assert.deepEqual(cs.slice(0, 8).map((c) => c.welcomeMsg.slot).sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.notEqual(cs[8].welcomeMsg.room, first);
    assert.equal(cs[9].welcomeMsg.room, cs[8].welcomeMsg.room);
    // A spectator goes to the oldest room with players.
    const s = await Client.open(relay.port, {});
    const w = await s.hello({ room: 'auto', name: 'eye', spectator: true });
    assert.equal(w.room, first);
    for (const c of [...cs, s]) c.close();
  });
});
