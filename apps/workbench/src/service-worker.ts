// The service worker: after the first visit the workbench opens and runs offline. It caches
// this build's files at install (the app, duckdb-wasm's wasm and worker, the example data;
// lib/persistence/offline-cache.ts says which), serves them from the cache, and fetches the
// page from the network first (so a new version shows when online) with the cached page as the
// fallback. It never fetches from another origin (the CSP allows none) and never sees user data:
// loaded files are read in the page and kept in OPFS, not fetched.
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { base, build, files, prerendered, version } from '$service-worker';
import { cacheName, cacheableAtRunTime, oldCaches, precacheList } from '$lib/persistence/offline-cache';

// the global scope of a service worker (the DOM types describe a window's)
const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = cacheName(version);
const PAGE = `${base}/`;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(precacheList({ base, build, files, prerendered }));
      // take over at once: the cached files are this build's, the page's too
      await sw.skipWaiting();
    })()
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of oldCaches(await caches.keys(), CACHE)) await caches.delete(key);
      await sw.clients.claim();
    })()
  );
});

async function page(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(PAGE, res.clone());
    return res;
  } catch (e) {
    const hit = (await cache.match(PAGE)) ?? (await cache.match(request, { ignoreSearch: true }));
    if (hit) return hit;
    throw e;
  }
}

async function asset(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic' && cacheableAtRunTime(url, sw.location.origin, base)) await cache.put(request, res.clone());
  return res;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : asset(request, url));
});
