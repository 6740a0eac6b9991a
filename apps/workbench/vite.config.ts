import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  // Assets (the example CSVs, the wasm) are always separate files from the app's own origin.
  build: { chunkSizeWarningLimit: 4000, assetsInlineLimit: 0 },
  test: { include: ['src/**/*.test.ts'] }
});
