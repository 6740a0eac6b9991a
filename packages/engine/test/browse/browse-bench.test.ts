// The browse numbers on 1M customers (for BENCHMARKS.md), native DuckDB and duckdb-wasm's
// blocking Node build: open (materialise), blocks at depth, re-sort, search, and a deep OFFSET
// for comparison. Skipped unless SEGMINT_BENCH is set (no test asserts a time):
//   SEGMINT_BENCH=1 npx vitest run test/browse/browse-bench.test.ts
import { describe, it } from 'vitest';
import { NativeBackend } from '../../src/node/index.js';
import type { Backend } from '../../src/types.js';
import { closeBrowse, fetchBlock, openBrowse, updateBrowse } from '../../src/browse/index.js';
import { createWasmBlockingBackend } from '../metrics/wasm-blocking.js';

async function setup(db: Backend) {
  await db.exec(`CREATE OR REPLACE TABLE customers AS SELECT printf('C%07d', hash(i) % 10000000) || '-' || i AS customer,
    CAST(i % 700 AS INTEGER) AS R, CAST(1 + i % 40 AS BIGINT) AS F, CAST((hash(i) % 500000) / 100.0 AS DOUBLE) AS M,
    CAST(i % 900 AS INTEGER) AS T, CAST((hash(i) % 50000) / 100.0 AS DOUBLE) AS AOV,
    DATE '2023-01-01' + CAST(i % 500 AS INTEGER) AS first_purchase, DATE '2024-01-01' + CAST(i % 300 AS INTEGER) AS last_purchase,
    CAST(1 + i % 5 AS INTEGER) AS R_score, CAST(1 + i % 5 AS INTEGER) AS F_score, CAST(1 + hash(i) % 5 AS INTEGER) AS M_score,
    '123' AS RFM, 'city ' || CAST(hash(i) % 300 AS VARCHAR) AS city, 'name ' || CAST(i AS VARCHAR) AS name, (i % 7 = 0) AS vip
    FROM range(1000000) t(i)`);
  await db.exec(`CREATE OR REPLACE TABLE segmented AS SELECT customer, CASE WHEN M > 2500 THEN 'top' ELSE NULL END AS segment, (F > 20) AS loyal, (R < 30) AS recent FROM customers`);
}
const ms = async (f: () => Promise<unknown>) => { const t = performance.now(); await f(); return performance.now() - t; };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.skipIf(!process.env.SEGMINT_BENCH)('browse on 1M customers', () => {
  for (const [name, create] of [['native', () => NativeBackend.create()], ['wasm', () => createWasmBlockingBackend()]] as const) {
    it(`bench ${name}`, async () => {
      const db: Backend = await create();
      await setup(db);
      const out: string[] = [];
      let h = await openBrowse(db, { from: 'all' });
      await closeBrowse(h);
      const open = await ms(async () => { h = await openBrowse(db, { from: 'all', sort: [{ column: 'M', direction: 'desc' }] }); });
      out.push(`open all sort M desc: ${open.toFixed(0)} ms, total ${h.total}`);
      for (const first of [0, 500_000, 999_900]) {
        const ts = [];
        for (let k = 0; k < 21; k++) ts.push(await ms(() => fetchBlock(h, first + (k % 3), 100)));
        out.push(`fetchBlock(${first}, 100): median ${median(ts).toFixed(2)} ms, max ${Math.max(...ts).toFixed(2)} ms`);
      }
      out.push(`resort by city asc: ${(await ms(() => updateBrowse(h, { sort: [{ column: 'city', direction: 'asc' }] }))).toFixed(0)} ms`);
      out.push(`search 'city 12': ${(await ms(() => updateBrowse(h, { search: 'city 12' }))).toFixed(0)} ms, total ${h.total}`);
      await closeBrowse(h);
      out.push(`open segment top: ${(await ms(async () => { h = await openBrowse(db, { from: 'segment', segment: 'top' }); })).toFixed(0)} ms, total ${h.total}`);
      const tsd = [];
      for (let k = 0; k < 11; k++) tsd.push(await ms(() => fetchBlock(h, h.total - 100, 100)));
      out.push(`segment last block: median ${median(tsd).toFixed(2)} ms`);
      await closeBrowse(h);
      const off = [];
      for (let k = 0; k < 3; k++) off.push(await ms(() => db.query(`SELECT c.*, s.segment FROM customers c LEFT JOIN segmented s USING (customer) ORDER BY c.M DESC, c.customer LIMIT 100 OFFSET 999900`)));
      out.push(`for comparison, ORDER BY ... LIMIT 100 OFFSET 999900 on the base tables: median ${median(off).toFixed(0)} ms`);
      console.log(`[${name}]\n` + out.join('\n'));
      await db.close();
    }, 600_000);
  }
});
