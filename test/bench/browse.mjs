#!/usr/bin/env node
// The customer browser on 1M customers, native DuckDB (numbers for BENCHMARKS.md; not a test):
// open (materialise, sorted), blocks at depth, re-sort, search, a segment's last block, and the
// deep OFFSET it replaces. Needs the engine built.   node test/bench/browse.mjs
import { NativeBackend } from '@segmint/engine/node';
import { closeBrowse, fetchBlock, openBrowse, updateBrowse } from '@segmint/engine';

const ms = async (f) => { const t = performance.now(); await f(); return performance.now() - t; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const db = await NativeBackend.create();
await db.exec(`CREATE OR REPLACE TABLE customers AS SELECT printf('C%07d', hash(i) % 10000000) || '-' || i AS customer,
  CAST(i % 700 AS INTEGER) AS R, CAST(1 + i % 40 AS BIGINT) AS F, CAST((hash(i) % 500000) / 100.0 AS DOUBLE) AS M,
  CAST(i % 900 AS INTEGER) AS T, CAST((hash(i) % 50000) / 100.0 AS DOUBLE) AS AOV,
  DATE '2023-01-01' + CAST(i % 500 AS INTEGER) AS first_purchase, DATE '2024-01-01' + CAST(i % 300 AS INTEGER) AS last_purchase,
  CAST(1 + i % 5 AS INTEGER) AS R_score, CAST(1 + i % 5 AS INTEGER) AS F_score, CAST(1 + hash(i) % 5 AS INTEGER) AS M_score,
  '123' AS RFM, 'city ' || CAST(hash(i) % 300 AS VARCHAR) AS city, 'name ' || CAST(i AS VARCHAR) AS name, (i % 7 = 0) AS vip
  FROM range(1000000) t(i)`);
await db.exec(`CREATE OR REPLACE TABLE segmented AS SELECT customer, CASE WHEN M > 2500 THEN 'top' ELSE NULL END AS segment, (F > 20) AS loyal, (R < 30) AS recent FROM customers`);
let h;
console.log(`open all, sorted by M desc: ${(await ms(async () => { h = await openBrowse(db, { from: 'all', sort: [{ column: 'M', direction: 'desc' }] }); })).toFixed(0)} ms, ${h.total} rows`);
for (const first of [0, 500_000, 999_900]) {
  const ts = [];
  for (let k = 0; k < 21; k++) ts.push(await ms(() => fetchBlock(h, first + (k % 3), 100)));
  console.log(`block of 100 at row ${first}: median ${median(ts).toFixed(2)} ms, max ${Math.max(...ts).toFixed(2)} ms`);
}
console.log(`re-sort by city: ${(await ms(async () => { h = await updateBrowse(h, { sort: [{ column: 'city', direction: 'asc' }] }); })).toFixed(0)} ms`);
console.log(`search 'city 12': ${(await ms(async () => { h = await updateBrowse(h, { search: 'city 12' }); })).toFixed(0)} ms, ${h.total} rows`);
await closeBrowse(h);
console.log(`open segment 'top': ${(await ms(async () => { h = await openBrowse(db, { from: 'segment', segment: 'top' }); })).toFixed(0)} ms, ${h.total} rows`);
const last = [];
for (let k = 0; k < 11; k++) last.push(await ms(() => fetchBlock(h, h.total - 100, 100)));
console.log(`its last block: median ${median(last).toFixed(2)} ms`);
await closeBrowse(h);
const off = [];
for (let k = 0; k < 3; k++) off.push(await ms(() => db.query(`SELECT c.*, s.segment FROM customers c LEFT JOIN segmented s USING (customer) ORDER BY c.M DESC, c.customer LIMIT 100 OFFSET 999900`)));
console.log(`for comparison, ORDER BY ... LIMIT 100 OFFSET 999900: median ${median(off).toFixed(0)} ms`);
await db.close();
