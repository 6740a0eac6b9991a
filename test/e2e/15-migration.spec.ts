// The migration review (issue 12): the example data at two as-of dates, and the saved rule file
// against an edited one. The matrix must show exactly the numbers of the CLI on the same files
// (`segmint migrate --format json`, `segmint diff --format json`); a flow (a matrix number, a
// Sankey band by keyboard) lists exactly its customers in the customer table, which equal plain
// SQL on the app's engine; the view in 中文 and at 390 px. Each test opens its own page;
// screenshots are kept as artifacts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, shot, APP_URL } from './fixtures.js';
import { exampleCustomers, exampleOrders, repo } from './native.js';
import { expectAccessible } from './axe.js';

test.describe.configure({ timeout: 240_000 });

const tiers = `${repo}examples/retail/tiers.seg`;
const bin = `${repo}packages/cli/bin/segmint.js`;
const UNASSIGNED = '(unassigned)';

interface Cell {
  from: string;
  to: string;
  customers: number;
}

/** The built CLI on the example files (JSON on stdout). */
function cli<T>(args: string[]): T {
  const out = execFileSync(process.execPath, [bin, ...args, '--data', exampleOrders, '--customers', exampleCustomers, '--format', 'json', '--quiet'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as T;
}

/** Plain SQL on the app's engine. */
function sql(page: Page, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return page.evaluate(async ([q, p]) => (await window.segmint!.backend.query(q as string, p as never)) as Record<string, unknown>[], [text, params] as const);
}

/** The matrix as shown: every non-empty cell (from, to, customers). */
async function matrix(page: Page): Promise<Cell[]> {
  const cells = page.getByTestId('migration-matrix').locator('button[data-from]');
  return cells.evaluateAll((els) => els.map((e) => ({ from: e.getAttribute('data-from')!, to: e.getAttribute('data-to')!, customers: Number(e.getAttribute('data-count')) })));
}

const sorted = (cells: Cell[]) => [...cells].filter((c) => c.customers > 0).sort((a, b) => (a.from + '>' + a.to).localeCompare(b.from + '>' + b.to));

async function openMigration(page: Page): Promise<void> {
  // engine start and the example load: seconds on an idle machine, much longer on a busy one
  await page.goto(APP_URL);
  await expect(page.getByTestId('dataset-customers')).toHaveText('2,000', { timeout: 180_000 });
  await expect(page.getByTestId('segments')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Migration' }).click();
  await expect(page.getByTestId('migration-view')).toBeVisible();
}

async function expectDrill(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('customers-total')).toHaveAttribute('data-total', String(count));
}

test('two as-of dates: the matrix equals segmint migrate, a flow lists exactly its customers', async ({ page }, info) => {
  await openMigration(page);
  // the defaults: the data's as-of and 90 days before
  await expect(page.getByTestId('migration-to')).toHaveValue('2024-12-31');
  await expect(page.getByTestId('migration-from')).toHaveValue('2024-10-02');
  await page.getByTestId('migration-from').fill('2024-06-30');
  await page.getByTestId('migration-run').click();
  await expect(page.getByTestId('migration-result')).toBeVisible();
  await expect(page.getByTestId('migration-summary')).toContainText('Before (2024-06-30)');
  await shot(page, info, 'dates-review');

  const expected = cli<{ cells: Cell[]; beforeCustomers: number; afterCustomers: number }>(['migrate', '--rules', tiers, '--from', '2024-06-30', '--to', '2024-12-31']);
  const shown = await matrix(page);
  expect(sorted(shown)).toEqual(sorted(expected.cells.map((c) => ({ from: c.from, to: c.to, customers: c.customers }))));
  expect(shown.reduce((a, c) => a + c.customers, 0)).toBe(expected.afterCustomers);
  // retention per segment, the biggest flows in words, new and gone
  await expect(page.getByTestId('migration-retention').locator('tbody tr')).toHaveCount(4);
  await expect(page.getByTestId('migration-flows').locator('li')).toHaveCount(5);
  await expect(page.getByTestId('migration-flows').locator('li').first()).toContainText(/customers became/);
  await expect(page.getByTestId('migration-new-gone')).toContainText('New customers: 0');

  // the biggest move, from the matrix: exactly its customers, as plain SQL counts them
  const move = [...shown].filter((c) => c.from !== c.to).sort((a, b) => b.customers - a.customers)[0]!;
  await page.locator(`[data-testid="migration-matrix"] button[data-from="${move.from}"][data-to="${move.to}"]`).click();
  await expectDrill(page, move.customers);
  const [n] = await sql(page, 'SELECT count(*)::INTEGER AS n FROM segmint_mig_flows WHERE from_state = $1 AND to_state = $2', [move.from, move.to]);
  expect(Number(n!.n)).toBe(move.customers);
  await expect(page.getByTestId('customers')).toContainText('Customers of the flow');
  await shot(page, info, 'flow-customers');
  await expectAccessible(page, 'migration review of two dates with a flow drilled');

  // a Sankey band, by keyboard: focus and Enter
  const stay = shown.find((c) => c.from === 'gold' && c.to === 'gold')!;
  const band = page.locator(`[data-chart="sankey"] g.hit[data-key="flow:gold>gold"]`);
  await expect(page.locator('[data-chart="sankey"] g.hit[data-key^="flow:"]')).toHaveCount(shown.length);
  await band.focus();
  await page.keyboard.press('Enter');
  await expectDrill(page, stay.customers);

  // the rest of the workbench goes on at its own as-of
  const asOf = await page.evaluate(() => window.segmint!.workspace.asOf);
  expect(asOf).toBe('2024-12-31');
});

test('a rule change: "compare with the saved version" equals segmint diff; a move lists its customers', async ({ page }, info) => {
  await openMigration(page);
  await page.getByRole('tab', { name: 'Segments' }).click();
  const original = readFileSync(tiers, 'utf8');
  const edited = original.replace('when R <= 60 and F >= 8', 'when R <= 90 and F >= 6').replace('segment basic "Basic 基础客户"', 'segment dormant "Dormant" when R > 270\nsegment basic "Basic 基础客户"');
  expect(edited).not.toBe(original);
  await expect(page.getByTestId('compare-saved')).toHaveCount(0);
  await page.getByLabel('Rule file', { exact: true }).fill(edited);
  await page.getByTestId('compare-saved').click();
  await expect(page.getByTestId('migration-result')).toHaveAttribute('data-kind', 'rules');
  await expect(page.getByTestId('migration-summary')).toContainText('would change segment');
  await shot(page, info, 'rule-change');

  const dir = mkdtempSync(join(tmpdir(), 'segmint-e2e-diff-'));
  const newFile = join(dir, 'new.seg');
  writeFileSync(newFile, edited);
  const expected = cli<{ cells: { from: string; to: string; customers: number }[]; changed: number; customers: number }>(['diff', tiers, newFile]);
  const shown = await matrix(page);
  expect(sorted(shown)).toEqual(sorted(expected.cells.map((c) => ({ from: c.from, to: c.to, customers: c.customers }))));
  await expect(page.getByTestId('migration-summary')).toContainText(`${expected.changed.toLocaleString('en')} of ${expected.customers.toLocaleString('en')} customers`);
  await expect(page.getByTestId('migration-flows').locator('li').first()).toContainText(/customers? would move from .+ to .+ \(M [\d,]+\)/);

  const move = [...shown].filter((c) => c.from !== c.to).sort((a, b) => b.customers - a.customers)[0]!;
  await page.getByTestId('migration-flows').locator(`button[data-from="${move.from}"][data-to="${move.to}"]`).click();
  await expectDrill(page, move.customers);
  await shot(page, info, 'rule-change-customers');
  // the flow's customers exported from the customer table: exactly those, one row each
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-drill-csv').click()]);
  expect(download.suggestedFilename()).toContain('migration-flow');
  const rows = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trimEnd().split(/\r?\n/);
  expect(rows.length - 1).toBe(move.customers);
  const ids = await sql(page, 'SELECT customer FROM segmint_mig_flows WHERE from_state = $1 AND to_state = $2 ORDER BY customer', [move.from, move.to]);
  const col = rows[0]!.split(',').indexOf('customer');
  expect(rows.slice(1).map((r) => r.split(',')[col]).sort()).toEqual(ids.map((r) => String(r.customer)).sort());
  // the review stays with the texts it was made from: typing again marks it stale
  await page.getByRole('tab', { name: 'Segments' }).click();
  await page.getByLabel('Rule file', { exact: true }).fill(original);
  await expect(page.getByTestId('compare-saved')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Migration' }).click();
  await expect(page.getByTestId('migration-stale')).toBeVisible();
  expect(shown.some((c) => c.from === UNASSIGNED)).toBe(false);
});

test('earlier data files: "before" from files read apart, "after" the data on screen', async ({ page }, info) => {
  await openMigration(page);
  // the example's orders of the first half of 2024 and before, as an earlier export would hold
  const lines = readFileSync(exampleOrders, 'utf8').trimEnd().split('\n');
  const head = lines[0]!.split(',');
  const date = head.indexOf('order_date');
  const dir = mkdtempSync(join(tmpdir(), 'segmint-e2e-h1-'));
  const h1 = join(dir, 'orders-h1.csv');
  writeFileSync(h1, [lines[0], ...lines.slice(1).filter((l) => l.split(',')[date]!.slice(0, 10) <= '2024-06-30')].join('\n') + '\n');
  await page.getByTestId('migration-mode-files').check();
  await page.getByTestId('migration-files-run').click();
  await expect(page.getByTestId('migration-problem')).toHaveText('Choose the earlier data file(s) first.');
  await page.getByTestId('migration-files').setInputFiles(h1);
  await page.getByTestId('migration-files-run').click();
  await expect(page.getByTestId('migration-result')).toBeVisible();
  await expect(page.getByTestId('migration-summary')).toContainText('Before (orders-h1.csv (2024-06-30))');
  await shot(page, info, 'files-review');
  const shown = await matrix(page);
  // rows (before): the CLI's segments of the same file; columns (after): the app's own segments
  const csv = execFileSync(process.execPath, [bin, 'segment', '--rules', tiers, '--data', h1, '--quiet'], { encoding: 'utf8' }).trimEnd().split('\n');
  const seg = csv[0]!.split(',').indexOf('segment');
  const cliCounts = new Map<string, number>();
  for (const l of csv.slice(1)) {
    const s = l.split(',')[seg] || UNASSIGNED;
    cliCounts.set(s, (cliCounts.get(s) ?? 0) + 1);
  }
  const rowTotals = new Map<string, number>();
  for (const c of shown) if (c.from !== '(new)') rowTotals.set(c.from, (rowTotals.get(c.from) ?? 0) + c.customers);
  expect(rowTotals).toEqual(cliCounts);
  const app = await sql(page, `SELECT coalesce(segment, '${UNASSIGNED}') AS s, count(*)::INTEGER AS n FROM segmint_mig_seg_after GROUP BY ALL`);
  const colTotals = new Map<string, number>();
  for (const c of shown) if (c.to !== '(gone)') colTotals.set(c.to, (colTotals.get(c.to) ?? 0) + c.customers);
  expect(colTotals).toEqual(new Map(app.map((r) => [String(r.s), Number(r.n)])));
  // the customers file of the data on screen holds customers the earlier orders do not: new
  const fresh = shown.filter((c) => c.from === '(new)').reduce((a, c) => a + c.customers, 0);
  expect(fresh).toBeGreaterThan(0);
  const newCell = shown.find((c) => c.from === '(new)')!;
  await page.locator(`[data-testid="migration-matrix"] button[data-from="(new)"][data-to="${newCell.to}"]`).click();
  await expectDrill(page, newCell.customers);
});

test('errors are said: dates in the wrong order, a rule file with errors', async ({ page }) => {
  await openMigration(page);
  await page.getByTestId('migration-from').fill('2024-12-31');
  await page.getByTestId('migration-run').click();
  await expect(page.getByTestId('migration-problem')).toHaveText('The “from” date must be before the “to” date.');
  await page.getByRole('tab', { name: 'Segments' }).click();
  await page.getByLabel('Rule file', { exact: true }).fill('segment a when R <=\n');
  await page.getByRole('tab', { name: 'Migration' }).click();
  await page.getByTestId('migration-mode-rules').check();
  await page.getByTestId('migration-compare-saved').click();
  await expect(page.getByTestId('migration-problem')).toContainText('The rule file has errors');
});

test('中文 and a phone-sized screen', async ({ page }, info) => {
  await openMigration(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('migration-from').fill('2024-06-30');
  await page.getByTestId('migration-run').click();
  await expect(page.getByTestId('migration-result')).toBeVisible();
  await expect(page.getByRole('heading', { name: '迁移矩阵' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '主要流向' })).toBeVisible();
  await expect(page.getByTestId('migration-flows').locator('li').first()).toContainText('位「');
  await expect(page.locator('[data-chart="sankey"] h3')).toHaveText('客户迁移流向');
  await expect(page.getByTestId('migration-summary')).toContainText('上期（2024-06-30）');
  await shot(page, info, 'zh-review');
  await expectAccessible(page, 'migration review in Chinese');
  // the numbers as a table (the chart's text alternative)
  await page.locator('[data-chart="sankey"] details summary').click();
  await expect(page.locator('[data-chart="sankey"] details table tbody tr')).toHaveCount(4);
  await page.setViewportSize({ width: 390, height: 900 });
  await shot(page, info, 'zh-390');
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Transition matrix' })).toBeVisible();
  await shot(page, info, 'en-390');
});
