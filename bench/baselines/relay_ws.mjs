#!/usr/bin/env node
// The lockstep relay on Node `ws` (bench/relay.bench.mjs's baseline): the
// shared room service of lockstep_relay.mjs behind a `ws` WebSocketServer at
// /ws. Prints "listening on 127.0.0.1:PORT".
//   node bench/baselines/relay_ws.mjs [--port N] [--tick-hz 30] [--input-delay 2]
import { WebSocketServer } from 'ws';
import { LockstepRelay } from './lockstep_relay.mjs';
import { relayOptions } from './relay_options.mjs';

const o = relayOptions(process.argv);
const relay = new LockstepRelay(o);
const wss = new WebSocketServer({ host: '127.0.0.1', port: o.port, perMessageDeflate: false, maxPayload: 128 });
wss.on('listening', () => console.log(`listening on 127.0.0.1:${wss.address().port}`));
wss.on('connection', (ws) => {
  const peer = relay.open({
    send: (bytes) => ws.send(bytes, { binary: true }),
    close: (code, reason) => ws.close(code, reason),
  });
  ws.on('message', (data, isBinary) => relay.message(peer, data, isBinary));
  ws.on('close', () => relay.closed(peer));
  ws.on('error', () => {});
});
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close(() => process.exit(0));
});
