// A small hand-written SVG line chart for benchmark results (no dependencies):
// series of (x, y) points on linear axes with round ticks, a legend, and
// optional horizontal reference lines (a target). lineChart() gives one chart
// as an SVG group; svgDocument() puts charts side by side in one file.

const palette = ['#1b6ac9', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#495057'];

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const fmt = (v) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : String(Number(v.toPrecision(2))));

// Round tick values covering [0, max]: steps of 1, 2 or 5 times a power of ten.
export function niceTicks(max, count = 5) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks.at(-1) < max) ticks.push(Number((ticks.at(-1) + step).toPrecision(12)));
  return ticks;
}

// Powers of ten covering [min, max], for a logarithmic axis.
export function logTicks(min, max) {
  const ticks = [];
  let e = Math.floor(Math.log10(min));
  do ticks.push(Number((10 ** e++).toPrecision(12)));
  while (ticks.at(-1) < max || ticks.length < 2);
  return ticks;
}

// One chart, `width` x `height`, as a <g> translated to (x, y).
// series: [{ name, points: [[x, y], ...], dashed, color }]; refs: [{ y, label }].
// logY: a logarithmic y axis (values below its first tick sit on the axis),
// so one series that explodes does not flatten the others.
export function lineChart({ title, xLabel, yLabel, series, refs = [], x = 0, y = 0, width = 480, height = 320, logY = false }) {
  const m = { left: 62, right: 16, top: 34, bottom: 46 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = [...series.flatMap((s) => s.points.map((p) => p[1])), ...refs.map((r) => r.y)];
  const xTicks = niceTicks(Math.max(...xs, 1));
  const positive = ys.filter((v) => v > 0);
  const yTicks = logY ? logTicks(Math.max(Math.min(...positive, 1), 0.01), Math.max(...ys, 1)) : niceTicks(Math.max(...ys, 1));
  const xMax = xTicks.at(-1);
  const yMin = logY ? yTicks[0] : 0;
  const yMax = yTicks.at(-1);
  const px = (v) => m.left + (v / xMax) * pw;
  const share = logY
    ? (v) => (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
    : (v) => v / yMax;
  const py = (v) => m.top + ph - Math.min(share(v), 1) * ph;
  const out = [`<g transform="translate(${x},${y})">`];
  out.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(title)}</text>`);
  for (const t of yTicks) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${py(t)}" y2="${py(t)}" stroke="#e9ecef"/>`);
    out.push(`<text x="${m.left - 6}" y="${py(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
  }
  for (const t of xTicks) {
    out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${m.top + ph}" y2="${m.top + ph + 4}" stroke="#495057"/>`);
    out.push(`<text x="${px(t)}" y="${m.top + ph + 16}" text-anchor="middle" font-size="11">${fmt(t)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#495057"/>`);
  out.push(`<text x="${m.left + pw / 2}" y="${height - 8}" text-anchor="middle" font-size="12">${escape(xLabel)}</text>`);
  out.push(`<text transform="translate(14,${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(yLabel)}</text>`);
  for (const r of refs) {
    out.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${py(r.y)}" y2="${py(r.y)}" stroke="#c92a2a" stroke-dasharray="6 4"/>`);
    out.push(`<text x="${m.left + pw - 4}" y="${py(r.y) - 4}" text-anchor="end" font-size="11" fill="#c92a2a">${escape(r.label)}</text>`);
  }
  series.forEach((s, i) => {
    const color = s.color ?? palette[i % palette.length];
    const pts = s.points.map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    for (const [a, b] of s.points) out.push(`<circle cx="${px(a).toFixed(1)}" cy="${py(b).toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = m.top + 8 + i * 15;
    out.push(`<line x1="${m.left + 10}" x2="${m.left + 30}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    out.push(`<text x="${m.left + 35}" y="${ly + 4}" font-size="11">${escape(s.name)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}

// A standalone SVG document of `width` x `height` holding the given groups.
export function svgDocument(width, height, groups, { note } = {}) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...groups,
    note ? `<text x="8" y="${height - 6}" font-size="10" fill="#868e96">${escape(note)}</text>` : '',
    '</svg>',
    '',
  ].join('\n');
}
