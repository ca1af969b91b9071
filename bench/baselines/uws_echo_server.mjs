#!/usr/bin/env node
// The uWebSockets.js echo server the WebSocket benchmark compares against
// (npm @trufflesuite/uws-js-unofficial): every message goes back as it
// came. Prints "listening on 127.0.0.1:PORT".
import { createRequire } from 'node:module';

const uWS = createRequire(import.meta.url)('@trufflesuite/uws-js-unofficial');
let token;
uWS
  .App()
  .ws('/*', {
    compression: uWS.DISABLED,
    maxPayloadLength: 16 * 1024 * 1024,
    idleTimeout: 0,
    message: (ws, message, isBinary) => ws.send(message, isBinary),
  })
  .listen('127.0.0.1', Number(process.argv[2] ?? 0), (t) => {
    token = t;
    if (!t) {
      console.error('uws: cannot listen');
      process.exit(1);
    }
    console.log(`listening on 127.0.0.1:${uWS.us_socket_local_port(t)}`);
  });
process.on('SIGTERM', () => {
  uWS.us_listen_socket_close(token);
  process.exit(0);
});
