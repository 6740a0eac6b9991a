// The whole journey in 中文: the states the other specs reach, each with the language switched to
// Chinese, must show no English word outside code, rule text, column names and data (english.ts
// says what is left out and which names stay as they are). Each state is kept as a screenshot.
// Each test has its own page (fixtures.ts); several states per test keep the file quick.
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, shot, openApp, settled, tempFile, editorText } from './fixtures.js';
import { englishWords } from './english.js';

test.describe.configure({ timeout: 150_000 });

/** The example loaded, then the language switched to Chinese with the top bar's select. */
async function openInChinese(page: Page): Promise<void> {
  await openApp(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('语言')).toBeVisible();
}

/** No English word in this state (`data`: file names, column names and values this test put on
 * screen, which a message may quote); the state is kept as a screenshot. A soft check: the test
 * goes on to its next states and the report lists every state's words. */
async function expectChinese(page: Page, info: TestInfo, state: string, data: readonly string[] = []): Promise<void> {
  await expect.soft.poll(() => englishWords(page, [...EXAMPLE_FILES, ...data]), { message: `English words in state "${state}"`, timeout: 5_000 }).toEqual([]);
  await shot(page, info, state);
}

/** the example's files, named in its load notes */
const EXAMPLE_FILES = ['orders.csv', 'customers.csv'];
const quick = (page: Page) => page.locator('#quick-rule');
const ruleFile = (page: Page) => page.locator('#rule-file');

const ORDERS = ['order_id,customer_id,order_date,amount,channel,region', 'A1,X,2024-03-01 10:00:00,100,online,North', 'A2,X,2024-03-10 10:00:00,50,online,North', 'B1,Y,2024-03-05 10:00:00,20,app,East', 'C1,Z,2024-03-31 09:00:00,300,store,West'].join('\n');
const ORDER_DATA = ['shop-orders.csv', 'order_id', 'customer_id', 'order_date', 'amount', 'channel', 'region', 'online', 'North', 'app', 'East', 'store', 'West'];
const CUSTOMERS = ['customer_id,name,city', 'X,Alice,Paris', 'Y,Bob,Lyon', 'Z,Carol,Nice'].join('\n');
const CUSTOMER_DATA = ['shop-customers.csv', 'customer_id', 'name', 'city', 'Alice', 'Paris', 'Bob', 'Lyon', 'Carol', 'Nice'];

test('the example, a quick rule with a syntax error and an unknown field, the SQL', async ({ page }, info) => {
  await openInChinese(page);
  await expect(page.getByTestId('segments')).toBeVisible();
  await expectChinese(page, info, 'example');
  // the as-of field shows its date in the same form as the text beside it (a type=date field
  // would show the browser's form, 12/31/2024 here, whatever the page's language)
  const asOf = (await page.getByTestId('dataset-asof').textContent())!.trim();
  expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.locator('#asof-date')).toHaveAttribute('type', 'text');
  await expect(page.locator('#asof-date')).toHaveValue(asOf);

  await quick(page).fill('F > 5');
  await settled(page);
  for (const d of await page.locator('details.sql summary').all()) await d.click();
  await expectChinese(page, info, 'quick-rule-sql');

  await quick(page).fill('R < 30 and F > > 5');
  await expect(page.locator('#quick-diagnostics')).toBeVisible();
  await expect(page.getByTestId('quick-stale')).toBeVisible();
  await expectChinese(page, info, 'quick-syntax-error');

  // an unknown field: the checker's message (the dsl's catalogue) and its did-you-mean
  await quick(page).fill('Rx < 30');
  await expect(page.locator('#quick-diagnostics')).toBeVisible();
  await expectChinese(page, info, 'quick-unknown-field');
});

test('a rule file with errors and warnings; a ready-made model asks first', async ({ page }, info) => {
  await openInChinese(page);
  const file = ruleFile(page);
  const text = await editorText(file);
  // an error (unknown field) and warnings (a segment after the catch-all never matches; a
  // contradiction)
  await file.fill(`${text}\nsegment broken "Broken" when Freq > 1\nsegment never when R < 10 and R > 20\n`);
  await expect(page.locator('#rules-diagnostics')).toBeVisible();
  await expect(page.getByTestId('segments')).toContainText('显示的是上一次有效结果');
  await expectChinese(page, info, 'rule-file-errors');

  await file.fill(`${text}\nsegment never when R < 10 and R > 20\n`);
  await expect(page.locator('#rules-diagnostics .warning').first()).toBeVisible();
  await expectChinese(page, info, 'rule-file-warnings');

  await page.locator('#library').selectOption({ index: 1 });
  await page.getByRole('button', { name: '使用模型' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toBeVisible();
  await expectChinese(page, info, 'model-confirm');
  await confirm.getByRole('button', { name: '替换' }).click();
  await expect(confirm).toHaveCount(0);
  await settled(page);
  await expectChinese(page, info, 'model-applied');
});

test('files staged with their roles and the preview; the load settings; a failed load', async ({ page }, info) => {
  await openInChinese(page);
  await page.locator('#data-files').setInputFiles([tempFile('shop-orders.csv', ORDERS), tempFile('shop-customers.csv', CUSTOMERS)]);
  await expect(page.getByTestId('staged-file')).toHaveCount(2);
  await expect(page.getByTestId('staging').getByTestId('file-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('shop-orders.csv 的用途')).toHaveValue('orders');
  await expectChinese(page, info, 'staged-files', [...ORDER_DATA, ...CUSTOMER_DATA]);

  await page.getByRole('button', { name: '加载文件', exact: true }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('shop-orders.csv, shop-customers.csv', { timeout: 60_000 });
  await expect(page.getByTestId('load-settings')).toHaveAttribute('open', '');
  await expectChinese(page, info, 'load-settings', [...ORDER_DATA, ...CUSTOMER_DATA]);

  // a file that cannot be loaded as orders: its message, the data before stays
  await page.locator('#data-files').setInputFiles(tempFile('bad.csv', 'foo,bar\n1,2\n'));
  await expect(page.getByTestId('staged-file')).toHaveCount(1);
  await page.getByLabel('bad.csv 的用途').selectOption('orders');
  await page.getByRole('button', { name: '加载文件', exact: true }).click();
  await expect(page.locator('.load-error')).toBeVisible({ timeout: 60_000 });
  await expectChinese(page, info, 'load-failed', [...ORDER_DATA, ...CUSTOMER_DATA, 'bad.csv', 'foo', 'bar']);
});

test('a file without an amount column: the suggestion; refunds and the example rules pointed out', async ({ page }, info) => {
  await openInChinese(page);
  const csv = ['InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID', '1,2,2024-01-02,5.00,A', 'C1,-2,2024-01-03,5.00,A', '2,1,2024-01-04,3.50,B', '3,4,2024-01-05,1.25,C'].join('\n');
  const data = ['no-amount.csv', 'InvoiceNo', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID'];
  await page.locator('#data-files').setInputFiles(tempFile('no-amount.csv', csv));
  await expect(page.locator('#staging-amount')).toBeVisible({ timeout: 60_000 });
  await expectChinese(page, info, 'amount-staged', data);
  await page.locator('#staging-amount').fill('');
  await page.getByRole('button', { name: '加载文件', exact: true }).click();
  await expect(page.locator('.load-error')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('amount-suggestion')).toBeVisible();
  await expectChinese(page, info, 'amount-suggested', data);
  await page.getByTestId('load-settings').getByRole('button', { name: /^使用 / }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('no-amount.csv', { timeout: 60_000 });
  await expect(page.getByTestId('example-rules-note')).toBeVisible();
  await expect(page.locator('[data-testid="note"][data-code="metrics.net_not_positive"]')).toBeVisible();
  await expectChinese(page, info, 'notes', data);
});

test('the customers of a segment, searched; the export panel; what is stored', async ({ page }, info) => {
  await openInChinese(page);
  await page.getByTestId('segments').locator('button.drill').first().click();
  const table = page.getByTestId('customer-table');
  await expect(table.locator('[role="cell"]').first()).toBeVisible();
  await expectChinese(page, info, 'customers-segment');
  await page.getByTestId('customers-search').fill('成都');
  await expect(page.getByTestId('customers-total')).toContainText('符合搜索');
  await expectChinese(page, info, 'customers-search', ['成都']);
  await page.getByTestId('customers-search').fill('no such customer');
  await expect(table).toContainText('没有');
  await expectChinese(page, info, 'customers-no-match', ['no such customer']);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-summary-csv').click();
  await download;
  await expect(page.getByTestId('export-done')).toBeVisible();
  await expectChinese(page, info, 'exported');

  await page.locator('details.stored summary').click();
  await expect(page.locator('.stored-body')).toBeVisible();
  await expectChinese(page, info, 'what-is-stored');
});

test('a rule file offered over the user\'s edits; a segment pasted into the quick rule', async ({ page }, info) => {
  await openInChinese(page);
  await ruleFile(page).fill('segment mine when R < 10\n');
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['segment loyal "Loyal" when F >= 8\nsegment rest otherwise\n'], 'team.seg'));
    return d;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  const offer = page.getByTestId('rule-file-offer');
  await expect(offer).toBeVisible();
  await expectChinese(page, info, 'rule-file-offer', ['team.seg']);
  await offer.getByRole('button', { name: '替换我的规则' }).click();
  await expect(page.getByTestId('rule-file-name')).toBeVisible();
  await expectChinese(page, info, 'rule-file-opened', ['team.seg']);

  await quick(page).click();
  await page.keyboard.press('Control+a');
  await quick(page).evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'segment x when R < 3');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('pasted-segment')).toBeVisible();
  await expectChinese(page, info, 'pasted-offer');
});

test('a messy file: the repairs and the rows left out; a missing base file; add as segment; the quick rule\'s customers', async ({ page }, info) => {
  await openInChinese(page);
  // a thousands separator that shifted a row's columns (repaired) and a row dated 9999-12-31 (left out)
  const messy = 'order_id,customer_id,order_date,amount,note\nO1,C1,2024-01-05,100.00,\nO2,C2,2024-02-01,50,\nO3,C3,2024-03-01,1,234.50,\nO4,C4,9999-12-31,70,\n';
  const data = ['messy.csv', 'order_id', 'customer_id', 'order_date', 'amount', 'note'];
  await page.locator('#data-files').setInputFiles(tempFile('messy.csv', messy));
  await expect(page.getByTestId('staged-file')).toHaveCount(1);
  await expect(page.getByTestId('staged-file')).not.toContainText('…');
  await page.getByLabel('messy.csv 的用途').selectOption('orders');
  await page.getByRole('button', { name: '加载文件', exact: true }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('messy.csv', { timeout: 60_000 });
  await expect(page.getByTestId('repairs')).toBeVisible();
  for (const s of await page.getByTestId('repairs').locator('summary').all()) await s.click();
  await expect(page.getByTestId('left-out').first()).toBeVisible();
  await expectChinese(page, info, 'repairs-left-out', data);

  // a rule file whose base file was not opened with it
  await ruleFile(page).fill('use "common.seg"\n\nsegment champions when F >= 2\nsegment rest otherwise\n');
  await expect(page.getByTestId('base-files-missing')).toBeVisible();
  await expect(page.locator('#rules-diagnostics')).toBeVisible();
  await expectChinese(page, info, 'base-file-missing', data);

  // the quick rule added as a segment, and its customers
  await ruleFile(page).fill('segment rest otherwise\n');
  await quick(page).fill('M > 10');
  await settled(page);
  await page.getByTestId('add-segment').click();
  await expect(page.getByTestId('add-segment-form')).toBeVisible();
  await expectChinese(page, info, 'add-segment-form', data);
  await page.locator('#add-segment-name').fill('big');
  await page.getByTestId('add-segment-form').getByRole('button', { name: '添加到规则文件' }).click();
  await expect(page.getByTestId('segments')).toContainText('big');
  await page.getByTestId('quick-drill').click();
  await expect(page.getByTestId('customer-table').locator('[role="cell"]').first()).toBeVisible();
  await expectChinese(page, info, 'quick-customers', data);
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the page at 390 px wide, with a broken quick rule', async ({ page }, info) => {
    await openInChinese(page);
    await expect(page.getByTestId('segments')).toBeVisible();
    await expectChinese(page, info, 'narrow');
    await quick(page).fill('R < 30 and F > > 5');
    await expect(page.locator('#quick-diagnostics')).toBeVisible();
    await expectChinese(page, info, 'narrow-error');
  });
});
