// Loading like an analyst with real exports: a whole folder (the 305 daily Online Retail files,
// no amount column), three dropped files with a role changed, Cancel during a 1M-row load, the
// amount suggestion after a failed load, and the notes an analyst would otherwise miss. Every
// number is checked against native DuckDB through the engine (the CLI's code path). Each test
// opens its own page.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace, type LoadOptions } from '@segmint/engine';
import { NativeBackend, nodeFile } from '@segmint/engine/node';
import { test, expect, shot, openApp, tempFile } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { loadStaged, roleOf, stageFiles, stageFolder, staged } from './load.js';
import { repo } from './native.js';

const RETAIL_DIR = join(repo, '../shared/data/online-retail/by-day');
const AMOUNT = 'Quantity * UnitPrice';

/** The numbers native DuckDB gives for the same files and settings. */
async function native(paths: string[], options: LoadOptions) {
  const db = await NativeBackend.create({ threads: 2 });
  try {
    const ws = new Workspace(db);
    const report = await ws.loadTransactions(paths.map((p) => nodeFile(p)), options);
    const built = await ws.buildCustomers();
    const used = report.rows - report.leftOut.reduce((n, l) => n + l.count, 0);
    return { rows: report.rows, used, customers: built.customers, asOf: built.asOf };
  } finally {
    await db.close();
  }
}

const num = async (page: import('@playwright/test').Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace(/[^\d]/g, ''));

test('a folder of 305 daily Online Retail files loads as one orders table, the amount pre-filled as Quantity * UnitPrice', async ({ page }, info) => {
  test.setTimeout(240_000);
  await openApp(page);
  await stageFolder(page, RETAIL_DIR);
  const summary = page.getByTestId('staging-summary');
  await expect(summary).toHaveAttribute('data-orders', '305');
  await expect(summary).toHaveAttribute('data-customers', '0');
  await expect(summary).toHaveAttribute('data-ignored', '0');
  await expect(page.getByLabel('Amount of each row')).toHaveValue(AMOUNT);
  // the preview of the first file marks the columns used
  const preview = page.getByTestId('staging').getByTestId('file-preview');
  await expect(preview.locator('th[data-role="customer"]')).toHaveText(/CustomerID/);
  await expect(preview.locator('th[data-role="amount"]')).toHaveCount(2);
  await expect(preview.locator('tbody tr').first()).toContainText('17850.0');
  await expectAccessible(page, 'a folder staged');
  await shot(page, info, 'folder-staged');

  await loadStaged(page, 180_000);
  await expect(page.getByTestId('dataset-rows')).toHaveText('541,909');
  const days = readdirSync(RETAIL_DIR).filter((f) => f.endsWith('.csv')).sort().map((f) => join(RETAIL_DIR, f));
  expect(days).toHaveLength(305);
  const n = await native(days, { roles: { amount: AMOUNT } });
  expect(n.rows).toBe(541_909);
  // the counts agree: read = used + left out, each as native DuckDB has it
  expect(await num(page, 'dataset-used')).toBe(n.used);
  expect(await num(page, 'dataset-left-out')).toBe(n.rows - n.used);
  expect(await num(page, 'dataset-customers')).toBe(n.customers);
  await expect(page.getByTestId('dataset-asof')).toHaveText(n.asOf);
  const byReason = await page.getByTestId('left-out').evaluateAll((els) => els.reduce((s, e) => s + Number(e.getAttribute('data-count')), 0));
  expect(byReason).toBe(n.rows - n.used);
  await expect(page.getByTestId('dataset-files')).toContainText('2010-12-01.csv');
  await expectAccessible(page, 'Online Retail loaded');
  await shot(page, info, 'folder-loaded');
});

test('three dropped daily files are all orders; one set to Ignore is left out of the load', async ({ page }, info) => {
  await openApp(page);
  const names = ['2010-12-01.csv', '2010-12-02.csv', '2010-12-03.csv'];
  const contents = names.map((n) => readFileSync(join(RETAIL_DIR, n), 'utf8'));
  // a drop like a person's: a DataTransfer with the three files, onto the page
  const dt = await page.evaluateHandle(([ns, cs]) => {
    const d = new DataTransfer();
    ns.forEach((n, i) => d.items.add(new File([cs[i]!], n, { type: 'text/csv' })));
    return d;
  }, [names, contents] as const);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await staged(page);
  await expect(page.getByTestId('staged-file')).toHaveCount(3);
  for (const n of names) await expect(roleOf(page, n)).toHaveValue('orders');
  await roleOf(page, names[2]!).selectOption({ label: 'Ignore' });
  await expect(page.getByTestId('staging-summary')).toHaveAttribute('data-ignored', '1');
  await shot(page, info, 'three-files-roles');
  await loadStaged(page);
  await expect(page.getByTestId('dataset-files')).toHaveText('2010-12-01.csv, 2010-12-02.csv');
  const n = await native(names.slice(0, 2).map((x) => join(RETAIL_DIR, x)), { roles: { amount: AMOUNT } });
  expect(await num(page, 'dataset-rows')).toBe(n.rows);
  expect(await num(page, 'dataset-customers')).toBe(n.customers);
});

test('Cancel during a 1M-row load keeps the data set on screen', async ({ page }, info) => {
  test.setTimeout(180_000);
  await openApp(page);
  const before = await page.getByTestId('dataset-customers').textContent();
  const lines = ['order_id,customer_id,order_date,amount'];
  for (let i = 0; i < 1_000_000; i++) lines.push(`${i},C${i % 100_000},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 9973) / 100}`);
  const big = tempFile('big-1m.csv', lines.join('\n') + '\n');
  await stageFiles(page, big);
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  const progress = page.getByTestId('load-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/File 1 of 1/);
  // at once, before the load can finish
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('load-cancelled')).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('dataset-customers')).toHaveText(before!);
  await expect(page.getByTestId('dataset-files')).toHaveText('Example data: retail shop');
  // the page kept working: the quick rule still answers
  await page.getByLabel('Rule expression').fill('F > 5');
  await expect(page.getByTestId('quick-count')).toBeVisible();
  await expectAccessible(page, 'load cancelled');
  await shot(page, info, 'load-cancelled');

  // the list is kept after a Cancel: load it again, to the end (axe while it loads: whether it
  // is still loading or done when axe looks, the page must pass)
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  await expect(progress).toBeVisible();
  await expectAccessible(page, 'load in progress');
  await shot(page, info, 'load-progress');
  await expect(page.getByTestId('dataset-customers')).toHaveText('100,000', { timeout: 120_000 });
  await expect(page.getByTestId('dataset-rows')).toHaveText('1,000,000');
});

test('a file without an amount: the suggestion after a failed load applies with one click; refunds and the example rules are pointed out', async ({ page }, info) => {
  await openApp(page);
  const csv = [
    'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID',
    '1,2,2024-01-02,5.00,A',
    'C1,-2,2024-01-03,5.00,A',
    '2,1,2024-01-04,3.50,B',
    '3,4,2024-01-05,1.25,C'
  ].join('\n');
  await stageFiles(page, tempFile('no-amount.csv', csv));
  // the user empties the pre-filled amount: the load fails and says why
  await page.getByLabel('Amount of each row').fill('');
  await loadStaged(page);
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toBeVisible();
  await expect(page.getByTestId('amount-suggestion')).toContainText(AMOUNT);
  await expect(page.getByTestId('load-settings')).toHaveAttribute('open', '');
  await expectAccessible(page, 'failed load with the amount suggestion');
  await shot(page, info, 'amount-suggestion');
  await page.getByRole('button', { name: `Use ${AMOUNT}` }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('no-amount.csv');
  await expect(page.getByTestId('dataset-customers')).toHaveText('3');
  // A's refund cancels the purchase: M = 0, F = 0
  const refunds = page.locator('[data-testid="note"][data-code="metrics.net_not_positive"]');
  await expect(refunds).toContainText('1 customers have refunds at least as large as their purchases');
  // the example shop's rule file on this data: the ready-made models are offered
  const note = page.getByTestId('example-rules-note');
  await expect(note).toBeVisible();
  await shot(page, info, 'notes');
  await note.getByRole('button').first().click();
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('segments')).toBeVisible();
});
