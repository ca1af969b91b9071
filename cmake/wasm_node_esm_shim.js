// Prepended to every wasm module's ES module (--extern-pre-js). Emscripten
// 3.1.6 emits an ES module whose Node branch still uses CommonJS `require`
// and `__dirname`; here they are, for Node only, so the module also loads
// in Node as an ES module. In a page both stay undefined and unused.
const skirmishInNode = typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string';
const require = skirmishInNode ? (await import('node:module')).createRequire(import.meta.url) : undefined;
const __dirname = skirmishInNode ? (await import('node:url')).fileURLToPath(new URL('.', import.meta.url)) : '';
