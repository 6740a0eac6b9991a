// The charts view (issue 12) on the example data: a segment bar's and a heatmap cell's numbers
// equal plain SQL on the app's own engine (window.segmint on `?automation=1`); clicking a bar or a
// cell opens the customer table with that many customers; editing the rule file moves a threshold
// line on the R histogram; the charts in 中文 and on a phone. Screenshots are kept (shot()).
// Each test opens its own page.
import type { Locator, Page } from '@playwright/test';
import { test, expect, shot, APP_URL } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { englishWords } from './english.js';

// engine start and the example load take seconds on an idle machine, longer on a busy one
test.describe.configure({ timeout: 240_000 });

type Row = Record<string, string | number | boolean | null>;

function sql(page: Page, text: string, params: unknown[] = []): Promise<Row[]> {
  return page.evaluate(async ([q, p]) => (await window.segmint!.backend.query(q as string, p as never)) as Row[], [text, params] as const);
}

async function count(page: Page, text: string): Promise<number> {
  const [r] = await sql(page, text);
  return Number(r!.n);
}

/** The app on the example data, the charts view shown and drawn. */
async function openCharts(page: Page): Promise<void> {
  // the example loaded (as 7-customers waits: a busy shared machine takes long to start)
  await page.goto(APP_URL);
  await expect(page.getByTestId('dataset-customers')).toHaveText('2,000', { timeout: 150_000 });
  await page.getByRole('tab', { name: /Charts|图表/ }).click();
  await expect(page.locator('[data-testid="chart-segments"] [data-key="segment:platinum"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="chart-heatmap"] [data-key="cell:3:4"]')).toBeVisible();
  await expect(page.locator('[data-testid="chart-hist-R"] svg[viewBox]')).toBeVisible();
}

/** The number after `label: ` in a mark's accessible name (its tooltip), as a number. */
async function numberIn(mark: Locator, label: string): Promise<number> {
  const name = (await mark.getAttribute('aria-label')) ?? '';
  const m = new RegExp(`${label}: ([\\d,.]+)`).exec(name);
  expect(m, `"${label}: n" in "${name}"`).not.toBeNull();
  return Number(m![1]!.replace(/,/g, ''));
}

async function expectTotal(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('customers-total')).toHaveAttribute('data-total', String(n));
  await expect(page.getByTestId('customer-table')).toHaveAttribute('aria-busy', 'false');
}

/** x of the R histogram's threshold line named `name`. */
async function lineX(page: Page, name: string): Promise<number> {
  const line = page.locator(`[data-testid="chart-hist-R"] g[aria-label="${name}"] line`);
  await expect(line).toHaveCount(1);
  return Number(await line.getAttribute('x1'));
}

test('a segment bar and a heatmap cell show the numbers SQL gives, and open their customers', async ({ page }, info) => {
  await openCharts(page);
  // platinum is the file's first segment: its customers are exactly its rule's
  const platinum = await count(page, 'SELECT count(*) AS n FROM customers WHERE R <= 30 AND F >= 15 AND M >= 5000');
  const bar = page.locator('[data-testid="chart-segments"] g.hit[data-key="segment:platinum"]').first();
  expect(await numberIn(bar, 'Customers')).toBe(platinum);
  // the table alternative says the same
  const tableRow = page.locator('[data-testid="chart-segments"] table tbody tr').first();
  await expect(tableRow.locator('td').first()).toHaveText(platinum.toLocaleString('en-US'));

  const cell = page.locator('[data-testid="chart-heatmap"] g.hit[data-key="cell:3:4"]');
  const cellN = await count(page, 'SELECT count(*) AS n FROM customers WHERE R_score = 3 AND F_score = 4');
  expect(await numberIn(cell, 'Customers')).toBe(cellN);
  const [mean] = await sql(page, 'SELECT round(avg(M), 2) AS m FROM customers WHERE R_score = 3 AND F_score = 4');
  expect(await numberIn(cell, 'Mean M')).toBeCloseTo(Number(mean!.m), 2);
  await shot(page, info, 'charts-en');
  await expectAccessible(page, 'charts view');

  await bar.click();
  await expectTotal(page, platinum);
  await shot(page, info, 'drill-segment');
  await cell.click();
  await expectTotal(page, cellN);
  await shot(page, info, 'drill-cell');
});

test('keyboard: a focused cell opens with Enter; the heatmap colours by mean M', async ({ page }, info) => {
  await openCharts(page);
  const cell = page.locator('[data-testid="chart-heatmap"] g.hit[data-key="cell:5:5"]');
  const n = await count(page, 'SELECT count(*) AS n FROM customers WHERE R_score = 5 AND F_score = 5');
  await cell.focus();
  await expect(page.locator('[data-testid="chart-heatmap"] [role="tooltip"]')).toBeVisible();
  await page.keyboard.press('Enter');
  await expectTotal(page, n);
  const before = await cell.locator('rect').getAttribute('fill');
  await page.getByRole('radio', { name: 'mean M' }).check();
  await expect(page.locator('[data-testid="chart-heatmap"] figcaption p')).toContainText('mean M');
  // the cell with the highest mean M gets viridis' top colour
  const [top] = await sql(page, 'SELECT R_score AS r, F_score AS f FROM customers WHERE R_score IS NOT NULL GROUP BY 1, 2 ORDER BY avg(M) DESC LIMIT 1');
  await expect(page.locator(`[data-testid="chart-heatmap"] g.hit[data-key="cell:${top!.r}:${top!.f}"] rect`)).toHaveAttribute('fill', '#fde725');
  expect(before).not.toBeNull();
  await shot(page, info, 'heatmap-mean-m');
});

test('the R histogram: bins add up to the customers with an R, and thresholds move with the rule file', async ({ page }, info) => {
  await openCharts(page);
  // the bins (text alternative) add up to the customers with a purchase
  const withR = await count(page, 'SELECT count(R) AS n FROM customers');
  const cells = await page.locator('[data-testid="chart-hist-R"] table tbody td').allTextContents();
  expect(cells.reduce((s, c) => s + Number(c.replace(/,/g, '')), 0)).toBe(withR);
  const x30 = await lineX(page, 'platinum: R ≤ 30');
  const x60 = await lineX(page, 'gold: R ≤ 60');
  expect(x60).toBeGreaterThan(x30);
  await shot(page, info, 'histograms');

  await page.getByRole('tab', { name: 'Segments' }).click();
  const editor = page.getByLabel('Rule file', { exact: true });
  await editor.click();
  const text = await editor.evaluate((el) => [...el.querySelectorAll(':scope > .cm-line')].map((l) => l.textContent).join('\n'));
  await editor.fill(text.replace('R <= 30 and F >= 15', 'R <= 120 and F >= 15'));
  await page.getByRole('tab', { name: 'Charts' }).click();
  const x120 = await lineX(page, 'platinum: R ≤ 120');
  expect(x120).toBeGreaterThan(x60);
  await expect(page.locator('[data-testid="chart-hist-R"] g[aria-label="platinum: R ≤ 30"]')).toHaveCount(0);
  // the segment chart follows the new counts
  const platinum = await count(page, 'SELECT count(*) AS n FROM customers WHERE R <= 120 AND F >= 15 AND M >= 5000');
  await expect(page.locator('[data-testid="chart-segments"] g.hit[data-key="segment:platinum"]').first()).toHaveAttribute('aria-label', new RegExp(`Customers: ${platinum.toLocaleString('en-US')} `));
  await shot(page, info, 'threshold-moved');
});

test('the charts in 中文, and on a phone', async ({ page }, info) => {
  await openCharts(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '各细分的规模与价值' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'RFM 热力图：R 分 × F 分' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '帕累托曲线' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'R：距最近一次购买的天数' })).toBeVisible();
  const cell = page.locator('[data-testid="chart-heatmap"] g.hit[data-key="cell:3:4"]');
  const n = await count(page, 'SELECT count(*) AS n FROM customers WHERE R_score = 3 AND F_score = 4');
  expect(await numberIn(cell, '客户数')).toBe(n);
  await expect(page.locator('[data-testid="chart-pareto"] svg[viewBox]')).toContainText('前 20% 的客户');
  await expect(page.locator('[data-testid="chart-hist-M"] svg[viewBox]')).toContainText('M（金额，对数刻度）');
  await expect(page.locator('[data-testid="chart-segments"] summary')).toHaveText('以表格显示数字');
  // no English but data: the example rule file's segment ids and names, quoted in the
  // thresholds' labels
  expect(await englishWords(page, ['churn_risk', 'platinum', 'gold', 'basic', 'orders.csv', 'customers.csv'])).toEqual([]);
  await shot(page, info, 'charts-zh');
  await expectAccessible(page, 'charts view in Chinese');

  await page.setViewportSize({ width: 390, height: 844 });
  // laid out for the phone's width: no chart wider than the screen
  await expect
    .poll(async () => page.locator('[data-testid^="chart-"] svg[viewBox]').evaluateAll((els) => Math.max(...els.map((e) => Number(e.getAttribute('viewBox')!.split(' ')[2])))))
    .toBeLessThanOrEqual(390);
  await shot(page, info, 'charts-phone-zh');
  // each chart on its own too (the full page is too tall to read a chart in)
  for (const id of ['segments', 'heatmap', 'pareto', 'hist-R', 'hist-M']) {
    const path = info.outputPath(`phone-zh-${id}.png`);
    await page.getByTestId(`chart-${id}`).screenshot({ path });
    await info.attach(`phone-zh-${id}`, { path, contentType: 'image/png' });
  }
});
