#!/usr/bin/env node
// The benchmark pipeline as plain SQL on native DuckDB (@duckdb/node-api): load a transactions
// file, build the customer relation (metrics spec), run five.seg as CASE, the per-segment summary,
// write one row per customer, then re-segment with five-edit's rules N times (the live-typing path).
// Prints one JSON line. Run by run.mjs under /usr/bin/time -v for peak RSS.
//   node test/bench/native-sql.mjs FILE.csv|FILE.parquet [--out OUT.csv] [--reps 7]
import { DuckDBInstance } from '@duckdb/node-api';
import { loadSql, customersSql, segmentSql, summarySql, copyOutSql, RULES } from './sql.mjs';

const args = process.argv.slice(2);
const file = args[0];
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : null;
const reps = Number(args.includes('--reps') ? args[args.indexOf('--reps') + 1] : 7);

const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
const conn = await db.connect();
const ms = {};
const lap = async (name, fn) => { const s = performance.now(); const r = await fn(); ms[name] = +(performance.now() - s).toFixed(1); return r; };
ms.startup = +(performance.now() - t0).toFixed(1);
await lap('load', () => conn.run(loadSql(file)));
await lap('metrics', () => conn.run(customersSql()));
await lap('segment', () => conn.run(segmentSql(RULES.five)));
const summary = await lap('summary', async () => (await conn.runAndReadAll(summarySql)).getRowObjectsJson());
if (out) await lap('write', () => conn.run(copyOutSql(out)));
ms.total = +(performance.now() - t0).toFixed(1);
// Since the process started (performance.timeOrigin): Node start-up + module loading + the work.
ms.e2e = +performance.now().toFixed(1);
const tailStart = performance.now();
const customers = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM customers')).getRowObjectsJson()[0].n);

// Re-segment after a rule edit: customers already built; alternate edit/original so each run
// really recomputes. Each sample = CASE table + summary (what the app shows after a keystroke).
const samples = [];
for (let i = 0; i < reps; i++) {
  const s = performance.now();
  await conn.run(segmentSql(i % 2 === 0 ? RULES.edit : RULES.five));
  await conn.runAndReadAll(summarySql);
  samples.push(+(performance.now() - s).toFixed(1));
}
conn.closeSync();
db.closeSync();
// Time after the end-to-end work (re-segment loop, close): run.mjs subtracts it from the wall.
ms.tail = +(performance.now() - tailStart).toFixed(1);
console.log(JSON.stringify({
  customers,
  segments: Object.fromEntries(summary.map((r) => [r.segment, Number(r.customers)])),
  ms,
  resegment: samples
}));
