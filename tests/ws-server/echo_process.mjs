// Starts skirmish-echo-server from an existing build on a free port and stops
// it with SIGTERM; shared by the conformance suite, the interop and
// robustness tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function echoServerPath(preset = process.env.SKIRMISH_ECHO_PRESET ?? 'native-release') {
  const path = `${root}build/${preset}/server-bridge/ws-connection/skirmish-echo-server`;
  if (!existsSync(path)) throw new Error(`${path} is missing: build the ${preset} preset first (npm test does)`);
  return path;
}

// Resolves once the server printed its port: { port, url, pid, stop() }.
// stop() sends SIGTERM and resolves with the exit code (or the signal).
export async function startEchoServer(args = [], { preset } = {}) {
  const child = spawn(echoServerPath(preset), ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
  const port = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on [^:\s]+:(\d+)/.exec(out);
      if (m) ok(Number(m[1]));
    });
    exited.then((code) => fail(new Error(`echo server exited (${code}) before listening: ${stderr}`)));
  });
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid,
    child,
    stderr: () => stderr,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
