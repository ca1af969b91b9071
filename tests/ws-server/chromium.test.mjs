// Chromium's WebSocket against skirmish-echo-server (playwright-core and the
// system's /usr/bin/chromium): messages of 0 B to 1 MiB, text and binary;
// echoes the server sends fragmented; the server's idle pings answered by
// the browser; a clean close seen with its code on both sides.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startEchoServer } from './echo_process.mjs';

const preset = process.env.SKIRMISH_ECHO_PRESET ?? 'native-release';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The server's "closed path=..." lines, by path.
function closeLog(server) {
  let out = '';
  server.child.stdout.on('data', (d) => (out += d));
  return (path) =>
    new Promise((ok) => {
      const look = () => {
        const m = new RegExp(`^closed path=${path} received=(\\d+) sent=(\\d+) clean=(\\d) pongs=(\\d+)`, 'm').exec(out);
        if (m) return ok({ received: +m[1], sent: +m[2], clean: m[3] === '1', pongs: +m[4] });
        server.child.stdout.once('data', () => setImmediate(look));
      };
      look();
    });
}

// Runs in the page: sends each message and gives back what the echo was.
async function roundTrips(url) {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = () => fail(new Error('WebSocket error'));
  });
  const results = [];
  for (const text of [true, false]) {
    for (const n of [0, 125, 126, 64 * 1024, 1024 * 1024]) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = text ? 97 + ((i * 7 + n) % 26) : (i * 31 + n) & 0xff;
      const sent = text ? new TextDecoder().decode(bytes) : bytes;
      const reply = new Promise((ok) => (ws.onmessage = (e) => ok(e.data)));
      ws.send(sent);
      const got = await reply;
      const same = text
        ? typeof got === 'string' && got === sent
        : got instanceof ArrayBuffer && got.byteLength === n && new Uint8Array(got).every((b, i) => b === bytes[i]);
      results.push({ kind: text ? 'text' : 'binary', n, same });
    }
  }
  const closed = new Promise((ok) => (ws.onclose = (e) => ok({ code: e.code, clean: e.wasClean })));
  ws.close(1000, 'bye');
  return { results, close: await closed };
}

describe('Chromium WebSocket against our server', () => {
  let browser, page, plain, fragmenting, idle;
  before(async () => {
    plain = await startEchoServer(['--verbose', '1', '--max-message', String(2 * 1024 * 1024)], { preset });
    fragmenting = await startEchoServer(['--verbose', '1', '--max-frame', '1000', '--max-message', String(2 * 1024 * 1024)], { preset });
    idle = await startEchoServer(['--verbose', '1', '--idle-timeout-ms', '100'], { preset });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    page = await browser.newPage();
    // The echo server answers a plain GET itself, which gives the page an origin.
    await page.goto(`http://127.0.0.1:${plain.port}/`);
  });
  after(async () => {
    await browser?.close();
    for (const s of [plain, fragmenting, idle]) if (s) assert.equal(await s.stop(), 0);
  });

  for (const [name, server, path] of [
    ['one frame per message', () => plain, '/chromium'],
    ['echoes sent in 1000-byte fragments', () => fragmenting, '/chromium-fragmented'],
  ]) {
    test(`text and binary of 0 B to 1 MiB, ${name}, then a clean close 1000`, async () => {
      const closed = closeLog(server())(path);
      const r = await page.evaluate(roundTrips, `${server().url}${path}`);
      assert.equal(r.results.length, 10);
      for (const x of r.results) assert.ok(x.same, `${x.kind} ${x.n} B came back different`);
      assert.deepEqual(r.close, { code: 1000, clean: true });
      const s = await closed;
      assert.deepEqual([s.received, s.sent, s.clean], [1000, 1000, true]);
    });
  }

  test("the server's idle pings are answered by the browser, which keeps the connection open", async () => {
    const closed = closeLog(idle)('/idle');
    const r = await page.evaluate(async (url) => {
      const ws = new WebSocket(url);
      await new Promise((ok) => (ws.onopen = ok));
      let closedEarly = false;
      ws.onclose = () => (closedEarly = true);
      // Ten idle periods of silence from the page: without pongs the server
      // would close after two.
      await new Promise((ok) => setTimeout(ok, 1000));
      const reply = new Promise((ok) => (ws.onmessage = (e) => ok(e.data)));
      ws.send('still here');
      const echoed = await reply;
      const closed = new Promise((ok) => (ws.onclose = (e) => ok(e.code)));
      ws.close(1000);
      return { closedEarly, echoed, code: await closed };
    }, `${idle.url}/idle`);
    assert.deepEqual(r, { closedEarly: false, echoed: 'still here', code: 1000 });
    const s = await closed;
    assert.ok(s.pongs >= 1, `pongs: ${s.pongs}`);
    assert.equal(s.received, 1000);
  });
});
