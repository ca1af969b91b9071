// Robustness: 1,000 connections that never finish the opening handshake are
// all closed at the handshake timeout, while a well-behaved client on the
// same server keeps getting its echoes the whole time.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import WebSocket from 'ws';
import { startEchoServer } from './echo_process.mjs';

const preset = process.env.SKIRMISH_ECHO_PRESET ?? 'native-release';
const stalled = 1000;

test('1,000 stalled handshakes are closed on timeout while echoes keep coming', async () => {
  // note: 2,000 fds in this process and 1,000 in the server; the limit here is 20,000.
  const server = await startEchoServer(['--handshake-timeout-ms', '1500'], { preset });
  try {
    const good = new WebSocket(server.url);
    await new Promise((ok, fail) => good.once('open', ok).once('error', fail));

    // Half send a partial head, half send nothing at all.
    let closed = 0;
    let allClosed;
    const everyoneClosed = new Promise((ok) => (allClosed = ok));
    const sockets = [];
    for (let i = 0; i < stalled; i++) {
      const s = connect({ host: '127.0.0.1', port: server.port });
      s.on('error', () => {});
      s.on('connect', () => {
        if (i % 2 === 0) s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
      });
      s.on('close', () => {
        if (++closed === stalled) allClosed();
      });
      sockets.push(s);
    }

    // The well-behaved client echoes round after round until the last
    // stalled socket is gone; each round must come back.
    let rounds = 0;
    let done = false;
    everyoneClosed.then(() => (done = true));
    let roundsWhileStalled = 0;
    while (!done) {
      const text = `round ${rounds}`;
      const reply = new Promise((ok) => good.once('message', (d) => ok(d.toString())));
      good.send(text);
      assert.equal(await reply, text);
      rounds++;
      if (closed === 0) roundsWhileStalled = rounds;
    }
    assert.equal(closed, stalled);
    assert.ok(roundsWhileStalled > 0, 'no echo came back while the 1,000 handshakes were pending');
    // And the server is as good as new afterwards.
    const reply = new Promise((ok) => good.once('message', (d) => ok(d.toString())));
    good.send('after');
    assert.equal(await reply, 'after');
    good.close(1000);
    await new Promise((ok) => good.once('close', ok));
  } finally {
    assert.equal(await server.stop(), 0);
  }
});
