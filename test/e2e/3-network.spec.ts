// A page that opens the app and loads the example asks only the local server for anything: the
// app, the engine (wasm + worker) and the example data. (Every other test is held to the same
// by the fixtures: its own requests after it, and the whole worker's at the end.)
import { test, expect, openApp, watchRequests, type Net } from './fixtures.js';

test('opening the app and the example makes requests to the local server only', async ({ page, net, runNet, baseURL }) => {
  await openApp(page);
  const origin = new URL(baseURL!).origin;
  expect(net.requests.length).toBeGreaterThan(10);
  expect(net.requests.some((u) => u.startsWith(origin) && u.endsWith('.wasm'))).toBe(true);
  expect(net.requests.some((u) => u.startsWith(origin) && /worker.*\.js$/.test(u))).toBe(true);
  expect(net.requests.some((u) => u.startsWith(origin) && u.includes('orders') && u.endsWith('.csv'))).toBe(true);
  expect(net.foreign).toEqual([]);
  // the run's list has this test's requests too
  expect(runNet.requests).toEqual(expect.arrayContaining(net.requests));

  // and the page's Content-Security-Policy names no other origin either
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self' blob: data:");
  expect(csp).not.toMatch(/https?:|\*/);
});

test('the request watch catches a request and a WebSocket to another origin', async ({ browser, baseURL }) => {
  // its own context and list, so that the test's own check stays clean
  const context = await browser.newContext({ baseURL });
  const net: Net = { requests: [], foreign: [] };
  watchRequests(context, new URL(baseURL!).origin, net);
  try {
    const page = await context.newPage();
    const failed = page.waitForEvent('requestfailed');
    const socket = page.waitForEvent('websocket');
    // 127.0.0.2:9 (discard): another origin on this machine, refused at once
    await page.setContent('<img src="http://127.0.0.2:9/pixel.png"><script>new WebSocket("ws://127.0.0.2:9/")</script>');
    await failed;
    await socket;
    expect(net.foreign).toEqual(['http://127.0.0.2:9/pixel.png', 'ws://127.0.0.2:9/']);
  } finally {
    await context.close();
  }
});
