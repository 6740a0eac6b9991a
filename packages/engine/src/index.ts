// @segmint/engine: environment-neutral core (runs in the browser and in Node).
// Backends: '@segmint/engine/node' (native DuckDB) and '@segmint/engine/browser' (duckdb-wasm).
export * from './types.js';
export { ident, str } from './sql/quote.js';
