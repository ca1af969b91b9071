#!/usr/bin/env node
// `npm run echo-server -- --port N [options]`: starts skirmish-echo-server
// from an existing build (native-release, else native-debug) without running
// setup; every argument goes to the server (see its --help text in
// server-bridge/ws-connection/tools/echo_server.cpp). SIGTERM and SIGINT are
// passed on, so the server closes its connections with 1001 and exits 0.
import { runBuilt } from './lib/run_built.mjs';

runBuilt('server-bridge/ws-connection/skirmish-echo-server', { name: 'skirmish-echo-server', buildHint: '`npm run build` (or `npm test`)' });
