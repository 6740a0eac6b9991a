// Registers the service worker (src/service-worker.ts) in production builds: the development
// server serves modules that change at every edit, which a cache would only get in the way of.
import { dev } from '$app/environment';

export function registerOffline(): void {
  if (dev || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const url = new URL('service-worker.js', document.baseURI);
  // offline use is a convenience: the app works the same without it
  navigator.serviceWorker.register(url).catch(() => {});
}
