// The automation handle (window.segmint) is there only when the page is opened with the flag
// (`?automation=1`, as openApp does): the page a user opens has none.
import { test, expect, openApp, APP_URL } from './fixtures.js';

test('the plain page has no window.segmint; the flagged page has it', async ({ page }) => {
  await openApp(page);
  expect(new URL(page.url()).search).toBe(new URL(APP_URL, 'http://x').search);
  expect(await page.evaluate(() => typeof window.segmint)).toBe('object');

  const plain = await page.context().newPage();
  try {
    await plain.goto('/');
    await expect(plain.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
    expect(await plain.evaluate(() => 'segmint' in window)).toBe(false);
  } finally {
    await plain.close();
  }
});
