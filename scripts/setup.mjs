#!/usr/bin/env node
// The bootstrap behind `npm start`, `npm test` and `npm run bench`: checks the
// Debian packages the project needs (installing them when run as root),
// installs the npm packages once per lockfile, and builds the CMake presets
// the command needs. A second run only lets Ninja confirm nothing changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Debian packages, and why each is needed.
const buildPackages = {
  'cmake': 'configures the native and wasm builds',
  'ninja-build': 'runs the builds',
  'g++': 'compiles the native build',
  'emscripten': 'compiles the wasm build (Debian ships 3.1.6)',
  'node-acorn': "emcc's JS optimizer needs acorn",
  'doctest-dev': 'the C++ test framework',
  'libssl-dev': "libcrypto's SHA-1 and random bytes for the WebSocket handshake",
};
const browserPackages = {
  'chromium': 'the headless browser the browser driver tests and benchmarks drive (playwright-core)',
  'fonts-dejavu-core': 'a font, so headless Chromium renders pages',
};
const testPackages = {
  ...buildPackages,
  'clang': 'compiles the libFuzzer targets (the fuzz preset)',
  'libclang-rt-14-dev': "clang's libFuzzer and sanitizer runtimes",
  ...browserPackages,
};

const profiles = {
  build: { packages: buildPackages, presets: ['native-release', 'wasm-release'] },
  start: { packages: buildPackages, presets: ['native-release', 'wasm-release'] },
  test: { packages: testPackages, presets: ['native-debug', 'native-release', 'native-tsan', 'wasm-debug', 'wasm-release', 'fuzz'] },
  bench: { packages: { ...buildPackages, ...browserPackages }, presets: ['native-release', 'wasm-release'] },
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return r.status ?? 1;
}

function step(title) {
  process.stdout.write(`\n== ${title}\n`);
}

function missingPackages(names) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...names], { encoding: 'utf8' });
  const installed = new Set(
    (r.stdout || '').split('\n').filter((l) => /^\S+ ii/.test(l)).map((l) => l.split(' ')[0].split(':')[0]),
  );
  return names.filter((n) => !installed.has(n));
}

function ensureSystemPackages(packages) {
  const missing = missingPackages(Object.keys(packages));
  if (missing.length === 0) return;
  const why = missing.map((p) => `  ${p}: ${packages[p]}`).join('\n');
  if (process.getuid?.() !== 0) {
    console.error(`skirmish needs these Debian packages:\n${why}\n\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n`);
    process.exit(1);
  }
  step(`installing Debian packages: ${missing.join(' ')}`);
  console.log(why);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update'], { env }) !== 0) fail('apt-get update failed');
  if (run('apt-get', ['install', '-y', ...missing], { env }) !== 0) fail('apt-get install failed');
}

function ensureNpmPackages() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.skirmish-lock-hash');
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  step('installing npm packages (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) fail('npm ci failed');
  writeFileSync(stamp, hash);
}

function build(preset) {
  const dir = join(root, 'build', preset);
  if (!existsSync(join(dir, 'CMakeCache.txt'))) {
    step(`configuring ${preset}`);
    if (run('cmake', ['--preset', preset]) !== 0) fail(`cmake --preset ${preset} failed`);
  }
  step(`building ${preset}`);
  if (run('cmake', ['--build', '--preset', preset]) !== 0) fail(`building ${preset} failed`);
}

function fail(message) {
  console.error(`\nsetup: ${message}`);
  process.exit(1);
}

const name = process.argv[2] ?? 'build';
const profile = profiles[name];
if (!profile) fail(`unknown profile "${name}" (one of ${Object.keys(profiles).join(', ')})`);
ensureSystemPackages(profile.packages);
ensureNpmPackages();
for (const preset of profile.presets) build(preset);
