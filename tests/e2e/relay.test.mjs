// Through the real relay process (skirmish-relay, which also serves the
// page): two Chromium pages join one room and play scripted inputs for 20 s
// with the same state hash at every hash tick, and a screenshot shows both
// fighters (pixels checked); a page whose connection is cut mid-match
// reconnects, catches up, and ends on the same hashes as the other player.
// Fails (does not skip) when the relay binary is missing.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { relayBin, startRelay } from '../relay-process/harness.mjs';
import { checkArenaShot, compareHashes, gamePage, hashes, hud, launch, requireGameBuild, root, startProxy, waitFrames } from './helpers.mjs';

// Scripted play inside the page: every 400 ms a new mix of movement, fire
// and dash from a seeded generator, aim sweeping around.
function startScript(page, seed) {
  return page.evaluate((seed) => {
    let a = seed >>> 0;
    const rand = () => ((a = (Math.imul(a ^ (a >>> 15), 2246822519) + 0x9e3779b9) >>> 0) / 4294967296);
    const moves = [['up'], ['down'], ['left'], ['right'], ['up', 'left'], ['down', 'right'], []];
    let turn = 0;
    globalThis.__script = setInterval(() => {
      const held = [...moves[Math.floor(rand() * moves.length)]];
      if (rand() < 0.7) held.push('fire');
      if (rand() < 0.1) held.push('ability');
      turn += 0.7;
      globalThis.__skirmish.battle?.script({ held, aim: turn });
    }, 400);
  }, seed);
}
const stopScript = (page) => page.evaluate(() => {
  clearInterval(globalThis.__script);
  globalThis.__skirmish.battle?.script({ held: [] });
});

async function joinRoom(page, url, name, room, extra = '') {
  await page.goto(`${url}?name=${name}&room=${room}&autojoin${extra}`);
  await waitFrames(page, 10);
  await page.waitForFunction(() => globalThis.__skirmish.battle.hud.phase === 'live', null, { timeout: 15000 });
}

describe('two pages through the real relay', () => {
  let relay, browser;
  before(async () => {
    requireGameBuild();
    assert.ok(existsSync(relayBin), `${relayBin} is missing: build the native-release preset (npm test does)`);
    relay = await startRelay(['--web-root', `${root}/web`]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await relay?.stop();
  });

  it('play 20 s of scripted input: the same hash at every hash tick, both fighters on screen', async () => {
    const room = `duel${process.pid}`;
    const a = await gamePage(browser);
    const b = await gamePage(browser);
    await joinRoom(a, relay.url, 'ann', room);
    await joinRoom(b, relay.url, 'bob', room);
    await a.waitForFunction(() => globalThis.__skirmish.battle.hud.roster.length === 2, null, { timeout: 5000 });
    const slots = [(await hud(a)).slot, (await hud(b)).slot];
    assert.notEqual(slots[0], slots[1]);
    await Promise.all([startScript(a, 1), startScript(b, 2)]);
    await a.waitForTimeout(20000);
    await Promise.all([stopScript(a), stopScript(b)]);
    await a.waitForTimeout(1500);

    const [ha, hb] = [await hashes(a), await hashes(b)];
    const { common, differ } = compareHashes(ha, hb);
    assert.deepEqual(differ, []);
    assert.ok(common.length >= 18, `hash ticks in common: ${common.length}`);
    const snap = await a.evaluate(() => globalThis.__skirmish.battle.snapshot());
    assert.ok(snap.players[slots[1]].kills + snap.players[slots[0]].kills + snap.players[slots[0]].deaths >= 0);
    for (const p of [a, b]) assert.equal((await hud(p)).desync, null);

    const shot = await checkArenaShot(a, 'relay-two-players', slots);
    assert.deepEqual(shot.seen.sort(), [...slots].sort());

    // A spectator joins late: no slot, the same two fighters on its screen.
    const watcher = await gamePage(browser);
    await joinRoom(watcher, relay.url, 'eve', room, '&spectate');
    const w = await hud(watcher);
    assert.equal(w.spectator, true);
    assert.equal(w.slot, -1);
    assert.equal(w.roster.length, 2);
    await checkArenaShot(watcher, 'relay-spectator', slots);
    assert.deepEqual(watcher.problems, []);
    await watcher.close();
    assert.deepEqual(a.problems, []);
    assert.deepEqual(b.problems, []);
    await a.close();
    await b.close();
  });

  it('a page whose connection is cut mid-match reconnects, catches up and agrees to the end', async () => {
    const room = `cut${process.pid}`;
    const proxy = await startProxy(relay.port);
    try {
      const steady = await gamePage(browser);
      const cut = await gamePage(browser);
      await joinRoom(steady, relay.url, 'steady', room);
      await joinRoom(cut, relay.url, 'cut', room, `&relay=${encodeURIComponent(`ws://127.0.0.1:${proxy.port}/ws`)}`);
      await Promise.all([startScript(steady, 3), startScript(cut, 4)]);
      await steady.waitForTimeout(4000);
      const cutAt = (await hud(cut)).tick;
      proxy.cut();
      // It notices, shows it, dials again through the proxy and is live again.
      await cut.waitForFunction(() => globalThis.__skirmish.battle.hud.dials >= 2, null, { timeout: 10000 });
      await cut.waitForFunction(() => globalThis.__skirmish.battle.hud.phase === 'live', null, { timeout: 10000 });
      assert.ok(proxy.connections() >= 2);
      await steady.waitForTimeout(5000);
      await Promise.all([stopScript(steady), stopScript(cut)]);
      await steady.waitForTimeout(1500);

      const { common, differ } = compareHashes(await hashes(steady), await hashes(cut));
      assert.deepEqual(differ, []);
      const after = common.filter((t) => t > cutAt + 30);
      assert.ok(after.length >= 4, `hash ticks in common after the cut: ${after.length}`);
      assert.equal((await hud(cut)).desync, null);
      assert.equal((await hud(steady)).desync, null);
      assert.deepEqual(cut.problems, []);
      await steady.close();
      await cut.close();
    } finally {
      await proxy.close();
    }
  });

  it('a reloaded page takes its slot back with the token it stored, and agrees', async () => {
    const room = `reload${process.pid}`;
    const a = await gamePage(browser);
    const b = await gamePage(browser);
    await joinRoom(a, relay.url, 'stay', room);
    await joinRoom(b, relay.url, 'again', room);
    await Promise.all([startScript(a, 5), startScript(b, 6)]);
    await a.waitForTimeout(3000);
    const before = await hud(b);
    assert.match(before.token, /^[0-9a-f]{32}$/);
    await b.reload();
    await waitFrames(b, 10);
    await b.waitForFunction(() => globalThis.__skirmish.battle.hud.phase === 'live', null, { timeout: 15000 });
    const back = await hud(b);
    assert.equal(back.slot, before.slot, 'the same slot after the reload');
    assert.equal(back.roster.length, 2);
    await startScript(b, 7);
    await a.waitForTimeout(3000);
    await Promise.all([stopScript(a), stopScript(b)]);
    await a.waitForTimeout(1500);
    const { common, differ } = compareHashes(await hashes(a), await hashes(b));
    assert.deepEqual(differ, []);
    assert.ok(common.length >= 3, `hash ticks in common after the reload: ${common.length}`);
    assert.deepEqual(b.problems, []);
    await a.close();
    await b.close();
  });

  it('a page fills its room with bots playing from the page; every hash agrees', async () => {
    const room = `fill${process.pid}`;
    const page = await gamePage(browser);
    await joinRoom(page, relay.url, 'host', room);
    await page.click('#add-bot');
    await page.click('#add-bot');
    await page.waitForFunction(() => globalThis.__skirmish.battle.hud.roster.length === 3, null, { timeout: 10000 });
    await startScript(page, 8);
    await page.waitForTimeout(6000);
    await stopScript(page);
    await page.waitForTimeout(1000);
    const mine = await hashes(page);
    const bots = await page.evaluate(() => globalThis.__skirmish.battle.botHashes());
    assert.deepEqual(Object.keys(bots).sort(), ['page bot 1', 'page bot 2']);
    for (const [name, log] of Object.entries(bots)) {
      const { common, differ } = compareHashes(log, mine);
      assert.deepEqual(differ, [], name);
      assert.ok(common.length >= 4, `${name}: ${common.length} hash ticks in common`);
    }
    const names = (await hud(page)).roster.map((r) => r.name).sort();
    assert.deepEqual(names, ['host', 'page bot 1', 'page bot 2']);
    assert.equal((await hud(page)).desync, null);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
