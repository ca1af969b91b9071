// The end of a match in Chromium: a scripted relay (a Node ws server) hands
// the page a room whose history runs a whole match (3 min round, 30 s
// overtime) in a few seconds of catch-up; the page shows the end screen with
// the results, "Play again" has the focus and works from the keyboard, and
// Esc goes back to the menu.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import * as wire from '../../server-bridge/protocol/wire.mjs';
import { startStaticServer } from '../../scripts/static_server.mjs';
import { gamePage, launch, requireGameBuild, root } from './helpers.mjs';

const matchTicks = 3 * 30 + 180 * 30 + 30 * 30; // countdown, round, overtime
const current = matchTicks + 150; // a few seconds into the results

describe('the end screen', () => {
  let server, wss, browser, endpoint;
  before(async () => {
    requireGameBuild();
    server = await startStaticServer({ root: `${root}/web` });
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((ok) => wss.once('listening', ok));
    endpoint = `ws://127.0.0.1:${wss.address().port}/ws`;
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        const m = wire.decode(data);
        if (m.type !== 'hello') return;
        ws.send(wire.encode({ type: 'welcome', slot: 0, maxSlots: 2, tickHz: 30, inputDelay: 2, hashInterval: 30, startTick: 0,
          currentTick: current, seed: 11n, room: m.room, token: new Uint8Array(16).fill(3), reconnectWindowS: 30,
          roster: [{ slot: 0, name: m.name }, { slot: 1, name: 'rival' }] }));
        const idle = [new Uint8Array(4), new Uint8Array(4)];
        for (let first = 0; first < current; first += 256) {
          const bundles = [];
          for (let t = first; t < Math.min(current, first + 256); t++) bundles.push({ inputs: idle });
          ws.send(wire.encode({ type: 'history', firstTick: first, bundles }));
        }
      });
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const c of wss?.clients ?? []) c.terminate();
    await new Promise((ok) => (wss ? wss.close(ok) : ok()));
    await server?.close();
  });

  it('results, "Play again" from the keyboard, Esc to the menu', async () => {
    const page = await gamePage(browser);
    await page.goto(`${server.url}/?name=ann&room=final&autojoin&relay=${encodeURIComponent(endpoint)}`);
    await page.waitForSelector('#end:not([hidden])', { timeout: 45000 });
    // Nobody scored: a draw after overtime, both players listed, me marked.
    assert.equal(await page.textContent('#end-title'), 'Draw!');
    const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => ({ me: tr.className === 'me', cells: [...tr.cells].map((c) => c.textContent) })));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r.cells[1]).sort(), ['A ann (you)', 'B rival']);
    assert.ok(rows.find((r) => r.me).cells[1].includes('ann'));
    assert.equal(await page.evaluate(() => globalThis.__skirmish.battle.hud.phase), 'live');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'again');
    await page.keyboard.press('Enter'); // online: stay in the room for the next match
    await page.waitForSelector('#end', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.id), 'arena');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#lobby:not([hidden])');
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
