// Keeping the work: each scenario in its own fresh browser context (its own IndexedDB, OPFS,
// locks and service worker), so none depends on another's state. Reload keeps the files, rules,
// as-of and language; "Forget all data" erases; a broken saved workspace falls back to the
// example with a notice; a second tab is read-only; after the first visit the app starts offline.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, shot } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { repo } from './native.js';

// each scenario starts the engine two or three times (seconds each on an idle machine, much
// longer on a busy shared one); no assertion here is about time
test.describe.configure({ timeout: 300_000 });

const EXAMPLE_CUSTOMERS = '2,000';
const exampleRules = readFileSync(`${repo}examples/retail/tiers.seg`, 'utf8');

// a small orders file of our own: 7 rows, 3 customers (the example has 2,000)
const ORDERS = ['customer,date,amount', 'c1,2024-01-05,120', 'c1,2024-02-11,80', 'c2,2024-01-20,300', 'c2,2024-03-02,45.5', 'c3,2024-02-28,12', 'c3,2024-03-09,60', 'c3,2024-03-30,99'].join('\n') + '\n';
const ORDERS_NAME = 'shop orders 2024.csv';
const MY_RULES = 'segment big "Big spenders" when M >= 200\nsegment rest "Everyone else" otherwise\n';

/** A fresh context (nothing stored) whose requests must all stay on the local server. */
async function freshContext(browser: Browser): Promise<{ context: BrowserContext; page: Page; done: () => Promise<void> }> {
  const baseURL = test.info().project.use.baseURL!;
  const origin = new URL(baseURL).origin;
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 }, serviceWorkers: 'allow' });
  const foreign: string[] = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin) foreign.push(r.url());
  });
  const page = await context.newPage();
  return {
    context,
    page,
    done: async () => {
      await context.close();
      expect(foreign, 'requests to other origins').toEqual([]);
    }
  };
}

async function open(page: Page, customers = EXAMPLE_CUSTOMERS): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('dataset-customers')).toHaveText(customers, { timeout: 120_000 });
}

async function loadOwnFile(page: Page): Promise<void> {
  await page.getByLabel('Choose data files').setInputFiles({ name: ORDERS_NAME, mimeType: 'text/csv', buffer: Buffer.from(ORDERS) });
  await page.getByRole('button', { name: /^Load files/ }).click();
  await expect(page.getByTestId('dataset-customers')).toHaveText('3', { timeout: 120_000 });
}

const status = (page: Page) => page.getByTestId('persist-status');

/** The page is hidden (as when the tab closes): everything pending is written; then saved. */
async function flush(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  await expect(status(page)).toHaveAttribute('data-state', 'saved');
}

/** Every file in the origin's OPFS with its size (path → bytes). */
function opfsFiles(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const out: Record<string, number> = {};
    async function walk(dir: FileSystemDirectoryHandle, prefix: string): Promise<void> {
      for await (const [name, h] of dir.entries()) {
        if (h.kind === 'file') out[prefix + name] = (await (h as FileSystemFileHandle).getFile()).size;
        else await walk(h as FileSystemDirectoryHandle, `${prefix}${name}/`);
      }
    }
    await walk(await navigator.storage.getDirectory(), '');
    return out;
  });
}

/** The settings stored in IndexedDB (key → value). */
function storedSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = indexedDB.open('segmint');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('settings')) {
            db.close();
            resolve({});
            return;
          }
          const out: Record<string, unknown> = {};
          const cursor = db.transaction('settings').objectStore('settings').openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) {
              db.close();
              resolve(out);
              return;
            }
            out[String(c.key)] = c.value;
            c.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        };
      })
  );
}

test('a reload brings back the same files, counts, rule file, as-of and language', async ({ browser }, info) => {
  const { page, done } = await freshContext(browser);
  await open(page);
  await loadOwnFile(page);
  await expect(page.getByTestId('dataset-rows')).toHaveText('7');
  await page.getByLabel('Rule file').fill(MY_RULES);
  await page.getByLabel('Rule expression').fill('F >= 3');
  await page.getByLabel('As-of date').fill('2024-04-15');
  await page.getByRole('button', { name: 'Set as-of' }).click();
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-04-15');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await flush(page);

  // the file's bytes are in OPFS, whole, beside a manifest
  const files = await opfsFiles(page);
  const orders = Object.entries(files).filter(([p]) => p.endsWith('/orders-0'));
  expect(orders).toHaveLength(1);
  expect(orders[0]![1]).toBe(Buffer.byteLength(ORDERS));
  const manifest = Object.entries(files).find(([p]) => p.endsWith('/manifest.json'));
  expect(manifest?.[1]).toBeGreaterThan(0);
  const settings = await storedSettings(page);
  expect(settings.rules).toBe(MY_RULES);
  expect(settings.quickRule).toBe('F >= 3');
  expect(settings.locale).toBe('zh-CN');
  expect(settings.workspace).toMatchObject({ example: false, asOf: '2024-04-15' });
  await shot(page, info, 'persist-before-reload');

  await page.reload();
  await expect(page.getByTestId('dataset-customers')).toHaveText('3', { timeout: 120_000 });
  await expect(page.getByTestId('dataset-files')).toHaveText(ORDERS_NAME);
  await expect(page.getByTestId('dataset-rows')).toHaveText('7');
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-04-15');
  await expect(page.locator('#rule-file')).toHaveEditorText(MY_RULES);
  await expect(page.getByLabel('规则表达式')).toHaveEditorText('F >= 3');
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', '1');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('语言')).toHaveValue('zh-CN');
  await expect(page.getByTestId('restore-failed')).toHaveCount(0);
  await expect(status(page)).toHaveAttribute('data-state', 'saved');
  await shot(page, info, 'persist-restored');
  await expectAccessible(page, 'workspace restored');
  await done();
});

test('"Forget all data" erases OPFS and IndexedDB, and a reload starts on the example', async ({ browser }, info) => {
  const { page, done } = await freshContext(browser);
  await open(page);
  await loadOwnFile(page);
  await page.getByLabel('Rule file').fill(MY_RULES);
  await flush(page);
  expect(Object.keys(await opfsFiles(page)).length).toBeGreaterThan(0);

  // the disclosure says what is stored where
  await page.getByText('What is stored').click();
  await expect(page.getByText(/IndexedDB: the rule file/)).toBeVisible();
  await expect(page.getByText(/private file storage \(OPFS\)/)).toBeVisible();

  await page.getByRole('button', { name: 'Forget all data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Forget all data?' });
  await expect(dialog).toBeVisible();
  await shot(page, info, 'forget-confirm');
  await expectAccessible(page, 'forget confirmation');
  await dialog.getByRole('button', { name: 'Erase' }).click();
  await expect(page.getByTestId('forget-outcome')).toContainText('All stored data was erased');
  await expect(status(page)).toHaveAttribute('data-state', 'erased');
  expect(await opfsFiles(page)).toEqual({});
  expect(await storedSettings(page)).toEqual({});
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await shot(page, info, 'forget-done');
  await expectAccessible(page, 'forgotten');

  await page.reload();
  await expect(page.getByTestId('dataset-customers')).toHaveText(EXAMPLE_CUSTOMERS, { timeout: 120_000 });
  await expect(page.locator('#rule-file')).toHaveEditorText(exampleRules);
  await expect(status(page)).toHaveAttribute('data-state', 'saved');
  // the example is never copied: no file in OPFS
  expect(Object.keys(await opfsFiles(page))).toEqual([]);
  await done();
});

test('a saved workspace that cannot be read says so and opens the example', async ({ browser }, info) => {
  const { page, done } = await freshContext(browser);
  await open(page);
  await loadOwnFile(page);
  await flush(page);
  // cut the stored file short, as a broken write or the browser's clean-up would
  await page.evaluate(async () => {
    const ws = await (await navigator.storage.getDirectory()).getDirectoryHandle('workspaces');
    for await (const dir of ws.values()) {
      const w = await (await (dir as FileSystemDirectoryHandle).getFileHandle('orders-0')).createWritable();
      await w.write('cust');
      await w.close();
    }
  });
  await page.reload();
  await expect(page.getByTestId('dataset-customers')).toHaveText(EXAMPLE_CUSTOMERS, { timeout: 120_000 });
  await expect(page.getByTestId('restore-failed')).toContainText('could not be opened');
  await shot(page, info, 'restore-failed');
  await expectAccessible(page, 'restore failed notice');
  await done();
});

test('a second tab is read-only and never writes', async ({ browser }, info) => {
  const { context, page, done } = await freshContext(browser);
  await open(page);
  await expect(status(page)).toHaveAttribute('data-state', 'saved');

  const second = await context.newPage();
  await open(second);
  const notice = second.getByTestId('read-only-notice');
  await expect(notice).toContainText('open in another tab: changes here are not saved');
  await expect(status(second)).toHaveAttribute('data-state', 'readOnly');
  await expect(second.getByRole('button', { name: 'Forget all data' })).toBeDisabled();
  await second.getByLabel('Rule file').fill(MY_RULES);
  await second.getByLabel('Language').selectOption('zh-CN');
  await second.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
  await shot(second, info, 'second-tab');
  await expectAccessible(second, 'read-only notice');

  // nothing of the second tab's reached the storage
  const settings = await storedSettings(page);
  expect(settings.rules).not.toBe(MY_RULES);
  expect(settings.locale).toBeUndefined();
  expect(await page.evaluate(() => localStorage.getItem('segmint.locale'))).toBeNull();
  await expect(notice).toBeVisible();
  await done();
});

test('after the first visit the app starts offline', async ({ browser }, info) => {
  const { context, page, done } = await freshContext(browser);
  await open(page);
  // the service worker has cached the app and taken control of the page
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('dataset-customers')).toHaveText(EXAMPLE_CUSTOMERS, { timeout: 120_000 });
  await expect(page.getByTestId('quick-count')).toBeVisible();
  await shot(page, info, 'offline');
  await context.setOffline(false);
  await done();
});
