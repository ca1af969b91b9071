#!/usr/bin/env node
// A plain static file server for the demo page and the browser tests:
// `node scripts/static_server.mjs [folder] [--port N]` (default: web/, a free
// port on 127.0.0.1). Import startStaticServer to run one inside a test.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm', // needed for streaming compilation
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Serves the files under `root` on `host`:`port` (0: any free port).
// Resolves with { server, url, close() }.
export async function startStaticServer({ root, port = 0, host = '127.0.0.1' }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (status, text) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'only GET and HEAD\n');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad URL\n');
    }
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'outside the served folder\n');
    let target = file;
    try {
      let info = await stat(target);
      if (info.isDirectory()) {
        target = join(target, 'index.html');
        info = await stat(target);
      }
      res.writeHead(200, {
        'content-type': types[extname(target)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(target).pipe(res);
    } catch {
      send(404, `not found: ${path}\n`);
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const { port: bound } = server.address();
  const url = `http://${host}:${bound}`;
  return { server, url, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : 0;
  const root = args[0] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'web');
  const { url } = await startStaticServer({ root, port });
  console.log(`serving ${resolve(root)} at ${url}/ (Ctrl-C stops)`);
}
