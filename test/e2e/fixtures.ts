// Shared fixtures: every test has a browser context and page of its own (Playwright's `context`
// and `page`, fresh per test: no state, storage or order dependency between tests), watched for
// requests to any origin but the local server (the data must never leave the machine); `shot()`
// saves a screenshot of a step as a test artifact (test-results/<test>/NN-name.png, also
// attached to the report).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect as baseExpect, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test';

export interface Net {
  /** every URL the page asked for */
  requests: string[];
  /** the ones not on the local server (nor blob:/data:, which never leave the page) */
  foreign: string[];
}

/** Records every request of `context` (its pages and their workers) in each of `nets`;
 * WebSockets never belong here, to any origin. */
export function watchRequests(context: BrowserContext, origin: string, ...nets: Net[]): void {
  const record = (url: string, foreign: boolean) => {
    for (const net of nets) {
      net.requests.push(url);
      if (foreign) net.foreign.push(url);
    }
  };
  context.on('request', (r) => {
    const u = new URL(r.url());
    record(r.url(), u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin);
  });
  context.on('page', (p) => p.on('websocket', (ws) => record(ws.url(), true)));
}

/**
 * `net`: the requests of this test's context. `runNet`: those of every test this worker ran.
 * After each test its own list, and at the end of the worker the run's, must name no other
 * origin. `app` is the test's `page` under the name the one-page-per-run fixture had.
 */
export const test = base.extend<{ net: Net; netCheck: void; app: Page }, { runNet: Net }>({
  runNet: [
    async ({}, use) => {
      const net: Net = { requests: [], foreign: [] };
      await use(net);
      expect(net.foreign, 'requests to other origins during the run').toEqual([]);
    },
    { scope: 'worker' }
  ],
  net: async ({}, use) => {
    await use({ requests: [], foreign: [] });
  },
  context: async ({ context, net, runNet, baseURL }, use) => {
    watchRequests(context, new URL(baseURL!).origin, net, runNet);
    await use(context);
  },
  app: async ({ page }, use) => {
    await use(page);
  },
  netCheck: [
    async ({ net }, use) => {
      await use();
      expect(net.foreign, 'requests to other origins').toEqual([]);
    },
    { auto: true }
  ]
});
/** The text of a rule editor (CodeMirror: its content element, the one labelled "Rule file" or
 * "Rule expression"), line by line as the user sees it; a placeholder is not text. */
export async function editorText(editor: Locator): Promise<string> {
  return editor.evaluate((el) =>
    [...el.querySelectorAll(':scope > .cm-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const p of copy.querySelectorAll('.cm-placeholder')) p.remove();
        return copy.textContent ?? '';
      })
      .join('\n')
  );
}

/** Playwright's expect plus `toHaveEditorText` (a rule editor's text, retried like
 * toHaveValue is for inputs). */
export const expect = baseExpect.extend({
  async toHaveEditorText(editor: Locator, expected: string | RegExp, options: { timeout?: number } = {}) {
    let actual = '';
    let pass = false;
    const deadline = Date.now() + (options.timeout ?? 30_000);
    for (;;) {
      actual = await editorText(editor).catch(() => '');
      pass = typeof expected === 'string' ? actual === expected : expected.test(actual);
      if (pass === !this.isNot || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      pass,
      name: 'toHaveEditorText',
      message: () => `expected the editor ${this.isNot ? 'not ' : ''}to have ${String(expected)}, it has:\n${actual}`
    };
  }
});

// numbered per test, in the order the steps were shot
const shots = new WeakMap<TestInfo, number>();
export async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const n = (shots.get(info) ?? 0) + 1;
  shots.set(info, n);
  const path = info.outputPath(`${String(n).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** The app's address for automation: the flag makes the app put its handle on window.segmint. */
export const APP_URL = '/?automation=1';

/** Opens the app (with the automation flag) and waits until a data set is loaded. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(APP_URL);
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

/** Writes a file named `name` in a new temporary folder; returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'segmint-e2e-')), name);
  writeFileSync(path, content);
  return path;
}

// loading files like a person (choose, roles, Load files): load.ts
export { dropFile, loadOrders } from './load.js';
