import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    // A purely static, client-side app: no server at run time. One prerendered page; the static
    // server (scripts/serve.mjs) answers unknown paths with it.
    adapter: adapter({ pages: 'build', assets: 'build', strict: true }),
    // Relative asset paths so the build folder works from any path or file server.
    paths: { relative: true },
    // The service worker (offline use) is registered by the app itself, in production builds only
    // (lib/persistence/offline.ts).
    serviceWorker: { register: false },
    // Content-Security-Policy as a <meta> tag with hashes of Kit's inline start-up script:
    // only this origin (plus blob: for duckdb-wasm's worker/files and wasm compilation).
    // No other origin may be contacted: the data never leaves the machine.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval', 'blob:'],
        // 'self' also admits the service worker (src/service-worker.ts)
        'worker-src': ['self', 'blob:'],
        'connect-src': ['self', 'blob:', 'data:'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self', 'data:'],
        // Svelte sets style attributes (bar widths); no remote styles.
        'style-src': ['self', 'unsafe-inline'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['none']
      }
    }
  }
};
