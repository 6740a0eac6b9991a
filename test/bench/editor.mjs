#!/usr/bin/env node
// The rule editor while typing, in headless Chromium on the built app (numbers for
// BENCHMARKS.md; not a test, no assertion):
//  1. keystroke -> highlighted, linted text in a 200-line rule file: from the keydown event to
//     the first frame after the editor's check (the app's `segmint:lint` measure); target < 16 ms;
//  2. keystroke -> updated counts at 100k customers (bench-data/tx-1m.csv: 1M transactions):
//     the quick rule (`F > 1` <-> `F > 10`) and the rule file (five.seg, a threshold edited), from
//     the keydown to the first frame after the result is on screen; target p50 < 50 ms. Compared,
//     in the same page, with the plain duckdb-wasm query an analyst would type for the count.
// Needs the app built (npm run build) and bench-data/tx-1m.csv (node test/bench/generate.mjs
// --sizes 1m --no-parquet).
//   node test/bench/editor.mjs [--keys 40]
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const editorText = (loc) => loc.evaluate((el) => [...el.querySelectorAll(':scope > .cm-line')].map((l) => l.textContent).join('\n'));

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { keys: { type: 'string', default: '40' } } });
const keys = Number(values.keys);
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const stats = (xs) => `p50 ${q(xs, 0.5).toFixed(1)} ms, p95 ${q(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

/** A 200-line rule file: comments, defines, segments and tags over the built-in fields. */
function ruleFile200() {
  const lines = ['# 200 lines: the size of a large team rule file', 'as of 2024-12-31'];
  for (let i = 0; i < 20; i++) lines.push(`define d${i} = M * ${i + 1} + F`);
  for (let i = 0; i < 20; i++) lines.push(`# group ${i}: recency band ${i * 10}..${i * 10 + 9} days`);
  for (let i = 0; i < 130; i++) lines.push(`segment s${i} "Segment ${i} 分群" when R >= ${i} and R < ${i + 60} and (F >= ${1 + (i % 7)} or d${i % 20} > ${100 * i}) and M_score in (${1 + (i % 5)}, ${1 + ((i + 2) % 5)})`);
  for (let i = 0; i < 27; i++) lines.push(`tag t${i} "Tag ${i}" when last_purchase >= as_of - ${i + 1}0d and AOV > ${i * 5}`);
  lines.push('segment rest otherwise');
  return lines.join('\n') + '\n';
}

const tx1m = join(root, 'bench-data/tx-1m.csv');
if (!existsSync(tx1m)) { console.error('bench-data/tx-1m.csv missing: node test/bench/generate.mjs --sizes 1m --no-parquet'); process.exit(1); }
const build = join(root, 'apps/workbench/build');
if (!existsSync(join(build, 'index.html'))) { console.error('apps/workbench/build missing: npm run build'); process.exit(1); }
const srv = await serve({ '/': build });
const browser = await launch();

/** In the page: the time from each keydown to the first frame after `event` fires. */
async function instrument(page) {
  await page.evaluate(() => {
    const w = window;
    w.__bench = { t0: 0, lint: [], lintCheck: [], done: [] };
    addEventListener('keydown', (e) => { w.__bench.t0 = e.timeStamp; }, true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const t0 = w.__bench.t0;
        w.__bench.lintCheck.push(e.duration);
        requestAnimationFrame(() => w.__bench.lint.push(performance.now() - t0));
      }
    }).observe({ entryTypes: ['measure'] });
  });
}

try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${srv.url}/?automation=1`);
  await page.getByTestId('dataset-customers').waitFor({ timeout: 300_000 });

  // 1. lint, 200 lines (on the example data: the check does not depend on the data's size)
  const file = page.getByLabel('Rule file', { exact: true });
  await file.fill(ruleFile200());
  await page.waitForTimeout(1500);
  await instrument(page);
  await page.evaluate(() => { window.__bench.lint = []; window.__bench.lintCheck = []; });
  await file.click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 100; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let k = 0; k < keys; k++) {
    await page.keyboard.press(k % 2 ? 'Backspace' : 'Space');
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  const lint = await page.evaluate(() => window.__bench);
  console.log(`lint, 200-line rule file: keystroke -> next frame after the check ${stats(lint.lint.filter((x) => x > 0))}; the check alone ${stats(lint.lintCheck)} (target < 16 ms)`);
  // the same on the example's rule file (9 lines): what a typical file costs
  await file.fill(readFileSync(join(root, 'examples/retail/tiers.seg'), 'utf8'));
  await page.waitForTimeout(1500);
  await page.evaluate(() => { window.__bench.lint = []; window.__bench.lintCheck = []; });
  await file.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  for (let k = 0; k < keys; k++) {
    await page.keyboard.press(k % 2 ? 'Backspace' : 'Space');
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  const small = await page.evaluate(() => window.__bench);
  console.log(`lint, the example's 9-line rule file: keystroke -> next frame after the check ${stats(small.lint.filter((x) => x > 0))}; the check alone ${stats(small.lintCheck)}`);

  // 2. counts at 100k customers
  if (process.env.BENCH_DEBUG) console.log('loading 1M transactions');
  await page.getByLabel('Choose data files').setInputFiles(tx1m);
  await page.getByTestId('staging').waitFor();
  await page.getByRole('button', { name: 'Load files', exact: true }).click();
  await page.getByTestId('dataset-files').filter({ hasText: /^tx-1m\.csv$/ }).waitFor({ timeout: 600_000 });
  const customers = await page.getByTestId('dataset-customers').textContent();
  if (process.env.BENCH_DEBUG) console.log('loaded', customers);
  const quick = page.getByLabel('Rule expression');
  await quick.fill('F > 1');
  await page.getByTestId('quick-result').and(page.locator('[aria-busy="false"]')).waitFor();
  if (process.env.BENCH_DEBUG) console.log('quick rule ready');
  /** Starts watching `selector` (before the keystroke); resolves with the time from the next
   * keydown to the first frame after what it shows (text and data-value) changed. */
  const watchChange = (selector) => page.evaluate((sel) => {
    const w = window;
    const read = () => { const el = document.querySelector(sel); return el ? `${el.textContent}|${el.querySelector('[data-value]')?.getAttribute('data-value') ?? ''}` : ''; };
    const before = read();
    w.__bench.change = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (read() === before) return;
        obs.disconnect();
        const t0 = w.__bench.t0;
        requestAnimationFrame(() => resolve(performance.now() - t0));
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, selector);
  const changed = () => page.evaluate(() => window.__bench.change);
  const quickTimes = [];
  await quick.click();
  await page.keyboard.press('End');
  for (let k = 0; k < keys; k++) {
    await watchChange('[data-testid="quick-result"]');
    await page.keyboard.press(k % 2 ? 'Backspace' : '0');
    if (process.env.BENCH_DEBUG) console.log('typed', await editorText(quick), await page.evaluate(() => document.activeElement?.className));
    quickTimes.push(await changed());
    if (process.env.BENCH_DEBUG) console.log('key', k, quickTimes.at(-1));
    await page.waitForTimeout(150);
  }
  // the plain query an analyst would type, on the same relation in the same page
  const plain = await page.evaluate(async (n) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await window.segmint.backend.query(`SELECT count(*) FILTER (WHERE F > ${i % 2 ? 1 : 10}) AS matched, count(*) AS total FROM customers`);
      out.push(performance.now() - t);
    }
    return out;
  }, keys);
  console.log(`counts at ${customers} customers (${(statSync(tx1m).size / 1e6).toFixed(1)} MB, 1M transactions): quick rule keystroke -> count on screen ${stats(quickTimes)} (target p50 < 50 ms); plain duckdb-wasm count query ${stats(plain)}`);

  // the rule file (five segments): a threshold edited
  await file.fill(readFileSync(join(root, 'test/bench/five.seg'), 'utf8'));
  await page.getByTestId('segments-region').and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 120_000 });
  const fileTimes = [];
  const line = file.locator('.cm-line', { hasText: /^segment/ }).first();
  await line.click();
  await page.keyboard.press('End');
  for (let k = 0; k < keys; k++) {
    await watchChange('[data-testid="segments"] tbody');
    await page.keyboard.press(k % 2 ? 'Backspace' : '0');
    fileTimes.push(await changed());
    await page.waitForTimeout(150);
  }
  console.log(`rule file (five segments) at ${customers} customers: keystroke -> segment counts on screen ${stats(fileTimes)}`);
  await context.close();
} finally {
  await browser.close();
  await srv.close();
}
