// web/ as an npm package: `npm pack` gives the ES modules, their types and the
// release wasm module, and nothing else; installed elsewhere, the package
// loads its module in Node by its name.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { installPackedWeb } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'skirmish-pack-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('npm pack gives an importable package with the wasm module and its types', async () => {
  const files = await installPackedWeb(dir);
  assert.deepEqual(files, [
    'README.md',
    'dist/skirmish-game.mjs',
    'dist/skirmish-game.wasm',
    'dist/skirmish-runtime.mjs',
    'dist/skirmish-runtime.wasm',
    'game.d.ts',
    'game/battle.mjs',
    'game/element.mjs',
    'game/hud.mjs',
    'game/input.mjs',
    'game/layout.mjs',
    'game/main.mjs',
    'game/palette.mjs',
    'game/renderer.mjs',
    'game/sound.mjs',
    'game/style.css',
    'loader.d.ts',
    'loader.mjs',
    'package.json',
    'runtime.d.ts',
    'runtime.mjs',
  ]);
  // a consumer's own module, outside this repository, importing by package name
  writeFileSync(
    join(dir, 'consumer.mjs'),
    `import { loadRuntime } from '@skirmish/web';
import { loadWasmModule, wasmUrlFor } from '@skirmish/web/loader';
const rt = await loadRuntime();
const seen = await rt.awaitValue(new Promise((ok) => setTimeout(() => ok('from the package'), 1)));
const doubled = await rt.doubleLater(21, { delayMs: 1 });
const raw = await loadWasmModule(new URL('./node_modules/@skirmish/web/dist/skirmish-runtime.mjs', import.meta.url));
console.log(JSON.stringify({ seen, doubled, loader: typeof loadWasmModule, wasm: wasmUrlFor('file:///x/a.mjs').href, raw: typeof raw.stats }));
`,
  );
  const out = execFileSync(process.execPath, [join(dir, 'consumer.mjs')], { cwd: dir, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), {
    seen: { ok: true, value: 'from the package' },
    doubled: 42,
    loader: 'function',
    wasm: 'file:///x/a.wasm',
    raw: 'function',
  });
});
