// @segmint/engine/browser: the duckdb-wasm backend and browser file inputs. No node:* imports.
export { WasmBackend, browserFile, type WasmBundles, type WasmBundleFiles, type WasmBackendOptions } from './wasm-backend.js';
export { tableToRows, formatDate, formatTimestamp } from './arrow-values.js';
