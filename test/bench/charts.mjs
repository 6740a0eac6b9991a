#!/usr/bin/env node
// The charts view at 1M customers, in headless Chromium on the built app (numbers for
// BENCHMARKS.md; not a test, no assertion):
//  1. new data (another as-of) -> the charts' numbers in SQL (heatmap cells, R/F/M bins, the
//     Pareto curve: the app's `segmint:charts-data` measure) and from those numbers to the first
//     frame with every chart drawn (`segmint:charts-drawn`);
//  2. new counts (a threshold of the rule file edited, keystroke by keystroke): from the counts
//     in the app's state to the first frame with every chart drawn again (`segmint:charts-drawn`;
//     target < 100 ms), and from the keydown to that frame (the engine's re-count included);
//  3. the heatmap's colour toggled (customers / mean M): click -> charts drawn.
// The 1M customers: the example is loaded, then the app's transactions table is replaced, in its
// own duckdb-wasm (window.segmint, `?automation=1`), by 3M generated transactions of 1,000,000
// customers, and the customers are built again through the UI (the as-of field), as a load would.
// Needs the app built (npm run build).
//   node test/bench/charts.mjs [--keys 20] [--customers 1000000]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openBuiltApp } from './browser.mjs';
import { heatmapSql, paretoCurveSql } from '../../packages/strategy/dist/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { keys: { type: 'string', default: '20' }, customers: { type: 'string', default: '1000000' } } });
const keys = Number(values.keys);
const nCustomers = Number(values.customers);
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const stats = (xs) => (xs.length ? `p50 ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})` : 'no samples');
const debug = (...a) => process.env.BENCH_DEBUG && console.error(...a);

const app = await openBuiltApp(root);
const { context, page } = app;

try {
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.locator('[data-testid="chart-hist-R"] svg[viewBox]').waitFor({ timeout: 120_000 });

  // every measure the app records, with the keydown / click time before it
  await page.evaluate(() => {
    const w = window;
    w.__bench = { t0: 0, measures: [] };
    addEventListener('keydown', (e) => { w.__bench.t0 = e.timeStamp; }, true);
    addEventListener('pointerdown', (e) => { w.__bench.t0 = e.timeStamp; }, true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name.startsWith('segmint:charts')) w.__bench.measures.push({ name: e.name, duration: e.duration, end: e.startTime + e.duration, t0: w.__bench.t0 });
    }).observe({ entryTypes: ['measure'] });
  });
  const measures = () => page.evaluate(() => window.__bench.measures.splice(0));

  // 1M customers: generated transactions in place of the example's
  const gen = await page.evaluate(async (n) => {
    const db = window.segmint.backend;
    const t = performance.now();
    const views = await db.query(`SELECT view_name FROM duckdb_views() WHERE view_name = 'segmint_tx'`);
    await db.exec(views.length ? 'DROP VIEW segmint_tx' : 'DROP TABLE segmint_tx');
    // 3 purchases per customer on average, skewed amounts, dates over two years, a few returns
    await db.exec(`CREATE TABLE segmint_tx AS
      SELECT 'B' || lpad(CAST(i % ${n} AS VARCHAR), 7, '0') AS customer,
        TIMESTAMP '2023-01-01' + to_days(CAST(hash(i) % 730 AS INTEGER)) AS ts,
        CASE WHEN hash(i * 7) % 50 = 0 THEN -20.0 ELSE round(exp(2 + (hash(i * 3) % 1000) / 200.0), 2) END AS amount,
        'O' || CAST(i AS VARCHAR) AS order_id, 'generated' AS src_file, i AS src_row
      FROM range(${n} * 3) t(i)
      WHERE hash(i * 11) % 4 <> 0 OR i < ${n}`);
    const [r] = await db.query('SELECT count(*) AS rows, count(DISTINCT customer) AS customers FROM segmint_tx');
    return { rows: Number(r.rows), customers: Number(r.customers), ms: performance.now() - t };
  }, nCustomers);
  console.log(`generated ${gen.rows.toLocaleString('en-US')} transactions of ${gen.customers.toLocaleString('en-US')} customers in the app's engine (${(gen.ms / 1000).toFixed(1)} s)`);

  // 1. new data: the customers built again at another as-of (through the UI)
  await measures();
  const t = Date.now();
  await page.locator('#asof-date').fill('2024-12-30');
  await page.getByRole('button', { name: /Set as-of/ }).click();
  await page.getByTestId('dataset-customers').filter({ hasText: /^1,0/ }).waitFor({ timeout: 600_000 });
  debug('rebuilt', Date.now() - t, 'ms');
  // wait for the charts' numbers and the frame after them
  let got = [];
  for (let i = 0; i < 600 && !got.some((m) => m.name === 'segmint:charts-data'); i++) {
    await page.waitForTimeout(250);
    got = got.concat(await measures());
  }
  await page.waitForTimeout(1000);
  got = got.concat(await measures());
  const data = got.find((m) => m.name === 'segmint:charts-data');
  const drawnAfter = got.filter((m) => m.name === 'segmint:charts-drawn' && data && m.end >= data.end);
  const customers = await page.getByTestId('dataset-customers').textContent();
  console.log(`new data at ${customers} customers: the charts' numbers in SQL (heatmap, 3 histograms, Pareto) ${data ? data.duration.toFixed(1) : '?'} ms; numbers -> every chart drawn ${drawnAfter.length ? drawnAfter[0].duration.toFixed(1) : '?'} ms`);

  // the charts' queries one by one on the same relation (the report's Pareto SQL beside the
  // charts' own: the reason the charts do not call it)
  const cols = (await page.evaluate(async () => (await window.segmint.backend.query(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'customers'`)).map((r) => r.c)));
  const timed = await page.evaluate(async (qs) => {
    const out = {};
    for (const [name, sql, params] of qs) {
      const t = performance.now();
      await window.segmint.backend.query(sql, params);
      out[name] = performance.now() - t;
    }
    return out;
  }, [['heatmap', heatmapSql(cols).sql, []], ['pareto (charts)', paretoCurveSql(cols), []]]);
  console.log(`one query each at ${customers} customers: ${Object.entries(timed).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);

  // 2. new counts: a threshold of the rule file edited, keystroke by keystroke. The rule editor
  // sits in the segments panel, hidden while the charts are shown: the bench shows both.
  await page.evaluate(() => { document.getElementById('view-segments').hidden = false; });
  const file = page.getByLabel('Rule file', { exact: true });
  const line = file.locator('.cm-line', { hasText: /^segment platinum/ }).first();
  await line.click();
  await page.keyboard.press('Home');
  // put the cursor after `R <= 3` of `R <= 30`
  const text = await line.textContent();
  const at = text.indexOf('R <= 30') + 'R <= 3'.length;
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(2000);
  await measures();
  const fromCounts = [];
  const fromKey = [];
  for (let k = 0; k < keys; k++) {
    // 30 -> 3 -> 30 ...: a new threshold and new counts each time
    await page.keyboard.press(k % 2 ? '0' : 'Delete');
    // the counts come back from the engine (1M customers), then the charts are drawn
    let ms = [];
    for (let i = 0; i < 200; i++) {
      await page.waitForTimeout(50);
      ms = ms.concat(await measures());
      const last = ms.filter((m) => m.name === 'segmint:charts-drawn');
      const busy = await page.getByTestId('segments-region').getAttribute('aria-busy').catch(() => 'false');
      if (last.length >= 2 && busy === 'false') break;
    }
    const drawn = ms.filter((m) => m.name === 'segmint:charts-drawn');
    // the first frame is the threshold (parsed in the page at the keystroke), the last the counts
    if (drawn.length) {
      fromCounts.push(drawn.at(-1).duration);
      fromKey.push(drawn.at(-1).end - drawn.at(-1).t0);
    }
    debug('key', k, drawn.map((m) => m.duration.toFixed(1)));
    await page.waitForTimeout(200);
  }
  console.log(`new counts at ${customers} customers (a rule file threshold edited): counts in the state -> every chart drawn ${stats(fromCounts)} (target < 100 ms); keydown -> every chart drawn (engine re-count included) ${stats(fromKey)}`);

  // 3. the heatmap's colour toggled
  const toggles = [];
  for (let k = 0; k < keys; k++) {
    await measures();
    await page.getByRole('radio', { name: k % 2 ? 'customers' : 'mean M' }).click();
    let ms = [];
    for (let i = 0; i < 100 && !ms.length; i++) {
      await page.waitForTimeout(30);
      ms = (await measures()).filter((m) => m.name === 'segmint:charts-drawn');
    }
    if (ms.length) toggles.push(ms[0].end - ms[0].t0);
  }
  console.log(`heatmap colour toggled at ${customers} customers: click -> every chart drawn ${stats(toggles)}`);
  await context.close();
} finally {
  await app.close();
}
