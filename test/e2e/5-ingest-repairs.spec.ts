// Messy files people really have, through the workbench: never a silent wrong number. A
// thousands separator that shifted the columns is repaired and listed, a row dated 9999-12-31 is
// left out (and never sets the as-of), mixed line endings load every row, and the Strict switch
// refuses the file naming the row while the data on screen stays. Each scenario on its own new
// page (the app starts from scratch); engine messages are checked against the engine's own
// catalogue in English and Simplified Chinese, and the values through the app's window handle.
import type { Page } from '@playwright/test';
import { LoadError, Workspace, renderMessage, type MessageCode, type Params } from '@segmint/engine';
import { NativeBackend, nodeFile } from '@segmint/engine/node';
import { test, expect, shot, openApp, tempFile, loadOrders, dropFile } from './fixtures.js';

/** The issue's reproduction: `1,234.50` unquoted in a comma-separated file shifts the row's
 * columns (amount 1, note "234.50"): C3's M must be 1234.5, not 1. Line 3 = data row 2. */
const SHIFT = 'order_id,customer_id,order_date,amount,note\nO1,C1,2024-01-05,100.00,\nO3,C3,2024-03-01,1,234.50,\n';

/** A row dated 9999-12-31 (C3's only row): left out, the as-of stays 2024-02-01. */
const FUTURE = 'order_id,customer_id,order_date,amount\nO1,C1,2024-01-05,100\nO2,C2,2024-02-01,50\nO3,C3,9999-12-31,70\n';

/** \n and \r\n in one file (a file edited on two systems): every row loads. */
const MIXED = 'order_id,customer_id,order_date,amount\r\nO1,C1,2024-01-05,100\nO2,C2,2024-02-01,50\r\nO3,C3,2024-02-03,70\nO4,C1,2024-02-04,5\r\nO5,C2,2024-02-05,7.5\n';

const loadAlert = (page: Page) => page.getByRole('alert').filter({ hasText: /Could not load|无法加载/ });

/** A customer's M in the data set on screen (the app's duckdb-wasm, through window.segmint). */
async function customerM(page: Page, customer: string): Promise<number[]> {
  return page.evaluate(async (id) => {
    const rows = await window.segmint!.backend.query('SELECT M FROM customers WHERE customer = ?', [id]);
    return rows.map((r) => Number(r.M));
  }, customer);
}

async function sql(page: Page, query: string): Promise<number> {
  return page.evaluate(async (q) => Number((await window.segmint!.backend.query(q))[0]?.n), query);
}

interface Coded {
  code: string;
  params: Params;
}

/** The load report of the data on screen, as the engine gave it to the app. */
async function report(page: Page): Promise<{ repairs: (Coded & { action: string; count: number })[]; leftOut: (Partial<Coded> & { count: number })[] }> {
  return page.evaluate(() => {
    const r = window.segmint!.workspace.transactionsReport!;
    return {
      repairs: r.repairs.map((g) => ({ code: g.code, params: g.params, action: g.action, count: g.count })),
      leftOut: r.leftOut.map((l) => ({ ...(l.code === undefined ? {} : { code: l.code }), ...(l.params === undefined ? {} : { params: l.params }), count: l.count }))
    };
  });
}

const text = (c: Coded, locale: 'en' | 'zh-CN') => renderMessage(c.code as MessageCode, c.params, locale);

/** The panel fits in the window and nothing in it runs off its side (at a narrow width the
 * text wraps). */
async function fitsWidth(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth + 1);
}

test('a thousands separator that shifted the columns: M is 1,234.50 and the repair is listed', async ({ page }, info) => {
  await openApp(page);
  await loadOrders(page, tempFile('shift.csv', SHIFT));
  await expect(page.getByTestId('dataset-files')).toHaveText('shift.csv');
  await expect(loadAlert(page)).toHaveCount(0);
  expect(await customerM(page, 'C3')).toEqual([1234.5]);
  expect(await customerM(page, 'C1')).toEqual([100]);
  const preview = page.getByRole('table').filter({ hasText: 'RFM' });
  await expect(preview.getByRole('row').filter({ hasText: 'C3' }).getByRole('cell').nth(3)).toHaveText('1,234.5');

  // The repair, listed with its count (visible folded) and the row before and after.
  const repairs = page.getByTestId('repairs');
  await expect(repairs.getByRole('heading', { name: 'What was repaired' })).toBeVisible();
  const group = repairs.getByTestId('repair-group').filter({ hasText: 'O3,C3,2024-03-01,1,234.50,' });
  await expect(group).toHaveCount(1);
  await expect(group).toHaveAttribute('data-action', 'repaired');
  await expect(group).toHaveAttribute('data-count', '1');
  await expect(group.getByTestId('repair-count')).toBeVisible();
  await expect(group.getByTestId('repair-count')).toHaveText('1 row repaired');
  const row = group.getByTestId('repair-row');
  await expect(row).toBeHidden(); // folded until opened
  const code = (await group.getAttribute('data-code')) ?? '';
  const engine = (await report(page)).repairs.find((g) => g.code === code);
  expect(engine, `the report's repair group ${code}`).toBeDefined();
  await expect(group.getByTestId('repair-message')).toHaveText(text(engine!, 'en').message);
  await group.locator('summary').click();
  await expect(row).toBeVisible();
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(/^shift\.csv, line 3 \(data row 2\):\s*O3,C3,2024-03-01,1,234\.50,\s*→\s*\S/);
  await shot(page, info, 'shift-repaired');

  await expect(page.getByTestId('dataset-format')).toHaveText('comma-separated text, with a header');
  // The same in Chinese: the engine's message from its code, the UI's words around it.
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByTestId('dataset-format')).toHaveText('逗号分隔的文本，有表头');
  await expect(repairs.getByRole('heading', { name: '修复记录' })).toBeVisible();
  await expect(group.getByTestId('repair-count')).toHaveText('已修复 1 行');
  await expect(group.getByTestId('repair-message')).toHaveText(text(engine!, 'zh-CN').message);
  await expect(row).toContainText(/^shift\.csv，第 3 行（数据第 2 行）：\s*O3,C3/);
  await shot(page, info, 'shift-repaired-zh');

  // At a phone's width the counts still show and nothing runs off the side.
  await page.setViewportSize({ width: 380, height: 900 });
  await expect(group.getByTestId('repair-count')).toBeVisible();
  expect(await fitsWidth(page, 'section.data')).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page fits the width').toBe(true);
  await shot(page, info, 'shift-repaired-zh-narrow');
  await page.getByLabel('语言').selectOption('en');
  await expect(group.getByTestId('repair-count')).toHaveText('1 row repaired');
  expect(await fitsWidth(page, 'section.data')).toBe(true);
  await shot(page, info, 'shift-repaired-narrow');
});

test('a row dated 9999-12-31: the as-of stays at the latest plausible date and the row is left out', async ({ page }, info) => {
  await openApp(page);
  await loadOrders(page, tempFile('future.csv', FUTURE));
  await expect(page.getByTestId('dataset-files')).toHaveText('future.csv');
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-02-01');
  await expect(page.getByTestId('dataset-customers')).toHaveText('2');
  expect(await customerM(page, 'C3')).toEqual([]);
  expect(await sql(page, 'SELECT count(*) AS n FROM segmint_tx')).toBe(2);

  // Reported as left out for an implausible date (in the left-out list or the repairs), with
  // the row; in Chinese from its code.
  const reported = page.locator('[data-testid="left-out"], [data-testid="repair-group"]').and(page.locator('[data-code="values.date_implausible"]')).first();
  await expect(reported).toBeVisible();
  await expect(reported).toHaveAttribute('data-count', '1');
  await expect(reported).toContainText('9999-12-31');
  const r = await report(page);
  const engine = [...r.repairs, ...r.leftOut].find((x): x is Coded & { count: number } => x.code === 'values.date_implausible' && x.params !== undefined);
  expect(engine, 'the load report names the implausible date').toBeDefined();
  expect(engine!.count).toBe(1);
  await expect(reported).toContainText(text(engine!, 'en').message);
  await shot(page, info, 'implausible-date');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(reported).toContainText(text(engine!, 'zh-CN').message);
  await expect(reported).not.toContainText(text(engine!, 'en').message);
  await shot(page, info, 'implausible-date-zh');
  await page.getByLabel('语言').selectOption('en');

  // Kept on request (the checkbox next to Strict reloads the file): the row is in.
  const keep = page.getByLabel('Keep rows with implausible dates');
  await expect(keep).not.toBeChecked();
  await keep.click();
  await expect.poll(() => sql(page, 'SELECT count(*) AS n FROM segmint_tx')).toBe(3);
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByLabel('Keep rows with implausible dates')).toBeChecked();
  await expect(page.locator('[data-testid="left-out"][data-code="values.date_implausible"]')).toHaveCount(0);
  await shot(page, info, 'implausible-date-kept');
});

test('mixed line endings (\\n and \\r\\n) in one dropped file: every row loads', async ({ page }, info) => {
  await openApp(page);
  await dropFile(page, 'mixed-endings.csv', MIXED);
  await expect(page.getByTestId('dataset-files')).toHaveText('mixed-endings.csv');
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-rows')).toHaveText('5');
  await expect(page.getByTestId('dataset-customers')).toHaveText('3');
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-02-05');
  await expect(page.getByTestId('left-out')).toHaveCount(0);
  expect(await sql(page, 'SELECT count(*) AS n FROM segmint_tx')).toBe(5);
  expect(await customerM(page, 'C1')).toEqual([105]);
  expect(await customerM(page, 'C2')).toEqual([57.5]);
  expect(await customerM(page, 'C3')).toEqual([70]);
  await shot(page, info, 'mixed-line-endings');
});

test('Strict refuses the shifted file naming the row; the data on screen stays', async ({ page }, info) => {
  // What the engine says (native DuckDB, the CLI's code path) for this file with strict: true.
  const path = tempFile('shift.csv', SHIFT);
  const db = await NativeBackend.create({ threads: 2 });
  let refused: LoadError | null = null;
  try {
    await new Workspace(db).loadTransactions([nodeFile(path)], { strict: true });
  } catch (e) {
    if (e instanceof LoadError) refused = e;
    else throw e;
  } finally {
    await db.close();
  }
  expect(refused, 'a strict load of the file is refused').not.toBeNull();
  const first = refused!.issues.find((i) => i.severity === 'error')!;
  expect(first.code, 'the refusal has a code').toBeTruthy();
  expect({ file: first.file, line: first.line, row: first.row }).toEqual({ file: 'shift.csv', line: 3, row: 2 });
  const coded: Coded = { code: first.code!, params: first.params ?? {} };

  await openApp(page);
  await loadOrders(page, path);
  await expect(page.getByTestId('dataset-files')).toHaveText('shift.csv');
  expect(await customerM(page, 'C3')).toEqual([1234.5]);

  const strict = page.getByRole('switch', { name: 'Strict', exact: true });
  await expect(strict).not.toBeChecked();
  await strict.click();
  const alert = loadAlert(page);
  await expect(alert).toContainText('Could not load shift.csv');
  await expect(alert.getByTestId('load-error-where')).toHaveText('shift.csv, line 3 (data row 2)');
  await expect(alert.getByTestId('load-error-message')).toHaveText(text(coded, 'en').message);
  const hint = text(coded, 'en').hint;
  expect(hint, 'the refusal says what to do').toBeTruthy();
  await expect(alert.getByTestId('load-error-hint')).toContainText(hint!);
  await expect(alert).toContainText('The previous data is still loaded.');
  // the data loaded before (the same file, repaired) is still the one on screen
  await expect(page.getByTestId('dataset-files')).toHaveText('shift.csv');
  expect(await customerM(page, 'C3')).toEqual([1234.5]);
  await expect(strict).toBeChecked();
  await shot(page, info, 'strict-refused');

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(alert).toContainText('无法加载 shift.csv');
  await expect(alert.getByTestId('load-error-where')).toHaveText('shift.csv，第 3 行（数据第 2 行）');
  await expect(alert.getByTestId('load-error-message')).toHaveText(text(coded, 'zh-CN').message);
  await expect(alert.getByTestId('load-error-hint')).toContainText(text(coded, 'zh-CN').hint!);
  await expect(alert).not.toContainText(text(coded, 'en').message);
  await expect(page.getByRole('switch', { name: '严格模式', exact: true })).toBeChecked();
  await shot(page, info, 'strict-refused-zh');
  await page.setViewportSize({ width: 380, height: 900 });
  expect(await fitsWidth(page, 'section.data')).toBe(true);
  await shot(page, info, 'strict-refused-zh-narrow');
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.getByLabel('语言').selectOption('en');

  // Strict off again: the file loads, repaired, and the message is gone.
  await strict.click();
  await expect(loadAlert(page)).toHaveCount(0);
  await expect(page.getByTestId('dataset-files')).toHaveText('shift.csv');
  await expect(strict).not.toBeChecked();
  expect(await customerM(page, 'C3')).toEqual([1234.5]);
});

/** Two tables in one export (orders, then returns with a column more). */
const TABLES = 'Orders\norder_id,customer_id,order_date,amount\nO1,C1,2024-01-05,100\nO2,C2,2024-02-01,50\n\nReturns\norder_id,customer_id,order_date,amount,reason\nR1,C1,2024-02-10,-20,broken\n';

test('a file holding two tables: the first is read and the other named; the load settings read the second', async ({ page }, info) => {
  await openApp(page);
  await dropFile(page, 'two-tables.csv', TABLES);
  await expect(page.getByTestId('dataset-files')).toHaveText('two-tables.csv');
  await expect(page.getByTestId('dataset-rows')).toHaveText('2');
  expect(await customerM(page, 'C1')).toEqual([100]);
  const table = page.getByLabel('Table in the file');
  await expect(table).toHaveValue('1');
  await table.selectOption({ label: 'Table 2' });
  await page.getByRole('button', { name: 'Reload with these settings' }).click();
  await expect(page.getByTestId('dataset-rows')).toHaveText('1');
  expect(await sql(page, 'SELECT count(*) AS n FROM segmint_tx')).toBe(1);
  await expect(page.getByLabel('Table in the file')).toHaveValue('2');
  await shot(page, info, 'two-tables-second');
});

test('an as-of outside the dates of the data is warned about, in both languages', async ({ page }, info) => {
  await openApp(page);
  await expect(page.getByTestId('dataset-asof')).not.toHaveText('');
  await page.getByLabel('As-of date').fill('2031-06-30');
  await page.getByRole('button', { name: 'Set as-of' }).click();
  await expect(page.getByTestId('dataset-asof')).toHaveText('2031-06-30');
  const note = page.locator('[data-testid="note"][data-code="values.as_of_outside_range"]');
  await expect(note).toHaveCount(1);
  await expect(note).toContainText('the as-of date 2031-06-30 is outside the dates of the transactions');
  await shot(page, info, 'asof-outside');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(note).not.toContainText('outside');
  await expect(note).toContainText('2031-06-30');
});
