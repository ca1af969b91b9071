// Interoperability with an independent implementation, Node's `ws`: its
// client against skirmish-echo-server, and our client (ws_interop_client)
// against its server. Messages of 0 B, 125 B, 126 B, 64 KiB and 1 MiB, text
// and binary, fragmented messages both ways, pings both ways, and clean
// closes with the code checked on both sides.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { root, startEchoServer } from './echo_process.mjs';

const preset = process.env.SKIRMISH_ECHO_PRESET ?? 'native-release';
const sizes = [0, 125, 126, 64 * 1024, 1024 * 1024];
const payload = (n, seed, text) =>
  text ? Buffer.from(Array.from({ length: n }, (_, i) => 97 + ((i * 7 + seed) % 26))) : Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff));

const once = (emitter, name) => new Promise((ok) => emitter.once(name, (...args) => ok(args)));

// Collects the echo server's "closed path=..." lines (it runs with --verbose 1).
function closeLog(server) {
  const lines = [];
  const waiters = [];
  let buffer = '';
  server.child.stdout.on('data', (d) => {
    buffer += d;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const m = /^closed path=(\S+) received=(\d+) sent=(\d+) clean=(\d) pongs=(\d+)/.exec(line);
      if (!m) continue;
      lines.push({ path: m[1], received: +m[2], sent: +m[3], clean: m[4] === '1', pongs: +m[5], line });
      for (const w of waiters.splice(0)) w();
    }
  });
  return {
    // Resolves with the line of the connection opened on `path`.
    closed: (path) =>
      new Promise((ok) => {
        const check = () => {
          const l = lines.find((x) => x.path === path);
          if (l) ok(l);
          else waiters.push(check);
        };
        check();
      }),
  };
}

describe('Node ws client against our server', () => {
  let server, log;
  before(async () => {
    server = await startEchoServer(['--verbose', '1', '--max-message', String(4 * 1024 * 1024)], { preset });
    log = closeLog(server);
  });
  after(async () => assert.equal(await server.stop(), 0));

  const open = async (path) => {
    const ws = new WebSocket(`${server.url}${path}`);
    await once(ws, 'open');
    return ws;
  };
  const echoOf = async (ws, send) => {
    const reply = once(ws, 'message');
    send();
    const [data, isBinary] = await reply;
    return { data, isBinary };
  };

  test('text and binary messages of 0 B to 1 MiB come back intact', async () => {
    const ws = await open('/sizes');
    let seed = 0;
    for (const text of [true, false]) {
      for (const n of sizes) {
        const p = payload(n, seed++, text);
        const { data, isBinary } = await echoOf(ws, () => ws.send(text ? p.toString() : p, { binary: !text }));
        assert.equal(isBinary, !text, `${n} B ${text ? 'text' : 'binary'}: type`);
        assert.ok(Buffer.from(data).equals(p), `${n} B ${text ? 'text' : 'binary'}: payload`);
      }
    }
    ws.close(1000);
    await once(ws, 'close');
  });

  test('fragmented messages (fin: false) are reassembled and echoed whole', async () => {
    const ws = await open('/fragments');
    for (const [text, parts] of [
      [true, ['frag', 'ment', 'ed ✓']],
      [false, [payload(70000, 1, false), payload(0, 2, false), payload(125, 3, false)]],
    ]) {
      const reply = once(ws, 'message');
      parts.forEach((p, i) => ws.send(p, { binary: !text, fin: i === parts.length - 1 }));
      const [data, isBinary] = await reply;
      assert.equal(isBinary, !text);
      assert.ok(Buffer.from(data).equals(Buffer.concat(parts.map((p) => Buffer.from(p)))));
    }
    ws.close(1000);
    await once(ws, 'close');
  });

  test('a ping is answered with a pong carrying its payload', async () => {
    const ws = await open('/ping');
    const pong = once(ws, 'pong');
    ws.ping(Buffer.from('are you there'));
    const [data] = await pong;
    assert.equal(data.toString(), 'are you there');
    ws.close(1000);
    await once(ws, 'close');
  });

  test('a clean close: 4000 "bye" from the client is echoed; both sides see the code', async () => {
    const ws = await open('/close');
    const closed = once(ws, 'close');
    ws.close(4000, 'bye');
    const [code] = await closed;
    assert.equal(code, 4000);
    const line = await log.closed('/close');
    assert.deepEqual([line.received, line.sent, line.clean], [4000, 4000, true], line.line);
  });

  test('a server close (SIGTERM of another server) reaches the client as 1001, and the server exits 0', async () => {
    const other = await startEchoServer([], { preset });
    const ws = new WebSocket(other.url);
    await once(ws, 'open');
    const closed = once(ws, 'close');
    other.child.kill('SIGTERM');
    const [code] = await closed;
    assert.equal(code, 1001);
    assert.equal(await other.exited, 0);
  });
});

describe('our client against a Node ws server', () => {
  let wss, url;
  const seen = { pongs: 0, closes: [], onClose: [] };
  before(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 4 * 1024 * 1024 });
    await once(wss, 'listening');
    url = wss.address().port;
    wss.on('connection', (ws, req) => {
      ws.on('pong', () => seen.pongs++);
      ws.on('close', (code, reason) => {
        seen.closes.push({ path: req.url, code, reason: reason.toString() });
        for (const w of seen.onClose.splice(0)) w();
      });
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? null : data.toString();
        if (text === 'fragments') {
          ws.send('frag-1|', { fin: false });
          ws.send('frag-2|', { fin: false });
          ws.send('frag-3', { fin: true });
        } else if (text === 'ping me') {
          ws.ping('hi');
          ws.send('pinged');
        } else if (text === 'close me') {
          ws.close(4001, 'bye');
        } else {
          ws.send(data, { binary: isBinary });
        }
      });
    });
  });
  after(() => new Promise((ok) => wss.close(ok)));

  test('ws_interop_client passes every check', async () => {
    const program = `${root}build/${preset}/tests/ws-server/ws_interop_client`;
    assert.ok(existsSync(program), `${program} is missing: build the ${preset} preset first`);
    const child = spawn(program, [String(url)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const [code] = await once(child, 'exit');
    const checks = out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const c of checks) assert.ok(c.ok, `${c.check}: ${c.detail}`);
    const names = checks.map((c) => c.check);
    for (const n of sizes) {
      for (const kind of ['text', 'binary']) {
        assert.ok(names.includes(`our client, one frame per message: ${kind} ${n} B`));
        assert.ok(names.includes(`our client, auto-fragmenting at 16 KiB: ${kind} ${n} B`));
      }
    }
    assert.equal(checks.length, 28);
    assert.equal(code, 0);
    // The ws side: our pong to its ping, and our close 1000 "done".
    await new Promise((ok) => {
      const check = () => (seen.closes.length >= 2 ? ok() : seen.onClose.push(check));
      check();
    });
    assert.equal(seen.pongs, 1);
    assert.deepEqual(seen.closes.find((c) => c.path === '/plain'), { path: '/plain', code: 1000, reason: 'done' });
    // Our echo of its close carries the code only.
    assert.deepEqual(seen.closes.find((c) => c.path === '/fragmenting'), { path: '/fragmenting', code: 4001, reason: '' });
  });
});
