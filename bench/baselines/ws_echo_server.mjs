#!/usr/bin/env node
// The Node `ws` echo server the WebSocket benchmark compares against:
// every message goes back as it came. Prints "listening on 127.0.0.1:PORT".
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0), perMessageDeflate: false });
wss.on('listening', () => console.log(`listening on 127.0.0.1:${wss.address().port}`));
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
process.on('SIGTERM', () => wss.close(() => process.exit(0)));
