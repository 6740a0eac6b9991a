// The automation handle the workbench sets on window (see wasm.ts and app.d.ts), on a page opened
// with the automation flag only (automation.ts). Its
// own module, importing types only, so the end-to-end tests (test/e2e/globals.d.ts) declare
// window.segmint with this very type.
import type { Workspace, buildCustomers } from '@segmint/engine';
import type { WasmBackend, browserFile } from '@segmint/engine/browser';

/** For automation (Playwright) and the cross-backend test. */
export interface SegmintHandle {
  /** the Workspace holding the data set on screen (replaced when another data set loads) */
  workspace: Workspace;
  /** its duckdb-wasm backend */
  backend: WasmBackend;
  /** a fresh Workspace on its own new duckdb-wasm database (leaves the app's data alone) */
  createWorkspace(): Promise<Workspace>;
  /** a fresh duckdb-wasm database */
  createBackend(): Promise<WasmBackend>;
  /** the engine's metric builder (packages/engine/src/metrics), for the cross-backend test */
  buildCustomers: typeof buildCustomers;
  /** a browser File as an engine input, for page.evaluate() */
  browserFile: typeof browserFile;
}
