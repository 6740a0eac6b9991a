// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SegmintHandle } from '$lib/engine/handle';

declare global {
  namespace App {}
  interface Window {
    /**
     * Automation handle, set once the engine has started (used by the Playwright tests):
     *  - workspace: the app's Workspace (the loaded data set)
     *  - backend: its duckdb-wasm backend (WasmBackend)
     *  - createWorkspace(): a fresh Workspace on a new duckdb-wasm database
     *  - browserFile(file): a File as an engine InputFile
     */
    segmint?: SegmintHandle;
  }
}
export {};
