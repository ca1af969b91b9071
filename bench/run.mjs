#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in name order, prints one
// table per results file and writes bench/results/<file> as a JSON array.
// Usage: node bench/run.mjs [word ...]  (only the .bench.mjs files whose name contains one of the words)
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTable } from './lib/table.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const words = process.argv.slice(2);
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.mjs') && (words.length === 0 || words.some((w) => f.includes(w))))
  .sort();

const byFile = new Map();
for (const f of files) {
  process.stdout.write(`\n== ${f}\n`);
  const mod = await import(pathToFileURL(join(root, 'bench', f)).href);
  const records = await mod.run({ root, log: (line) => process.stdout.write(`   ${line}\n`) });
  for (const r of records) {
    if (!byFile.has(r.file)) byFile.set(r.file, []);
    const { file, ...rest } = r;
    byFile.get(file).push(rest);
  }
}

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
for (const [file, records] of byFile) {
  process.stdout.write(`\n== ${file}\n${formatTable(records)}\n`);
  writeFileSync(join(root, 'bench', 'results', file), JSON.stringify(records, null, 2) + '\n');
}
process.stdout.write(`\nwrote ${[...byFile.keys()].map((f) => `bench/results/${f}`).join(', ')}\n`);
