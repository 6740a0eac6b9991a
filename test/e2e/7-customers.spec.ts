// "See every customer" and "Take results out": drill from a segment, a tag and the quick rule's
// count into the customer table, sort, search, scroll to the last customer, add the quick rule as
// a segment, and export (all customers CSV, a segment as .xlsx, the summary CSV) with masking on
// and off. Every number is checked against the app's own engine (window.segmint on
// `?automation=1`) with plain SQL. Each scenario has its own fresh browser context.
import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import { test, expect, shot, APP_URL } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { repo } from './native.js';

const exampleRules = readFileSync(`${repo}examples/retail/tiers.seg`, 'utf8');
type Row = Record<string, string | number | boolean | null>;

// each scenario starts the app in a new context (engine start and the example load: seconds on an
// idle machine, much longer on a busy shared one); no assertion here is about time
test.describe.configure({ timeout: 240_000 });

/** A fresh context with the app on the example data (automation flag on); requests stay local. */
async function openFresh(browser: Browser): Promise<{ page: Page; done: () => Promise<void> }> {
  const baseURL = test.info().project.use.baseURL!;
  const origin = new URL(baseURL).origin;
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  const foreign: string[] = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'blob:' && u.protocol !== 'data:' && u.origin !== origin) foreign.push(r.url());
  });
  const page = await context.newPage();
  await page.goto(APP_URL);
  await expect(page.getByTestId('dataset-customers')).toHaveText('2,000', { timeout: 150_000 });
  await expect(page.getByTestId('segments')).toBeVisible();
  return {
    page,
    done: async () => {
      await context.close();
      expect(foreign, 'requests to other origins').toEqual([]);
    }
  };
}

/** Plain SQL on the app's engine. */
function sql(page: Page, text: string, params: unknown[] = []): Promise<Row[]> {
  return page.evaluate(async ([q, p]) => (await window.segmint!.backend.query(q as string, p as never)) as Row[], [text, params] as const);
}

const table = (page: Page) => page.getByTestId('customer-table');
const row = (page: Page, i: number) => table(page).locator(`[data-row="${i}"]`);

/** The raw values of a shown row (data-value of each cell), once the row is loaded. */
async function shownRow(page: Page, i: number, cols: string[]): Promise<Record<string, string>> {
  await expect(row(page, i)).toHaveAttribute('data-customer', /.+/);
  return row(page, i).evaluate(
    (el, names) => Object.fromEntries(names.map((c) => [c, el.querySelector(`[data-col="${CSS.escape(c)}"]`)?.getAttribute('data-value') ?? ''])),
    cols
  );
}

const raw = (v: unknown) => (v === null || v === undefined ? '' : String(v));

async function expectTotal(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('customers-total')).toHaveAttribute('data-total', String(n));
  await expect(table(page)).toHaveAttribute('aria-busy', 'false');
}

/** The first `n` shown rows equal the engine's rows (same order, same values). */
async function expectRows(page: Page, expected: Row[], cols: string[], n = 10): Promise<void> {
  for (let i = 0; i < Math.min(n, expected.length); i++) {
    const want: Record<string, string> = {};
    for (const c of cols) want[c] = raw(expected[i]![c]);
    expect(await shownRow(page, i, cols), `row ${i}`).toEqual(want);
  }
}

/** RFC 4180 CSV (the export's: UTF-8 BOM, CRLF) into rows of text. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0), 'UTF-8 BOM').toBe(0xfeff);
  const s = text.slice(1);
  const rows: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      rec.push(field);
      field = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      rec.push(field);
      rows.push(rec);
      rec = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field === '' && rec.length === 0, 'the file ends with CRLF').toBe(true);
  return rows;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

/** The engine's per-customer rows (customer, segment, R, F, M, name) by customer id. */
function engineCustomers(page: Page, where = 'true', params: unknown[] = []): Promise<Row[]> {
  return sql(page, `SELECT c.customer, s.segment, c.R, c.F, c.M, c.name FROM customers c LEFT JOIN segmented s USING (customer) WHERE ${where} ORDER BY c.customer`, params);
}

function numbersEqual(shown: string, engine: unknown): boolean {
  if (engine === null) return shown === '';
  return Number(shown) === Number(engine);
}

test('drill into a segment: the engine\'s customers, sorted, searched, scrolled to the last', async ({ browser }, info) => {
  const { page, done } = await openFresh(browser);
  await page.getByTestId('segments').getByRole('button', { name: /Gold/ }).click();
  const heading = page.getByRole('heading', { name: 'Customers in segment Gold 黄金客户' });
  await expect(heading).toBeFocused();
  const gold = await engineCustomers(page, "s.segment = 'gold'");
  expect(gold.length).toBeGreaterThan(50);
  await expectTotal(page, gold.length);
  await expect(page.getByTestId('customers-total')).toHaveText(`${gold.length.toLocaleString('en')} customers`);
  const cols = ['customer', 'segment', 'R', 'F', 'M'];
  await expectRows(page, gold, cols);
  // the numbers as shown: M with two decimals in the locale, F whole
  await expect(row(page, 0).locator('[data-col="M"]')).toHaveText(Number(gold[0]!.M).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  await expect(row(page, 0).locator('[data-col="F"]')).toHaveText(String(gold[0]!.F));
  // every metric, score, segment and the customers file's attributes are columns
  for (const c of ['R', 'F', 'M', 'T', 'AOV', 'R_score', 'F_score', 'M_score', 'RFM', 'name', 'city', 'satisfaction']) {
    await expect(table(page).getByRole('columnheader', { name: c, exact: true })).toHaveCount(1);
  }
  await shot(page, info, 'segment-drilled');
  await expectAccessible(page, 'customer table of a segment');

  // sort by M: ascending, then descending (ties by customer id), aria-sort says which
  const mHeader = table(page).getByRole('columnheader', { name: 'M', exact: true });
  await mHeader.getByRole('button').click();
  await expect(mHeader).toHaveAttribute('aria-sort', 'ascending');
  await expectTotal(page, gold.length);
  const byM = await sql(page, "SELECT c.customer, c.M FROM customers c JOIN segmented s USING (customer) WHERE s.segment = 'gold' ORDER BY c.M ASC NULLS LAST, c.customer");
  await expectRows(page, byM, ['customer', 'M'], 5);
  await mHeader.getByRole('button').click();
  await expect(mHeader).toHaveAttribute('aria-sort', 'descending');
  await expectTotal(page, gold.length);
  const byMDesc = await sql(page, "SELECT c.customer, c.M FROM customers c JOIN segmented s USING (customer) WHERE s.segment = 'gold' ORDER BY c.M DESC NULLS LAST, c.customer");
  await expectRows(page, byMDesc, ['customer', 'M'], 5);
  await shot(page, info, 'sorted-by-M-desc');

  // scroll to the last customer with the keyboard (End on the table)
  await table(page).focus();
  await page.keyboard.press('End');
  const last = gold.length - 1;
  await expect(row(page, last)).toHaveAttribute('data-customer', raw(byMDesc[last]!.customer));
  expect(numbersEqual((await shownRow(page, last, ['M'])).M!, byMDesc[last]!.M)).toBe(true);
  expect(Number(await table(page).getAttribute('data-block-ms'))).toBeGreaterThanOrEqual(0);
  await shot(page, info, 'scrolled-to-last');

  // search by id: one customer; by attribute text (a city): the engine's count
  const search = page.getByTestId('customers-search');
  await search.fill(raw(gold[3]!.customer));
  await expectTotal(page, 1);
  await expect(row(page, 0)).toHaveAttribute('data-customer', raw(gold[3]!.customer));
  await search.fill('成都');
  const chengdu = await sql(
    page,
    "SELECT c.customer FROM customers c JOIN segmented s USING (customer) WHERE s.segment = 'gold' AND (contains(lower(c.customer), '成都') OR contains(lower(coalesce(c.name, '')), '成都') OR contains(lower(coalesce(c.city, '')), '成都') OR contains(lower(coalesce(c.industry, '')), '成都') OR contains(lower(coalesce(CAST(c.signup_date AS VARCHAR), '')), '成都')) ORDER BY c.M DESC NULLS LAST, c.customer"
  );
  expect(chengdu.length).toBeGreaterThan(0);
  await expectTotal(page, chengdu.length);
  await expect(page.getByTestId('customers-total')).toContainText(`${chengdu.length.toLocaleString('en')} of them match the search`);
  await expectRows(page, chengdu, ['customer'], 3);
  await shot(page, info, 'searched');
  await expectAccessible(page, 'customer table searched');

  await page.getByTestId('customers-close').click();
  await expect(page.getByTestId('customers')).toHaveCount(0);
  await done();
});

test('drill from a tag and from the quick rule\'s count', async ({ browser }, info) => {
  const { page, done } = await openFresh(browser);
  await page.getByLabel('Rule file').fill(`${exampleRules.trimEnd()}\ntag unhappy "Unhappy" when complaints > 0 and satisfaction <= 3\n`);
  const tag = page.getByRole('list', { name: 'Tags' }).getByRole('button', { name: /Unhappy/ });
  await tag.click();
  await expect(page.getByRole('heading', { name: 'Customers tagged Unhappy' })).toBeVisible();
  const unhappy = await sql(page, 'SELECT c.customer, c.complaints, c.satisfaction, s.unhappy FROM customers c JOIN segmented s USING (customer) WHERE s.unhappy ORDER BY c.customer');
  const plain = await sql(page, 'SELECT count(*) AS n FROM customers WHERE complaints > 0 AND satisfaction <= 3');
  expect(unhappy.length).toBe(Number(plain[0]!.n));
  await expectTotal(page, unhappy.length);
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText(`Unhappy ${unhappy.length.toLocaleString('en')} ·`);
  await expectRows(page, unhappy, ['customer', 'complaints', 'satisfaction', 'unhappy'], 5);
  await shot(page, info, 'tag-drilled');

  // the quick rule's count opens its customers
  const quick = page.getByLabel('Rule expression');
  await quick.fill('R <= 30 and F >= 5');
  await expect(page.getByTestId('quick-result')).toHaveAttribute('aria-busy', 'false');
  const matched = Number(await page.getByTestId('quick-count').getAttribute('data-value'));
  const expected = await sql(page, 'SELECT customer, R, F, M FROM customers WHERE R <= 30 AND F >= 5 ORDER BY customer');
  expect(matched).toBe(expected.length);
  await page.getByTestId('quick-drill').click();
  await expect(page.getByRole('heading', { name: 'Customers matching R <= 30 and F >= 5' })).toBeVisible();
  await expectTotal(page, expected.length);
  await expectRows(page, expected, ['customer', 'R', 'F', 'M'], 5);
  await table(page).focus();
  await page.keyboard.press('End');
  await expect(row(page, expected.length - 1)).toHaveAttribute('data-customer', raw(expected.at(-1)!.customer));
  await shot(page, info, 'quick-drilled');
  await expectAccessible(page, 'customer table of the quick rule');
  await done();
});

test('add the quick rule as a segment: a line before the catch-all, counted in the segments table', async ({ browser }, info) => {
  const { page, done } = await openFresh(browser);
  await page.getByLabel('Rule file').fill('# mine\nsegment rest "Everyone else" otherwise\n');
  await expect(page.getByTestId('segments').getByRole('row')).toHaveCount(2);
  const quick = page.getByLabel('Rule expression');
  await quick.fill('R <= 30 and F >= 5');
  await expect(page.getByTestId('quick-result')).toHaveAttribute('aria-busy', 'false');
  const matched = Number(await page.getByTestId('quick-count').getAttribute('data-value'));

  await page.getByTestId('add-segment').click();
  const name = page.getByLabel('Segment name');
  await expect(name).toHaveValue('quick_rule');
  // a name that is not an identifier is refused, with the reason
  await name.fill('my segment');
  await page.getByRole('button', { name: 'Add to the rule file' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Use letters, digits and _ only' })).toBeVisible();
  await expectAccessible(page, 'add as segment form with a problem');
  await name.fill('active');
  await page.getByRole('button', { name: 'Add to the rule file' }).click();
  await expect(page.getByLabel('Rule file')).toHaveEditorText('# mine\nsegment active when R <= 30 and F >= 5\nsegment rest "Everyone else" otherwise\n');
  const active = page.getByTestId('segments').getByRole('row').filter({ has: page.getByRole('button', { name: /^Show the customers of active$/ }) });
  await expect(active.getByRole('cell').first()).toHaveText(matched.toLocaleString('en'));
  await shot(page, info, 'added-as-segment');

  // and its customers are the quick rule's
  await active.getByRole('button').click();
  await expectTotal(page, matched);
  await done();
});

test('exports: all customers as CSV (masked, then not), a segment as .xlsx, the summary as CSV', async ({ browser }, info) => {
  const { page, done } = await openFresh(browser);
  const mask = page.locator('#mask-panel');
  await expect(mask).toBeChecked();

  // all customers, CSV, personal columns masked
  const all = await downloaded(page, () => page.getByTestId('export-all-csv').click());
  expect(all.download.suggestedFilename()).toBe('segmint-example-all-asof-2024-12-31.csv');
  await expect(page.getByTestId('export-done')).toContainText('personal columns masked');
  const engine = await engineCustomers(page);
  expect(engine.length).toBe(2000);
  const csv = parseCsv(all.bytes.toString('utf8'));
  const head = csv[0]!;
  const at = (c: string) => head.indexOf(c);
  for (const c of ['customer', 'segment', 'R', 'F', 'M', 'name']) expect(at(c), c).toBeGreaterThanOrEqual(0);
  expect(csv.length - 1).toBe(engine.length);
  for (const [i, e] of engine.entries()) {
    const r = csv[i + 1]!;
    expect(r[at('customer')]).toBe(raw(e.customer));
    expect(r[at('segment')]).toBe(raw(e.segment));
    expect(numbersEqual(r[at('R')]!, e.R) && numbersEqual(r[at('F')]!, e.F) && numbersEqual(r[at('M')]!, e.M), `numbers of ${raw(e.customer)}`).toBe(true);
    // masked: the first character and stars
    expect(r[at('name')]).toMatch(/^.\*{2,4}$/u);
    expect(r[at('name')]![0]).toBe(raw(e.name)[0]);
  }
  await shot(page, info, 'exported-all-masked');

  // the same without masking: the names as in the customers file
  await page.getByText('Mask personal columns').first().click();
  await expect(mask).not.toBeChecked();
  const open = await downloaded(page, () => page.getByTestId('export-all-csv').click());
  const csv2 = parseCsv(open.bytes.toString('utf8'));
  expect(csv2.length - 1).toBe(engine.length);
  for (const [i, e] of engine.entries()) expect(csv2[i + 1]![at('name')]).toBe(raw(e.name));

  // a drilled segment as .xlsx (masking back on, switched in the table's toolbar)
  await page.getByTestId('segments').getByRole('button', { name: /Platinum/ }).click();
  const platinum = await engineCustomers(page, "s.segment = 'platinum'");
  await expectTotal(page, platinum.length);
  await page.getByTestId('customers').getByText('Mask personal columns').click();
  await expect(page.locator('#mask-drill')).toBeChecked();
  await expect(mask).toBeChecked();
  const x = await downloaded(page, () => page.getByTestId('export-drill-xlsx').click());
  expect(x.download.suggestedFilename()).toBe('segmint-example-platinum-asof-2024-12-31.xlsx');
  const wb = XLSX.read(x.bytes, { type: 'buffer' });
  const sheet = wb.Sheets[wb.SheetNames[0]!]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
  const xh = rows[0] as string[];
  expect(rows.length - 1).toBe(platinum.length);
  for (const [i, e] of platinum.entries()) {
    const r = rows[i + 1]!;
    expect(r[xh.indexOf('customer')]).toBe(e.customer);
    expect(r[xh.indexOf('segment')]).toBe('platinum');
    expect(r[xh.indexOf('M')]).toBe(Number(e.M));
    expect(r[xh.indexOf('F')]).toBe(Number(e.F));
    expect(String(r[xh.indexOf('name')])).toMatch(/^.\*{2,4}$/u);
  }
  await expectAccessible(page, 'segment exported');
  await shot(page, info, 'exported-segment-xlsx');

  // the segment summary: one line per segment as the engine groups them
  const sum = await downloaded(page, () => page.getByTestId('export-summary-csv').click());
  expect(sum.download.suggestedFilename()).toBe('segmint-example-summary-asof-2024-12-31.csv');
  const s = parseCsv(sum.bytes.toString('utf8'));
  const sh = s[0]!;
  const groups = await sql(page, 'SELECT s.segment, count(*) AS n, sum(c.M) AS m FROM customers c JOIN segmented s USING (customer) GROUP BY s.segment');
  expect(s.length - 1).toBe(groups.length);
  for (const g of groups) {
    const line = s.find((r, i) => i > 0 && r[sh.indexOf('segment')] === raw(g.segment));
    expect(line, `summary line of ${raw(g.segment)}`).toBeDefined();
    expect(Number(line![sh.indexOf('customers')])).toBe(Number(g.n));
    expect(Number(line![sh.indexOf('M')])).toBeCloseTo(Number(g.m), 6);
  }
  await done();
});
