// Starts a lockstep relay for the bot client's tests on a free port and stops
// it with SIGTERM: skirmish-relay (one worker), or with
// SKIRMISH_BOT_TEST_RELAY=ws the Node `ws` relay of bench/baselines (the same
// protocol, a real process over real sockets).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const preset = process.env.SKIRMISH_BOT_PRESET ?? 'native-release';
// The relay's build, apart from the bot's: a debug bot against a release relay, say.
const relayPreset = process.env.SKIRMISH_BOT_RELAY_PRESET ?? 'native-release';

export function botPath() {
  const path = `${root}build/${preset}/client/bot-client/skirmish-bot`;
  if (!existsSync(path)) throw new Error(`${path} is missing: build the ${preset} preset first (npm test does)`);
  return path;
}

function relayCommand(kind) {
  if (kind === 'ws') return [process.execPath, [`${root}bench/baselines/relay_ws.mjs`, '--port', '0']];
  if (kind === 'uws') return [process.execPath, [`${root}bench/baselines/relay_uws.mjs`, '--port', '0']];
  const path = `${root}build/${relayPreset}/server-bridge/relay/skirmish-relay`;
  return [path, ['--port', '0', '--threads', '1']];
}

// Resolves once the relay printed its port: { kind, port, url, stop() }.
export async function startRelay(kind = process.env.SKIRMISH_BOT_TEST_RELAY ?? 'skirmish') {
  const [cmd, args] = relayCommand(kind);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok(code ?? signal)));
  const port = await new Promise((ok, fail) => {
    const look = () => {
      const m = /(?:listening on [^\s]*:|open http:\/\/[^\s]*:)(\d+)/.exec(output);
      if (m) ok(Number(m[1]));
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    exited.then((code) => fail(new Error(`${kind} relay exited (${code}) before listening: ${output}`)));
  });
  return {
    kind,
    pid: child.pid,
    port,
    url: `ws://127.0.0.1:${port}/ws`,
    output: () => output,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

// Runs skirmish-bot to its end: { code, events (parsed JSON lines), stderr }.
export function runBot(args, { timeoutMs = 30_000 } = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(botPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`skirmish-bot ${args.join(' ')} did not finish in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    // note: 'close', not 'exit': every line printed has been read by then.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const events = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      ok({ code: code ?? signal, events, stderr: err });
    });
  });
}
