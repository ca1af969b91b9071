// Formats benchmark records as a plain-text table a person can read.
const preferred = ['benchmark', 'target', 'ns_per_op', 'baseline', 'baseline_ns_per_op', 'speedup', 'ratio', 'goal', 'meets_goal'];

function cell(v) {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
  return String(v);
}

export function formatTable(records) {
  const keys = [...preferred.filter((k) => records.some((r) => k in r))];
  for (const r of records) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const rows = [keys, ...records.map((r) => keys.map((k) => cell(r[k])))];
  const widths = keys.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
