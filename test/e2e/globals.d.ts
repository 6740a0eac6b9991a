// The automation handle the workbench sets on window, as the tests see it inside
// page.evaluate(): the app's own type (apps/workbench/src/lib/engine/handle.ts).
import type { SegmintHandle } from '../../apps/workbench/src/lib/engine/handle.js';

declare global {
  interface Window {
    segmint?: SegmintHandle;
  }
}
export {};
