// The embedding API as another site gets it: web/ packed with `npm pack`,
// installed into a fresh folder, served by a plain static server, and a page
// that uses both <skirmish-battle> and createBattle() (the README's example)
// in Chromium: both battles draw, report events and leave cleanly.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static_server.mjs';
import { installPackedWeb } from '../browser/helpers.mjs';
import { gamePage, launch, requireGameBuild } from './helpers.mjs';

const page = `<!doctype html>
<meta charset="utf-8" />
<link rel="icon" href="data:," />
<script type="importmap">{ "imports": { "@skirmish/web/": "./node_modules/@skirmish/web/" } }</script>
<skirmish-battle practice bots="2" name="element" style="width: 640px; height: 400px"></skirmish-battle>
<canvas id="arena" style="width: 640px; height: 400px"></canvas>
<script type="module">
  import '@skirmish/web/game/element.mjs';
  import { createBattle } from '@skirmish/web/game/battle.mjs';
  const el = document.querySelector('skirmish-battle');
  el.addEventListener('ready', (e) => (window.elementReady = e.detail));
  const battle = await createBattle({ canvas: document.getElementById('arena'), name: 'api', practice: { bots: 1 }, keyboard: false });
  battle.on('ready', (d) => (window.apiReady = d));
  battle.on('join', (d) => (window.joined = [...(window.joined ?? []), d.name]));
  window.battle = battle;
</script>
`;

describe('embedding the packed package in another page', () => {
  let dir, server, browser;
  before(async () => {
    requireGameBuild();
    dir = mkdtempSync(join(tmpdir(), 'skirmish-embed-'));
    const files = await installPackedWeb(dir);
    assert.ok(files.includes('dist/skirmish-game.wasm') && files.includes('game/battle.mjs') && files.includes('game.d.ts'));
    writeFileSync(join(dir, 'index.html'), page);
    server = await startStaticServer({ root: dir });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('<skirmish-battle> and createBattle() both run a practice battle, then leave', async () => {
    const p = await gamePage(browser);
    await p.goto(`${server.url}/`);
    await p.waitForFunction(() => window.elementReady && window.apiReady && window.joined?.includes('api'), null, { timeout: 20000 });
    const state = await p.evaluate(() => ({
      element: document.querySelector('skirmish-battle').battle.hud,
      api: window.battle.hud,
      frames: window.battle.frames,
      joined: window.joined,
      tick: window.battle.tick(),
    }));
    assert.equal(state.element.roster.length, 3);
    assert.equal(state.element.names[state.element.slot], 'element');
    assert.equal(state.api.roster.length, 2);
    assert.ok(state.frames > 0);
    assert.ok(state.joined.includes('api'));
    // Both canvases have drawn the arena (the wall colour is on them).
    const walls = await p.evaluate(() =>
      [document.querySelector('skirmish-battle').canvas, document.getElementById('arena')].map((c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] === 0x3b && d[i + 1] === 0x4a && d[i + 2] === 0x66) n++;
        return n / (c.width * c.height);
      }),
    );
    assert.ok(walls.every((share) => share > 0.1), `wall share ${walls}`);
    // leave() ends the session and frees the battle; removing the element leaves too.
    const left = await p.evaluate(async () => {
      let heard = false;
      window.battle.on('left', () => (heard = true));
      await window.battle.leave();
      const el = document.querySelector('skirmish-battle');
      el.remove();
      await el.leave();
      return { heard, hash: window.battle.stateHash() };
    });
    assert.deepEqual(left, { heard: true, hash: '' });
    assert.deepEqual(p.problems, []);
    await p.close();
  });
});
