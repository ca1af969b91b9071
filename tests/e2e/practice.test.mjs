// Practice vs bots in Chromium with no relay anywhere: the page comes from a
// plain static server, the lobby is driven by the keyboard alone, the arena
// and the fighters are on screen (pixels checked), the keys move the player,
// Esc goes back to the menu; at 1280x720 and at a narrow 400 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static_server.mjs';
import { checkArenaShot, gamePage, hud, launch, requireGameBuild, root, waitFrames } from './helpers.mjs';

describe('practice vs bots, offline', () => {
  let server, browser;
  before(async () => {
    requireGameBuild();
    server = await startStaticServer({ root: `${root}/web` });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keyboard only: Tab to "Practice vs bots", Enter, play with WASD, Esc to the menu', async () => {
    const page = await gamePage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#name:focus');
    await page.keyboard.type('Keys');
    // Focus order: name, quick match, create room, practice.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'practice');
    await page.keyboard.press('Enter');
    await waitFrames(page, 30);
    const h = await hud(page);
    assert.equal(h.practice, true);
    assert.equal(h.phase, 'live');
    assert.equal(h.roster.length, 4); // me and 3 bots
    assert.equal(h.names[h.slot], 'Keys');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'arena');

    // Walk: whichever of right or left is open from the spawn point moves us.
    const me = () => page.evaluate(() => {
      const s = globalThis.__skirmish.battle.snapshot();
      return s.players[s.me];
    });
    let moved = false;
    for (const key of ['d', 'a', 's', 'w']) {
      await page.waitForFunction(() => { const s = __skirmish.battle.snapshot(); return s.players[s.me].alive; }, null, { timeout: 5000 });
      const before = await me();
      await page.keyboard.down(key);
      await page.waitForTimeout(400);
      await page.keyboard.up(key);
      const after = await me();
      if (after.alive && Math.hypot(after.x - before.x, after.y - before.y) > 20) {
        moved = true;
        break;
      }
    }
    assert.ok(moved, 'holding a movement key moved the player');

    await page.keyboard.press('Escape');
    await page.waitForSelector('#lobby:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quick');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  for (const [width, height, dpr] of [[1280, 720, 1], [400, 760, 2]]) {
    it(`the arena and every fighter are on screen at ${width}x${height} (dpr ${dpr})`, async () => {
      const page = await gamePage(browser, { width, height, dpr });
      await page.goto(`${server.url}/?practice&bots=3&skill=1`);
      await waitFrames(page, 1);
      // note: the picture is checked during the countdown, when nobody can
      // fire yet, so all four fighters are alive and unflashed.
      await page.waitForFunction(() => ['warmup', 'countdown'].includes(globalThis.__skirmish.battle.snapshot()?.phase), null, { timeout: 15000 });
      const dprSeen = await page.evaluate(() => __skirmish.battle.canvas.width / __skirmish.battle.canvas.clientWidth);
      assert.equal(dprSeen, dpr, 'the canvas backing store follows devicePixelRatio');
      const shot = await checkArenaShot(page, `practice-${width}`, [0, 1, 2, 3]);
      assert.equal(shot.seen.length, 4);
      // 60 Hz frames over 30 Hz ticks: frames land between ticks and are interpolated.
      const alphas = await page.evaluate(
        () =>
          new Promise((done) => {
            const seen = [];
            const step = () => {
              seen.push(globalThis.__skirmish.battle.snapshot().alpha);
              if (seen.length < 40) requestAnimationFrame(step);
              else done(seen);
            };
            requestAnimationFrame(step);
          }),
      );
      const between = alphas.filter((a) => a > 0.05 && a < 0.95);
      assert.ok(between.length >= 10, `frames between ticks: ${alphas.map((a) => a.toFixed(2)).join(' ')}`);
      // The HUD strip never covers the arena: the arena starts below it, and
      // the arena's bottom wall row is inside the viewport.
      const layout = await page.evaluate(() => {
        const r = __skirmish.battle.renderer;
        return { top: r.view.y, strip: r.stripHeight(), bottom: r.view.y + 800 * r.view.scale, height: r.cssH, menu: document.getElementById('leave').getBoundingClientRect().bottom };
      });
      assert.ok(layout.top >= layout.strip, 'arena below the HUD strip');
      assert.ok(layout.menu <= layout.strip + 1, 'the menu button stays in the strip');
      assert.ok(layout.bottom <= layout.height, 'bottom wall visible');
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  }

  it('touch: a thumb on the left half is a stick that moves the player', async () => {
    const page = await gamePage(browser, { width: 400, height: 760, dpr: 2 });
    await page.goto(`${server.url}/?practice&bots=1&skill=1`);
    await waitFrames(page, 5);
    const me = () => page.evaluate(() => {
      const s = globalThis.__skirmish.battle.snapshot();
      return s.players[s.me];
    });
    const touch = (type, x, y) =>
      page.evaluate(([type, x, y]) => {
        const c = document.getElementById('arena');
        const r = c.getBoundingClientRect();
        c.dispatchEvent(new PointerEvent(type, { pointerId: 7, pointerType: 'touch', isPrimary: true, bubbles: true, cancelable: true, clientX: r.left + x, clientY: r.top + y }));
      }, [type, x, y]);
    let moved = false;
    for (const dx of [60, -60]) {
      await page.waitForFunction(() => { const s = __skirmish.battle.snapshot(); return s.players[s.me].alive; }, null, { timeout: 5000 });
      const before = await me();
      await touch('pointerdown', 100, 200);
      await touch('pointermove', 100 + dx, 200);
      await page.waitForTimeout(500);
      await touch('pointerup', 100 + dx, 200);
      const after = await me();
      if (after.alive && Math.abs(after.x - before.x) > 20) {
        moved = true;
        break;
      }
    }
    assert.ok(moved, 'the touch stick moved the player');
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
