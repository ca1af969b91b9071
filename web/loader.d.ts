// Types for web/loader.mjs: loading a skirmish wasm module in a page or in Node.

/** Emscripten Module settings passed through to the module factory. */
export interface ModuleSettings {
  /** The .wasm bytes; skips fetching (and reading) them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  print?: (text: string) => void;
  printErr?: (text: string) => void;
  [setting: string]: unknown;
}

export interface LoadOptions extends ModuleSettings {
  /** Where the module's .wasm is; by default beside its .mjs. */
  wasmUrl?: string | URL;
}

/** The .wasm beside a module's .mjs. */
export function wasmUrlFor(moduleUrl: string | URL): URL;

/**
 * Imports the module factory at `moduleUrl` (absolute) and instantiates it.
 * Under Node the .wasm is read (file:) or fetched (http:) here, which works
 * around Emscripten 3.1.6's loader.
 */
export function loadWasmModule<M = Record<string, unknown>>(moduleUrl: string | URL, options?: LoadOptions): Promise<M>;
