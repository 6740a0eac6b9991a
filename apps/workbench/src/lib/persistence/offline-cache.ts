// What the service worker (src/service-worker.ts) keeps for offline use, as pure decisions: the
// files cached at install (the app, duckdb-wasm's eh wasm and worker, the example data: all Vite
// output of this build), and which other same-origin responses may be cached when first fetched.
export const CACHE_PREFIX = 'segmint-app-';

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** Caches of earlier versions of the app (deleted when a new version takes over). */
export function oldCaches(keys: readonly string[], current: string): string[] {
  return keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== current);
}

/** duckdb-wasm's fallback build (browsers without wasm exceptions): 30 MB more that current
 * browsers never ask for, so it is cached only if it is ever fetched. */
function fallbackOnly(path: string): boolean {
  return /duckdb-mvp|duckdb-browser-mvp/.test(path);
}

/** The URLs cached at install: the page, the build's files and the static files. */
export function precacheList(sw: { base: string; build: readonly string[]; files: readonly string[]; prerendered: readonly string[] }): string[] {
  const page = `${sw.base}/`;
  const all = [page, ...sw.prerendered, ...sw.build.filter((p) => !fallbackOnly(p)), ...sw.files];
  return [...new Set(all)];
}

/** Whether a response fetched at run time may be cached: same-origin app files only (this app
 * fetches nothing else; blob: and data: never reach the service worker). */
export function cacheableAtRunTime(url: URL, origin: string, base: string): boolean {
  return url.origin === origin && url.pathname.startsWith(`${base}/_app/`);
}
