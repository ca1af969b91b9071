import { chromium } from 'playwright-core';
import { startStaticServer } from './scripts/static_server.mjs';
const server = await startStaticServer({ root: process.cwd() });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${server.url}/tests/browser/page.html`);
await page.evaluate(async () => {
  const { loadRuntime } = await import('/web/runtime.mjs');
  window.rt = await loadRuntime({ moduleUrl: new URL('/build/wasm-release/web/skirmish-runtime.mjs', location.href) });
  window.mk = (n) => Array.from({ length: n }, (_, i) => Promise.resolve(i));
  await rt.awaitFresh(mk(20000));
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const which = process.argv[2] || 'fresh';
await page.evaluate(() => { window.a = mk(200000); });
await cdp.send('Profiler.start');
console.log(await page.evaluate(async (which) => { const t = performance.now(); let r; if (which === 'fresh') r = await rt.awaitFresh(a); else await rt.spawnJoin(1e6); return [performance.now() - t, r]; }, which));
const { profile: p } = await cdp.send('Profiler.stop');
const dt = {}; for (let i = 0; i < p.samples.length; i++) dt[p.samples[i]] = (dt[p.samples[i]] || 0) + (p.timeDeltas[i] || 0);
const self = {}; let tot = 0;
for (const n of p.nodes) { const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').pop() + ':' + n.callFrame.lineNumber; self[k] = (self[k] || 0) + (dt[n.id] || 0); tot += dt[n.id] || 0; }
Object.entries(self).sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), ((100 * v) / tot).toFixed(1).padStart(5) + '%', k));
await browser.close(); await server.close();
