// skirmish-bot against a real relay process over real sockets: two bot
// processes in one room agree on every state hash they report; several bots
// in one process fill a matchmade room; every way to fail says why and exits
// non-zero: relay unreachable, upgrade refused, room full, bad flags, and a
// hostile relay that sends garbage; a draining relay and a SIGTERM end it
// cleanly (exit 0).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { WebSocketServer } from 'ws';
import { botPath, runBot, startRelay } from './relay_process.mjs';

let relay;
before(async () => {
  relay = await startRelay();
});
after(async () => {
  await relay?.stop();
});

// Hash lines by tick, checking that one bot never reports a tick twice.
function hashesByTick(events, bot) {
  const byTick = new Map();
  for (const e of events.filter((x) => x.event === 'hash' && (bot === undefined || x.bot === bot))) {
    assert.ok(!byTick.has(e.tick), `${e.bot} reported tick ${e.tick} twice`);
    byTick.set(e.tick, e.hash);
  }
  return byTick;
}

test('two skirmish-bot processes in one room agree on every hash', async () => {
  const room = `agree${process.pid}`;
  const common = ['--url', relay.url, '--room', room, '--ticks', '200'];
  const [a, b] = await Promise.all([
    runBot([...common, '--name', 'ann', '--seed', '1']),
    runBot([...common, '--name', 'bob', '--seed', '2']),
  ]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  for (const r of [a, b]) {
    const welcome = r.events.find((e) => e.event === 'welcome');
    assert.equal(welcome.room, room);
    const end = r.events.at(-1);
    assert.equal(end.event, 'end');
    assert.equal(end.ok, true);
    assert.ok(end.tick >= welcome.live_tick + 200, `${end.bot} played its 200 ticks (${JSON.stringify(end)})`);
  }
  const ha = hashesByTick(a.events);
  const hb = hashesByTick(b.events);
  const shared = [...ha.keys()].filter((t) => hb.has(t));
  assert.ok(shared.length >= 5, `at least 5 ticks reported by both (got ${shared.length})`);
  for (const t of shared) assert.equal(ha.get(t), hb.get(t), `tick ${t}: both bots computed the same state`);
  // The two bots played against each other: the slots differ, the seed is the room's.
  const [wa, wb] = [a, b].map((r) => r.events.find((e) => e.event === 'welcome'));
  assert.notEqual(wa.slot, wb.slot);
  assert.equal(wa.seed, wb.seed);
});

test('--bots 4 with room auto: one process fills one matchmade room, every hash agrees', async () => {
  const r = await runBot(['--url', relay.url, '--bots', '4', '--name', 'fill', '--ticks', '100']);
  assert.equal(r.code, 0, r.stderr);
  const welcomes = r.events.filter((e) => e.event === 'welcome');
  assert.equal(welcomes.length, 4);
  assert.equal(new Set(welcomes.map((w) => w.room)).size, 1, 'all four in the room the first was given');
  assert.equal(new Set(welcomes.map((w) => w.slot)).size, 4);
  const per = welcomes.map((w) => hashesByTick(r.events, w.bot));
  let compared = 0;
  for (const [tick, hash] of per[0]) {
    for (const other of per.slice(1)) {
      if (!other.has(tick)) continue;
      assert.equal(other.get(tick), hash, `tick ${tick}`);
      compared++;
    }
  }
  assert.ok(compared >= 6, `compared ${compared} hashes`);
  assert.equal(r.events.filter((e) => e.event === 'end' && e.ok).length, 4);
});

test('the relay is unreachable: exit 1 at once, with the reason', async () => {
  const srv = createServer();
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  const port = srv.address().port;
  await new Promise((ok) => srv.close(ok));  // a port nobody listens on now
  const started = Date.now();
  const r = await runBot(['--url', `ws://127.0.0.1:${port}/ws`, '--ticks', '10']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot connect to ws:\/\/127\.0\.0\.1:\d+\/ws: Connection refused/);
  assert.ok(Date.now() - started < 5000, 'no reconnect backoff before the first welcome');
});

test('an HTTP server that refuses the upgrade: exit 1 naming the status', async () => {
  const srv = createServer((req, res) => res.writeHead(404).end('no relay here'));
  await new Promise((ok) => srv.listen(0, '127.0.0.1', ok));
  try {
    const r = await runBot(['--url', `ws://127.0.0.1:${srv.address().port}/ws`, '--ticks', '10']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused the WebSocket upgrade \(HTTP 404/);
  } finally {
    await new Promise((ok) => srv.close(ok));
  }
});

test('a full room: exit 1 with the relay\'s room_full, the players in it go on', async () => {
  const room = `full${process.pid}`;
  const eight = runBot(['--url', relay.url, '--room', room, '--bots', '8', '--name', 'p', '--seconds', '3']);
  // note: the eight join within a few ticks; wait for them before the ninth.
  await new Promise((ok) => setTimeout(ok, 1000));
  const ninth = await runBot(['--url', relay.url, '--room', room, '--name', 'late', '--ticks', '10']);
  assert.equal(ninth.code, 1);
  assert.match(ninth.stderr, /room_full/);
  const full = await eight;
  assert.equal(full.code, 0, full.stderr);
  assert.equal(full.events.filter((e) => e.event === 'end' && e.ok).length, 8);
});

test('bad flags: exit 2 with the reason', async () => {
  for (const [args, why] of [
    [['--bots', '9'], /--bots/],
    [['--url', 'wss://127.0.0.1:1/ws'], /wss:\/\/ is not supported/],
    [['--url', 'ws://relay.example:80/ws'], /numeric address/],
    [['--room', 'no spaces'], /--room/],
    [['--ticks'], /needs a value/],
    [['--frobnicate', '1'], /unknown flag/],
  ]) {
    const r = await runBot(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, why);
  }
  const help = await runBot(['--help']);
  assert.equal(help.code, 0);
});

test('a hostile relay that answers the hello with garbage: exit 1, close 1002', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((ok) => wss.once('listening', ok));
  const closes = [];
  wss.on('connection', (ws) => {
    ws.once('message', () => ws.send(Buffer.from([0x81, 0x01])));  // a welcome cut short
    ws.on('close', (code) => closes.push(code));
  });
  try {
    const r = await runBot(['--url', `ws://127.0.0.1:${wss.address().port}/ws`, '--ticks', '10']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /malformed message from the relay/);
    await new Promise((ok) => setTimeout(ok, 200));
    assert.deepEqual(closes, [1002]);
  } finally {
    await new Promise((ok) => wss.close(ok));
  }
});

test('the relay drains (SIGTERM): the bots end with shutting_down and exit 0', async () => {
  const own = await startRelay();
  const bots = runBot(['--url', own.url, '--bots', '2', '--name', 'drain']);  // no end of their own
  await new Promise((ok) => setTimeout(ok, 1500));
  await own.stop();
  const r = await bots;
  assert.equal(r.code, 0, r.stderr);
  const ends = r.events.filter((e) => e.event === 'end');
  assert.equal(ends.length, 2);
  for (const e of ends) {
    assert.equal(e.ok, true);
    assert.match(e.why, /shutting_down|closed the connection/);
  }
});

test('SIGTERM to skirmish-bot: it leaves the room and exits 0', async () => {
  const bot = spawn(botPath(), ['--url', relay.url, '--name', 'term'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  bot.stdout.on('data', (d) => (out += d));
  await new Promise((ok) => {
    const look = () => out.includes('"event":"welcome"') && ok();
    bot.stdout.on('data', look);
  });
  const code = new Promise((ok) => bot.once('close', (c) => ok(c)));
  bot.kill('SIGTERM');
  assert.equal(await code, 0);
  const end = out.trim().split('\n').map((l) => JSON.parse(l)).at(-1);
  assert.equal(end.event, 'end');
  assert.equal(end.why, 'you left the room');
});
