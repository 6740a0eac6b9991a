// Last: over the whole run (every test above shared one page), the page and its workers asked
// only the local server for anything: the app, the engine (wasm + worker) and the example data.
import { test, expect, openApp } from './fixtures.js';

test('the whole session made requests to the local server only', async ({ page, net, baseURL }) => {
  await openApp(page);
  const origin = new URL(baseURL!).origin;
  expect(net.requests.length).toBeGreaterThan(10);
  expect(net.requests.some((u) => u.startsWith(origin) && u.endsWith('.wasm'))).toBe(true);
  expect(net.requests.some((u) => u.startsWith(origin) && /worker.*\.js$/.test(u))).toBe(true);
  expect(net.requests.some((u) => u.startsWith(origin) && u.includes('orders') && u.endsWith('.csv'))).toBe(true);
  expect(net.foreign).toEqual([]);

  // and the page's Content-Security-Policy names no other origin either
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self' blob: data:");
  expect(csp).not.toMatch(/https?:|\*/);
});
