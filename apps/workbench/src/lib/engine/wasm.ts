// The app's engine: a duckdb-wasm database (in a Worker, files from the app's own origin) with a
// Workspace over it, and the automation handle on window.segmint for the engine in use,
// installed only when the page was opened with the automation flag (automation.ts).
import { Workspace, buildCustomers } from '@segmint/engine';
import { WasmBackend, browserFile } from '@segmint/engine/browser';
import { wasmBundles } from './bundles.js';
import { automationRequested } from './automation.js';

export interface Engine {
  backend: WasmBackend;
  ws: Workspace;
  close(): Promise<void>;
}

/** Start a new, empty engine. */
export async function startEngine(): Promise<Engine> {
  const backend = await WasmBackend.create(wasmBundles());
  return { backend, ws: new Workspace(backend), close: () => backend.close() };
}

/** Point window.segmint at `engine` (only on a page opened for automation). */
export function exposeEngine(engine: Engine): void {
  if (!automationRequested(location.search)) return;
  window.segmint = {
    workspace: engine.ws,
    backend: engine.backend,
    browserFile,
    buildCustomers,
    createWorkspace: async () => (await startEngine()).ws,
    createBackend: () => WasmBackend.create(wasmBundles())
  };
}
