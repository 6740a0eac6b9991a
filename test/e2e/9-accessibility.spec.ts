// Accessibility and layout: axe-core (serious/critical) in every state the app has, the skip
// link, the ready-made model picker by keyboard, the page at 390 px wide, and one number format
// per table column. Each test has its own context and page (fixtures.ts): no order dependency.
import type { Page } from '@playwright/test';
import { loadLibrary } from '@segmint/strategy';
import { test, expect, shot, settled, tempFile, APP_URL, editorText } from './fixtures.js';
import { expectAccessible } from './axe.js';

// each test starts the app in a context of its own (the engine's start and the example's load)
test.describe.configure({ timeout: 150_000 });

/** Opens the app and waits for the example data set (slow on a busy machine). */
async function open(page: Page): Promise<void> {
  await page.goto(APP_URL);
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 90_000 });
}

test('the loaded example, a broken quick rule and the dimmed last valid results pass axe, in both languages', async ({ page }, info) => {
  await open(page);
  await expect(page.getByTestId('segments')).toBeVisible();
  await expectAccessible(page, 'loaded example');
  await shot(page, info, 'a11y-loaded');

  // a valid quick rule, then a broken one: the diagnostics and the stale (last valid) result
  const rule = page.getByLabel('Rule expression');
  await rule.fill('F > 5');
  await settled(page);
  await expect(page.getByTestId('quick-stale')).toHaveCount(0);
  await rule.fill('R < 30 and F > > 5');
  await settled(page);
  await expect(page.locator('#quick-diagnostics')).toBeVisible();
  await expect(page.getByTestId('quick-stale')).toBeVisible();
  await expectAccessible(page, 'quick rule with an error, last valid result shown');

  // the rule file broken after a valid run: the segments table stays, marked as the last valid result
  const file = page.getByLabel('Rule file');
  await file.fill(`${await editorText(file)}\nsegment broken "Broken" when Freq > 1\n`);
  await expect(page.locator('#rules-diagnostics')).toBeVisible();
  await expect(page.getByTestId('segments')).toContainText('Showing the last valid result');
  await expectAccessible(page, 'rule file with an error, segments table stale');
  await shot(page, info, 'a11y-stale');

  // the SQL panels opened
  for (const d of await page.locator('details.sql summary').all()) await d.click();
  await expectAccessible(page, 'compiled SQL shown');

  // the same states in Chinese
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByText('显示的是上一次有效结果').first()).toBeVisible();
  await expectAccessible(page, '简体中文, errors and stale results');
  await shot(page, info, 'a11y-zh');
});

test('the load error, the load settings and the model confirmation pass axe', async ({ page }, info) => {
  await open(page);
  // a file without an amount column, staged, its suggested amount emptied: the load fails and
  // the example stays; the load settings (and the file's preview) are open beside the error
  const csv = ['InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID', '1,2,2024-01-02,5.00,A', '2,1,2024-01-04,3.50,B'].join('\n');
  await page.getByLabel('Choose data files').setInputFiles(tempFile('no-amount.csv', csv));
  await expect(page.getByTestId('staging')).toBeVisible();
  await expect(page.getByText(/^Reading the first rows of/)).toHaveCount(0, { timeout: 60_000 });
  await expectAccessible(page, 'a file staged with its guessed role');
  await page.getByLabel('Amount of each row').fill('');
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Could not load no-amount.csv' });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('load-settings')).toHaveAttribute('open', '');
  await expect(page.getByRole('heading', { name: 'Load settings' })).toBeVisible();
  await expectAccessible(page, 'load error with the load settings form');
  await shot(page, info, 'a11y-load-error');

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('alert').filter({ hasText: '无法加载 no-amount.csv' })).toBeVisible();
  await expectAccessible(page, 'load error, 简体中文');
  await page.getByLabel('语言').selectOption('en');

  // the suggested amount applied with one click: the file loads, its settings and preview stay open
  await page.getByRole('button', { name: 'Use Quantity * UnitPrice' }).click();
  await expect(page.getByTestId('dataset-files')).toHaveText('no-amount.csv', { timeout: 60_000 });
  await expect(alert).toHaveCount(0);
  await expect(page.getByTestId('load-settings')).toHaveAttribute('open', '');
  await expectAccessible(page, 'a file loaded, its load settings and preview open');
  await shot(page, info, 'a11y-load-settings');

  // the rules edited, then a model chosen and asked for: the confirmation
  const file = page.getByLabel('Rule file');
  await file.fill(`${await editorText(file)}\n# my edit\n`);
  await page.getByLabel('Ready-made model').selectOption({ label: 'Classic RFM segments (11)' });
  await page.getByRole('button', { name: 'Use model' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Replace your edited rules with “Classic RFM segments (11)”?');
  await expectAccessible(page, 'ready-made model confirmation');
  await shot(page, info, 'a11y-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(file).toHaveEditorText(/# my edit/);
});

test('a skip link is the first thing the keyboard reaches and moves to the content', async ({ page }, info) => {
  await open(page);
  const skip = page.getByRole('link', { name: 'Skip to content' });
  // not in view until focused
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await shot(page, info, 'a11y-skip-link');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // the next Tab goes into the content, past the top bar's language switch
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Language')).not.toBeFocused();
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);

  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('link', { name: '跳到主要内容' })).toHaveCount(1);
});

test('the ready-made model picker: the arrow keys choose, only "Use model" applies', async ({ page }, info) => {
  await open(page);
  const file = page.getByLabel('Rule file');
  const before = await editorText(file);
  const picker = page.getByLabel('Ready-made model');
  const use = page.getByRole('button', { name: 'Use model' });
  await expect(use).toBeDisabled();

  await picker.focus();
  await page.keyboard.press('ArrowDown');
  // a model is chosen, nothing is applied
  await expect(picker).not.toHaveValue('');
  await expect(use).toBeEnabled();
  await expect(file).toHaveEditorText(before);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  await expect(file).toHaveEditorText(before);
  const id = await picker.inputValue();
  await shot(page, info, 'a11y-picker-chosen');

  // Tab to the button and press Enter: the rules (not edited) are replaced by the model's
  await page.keyboard.press('Tab');
  await expect(use).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(file).toHaveEditorText(loadLibrary(id, 'en').rules);
  await expect(picker).toHaveValue('');
  await expect(page.getByTestId('segments').getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'a model applied');
});

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('at 390 px wide the page does not scroll sideways; wide tables scroll in their own box', async ({ page }, info) => {
    await open(page);
    await expect(page.getByTestId('segments')).toBeVisible();
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(390);
    // the segments table is wider than the screen: its own box scrolls, by keyboard too
    const box = page.getByRole('region', { name: 'Segments table', exact: true });
    const sizes = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expectAccessible(page, 'loaded, 390 px wide');
    await shot(page, info, 'a11y-390');

    // a broken rule's diagnostics and the Chinese UI keep to the width too
    await page.getByLabel('Rule expression').fill('R < 30 and F > > 5 and a_very_long_field_name_that_goes_on_and_on > 1');
    await expect(page.locator('#quick-diagnostics')).toBeVisible();
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect(page.getByRole('heading', { name: '快速规则' })).toBeVisible();
    expect(await width()).toBeLessThanOrEqual(390);
    await shot(page, info, 'a11y-390-zh');
  });
});

test('each number column of the segments and metrics tables uses one format', async ({ page }, info) => {
  await open(page);
  const segments = page.getByTestId('segments');
  await expect(segments.getByRole('row').nth(1)).toBeVisible();
  /** a cell's number format: its decimals and its unit letters (K, M, 万...) */
  const shape = (text: string) => text.replace(/[\d,]/g, '9').replace(/9+/g, '9');
  const columnShapes = async (table: import('@playwright/test').Locator, col: number) => {
    const cells = await table.locator(`tbody tr > :nth-child(${col})`).allTextContents();
    return new Set(cells.flatMap((c) => c.split(' – ')).map((c) => shape(c.trim())));
  };
  // M, R range, F range, M range of the segments table: every cell, and both ends of a range, alike
  for (const col of [4, 6, 7, 8]) expect([...(await columnShapes(segments, col))], `segments column ${col}`).toHaveLength(1);
  const preview = page.getByRole('table').filter({ hasText: 'RFM' });
  for (const col of [2, 3, 4, 5, 6]) expect([...(await columnShapes(preview, col))], `metrics column ${col}`).toHaveLength(1);
  await shot(page, info, 'a11y-number-columns');
});
