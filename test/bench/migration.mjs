#!/usr/bin/env node
// The migration review of two as-of dates on 1M transactions (100k customers), in headless
// Chromium on the built app (numbers for the lead; not a test, no assertion; target < 2 s):
// load bench-data/tx-1m.csv through the UI, put the five-segment rule file in the editor, open
// the Migration view and compare two as-of dates (default: the view's own, the data's as-of and
// 90 days before it), several times. Reported: the click on "Compare the dates" -> the
// first frame after the review (matrix, Sankey, flows) is on screen, and the engine's part alone
// (the view's data-ms: the customers built at the other date, both segmentations, the snapshots,
// the matrix, the flows table; the customers are put back at their as-of after that).
// Needs the app built (npm run build) and bench-data/tx-1m.csv (node test/bench/generate.mjs
// --sizes 1m --no-parquet).
//   node test/bench/migration.mjs [--reps 5] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openBuiltApp } from './browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { reps: { type: 'string', default: '5' }, from: { type: 'string' }, to: { type: 'string' } } });
const reps = Number(values.reps);
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const stats = (xs) => `p50 ${q(xs, 0.5).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

const tx1m = join(root, 'bench-data/tx-1m.csv');
if (!existsSync(tx1m)) { console.error('bench-data/tx-1m.csv missing: node test/bench/generate.mjs --sizes 1m --no-parquet'); process.exit(1); }
const app = await openBuiltApp(root);
const { context, page } = app;

try {
  await page.getByLabel('Choose data files').setInputFiles(tx1m);
  await page.getByTestId('staging').waitFor();
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  await page.getByTestId('dataset-files').filter({ hasText: /^tx-1m\.csv$/ }).waitFor({ timeout: 600_000 });
  const customers = await page.getByTestId('dataset-customers').textContent();
  const file = page.getByLabel('Rule file', { exact: true });
  await file.fill(readFileSync(join(root, 'test/bench/five.seg'), 'utf8'));
  await page.getByTestId('segments-region').and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 120_000 });

  await page.getByRole('tab', { name: 'Migration' }).click();
  // default: the view's own dates (the data's as-of and 90 days before it)
  if (values.from) await page.getByTestId('migration-from').fill(values.from);
  if (values.to) await page.getByTestId('migration-to').fill(values.to);
  const from = await page.getByTestId('migration-from').inputValue();
  const to = await page.getByTestId('migration-to').inputValue();
  const view = page.getByTestId('migration-view');
  let steps = [];
  const onScreen = [];
  const engine = [];
  for (let i = 0; i < reps + 1; i++) {
    // from the click to the first frame after the review is on screen (aria-busy back to false)
    await page.evaluate(() => {
      performance.clearMeasures();
      const w = window;
      const el = document.querySelector('[data-testid="migration-view"]');
      w.__mig = new Promise((resolve) => {
        let started = false;
        const obs = new MutationObserver(() => {
          const busy = el.getAttribute('aria-busy') === 'true';
          if (busy) started = true;
          if (started && !busy && document.querySelector('[data-testid="migration-matrix"]')) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - w.__t0));
          }
        });
        obs.observe(el, { attributes: true, subtree: true, childList: true });
      });
      document.querySelector('[data-testid="migration-run"]').addEventListener('click', () => (w.__t0 = performance.now()), { once: true, capture: true });
    });
    await page.getByTestId('migration-run').click();
    const ms = await page.evaluate(() => window.__mig);
    const data = Number(await view.getAttribute('data-ms'));
    // the engine's steps (after the restore, queued in the same task, has run)
    await page.waitForFunction(() => document.querySelector('[data-testid="migration-view"]')?.getAttribute('aria-busy') === 'false');
    // the customers are put back at their as-of after the review is on screen: the next click
    // would wait for that, so it is let finish first
    await page.waitForFunction(() => performance.getEntriesByName('segmint:migration:restore').length > 0, null, { timeout: 60_000 }).catch(() => undefined);
    steps = await page.evaluate(() => performance.getEntriesByType('measure').filter((e) => e.name.startsWith('segmint:migration:')).map((e) => `${e.name.slice(18)} ${e.duration.toFixed(0)} ms`));
    // the first run is a warm-up (the wasm's first queries of this kind)
    if (i > 0) {
      onScreen.push(ms);
      engine.push(data);
    } else console.log(`first run (warm-up): ${ms.toFixed(0)} ms on screen, engine ${data} ms`);
  }
  const cells = await page.getByTestId('migration-matrix').locator('button[data-from]').count();
  const summary = await page.getByTestId('migration-summary').textContent();
  console.log(`migration review ${from} -> ${to} at ${customers} customers (1M transactions), ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${new Date().toISOString().slice(0, 10)}:`);
  console.log(`  click -> review on screen: ${stats(onScreen)} (target < 2000 ms)`);
  console.log(`  engine alone (data-ms): ${stats(engine)}`);
  console.log(`  the last run's steps: ${steps.join(', ')} (restore: after the review is on screen)`);
  console.log(`  machine load average while measuring: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`  ${cells} non-empty matrix cells; ${summary?.replace(/\s+/g, ' ').trim()}`);
  await context.close();
} finally {
  await app.close();
}
