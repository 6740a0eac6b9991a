// The charts' SQL on a hand-made customer relation, on native DuckDB and on the wasm engine the
// browser runs: heatmap cells (all customers and one segment), histogram bins (linear, symlog,
// whole numbers; at most 40; every customer counted once) and the Pareto curve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import type { Backend } from '@segmint/engine';
import { heatmapData, histogramData, paretoCurveSql, paretoData } from '../src/chart-data.js';
import { ident } from '@segmint/engine';
import { createWasmBackend } from './wasm.js';

// 200 customers: R = i mod 100 (NULL for every 50th: never bought), F = 1 + i mod 7, M skewed
// (i^2 / 10, one return making a negative M), scores from fixed formulas
const SETUP = `
CREATE OR REPLACE TABLE customers AS
SELECT 'c' || lpad(CAST(i AS VARCHAR), 4, '0') AS customer,
  CASE WHEN i % 50 = 0 THEN NULL ELSE i % 100 END AS R,
  CASE WHEN i % 50 = 0 THEN 0 ELSE 1 + i % 7 END AS F,
  CASE WHEN i = 3 THEN -25.5 ELSE i * i / 10.0 END AS M,
  CASE WHEN i % 50 = 0 THEN NULL ELSE 1 + i % 5 END AS R_score,
  CASE WHEN i % 50 = 0 THEN NULL ELSE 1 + (i // 5) % 5 END AS F_score
FROM range(200) t(i);
CREATE OR REPLACE TABLE seg AS SELECT customer, CASE WHEN R < 30 THEN 'recent' WHEN R >= 90 THEN NULL ELSE 'older' END AS segment FROM customers;
`;

const backends: [string, () => Promise<Backend>][] = [
  ['native', () => NativeBackend.create({ threads: 2 })],
  ['wasm', () => createWasmBackend()]
];

describe.each(backends)('chart data (%s)', (_name, create) => {
  let db: Backend;
  beforeAll(async () => {
    db = await create();
    for (const s of SETUP.split(';').map((x) => x.trim()).filter(Boolean)) await db.exec(s);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('heatmap: customers and mean M per (R_score, F_score), the unscored apart', async () => {
    const h = await heatmapData(db);
    expect(h.unscored).toBe(4);
    expect(h.cells.reduce((s, c) => s + c.customers, 0)).toBe(196);
    const rows = await db.query(`SELECT count(*) AS n, avg(M) AS m FROM customers WHERE R_score = 3 AND F_score = 4`);
    const cell = h.cells.find((c) => c.r === 3 && c.f === 4)!;
    expect(cell.customers).toBe(Number(rows[0]!.n));
    expect(cell.meanM).toBeCloseTo(Number(rows[0]!.m), 9);
  });

  it('heatmap of one segment (and of the unassigned), the segment bound as a parameter', async () => {
    const recent = await heatmapData(db, { filter: { table: 'seg', segment: 'recent' } });
    const [n] = await db.query(`SELECT count(*) AS n FROM seg WHERE segment = 'recent'`);
    expect(recent.cells.reduce((s, c) => s + c.customers, 0) + recent.unscored).toBe(Number(n!.n));
    const none = await heatmapData(db, { filter: { table: 'seg', segment: null } });
    const [u] = await db.query(`SELECT count(*) AS n FROM seg WHERE segment IS NULL`);
    expect(none.cells.reduce((s, c) => s + c.customers, 0) + none.unscored).toBe(Number(u!.n));
    const hostile = await heatmapData(db, { filter: { table: 'seg', segment: "x' OR '1'='1" } });
    expect(hostile.cells).toEqual([]);
  });

  it('histogram of R: whole-number bins covering every customer with a value', async () => {
    const h = await histogramData(db, 'R');
    expect(h.total).toBe(196);
    expect(h.missing).toBe(4);
    expect(h.bins.length).toBeLessThanOrEqual(40);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(196);
    expect(h.bins[0]!.x0).toBeLessThanOrEqual(1);
    expect(h.bins.at(-1)!.x1).toBeGreaterThan(99);
    for (let i = 1; i < h.bins.length; i++) expect(h.bins[i]!.x0).toBe(h.bins[i - 1]!.x1);
    // every bin's count equals SQL over its edges
    for (const b of h.bins.slice(0, 5)) {
      const [r] = await db.query(`SELECT count(*) AS n FROM customers WHERE R >= $1 AND R < $2`, [b.x0, b.x1]);
      expect(b.count).toBe(Number(r!.n));
    }
  });

  it('histogram of F with few values: one bin per value', async () => {
    const h = await histogramData(db, 'F');
    expect(h.bins.map((b) => b.x0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(h.bins[0]!.count).toBe(4);
  });

  it('histogram of M on the log scale: symlog bins, negative M included, counts add up', async () => {
    const h = await histogramData(db, 'M', { scale: 'log' });
    expect(h.scale).toBe('log');
    expect(h.bins.length).toBeLessThanOrEqual(40);
    expect(h.bins[0]!.x0).toBeLessThanOrEqual(-25.5);
    expect(h.bins.at(-1)!.x1).toBeGreaterThanOrEqual(3960.1);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(200);
    // log bins: later bins are wider
    const w = h.bins.map((b) => b.x1 - b.x0);
    expect(w.at(-1)!).toBeGreaterThan(w[Math.floor(w.length / 2)]!);
  });

  it('pareto: the report SQL over all customers', async () => {
    const p = await paretoData(db);
    expect(p.curve).toHaveLength(101);
    const [r] = await db.query(`SELECT (SELECT sum(M) FROM (SELECT M FROM customers ORDER BY M DESC LIMIT 40)) / sum(M) AS s FROM customers`);
    expect(p.topMShare).toBeCloseTo(Number(r!.s), 9);
    expect(p.curve.at(-1)!.m).toBeCloseTo(1, 9);
  });

  it('pareto: the same rows as the report SQL, for all customers and through a segmentation table', async () => {
    const cols = ['customer', 'R', 'F', 'M', 'R_score', 'F_score'];
    const norm = (rows: Record<string, unknown>[]) => rows.map((r) => [Number(r.kind), r.p === null ? null : Number(r.p), Number(Number(r.v).toFixed(12)), Number(r.n)]).sort((a, b) => a[0]! - b[0]! || (a[1] ?? 0) - (b[1] ?? 0));
    expect(norm(await db.query(paretoCurveSql(cols)))).toEqual(norm(await db.query(paretoSql('customers', 'customers'))));
    expect(norm(await db.query(paretoCurveSql(cols, { table: 'seg' })))).toEqual(norm(await db.query(paretoSql('seg', 'customers'))));
  });
});

/** The Pareto SQL the report used before (a join condition that reads the row count: DuckDB
 * compares 100 x every customer), kept as the reference the faster SQL must equal. */
function paretoSql(table: string, relation: string): string {
  return `WITH j AS (
    SELECT coalesce(CAST(c.M AS DOUBLE), 0) AS M FROM ${ident(table)} s JOIN ${ident(relation)} c ON c.customer = s.customer
  ), r AS (
    SELECT M, row_number() OVER (ORDER BY M DESC) AS rn, count(*) OVER () AS n, sum(M) OVER () AS tot,
      sum(M) OVER (ORDER BY M DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
    FROM j
  )
  SELECT 0 AS kind, g.p AS p, r.cum / nullif(r.tot, 0) AS v, r.n AS n
    FROM generate_series(1, 100) g(p) JOIN r ON r.rn = CAST(ceil(g.p * r.n / 100.0) AS BIGINT)
  UNION ALL
  SELECT 1 AS kind, NULL AS p, min(rn) / max(n) AS v, max(n) AS n FROM r WHERE tot > 0 AND cum >= 0.8 * tot`;
}
