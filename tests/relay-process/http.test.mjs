// HTTP on the relay's port: static files with MIME types and validators,
// 404s, no way out of the web root, /healthz, /metrics per worker, and the
// WebSocket path's own answers.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRelay, within } from './harness.mjs';

// One raw request (fetch would normalise the dot segments away).
async function raw(port, text) {
  const s = net.connect(port, '127.0.0.1');
  let got = '';
  s.on('data', (d) => (got += d.toString('latin1')));
  s.write(text);
  await within(5000, new Promise((r) => s.on('close', r)), 'the answer');
  return got;
}

describe('HTTP on the relay port', () => {
  let relay;
  let dir;
  let base;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skirmish-web-'));
    const web = join(dir, 'web');
    mkdirSync(join(web, 'js'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>skirmish</title>');
    writeFileSync(join(web, 'game.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(join(web, 'js', 'app.mjs'), 'export const x = 1;\n');
    writeFileSync(join(web, 'style.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'not for you');
    symlinkSync(join(dir, 'secret.txt'), join(web, 'leak.txt'));
    relay = await startRelay(['--threads', '3', '--web-root', web]);
    base = `http://127.0.0.1:${relay.port}`;
  });
  after(async () => {
    const r = await relay.stop();
    assert.equal(r.code, 0, relay.stderr());
    rmSync(dir, { recursive: true, force: true });
  });

  test('files with their MIME types and caching headers', async () => {
    const index = await fetch(`${base}/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /^text\/html/);
    assert.equal(await index.text(), '<!doctype html><title>skirmish</title>');
    const wasm = await fetch(`${base}/game.wasm`);
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer())], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    const js = await fetch(`${base}/js/app.mjs`);
    assert.match(js.headers.get('content-type'), /^text\/javascript/);
    assert.match((await fetch(`${base}/style.css`)).headers.get('content-type'), /^text\/css/);
    // Validators: ETag and Last-Modified, and 304 for a current copy.
    const etag = js.headers.get('etag');
    assert.ok(etag && js.headers.get('last-modified') && js.headers.get('cache-control'));
    const again = await fetch(`${base}/js/app.mjs`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const head = await fetch(`${base}/game.wasm`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), '8');
  });

  test('404s, and no way out of the web root', async () => {
    assert.equal((await fetch(`${base}/nope.js`)).status, 404);
    assert.equal((await fetch(`${base}/leak.txt`)).status, 404, 'a symlink out of the root');
    for (const target of ['/../secret.txt', '/js/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const answer = await raw(relay.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 (400|404) /, `${target}: ${answer.split('\r\n')[0]}`);
      assert.doesNotMatch(answer, /not for you/);
    }
    assert.equal((await fetch(`${base}/`, { method: 'POST', body: 'x' })).status, 405);
  });

  test('/healthz and /metrics with one series per worker', async () => {
    const h = await fetch(`${base}/healthz`);
    assert.equal(h.status, 200);
    assert.equal((await h.text()).trim(), 'ok');
    const m = await fetch(`${base}/metrics`);
    assert.equal(m.status, 200);
    assert.match(m.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await m.text();
    for (const w of [0, 1, 2]) assert.match(text, new RegExp(`skirmish_relay_connections\\{worker="${w}"\\} \\d+`));
    for (const name of ['rooms', 'messages_in_total', 'bytes_out_total', 'slow_consumers_dropped_total', 'handshake_failures_total', 'tick_lateness_seconds_bucket']) {
      assert.match(text, new RegExp(`# TYPE skirmish_relay_${name.replace('_bucket', '')} `));
    }
    assert.match(text, /skirmish_relay_http_requests_total\{worker="\d"\} [1-9]/);
  });

  test('the WebSocket path: a plain GET gets 426, an upgrade elsewhere 404', async () => {
    assert.equal((await fetch(`${base}/ws`)).status, 426);
    const answer = await raw(relay.port,
      'GET /elsewhere HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 404 /);
  });
});
