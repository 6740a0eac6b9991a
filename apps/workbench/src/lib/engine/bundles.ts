// duckdb-wasm's wasm and worker files, bundled by Vite from the package and served from the
// app's own origin (never a CDN). eh = wasm exceptions (current browsers), mvp = fallback.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { WasmBundles } from '@segmint/engine/browser';

/** Absolute URLs: the worker resolves them against its own location otherwise. */
function abs(url: string): string {
  return new URL(url, document.baseURI).href;
}

export function wasmBundles(): WasmBundles {
  return {
    eh: { mainModule: abs(ehWasm), mainWorker: abs(ehWorker) },
    mvp: { mainModule: abs(mvpWasm), mainWorker: abs(mvpWorker) }
  };
}
