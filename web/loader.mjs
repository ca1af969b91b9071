// Loads one of skirmish's wasm modules (an Emscripten ES module factory and
// its .wasm, built by skirmish_wasm_module) in a page or in Node.
//
// note: Emscripten 3.1.6's loader fetches the .wasm with fetch() whenever
// fetch exists, which under Node 20 means fetch() of a file path, and fails;
// so under Node the bytes are read here and handed over as wasmBinary. (Its
// use of require and __dirname is patched at link time, see
// cmake/wasm_node_esm_shim.js.) In a page the module streams its .wasm.

const inNode = typeof process === 'object' && typeof process.versions?.node === 'string';

// The .wasm beside a module's .mjs.
export function wasmUrlFor(moduleUrl) {
  const url = new URL(String(moduleUrl));
  url.pathname = url.pathname.replace(/\.m?js$/, '.wasm');
  return url;
}

// Imports the module at `moduleUrl` (absolute: a URL, or a string such as
// new URL('./x.mjs', import.meta.url).href) and instantiates it. Options:
// wasmUrl (where its .wasm is, default beside it), wasmBinary (the bytes,
// skipping the fetch), and any other Emscripten Module settings (print, ...).
export async function loadWasmModule(moduleUrl, options = {}) {
  const { wasmUrl, ...settings } = options;
  const { default: create } = await import(String(moduleUrl));
  if (typeof create !== 'function') throw new Error(`${moduleUrl} is not an Emscripten module factory`);
  const wasm = new URL(String(wasmUrl ?? wasmUrlFor(moduleUrl)));
  if (!settings.wasmBinary) {
    if (inNode && wasm.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      settings.wasmBinary = await readFile(wasm);
    } else if (inNode) {
      const response = await fetch(wasm);
      if (!response.ok) throw new Error(`cannot load ${wasm}: HTTP ${response.status}`);
      settings.wasmBinary = await response.arrayBuffer();
    } else {
      settings.locateFile = (path, prefix) => (path.endsWith('.wasm') ? wasm.href : prefix + path);
    }
  }
  return create(settings);
}
