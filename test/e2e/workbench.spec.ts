// The workbench end to end, in Debian's Chromium against the built static app.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, shot, openApp, shownCount } from './fixtures.js';
import { exampleOrders, nativeCount, nativeCustomers } from './native.js';

test('loads the example with visible progress and counts R < 30 and F > 5 like native DuckDB', async ({ page }, info) => {
  const db = await nativeCustomers(exampleOrders);
  const expected = await nativeCount(db, 'R < 30 AND F > 5');
  const total = await nativeCount(db, 'true');
  await db.close();
  expect(expected).toBeGreaterThan(0);

  await page.goto('/');
  const progress = page.getByRole('status', { name: 'Preparing the workbench' });
  await expect(progress).toBeVisible();
  await expect(progress.getByText('Starting the engine')).toBeVisible();
  await shot(page, info, 'progress');

  await expect(page.getByTestId('dataset-customers')).toHaveText(total.toLocaleString('en'), { timeout: 60_000 });
  await expect(page.getByRole('table').filter({ hasText: 'RFM' })).toBeVisible();

  const rule = page.getByLabel('Rule expression');
  await rule.fill('');
  await rule.pressSequentially('R < 30 and F > 5');
  await expect(page.getByTestId('quick-count')).toHaveAttribute('data-value', String(expected));
  await expect(page.getByTestId('quick-count')).toHaveText(expected.toLocaleString('en'));
  await expect(page.getByTestId('quick-share')).toContainText(`of ${total.toLocaleString('en')} customers`);
  await shot(page, info, 'example-rule');
});
