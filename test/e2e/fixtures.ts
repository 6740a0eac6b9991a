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

export const test = base.extend<{ net: Net }>({
  net: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const net: Net = { requests: [], foreign: [] };
      const check = (url: string) => {
        net.requests.push(url);
        const u = new URL(url);
        if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin) net.foreign.push(url);
      };
      page.on('request', (r) => check(r.url()));
      // Workers' requests (duckdb-wasm's worker) are reported on the context too.
      page.context().on('request', (r) => check(r.url()));
      page.on('websocket', (ws) => net.foreign.push(ws.url()));
      await use(net);
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

/** Opens the app and waits until the example data is loaded. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
}

/** The number the quick rule's result shows (read from the unformatted data-value). */
export async function shownCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('quick-count').getAttribute('data-value'));
}
