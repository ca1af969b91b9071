// A native bot (skirmish-bot, the headless bot client) joins a Chromium
// page's room on the real relay: every hash the bot reports agrees with the
// page's hash of the same tick, and the relay sees no desync. Fails (does
// not skip) when the relay or the bot binary is missing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { relayBin, startRelay } from '../relay-process/harness.mjs';
import { compareHashes, gamePage, hashes, hud, launch, requireGameBuild, root, waitFrames } from './helpers.mjs';

const botBin = join(root, 'build', 'native-release', 'client', 'bot-client', 'skirmish-bot');

describe('a native bot in a browser room', () => {
  let relay, browser;
  before(async () => {
    requireGameBuild();
    assert.ok(existsSync(relayBin), `${relayBin} is missing: build the native-release preset (npm test does)`);
    assert.ok(existsSync(botBin), `${botBin} is missing: build the native-release preset (npm test does)`);
    relay = await startRelay(['--web-root', `${root}/web`]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await relay?.stop();
  });

  it("skirmish-bot joins the page's room and every hash agrees", async () => {
    const room = `bots${process.pid}`;
    const page = await gamePage(browser);
    await page.goto(`${relay.url}?name=human&room=${room}&autojoin`);
    await waitFrames(page, 10);
    await page.waitForFunction(() => globalThis.__skirmish.battle.hud.phase === 'live', null, { timeout: 15000 });
    // The human holds fire and turns, so the bots have someone to fight.
    await page.evaluate(() => {
      let aim = 0;
      globalThis.__script = setInterval(() => globalThis.__skirmish.battle.script({ held: ['fire', aim % 4 < 2 ? 'left' : 'right'], aim: (aim += 0.5) }), 300);
    });

    const bot = spawn(botBin, ['--url', `ws://127.0.0.1:${relay.port}/ws`, '--room', room, '--bots', '2', '--skill', '4', '--seconds', '12', '--name', 'native'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    bot.stdout.on('data', (d) => (out += d));
    bot.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => bot.on('exit', r));
    assert.equal(code, 0, `skirmish-bot failed: ${err}`);
    await page.evaluate(() => clearInterval(globalThis.__script));
    await page.waitForTimeout(500);

    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const welcomes = lines.filter((l) => l.event === 'welcome');
    assert.equal(welcomes.length, 2);
    assert.ok(welcomes.every((w) => w.room === room));
    const pageHashes = await hashes(page);
    const bots = new Set(lines.filter((l) => l.event === 'hash').map((l) => l.bot));
    assert.equal(bots.size, 2);
    for (const name of bots) {
      const botHashes = lines.filter((l) => l.event === 'hash' && l.bot === name).map((l) => [l.tick, l.hash]);
      const { common, differ } = compareHashes(botHashes, pageHashes);
      assert.deepEqual(differ, [], `${name} disagrees with the page`);
      assert.ok(common.length >= 8, `${name}: ${common.length} hash ticks in common with the page`);
    }
    const h = await hud(page);
    assert.equal(h.desync, null);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
