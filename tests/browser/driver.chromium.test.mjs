// The browser driver in headless Chromium (playwright-core, the system's
// /usr/bin/chromium): the page keeps its animation frames while the executor
// is busy, a WebSocket round trip from wasm to a `ws` echo server, a rejected
// promise as a value inside C++, and the demo page.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/static_server.mjs';
import { closedPort, installPackedWeb, root, runtimeBuild, startEchoServer } from './helpers.mjs';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('browser driver in Chromium', () => {
  let server, echo, browser, page;
  const problems = []; // page errors and console errors, which no test expects
  const build = runtimeBuild('wasm-release');

  before(async () => {
    server = await startStaticServer({ root });
    echo = await startEchoServer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
    });
    await page.goto(`${server.url}/tests/browser/page.html`);
    await page.evaluate(async (moduleUrl) => {
      const { loadRuntime } = await import('/web/runtime.mjs');
      window.rt = await loadRuntime({ moduleUrl: new URL(moduleUrl, location.href) });
    }, `/${build.path}`);
  });

  after(async () => {
    await browser?.close();
    await echo?.close();
    await server?.close();
  });

  test('requestAnimationFrame keeps coming at 30 Hz or more while the executor runs 10 million yields', async () => {
    const r = await page.evaluate(async () => {
      const frames = [];
      let counting = true;
      const onFrame = (t) => {
        if (!counting) return;
        frames.push(performance.now());
        requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
      await new Promise((ok) => setTimeout(ok, 200)); // frames are flowing
      const before = window.rt.stats();
      const t0 = performance.now();
      const n = await window.rt.yields(10_000_000);
      const t1 = performance.now();
      counting = false;
      const after = window.rt.stats();
      const during = frames.filter((t) => t >= t0 && t <= t1);
      let maxGap = 0;
      for (let i = 1; i < during.length; i++) maxGap = Math.max(maxGap, during[i] - during[i - 1]);
      return {
        n,
        ms: t1 - t0,
        frames: during.length,
        maxGap,
        yields: after.macrotaskYields - before.macrotaskYields,
        ticks: after.ticks - before.ticks,
      };
    });
    const fps = (r.frames * 1000) / r.ms;
    const yieldsPerSecond = (r.yields * 1000) / r.ms;
    console.log(
      `  10M yields: ${r.ms.toFixed(0)} ms, ${fps.toFixed(1)} frames/s (longest gap ${r.maxGap.toFixed(1)} ms), ` +
        `${r.yields} macrotask yields (${yieldsPerSecond.toFixed(0)}/s)`,
    );
    assert.equal(r.n, 10_000_000);
    assert.ok(r.ticks >= 10_000_000);
    assert.ok(r.ms > 100, `the run should take long enough to measure (${r.ms} ms)`);
    assert.ok(fps >= 30, `${fps.toFixed(1)} frames/s while busy`);
    assert.ok(r.yields > 0);
  });

  test('a WebSocket round trip from wasm to a ws echo server', async () => {
    const closed = `ws://127.0.0.1:${await closedPort()}/`;
    const r = await page.evaluate(async ({ url, closed }) => {
      const payloads = [new Uint8Array([0, 1, 2, 250, 255]), new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff)];
      const out = await window.rt.wsEcho(url, payloads, { code: 4000, reason: 'round trip done' });
      return {
        same: out.echoes.length === payloads.length && out.echoes.every((e, i) => e.length === payloads[i].length && e.every((b, j) => b === payloads[i][j])),
        text: out.text,
        close: out.close,
        recvAfterClose: out.recv_after_close,
        refused: await window.rt.wsTry(closed, 3000),
      };
    }, { url: echo.url, closed });
    assert.equal(r.same, true);
    assert.equal(r.text, 'hello from wasm');
    assert.equal(r.close.code, 4000);
    assert.equal(r.close.clean, true);
    assert.match(r.recvAfterClose, /is closed \(code 4000/);
    assert.equal(r.refused.ok, false);
    assert.equal(r.refused.error, 'connect_failed');
    assert.equal(r.refused.reason, `could not connect to ${closed}: the connection failed and closed with code 1006 before it opened`);
    // Chromium logs the refused connection itself; that one is expected
    problems.splice(0, problems.length, ...problems.filter((p) => !p.includes(closed)));
  });

  test('a rejected promise is a value inside C++', async () => {
    const nothing = `http://127.0.0.1:${await closedPort()}/nothing`;
    const r = await page.evaluate(async (nothing) => {
      const err = new RangeError('out of range');
      const rejected = Promise.reject(err);
      rejected.catch(() => {}); // the task may run after a yield: do not report it as unhandled meanwhile
      const got = await window.rt.awaitValue(rejected);
      const failedFetch = fetch(nothing);
      failedFetch.catch(() => {});
      const fetched = await window.rt.awaitValue(failedFetch);
      return {
        ok: got.ok,
        message: got.message,
        sameObject: got.reason === err,
        fetchOk: fetched.ok,
        fetchMessage: fetched.message,
        pending: window.rt.stats().pendingAwaits,
      };
    }, nothing);
    assert.deepEqual(r, {
      ok: false,
      message: 'RangeError: out of range',
      sameObject: true,
      fetchOk: false,
      fetchMessage: 'TypeError: Failed to fetch',
      pending: 0,
    });
    problems.splice(0, problems.length, ...problems.filter((p) => !p.includes(nothing)));
  });

  test('the demo page loads the packaged module from web/dist and runs a task', async () => {
    const demo = await browser.newPage();
    const errors = [];
    demo.on('pageerror', (e) => errors.push(e.message));
    await demo.goto(`${server.url}/web/demo/runtime.html`);
    await demo.waitForFunction(() => document.getElementById('status').textContent !== 'loading…');
    assert.equal(await demo.textContent('#status'), 'ready');
    await demo.click('#frames');
    await demo.waitForFunction(() => document.getElementById('result').textContent.includes('animation frames'));
    const text = await demo.textContent('#result');
    const mean = Number(/([\d.]+) ms apart/.exec(text)[1]);
    assert.ok(mean > 5 && mean < 100, text);
    assert.deepEqual(errors, []);
    await demo.close();
  });

  test('another site imports the npm-packed package in a page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skirmish-site-'));
    const site = await startStaticServer({ root: dir });
    try {
      await installPackedWeb(dir);
      writeFileSync(
        join(dir, 'index.html'),
        `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "@skirmish/web": "/node_modules/@skirmish/web/runtime.mjs" } }</script>
<script type="module">
  import { loadRuntime } from '@skirmish/web';
  const rt = await loadRuntime();
  const r = await rt.awaitValue(new Promise((ok) => setTimeout(() => ok('packed and loaded'), 1)));
  document.title = r.value;
</script>`,
      );
      const other = await browser.newPage();
      const errors = [];
      other.on('pageerror', (e) => errors.push(e.message));
      await other.goto(`${site.url}/`);
      await other.waitForFunction(() => document.title !== '', null, { timeout: 10_000 });
      assert.equal(await other.title(), 'packed and loaded');
      assert.deepEqual(errors, []);
      await other.close();
    } finally {
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
