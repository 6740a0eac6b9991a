// The workbench end to end, in Debian's Chromium against the built static app. Each test opens
// the app on a fresh page of its own (the example data set) and sets up what it needs itself.
import { readFileSync } from 'node:fs';
import { test, expect, shot, openApp, settled, shownCount, APP_URL, tempFile, loadOrders, dropFile, editorText } from './fixtures.js';
import { exampleCustomers, exampleOrders, nativeCount, nativeWorkspace } from './native.js';
import { repo } from './native.js';

test('loads the example with visible progress and counts R < 30 and F > 5 like native DuckDB', async ({ page }, info) => {
  const native = await nativeWorkspace(exampleOrders, exampleCustomers);
  const expected = await nativeCount(native, 'R < 30 AND F > 5');
  const total = await nativeCount(native, 'true');
  // the rules language on native DuckDB agrees with the plain SQL
  expect((await native.ws.quickRule('R < 30 and F > 5')).matched).toBe(expected);
  const tiers = readFileSync(`${repo}examples/retail/tiers.seg`, 'utf8');
  const nativeSegments = (await native.ws.runRules(tiers)).result!.summary;
  const withTag = `${tiers.trimEnd()}\ntag complainer "Complainer" when complaints > 0 and satisfaction <= 3\n`;
  const nativeTag = (await native.ws.runRules(withTag)).result!.tags[0]!;
  await native.ws.runRules(tiers);
  expect(expected).toBeGreaterThan(0);

  // a fresh page: the app's first start, with its progress
  expect(page.url()).toBe('about:blank');
  await page.goto(APP_URL);
  const progress = page.getByRole('status', { name: 'Preparing the workbench' });
  await expect(progress).toBeVisible();
  await expect(progress.getByText('Starting the engine')).toBeVisible();
  await shot(page, info, 'progress');

  await expect(page.getByTestId('dataset-customers')).toHaveText(total.toLocaleString('en'), { timeout: 60_000 });
  await expect(page.getByRole('table').filter({ hasText: 'RFM' })).toBeVisible();

  const rule = page.getByLabel('Rule expression');
  await rule.fill('');
  await rule.pressSequentially('R < 30 and F > 5');
  await settled(page);
  await expect(page.getByTestId('quick-stale')).toHaveCount(0);
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', String(expected));
  await expect(page.getByTestId('quick-count')).toHaveText(expected.toLocaleString('en'));
  await expect(page.getByTestId('quick-share')).toContainText(`of ${total.toLocaleString('en')} customers`);
  await shot(page, info, 'example-rule');

  // The rule file's segments: the same customers per segment as native DuckDB.
  const rows = page.getByTestId('segments').getByRole('row');
  await expect(rows).toHaveCount(nativeSegments.length + 1);
  for (const [i, s] of nativeSegments.entries()) {
    await expect(rows.nth(i + 1).getByRole('cell').first()).toHaveText(s.customers.toLocaleString('en'));
  }

  // A tag over the customers file's columns: its count as native DuckDB's.
  expect(nativeTag.customers).toBeGreaterThan(0);
  await page.getByLabel('Rule file').fill(withTag);
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText(`Complainer ${nativeTag.customers.toLocaleString('en')} ·`);
  await page.getByLabel('Rule file').fill(tiers);
  await expect(page.getByRole('list', { name: 'Tags' })).toHaveCount(0);

  // The example rules under the input: each compiles, and counts as on native DuckDB.
  const chips = page.locator('.examples-row button');
  expect(await chips.count()).toBeGreaterThan(2);
  for (const text of await chips.allTextContents()) {
    await chips.filter({ hasText: text }).click();
    await expect(rule).toHaveEditorText(text);
    await settled(page);
    await expect(page.locator('#quick-diagnostics')).toHaveCount(0);
    const n = await native.ws.quickRule(text);
    expect(n.compiled.ok, text).toBe(true);
    await expect(page.getByTestId('quick-count'), text).toHaveAttribute('data-value', String(n.matched));
  }
  await native.close();
});

test('a broken rule shows its error at the right place and keeps the last good count', async ({ page }, info) => {
  const native = await nativeWorkspace(exampleOrders, exampleCustomers);
  const good = await nativeCount(native, 'F > 5');
  await native.close();
  await openApp(page);
  const rule = page.getByLabel('Rule expression');
  await rule.fill('F > 5');
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', String(good));
  await expect(page.getByTestId('quick-stale')).toHaveCount(0);

  // `R < 30 and F > > 5`: the second `>` (column 16) is where an operand was expected.
  await rule.fill('R < 30 and F > > 5');
  await settled(page);
  const diagnostics = page.locator('#quick-diagnostics');
  await expect(diagnostics).toBeVisible();
  await expect(diagnostics.locator('.where')).toHaveText('line 1, column 16');
  await expect(diagnostics.locator('mark')).toHaveText('>');
  await expect(rule).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('quick-stale')).toBeVisible();
  expect(await shownCount(page)).toBe(good);
  await shot(page, info, 'broken-rule');

  // An unknown field points at the field.
  await rule.fill('F > 5 and Recency < 3');
  await settled(page);
  await expect(diagnostics.locator('.where')).toHaveText('line 1, column 11');
  await expect(diagnostics.locator('mark')).toHaveText('Recency');
  expect(await shownCount(page)).toBe(good);

  // Fixed again: a fresh result, no longer stale.
  await rule.fill('F > 5 and R < 30');
  await settled(page);
  await expect(diagnostics).toHaveCount(0);
  await expect(page.getByTestId('quick-stale')).toHaveCount(0);
  expect(await shownCount(page)).toBeLessThan(good);

  // The rule file: an error on line 4 is shown there; the segment table stays, marked stale.
  const segments = page.getByTestId('segments');
  await expect(segments.getByRole('row')).toHaveCount(5); // header + the four tiers
  const file = page.getByLabel('Rule file');
  const source = await editorText(file);
  const lines = source.split('\n');
  const at = lines.findIndex((l) => l.startsWith('segment gold'));
  lines[at] = lines[at]!.replace('F >= 8', 'Freq >= 8');
  await file.fill(lines.join('\n'));
  const fileDiagnostics = page.locator('#rules-diagnostics');
  await expect(fileDiagnostics.locator('.where').first()).toHaveText(`line ${at + 1}, column ${lines[at]!.indexOf('Freq') + 1}`);
  await expect(fileDiagnostics.locator('mark').first()).toHaveText('Freq');
  await expect(segments.getByRole('row')).toHaveCount(5);
  await expect(page.getByRole('table').filter({ hasText: 'Showing the last valid result' })).toBeVisible();
  await shot(page, info, 'broken-rule-file');
});

test('the UI switches to Simplified Chinese', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '快速规则' })).toBeVisible();
  await expect(page.getByLabel('规则表达式')).toBeVisible();
  await expect(page.getByText('选择文件…', { exact: true })).toBeVisible();
  await expect(page.getByText('选择文件夹…', { exact: true })).toBeVisible();
  await expect(page.getByLabel('选择数据文件', { exact: true })).toBeAttached();
  await expect(page.getByRole('columnheader', { name: '客单价' })).toBeVisible();
  await expect(page.getByText('完全在浏览器中运行')).toBeVisible();
  // a rule's diagnostics read in Chinese too: rendered from their codes and params
  await page.getByLabel('规则表达式').fill('F > 5 and Rr < 3');
  await expect(page.locator('#quick-diagnostics .message')).toHaveText('未知字段 `Rr`');
  await expect(page.locator('#quick-diagnostics .hint')).toHaveText("是不是想写 'R'？");
  await page.getByLabel('规则表达式').fill('F > 5');
  await expect(page.locator('#quick-diagnostics')).toHaveCount(0);
  await shot(page, info, 'chinese');
  // and back
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Quick rule' })).toBeVisible();
});

test('an `as of` line in the rule file recomputes the metrics at that date, like native DuckDB', async ({ page }, info) => {
  const native = await nativeWorkspace(exampleOrders, exampleCustomers);
  const built = await native.ws.buildCustomers({ asOf: '2024-06-30' });
  const tiers = readFileSync(`${repo}examples/retail/tiers.seg`, 'utf8');
  const segments = (await native.ws.runRules(tiers)).result!.summary;
  await native.close();

  await openApp(page);
  await page.getByLabel('Rule file').fill(`as of 2024-06-30\n${tiers}`);
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-06-30');
  await expect(page.getByTestId('dataset-customers')).toHaveText(built.customers.toLocaleString('en'));
  const rows = page.getByTestId('segments').getByRole('row');
  for (const [i, s] of segments.entries()) {
    await expect(rows.nth(i + 1).getByRole('cell').first()).toHaveText(s.customers.toLocaleString('en'));
  }
  await shot(page, info, 'as-of');

  // Without the line, back to the default (the latest transaction's date).
  await page.getByLabel('Rule file').fill(tiers);
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-12-31');
  await expect(page.getByTestId('dataset-customers')).toHaveText('2,000');
});

/** A small orders file whose numbers are worked out by hand (as of 2024-03-31):
 *  X: two purchases (03-01, 03-10), M 150, R 21, F 2
 *  Y: a purchase of 20 and a refund order of -20: F 1, M 0, R 26
 *  Z: one purchase of 300 on 03-31: F 1, M 300, R 0 */
const HAND_ORDERS = [
  'order_id,customer_id,order_date,amount,channel,region',
  'A1,X,2024-03-01 10:00:00,100,online,North',
  'A2,X,2024-03-10 10:00:00,50,online,North',
  'B1,Y,2024-03-05 10:00:00,20,app,East',
  'B2,Y,2024-03-06 12:00:00,-20,app,East',
  'C1,Z,2024-03-31 09:00:00,300,store,West'
].join('\n');

test('a CSV chosen with the file picker is loaded and its numbers shown; a bad file keeps it', async ({ page }, info) => {
  await openApp(page);
  await loadOrders(page, tempFile('my-shop.csv', HAND_ORDERS));
  await expect(page.getByTestId('dataset-files')).toHaveText('my-shop.csv');
  await expect(page.getByTestId('dataset-customers')).toHaveText('3');
  await expect(page.getByTestId('dataset-rows')).toHaveText('5');
  await expect(page.getByTestId('dataset-asof')).toHaveText('2024-03-31');
  const preview = page.getByRole('table').filter({ hasText: 'RFM' });
  await expect(preview.getByRole('row')).toHaveCount(4); // header + X, Y, Z
  await expect(preview.getByRole('row').nth(1)).toContainText('X');
  await expect(preview.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText('150');

  const rule = page.getByLabel('Rule expression');
  await rule.fill('M > 0 and F >= 1');
  await settled(page);
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', '2');
  await expect(page.getByTestId('quick-share')).toContainText('66.7% of 3 customers');
  await shot(page, info, 'uploaded');

  // An empty file: a message naming the file, and the data loaded before stays.
  await loadOrders(page, tempFile('empty.csv', ''));
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load' });
  await expect(alert).toContainText('Could not load empty.csv');
  await expect(alert).toContainText('The previous data is still loaded.');
  await expect(page.getByTestId('dataset-files')).toHaveText('my-shop.csv');
  await expect(page.getByTestId('dataset-customers')).toHaveText('3');
  await shot(page, info, 'bad-file');

  // A good orders file with a bad customers file: the message names the customers file and
  // nothing of the new orders replaces the data on screen.
  await loadOrders(page, tempFile('other-shop.csv', HAND_ORDERS.replace(/\bX\b/g, 'Q')), tempFile('bad-customers.csv', 'foo,bar\n1,2\n'));
  await expect(alert).toContainText('Could not load bad-customers.csv');
  await expect(page.getByTestId('dataset-files')).toHaveText('my-shop.csv');
  await expect(preview.getByRole('row').nth(1)).toContainText('X');

  // Drag and drop onto the page loads a file too.
  await dropFile(page, 'dropped.csv', HAND_ORDERS + '\nD1,W,2024-03-30 09:00:00,10,store,West');
  await expect(page.getByTestId('dataset-files')).toHaveText('dropped.csv');
  await expect(page.getByTestId('dataset-customers')).toHaveText('4');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load' })).toHaveCount(0);
});
