// The automation handle the workbench sets on window (apps/workbench/src/lib/session.svelte.ts,
// SegmintHandle), as the tests see it inside page.evaluate().
import type { Workspace, buildCustomers } from '@segmint/engine';
import type { WasmBackend, browserFile } from '@segmint/engine/browser';

declare global {
  interface Window {
    segmint?: {
      workspace: Workspace;
      backend: WasmBackend;
      createWorkspace(): Promise<Workspace>;
      createBackend(): Promise<WasmBackend>;
      buildCustomers: typeof buildCustomers;
      browserFile: typeof browserFile;
    };
  }
}
export {};
