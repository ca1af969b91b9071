// The runtime demo page: loads the runtime module and runs a few tasks while
// a JS animation shows whether the page stays responsive.
import { loadRuntime } from '../runtime.mjs';

const $ = (id) => document.getElementById(id);
const status = $('status');
const result = $('result');

// The page's own animation, and how many frames it got.
const canvas = $('spinner').getContext('2d');
let frames = 0;
function draw(t) {
  frames++;
  canvas.clearRect(0, 0, 160, 160);
  canvas.save();
  canvas.translate(80, 80);
  canvas.rotate(t / 400);
  canvas.fillStyle = '#3a7';
  canvas.fillRect(-40, -40, 80, 80);
  canvas.restore();
  requestAnimationFrame(draw);
}
requestAnimationFrame(draw);

function showStats(rt) {
  const rows = Object.entries(rt.stats()).map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`);
  $('stats').innerHTML = rows.join('');
}

async function timed(what, run) {
  const f0 = frames;
  const t0 = performance.now();
  const value = await run();
  const ms = performance.now() - t0;
  const fps = ((frames - f0) * 1000) / ms;
  return { what, value, ms, fps };
}

try {
  const rt = await loadRuntime();
  status.textContent = 'ready';
  for (const b of document.querySelectorAll('button')) b.disabled = false;
  setInterval(() => showStats(rt), 250);

  $('yields').onclick = async () => {
    const before = rt.stats().macrotaskYields;
    const r = await timed('yields', () => rt.yields(10_000_000));
    const yields = rt.stats().macrotaskYields - before;
    result.textContent = `${r.value.toLocaleString()} yields in ${r.ms.toFixed(0)} ms; the page drew ${r.fps.toFixed(0)} frames/s meanwhile and got ${yields} turns back (${((yields * 1000) / r.ms).toFixed(0)}/s).`;
  };
  $('promise').onclick = async () => {
    const r = await rt.awaitValue(new Promise((ok) => setTimeout(() => ok('a value from JS'), 300)));
    const bad = await rt.awaitValue(fetch('http://127.0.0.1:9/').then((x) => x.text()));
    result.textContent = `C++ got ${JSON.stringify(r.value)}; a failed fetch came back as a value: "${bad.message}".`;
  };
  $('frames').onclick = async () => {
    const stamps = await rt.nextFrames(60);
    const mean = (stamps[stamps.length - 1] - stamps[0]) / (stamps.length - 1);
    result.textContent = `C++ awaited 60 animation frames, ${mean.toFixed(2)} ms apart on average.`;
  };
} catch (e) {
  status.textContent = `could not load the runtime module: ${e.message} (build the wasm-release preset first)`;
  throw e;
}
