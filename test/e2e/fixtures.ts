// Shared fixtures: every test's page is watched for requests to any origin but the local
// server (the data must never leave the machine), and `shot()` saves a screenshot of a step
// as a test artifact (test-results/<test>/NN-name.png, also attached to the report).
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

export interface Net {
  /** every URL the page asked for */
  requests: string[];
  /** the ones not on the local server (nor blob:/data:, which never leave the page) */
  foreign: string[];
}

/**
 * One browser page for the whole run (worker-scoped; the suite runs in one worker): the app
 * starts once, tests continue from where the previous one left it (files run in name order),
 * and `net` sees every request of the whole session. After each test, and at the end, no
 * request may have gone to another origin.
 */
export const test = base.extend<{ page: Page; netCheck: void }, { app: Page; net: Net }>({
  net: [
    async ({}, use) => {
      const net: Net = { requests: [], foreign: [] };
      await use(net);
      expect(net.foreign, 'requests to other origins during the run').toEqual([]);
    },
    { scope: 'worker' }
  ],
  app: [
    async ({ browser, net }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL!;
      const origin = new URL(baseURL).origin;
      const context = await browser.newContext({ baseURL, viewport: workerInfo.project.use.viewport ?? null });
      const check = (url: string) => {
        net.requests.push(url);
        const u = new URL(url);
        if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin) net.foreign.push(url);
      };
      // page and worker (duckdb-wasm's) requests; WebSockets never belong here
      context.on('request', (r) => check(r.url()));
      context.on('page', (p) => p.on('websocket', (ws) => net.foreign.push(ws.url())));
      const page = await context.newPage();
      page.on('websocket', (ws) => net.foreign.push(ws.url()));
      await use(page);
      await context.close();
    },
    { scope: 'worker' }
  ],
  page: async ({ app }, use) => {
    await use(app);
  },
  netCheck: [
    async ({ net }, use) => {
      await use();
      expect(net.foreign, 'requests to other origins').toEqual([]);
    },
    { auto: true }
  ]
});
export { expect };

let counter = 0;
export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${String(++counter).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** The app's address for automation: the flag makes the app put its handle on window.segmint. */
export const APP_URL = '/?automation=1';

/** Opens the app (with the automation flag) if this run has not yet, and waits until a data set is loaded. */
export async function openApp(page: Page): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto(APP_URL);
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
}

/** The number the quick rule's result shows (read from the unformatted data-value). */
export async function shownCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('quick-count').getAttribute('data-value'));
}

/** Waits until the quick rule's result belongs to the text in the input (no evaluation pending). */
export async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('quick-result')).toHaveAttribute('aria-busy', 'false');
}
