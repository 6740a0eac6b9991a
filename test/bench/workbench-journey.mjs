#!/usr/bin/env node
// The workbench as an analyst uses it, in headless Chromium on the built app (numbers for
// BENCHMARKS.md; not a test, no assertion):
//  1. a fresh load of 1M transactions through the UI (choose the file, "Load files", until the
//     customers are counted), then a reload of the page: the saved workspace restored (OPFS +
//     IndexedDB) until the same customers are counted again; the target is restore <= 1.5x load;
//  2. 1M customers: open every customer ("Show all customers") and scroll the table to its
//     last row, each block timed by the app (performance measure `segmint:customers-block`);
//     the target is every block < 100 ms.
// Needs the app built (npm run build) and bench-data/tx-1m.csv (node test/bench/generate.mjs
// --sizes 1m --no-parquet); writes bench-data/customers-1m.csv (1M customers) if missing.
//   node test/bench/workbench-journey.mjs [--reps 3]
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, 'bench-data');
const { values } = parseArgs({ options: { reps: { type: 'string', default: '3' } } });
const reps = Number(values.reps);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** 1M customers, 1-2 orders each (1.5M rows), dated over 2024. */
async function customersFile(path) {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  out.write('order_id,customer_id,order_date,amount\n');
  let id = 0, buf = '';
  for (let c = 0; c < 1_000_000; c++) {
    const n = 1 + (c % 2);
    for (let k = 0; k < n; k++) {
      buf += `${id++},K${c},2024-${String(1 + ((c + k * 5) % 12)).padStart(2, '0')}-${String(1 + ((c * 7 + k) % 28)).padStart(2, '0')},${((c * 37 + k * 11) % 50000) / 100}\n`;
    }
    if (buf.length > 1 << 20) { if (!out.write(buf)) await new Promise((r) => out.once('drain', r)); buf = ''; }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

const tx1m = join(dataDir, 'tx-1m.csv');
if (!existsSync(tx1m)) { console.error('bench-data/tx-1m.csv missing: node test/bench/generate.mjs --sizes 1m --no-parquet'); process.exit(1); }
const c1m = join(dataDir, 'customers-1m.csv');
await customersFile(c1m);
const build = join(root, 'apps/workbench/build');
if (!existsSync(join(build, 'index.html'))) { console.error('apps/workbench/build missing: npm run build'); process.exit(1); }
const srv = await serve({ '/': build });
const url = `${srv.url}/?automation=1`;
/** Waits until the data set on screen is the file `name` (its counts then shown). */
const shown = (page, name) => page.getByTestId('dataset-files').filter({ hasText: new RegExp(`^${name.replace(/[.]/g, '\\.')}$`) }).waitFor({ timeout: 600_000 });

async function openApp(context) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('dataset-customers').waitFor({ timeout: 300_000 });
  return page;
}

async function loadThroughUi(page, path) {
  await page.getByLabel('Choose data files').setInputFiles(path);
  await page.getByTestId('staging').waitFor();
  await page.getByText(/^Reading the first rows of/).waitFor({ state: 'detached', timeout: 120_000 }).catch(() => undefined);
  const t0 = performance.now();
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  await shown(page, basename(path));
  return performance.now() - t0;
}

const browser = await launch();
const loads = [], restores = [], starts = [];
try {
  for (let i = 0; i < (process.env.JOURNEY_SKIP_RESTORE ? 0 : reps); i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    const t0 = performance.now();
    const page = await openApp(context);
    starts.push(performance.now() - t0);
    loads.push(await loadThroughUi(page, tx1m));
    const customers = await page.getByTestId('dataset-customers').textContent();
    // the workspace is saved in the background: wait until the app says so, then reload
    await page.waitForFunction(() => window.segmint !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    await page.getByText('Saved in this browser').first().waitFor({ timeout: 300_000 }).catch(() => undefined);
    const t1 = performance.now();
    await page.reload();
    await shown(page, 'tx-1m.csv');
    restores.push(performance.now() - t1);
    if ((await page.getByTestId('dataset-customers').textContent()) !== customers) throw new Error('the restored workspace has other counts');
    console.log(`rep ${i + 1}: app start ${starts.at(-1).toFixed(0)} ms, load 1M tx ${loads.at(-1).toFixed(0)} ms, reload + restore ${restores.at(-1).toFixed(0)} ms`);
    await context.close();
  }
  const lm = median(loads), rm = median(restores);
  if (loads.length) console.log(`1M transactions (${(statSync(tx1m).size / 1e6).toFixed(1)} MB): fresh load median ${lm.toFixed(0)} ms; reload + restore median ${rm.toFixed(0)} ms = ${(rm / lm).toFixed(2)}x the load (target <= 1.5x); app start with the example ${median(starts).toFixed(0)} ms`);

  // 2. 1M customers: drill into every customer and scroll to the end
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const page = await openApp(context);
  const load1m = await loadThroughUi(page, c1m);
  const t2 = performance.now();
  await page.getByRole('button', { name: 'Show all customers' }).click();
  const table = page.getByTestId('customer-table');
  await page.getByTestId('customers-total').filter({ hasText: /1,000,000/ }).waitFor({ timeout: 120_000 });
  await table.locator('[data-row="0"][data-customer]').waitFor({ timeout: 120_000 });
  const open = performance.now() - t2;
  const steps = 50;
  const jumps = [];
  for (let k = 1; k <= steps; k++) {
    const t = performance.now();
    await table.evaluate((el, f) => { el.scrollTop = (el.scrollHeight - el.clientHeight) * f; }, k / steps);
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="customer-table"]');
      return el && !el.querySelector('.row.loading') && el.querySelectorAll('[data-customer]').length > 0;
    }, null, { timeout: 60_000 });
    jumps.push(performance.now() - t);
  }
  const last = await table.locator('[data-customer]').last().getAttribute('data-row');
  const blocks = await page.evaluate(() => performance.getEntriesByName('segmint:customers-block').map((e) => e.duration));
  console.log(`1M customers (load ${load1m.toFixed(0)} ms): open the table ${open.toFixed(0)} ms; ${blocks.length} blocks fetched while scrolling to row ${last}: median ${median(blocks).toFixed(1)} ms, p95 ${q(blocks, 0.95).toFixed(1)} ms, max ${Math.max(...blocks).toFixed(1)} ms (target < 100 ms each); scroll jump to rows shown median ${median(jumps).toFixed(0)} ms, max ${Math.max(...jumps).toFixed(0)} ms`);
  await context.close();
} finally {
  await browser.close();
  await srv.close();
}
