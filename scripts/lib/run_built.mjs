// Runs one of the project's programs from an existing build (native-release,
// else native-debug) without running setup, with the caller's arguments, and
// passes SIGTERM and SIGINT on so the program can close cleanly; the process
// exits with the program's status. Behind `npm start` and
// `npm run relay`, `bot` and `echo-server`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// `args` go before the caller's own (the defaults they may override).
export function runBuilt(relativePath, { name, buildHint, args = [] }) {
  const builds = ['native-release', 'native-debug'].map((p) => join(root, 'build', p, relativePath));
  const program = builds.find((p) => existsSync(p));
  if (!program) {
    console.error(`${name} is not built: run ${buildHint} first`);
    process.exit(1);
  }
  const child = spawn(program, [...args, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
