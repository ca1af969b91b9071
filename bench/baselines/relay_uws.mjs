#!/usr/bin/env node
// The lockstep relay on uWebSockets.js (npm @trufflesuite/uws-js-unofficial),
// bench/relay.bench.mjs's other baseline: the shared room service of
// lockstep_relay.mjs behind uWS at /ws. Prints "listening on 127.0.0.1:PORT".
//   node bench/baselines/relay_uws.mjs [--port N] [--tick-hz 30] [--input-delay 2]
import { createRequire } from 'node:module';
import { LockstepRelay } from './lockstep_relay.mjs';
import { relayOptions } from './relay_options.mjs';

const uWS = createRequire(import.meta.url)('@trufflesuite/uws-js-unofficial');
const o = relayOptions(process.argv);
const relay = new LockstepRelay(o);
let token;
uWS
  .App()
  .ws('/*', {
    compression: uWS.DISABLED,
    maxPayloadLength: 128,
    idleTimeout: 0,
    maxBackpressure: 256 * 1024,
    open: (ws) => {
      const conn = {
        closed: false,
        send: (bytes) => conn.closed || ws.send(bytes, true),
        close: (code, reason) => {
          if (conn.closed) return;
          conn.closed = true;
          ws.end(code, reason);
        },
      };
      ws.peer = relay.open(conn);
    },
    // note: uWS gives an ArrayBuffer valid only during this call; the relay
    // copies what it keeps (input payloads).
    message: (ws, message, isBinary) => relay.message(ws.peer, new Uint8Array(message), isBinary),
    close: (ws) => {
      ws.peer.conn.closed = true;
      relay.closed(ws.peer);
    },
  })
  .listen('127.0.0.1', o.port, (t) => {
    token = t;
    if (!t) {
      console.error('relay_uws: cannot listen');
      process.exit(1);
    }
    console.log(`listening on 127.0.0.1:${uWS.us_socket_local_port(t)}`);
  });
process.on('SIGTERM', () => {
  uWS.us_listen_socket_close(token);
  process.exit(0);
});
