import { describe, expect, it } from 'vitest';
import { cacheName, cacheableAtRunTime, oldCaches, precacheList } from './offline-cache.js';

describe('offline cache', () => {
  const build = ['/_app/immutable/entry/start.js', '/_app/immutable/assets/duckdb-eh.abc.wasm', '/_app/immutable/assets/duckdb-browser-eh.worker.def.js', '/_app/immutable/assets/duckdb-mvp.123.wasm', '/_app/immutable/assets/duckdb-browser-mvp.worker.456.js', '/_app/immutable/assets/orders.789.csv'];

  it('caches the page, the app, the eh wasm and worker and the example at install, not the fallback build', () => {
    const list = precacheList({ base: '', build, files: ['/favicon.svg'], prerendered: ['/'] });
    expect(list).toEqual(['/', '/_app/immutable/entry/start.js', '/_app/immutable/assets/duckdb-eh.abc.wasm', '/_app/immutable/assets/duckdb-browser-eh.worker.def.js', '/_app/immutable/assets/orders.789.csv', '/favicon.svg']);
  });

  it('works under a base path', () => {
    expect(precacheList({ base: '/segmint', build: [], files: [], prerendered: [] })).toEqual(['/segmint/']);
  });

  it('drops the caches of other versions only', () => {
    expect(oldCaches(['segmint-app-1', 'segmint-app-2', 'other'], cacheName('2'))).toEqual(['segmint-app-1']);
  });

  it('caches at run time only the app files of its own origin', () => {
    const origin = 'http://127.0.0.1:4791';
    expect(cacheableAtRunTime(new URL('/_app/immutable/assets/duckdb-mvp.1.wasm', origin), origin, '')).toBe(true);
    expect(cacheableAtRunTime(new URL('/other.json', origin), origin, '')).toBe(false);
    expect(cacheableAtRunTime(new URL('/_app/x.js', 'http://elsewhere.test'), origin, '')).toBe(false);
  });
});
