// The Workspace end to end on native DuckDB: load (ingest), build the relation, run rule files
// (compiled by @segmint/dsl), quick rules, pages of segmented customers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend, nodeFile } from '../../src/node/index.js';
import { Workspace } from '../../src/workspace.js';
import { dropTransactions } from '../../src/ingest/transactions.js';
import { metricCases, setupCase } from '../cases/index.js';
import { resolveUses } from '@segmint/dsl';

const here = fileURLToPath(new URL('.', import.meta.url));
const shared = process.env.SEGMINT_SHARED ?? resolve(here, '../../../../../shared');
const retailDay = join(shared, 'data/online-retail/by-day/2010-12-01.csv');

describe('Workspace', () => {
  let db: NativeBackend;
  let ws: Workspace;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 2 });
    ws = new Workspace(db);
  });
  afterAll(async () => db.close());

  it('runs a rule file: segments in file order, unassigned last, tags counted', async () => {
    // score-ties: P1 R0 F1 M10, P2 R0 F1 M10, P3 R10 F1 M20, P4 R20 F1 M30, P5 R20 F1 M30, P6 R30 F1 M40, P7 R59 F2 M100
    await setupCase(db, metricCases.scoreTies!);
    const built = await ws.buildCustomers();
    expect(built.asOf).toBe('2024-06-30');
    const source = [
      'segment recent "Recent" when R <= 10',
      'segment loyal "Loyal" when F >= 2',
      'tag big "Big" when M >= 30',
      ''
    ].join('\n');
    const { compiled, result } = await ws.runRules(source);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result).not.toBeNull();
    // recent: P1, P2, P3; loyal: P7; unassigned: P4, P5, P6; big (M >= 30): P4, P5, P6, P7
    expect(result!.summary.map((s) => [s.segment, s.customers])).toEqual([
      ['recent', 3],
      ['loyal', 1],
      [null, 3]
    ]);
    expect(result!.tags.map((t) => [t.id, t.customers])).toEqual([['big', 4]]);
    const page = await ws.segmentCustomers({ segment: null, limit: 2, offset: 1 });
    expect(page.columns.slice(0, 10)).toEqual(['customer', 'segment', 'R', 'F', 'M', 'T', 'AOV', 'R_score', 'F_score', 'M_score']);
    expect(page.rows.map((r) => r.customer)).toEqual(['P5', 'P6']);
    expect(page.rows.every((r) => r.segment === null && r.big === true)).toBe(true);
  });

  it('runs rules and quick rules with the defines of a base file (`use`)', async () => {
    await setupCase(db, metricCases.scoreTies!);
    await ws.buildCustomers();
    const common = 'define recent = R <= 10\ndefine spend_pct = pct(M)\n';
    const source = 'use "common.seg"\nsegment recent_top "Recent" when recent\nsegment top "Top" when spend_pct >= 50\n';
    const uses = resolveUses('rules.seg', source, (p) => (p === 'common.seg' ? common : null));
    const { compiled, result } = await ws.runRules(source, { uses });
    expect(compiled.diagnostics).toEqual([]);
    expect(result!.summary.map((s) => [s.segment, s.customers])).toEqual([
      ['recent_top', 3],
      ['top', 4]
    ]);
    // without the base file the names are unknown columns: errors, nothing runs
    expect((await ws.runRules(source)).result).toBeNull();
    const q = await ws.quickRule('recent and spend_pct < 30', { uses });
    expect(q.compiled.ok).toBe(true);
    expect(q.matched).toBe(2);
  });

  it('runs defines (window functions in nested subqueries) and tags, summary equal to direct SQL', async () => {
    await setupCase(db, metricCases.scoreTies!);
    await ws.buildCustomers();
    const source = ['define spend_pct = pct(M)', 'segment top "Top" when spend_pct >= 50', 'segment rest "Rest" otherwise', ''].join('\n');
    const { compiled, result } = await ws.runRules(source);
    expect(compiled.ok).toBe(true);
    const direct = await db.query(
      'SELECT s.segment, count(*) AS n, sum(c.M) AS m, median(c.R) AS r FROM segmented s JOIN customers c USING (customer) GROUP BY s.segment ORDER BY s.segment DESC'
    );
    expect(result!.summary.map((x) => [x.segment, x.customers, x.M, x.R.median])).toEqual(direct.map((d) => [d.segment, d.n, d.m, d.r]));
    expect(result!.summary.reduce((a, x) => a + x.customers, 0)).toBe(7);
    const page = await ws.segmentCustomers({ limit: 100 });
    expect(page.columns).toContain('spend_pct');
  });

  it("rebuilds the relation at the file's as-of, and the option overrides the file", async () => {
    await setupCase(db, metricCases.earlierAsOf!);
    await ws.buildCustomers();
    // default as-of is H's 2024-04-10: three customers
    expect(ws.asOf).toBe('2024-04-10');
    const source = 'as of 2024-03-31\nsegment fresh "Fresh" when R <= 7\n';
    const a = await ws.runRules(source);
    // as of 2024-03-31 (see earlier-as-of.json): E R 30, G R 0; H is not a customer yet
    expect(a.result!.asOf).toBe('2024-03-31');
    expect(a.result!.summary.map((s) => [s.segment, s.customers])).toEqual([
      ['fresh', 1],
      [null, 1]
    ]);
    const b = await ws.runRules(source, { asOf: '2024-04-10' });
    expect(b.result!.asOf).toBe('2024-04-10');
    expect(b.result!.total).toBe(3);
  });

  it('returns diagnostics and no result for a rule file with errors', async () => {
    await setupCase(db, metricCases.scoreTies!);
    await ws.buildCustomers();
    const { compiled, result } = await ws.runRules('segment a "A" when Recency <= 30\n');
    expect(result).toBeNull();
    expect(compiled.ok).toBe(false);
    expect(compiled.diagnostics.some((d) => d.severity === 'error' && d.span.line === 1)).toBe(true);
  });

  it('counts quick rules', async () => {
    await setupCase(db, metricCases.scoreTies!);
    await ws.buildCustomers();
    // R <= 10: P1, P2, P3 of 7
    const q = await ws.quickRule('R <= 10');
    expect([q.matched, q.total]).toEqual([3, 7]);
    expect(q.share).toBeCloseTo(3 / 7, 12);
    const bad = await ws.quickRule('R <=');
    expect(bad.compiled.ok).toBe(false);
    // a number is not a condition: an error, not a count of non-zero values
    const num = await ws.quickRule('M');
    expect(num.compiled.ok).toBe(false);
    expect(num.compiled.diagnostics.map((d) => d.code)).toContain('not-a-condition');
    expect(num.matched).toBe(0);
    const preview = await ws.preview(2);
    expect(preview.map((r) => r.customer)).toEqual(['P1', 'P2']);
  });

  it('loads a real Online Retail day: ids normalised (17850.0 -> 17850), rows without an id left out and counted', async () => {
    const ws2 = new Workspace(db);
    const report = await ws2.loadTransactions([nodeFile(retailDay)], {
      roles: { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', amount: 'Quantity * UnitPrice' }
    });
    // 3,108 rows on 2010-12-01, 1,140 of them without a CustomerID
    expect(report.rows).toBe(3108);
    expect(report.leftOut.reduce((n, l) => n + l.count, 0)).toBe(1140);
    const built = await ws2.buildCustomers();
    expect(built.asOf).toBe('2010-12-01');
    const rows = await db.query("SELECT customer, R, F, M, T FROM customers WHERE customer IN ('17850', '17850.0', '14527', '17548') ORDER BY customer");
    // 14527: only invoice C536379, a discount of -1 x 27.50: F 0, M -27.5, R NULL
    // 17548: only the cancellation C536391: -12*1.65 - 3*24*0.29 - 12*3.45 - 12*1.65 - 24*1.65
    //        = -19.8 - 20.88 - 41.4 - 19.8 - 39.6 = -141.48: F 0
    // 17850: ten invoices that day, all positive: 139.12 + 5 x 22.20 + 2 x 259.86 + 376.36 + 353.14
    //        = 1,499.34; R = T = 0 (bought on as-of)
    expect(rows.map((r) => r.customer)).toEqual(['14527', '17548', '17850']);
    expect(rows[0]).toMatchObject({ R: null, F: 0, M: -27.5, T: null });
    expect(rows[1]).toMatchObject({ R: null, F: 0, T: null });
    expect(rows[1]!.M).toBeCloseTo(-141.48, 9);
    expect(rows[2]).toMatchObject({ R: 0, F: 10, T: 0 });
    expect(rows[2]!.M).toBeCloseTo(1499.34, 9);
  });

  it('segments a customers file alone (no transactions): its own R/F/M columns are the metrics', async () => {
    await dropTransactions(db);
    await db.exec('CREATE OR REPLACE TABLE segmint_attrs (customer VARCHAR, R DOUBLE, region VARCHAR, segment VARCHAR)');
    await db.exec("INSERT INTO segmint_attrs VALUES ('X1', 10, 'North', 'a'), ('X2', 40, 'South', 'b'), ('X3', NULL, 'South', 'c')");
    const w = new Workspace(db);
    const built = await w.buildCustomers({ asOf: '2024-01-31' });
    expect(built.hasTransactions).toBe(false);
    // R keeps its name; `segment` would clash with the segmentation's column
    expect(built.schema.fields.map((f) => f.name)).toEqual(['customer', 'R', 'region', 'segment_attr']);
    const { result } = await w.runRules('segment recent "Recent" when R <= 30\n');
    // recent: X1 (R 10); X2 (R 40) and X3 (R NULL: the rule is not true) are unassigned
    expect(result!.summary.map((s) => [s.segment, s.customers, s.R.max])).toEqual([
      ['recent', 1, 10],
      [null, 2, 40]
    ]);
    expect(result!.summary[0]!.M).toBe(0);
  });

  it('joins a customers file, including customers with no orders', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'segmint-ws-'));
    try {
      const tx = join(tmp, 'tx.csv');
      const cu = join(tmp, 'cu.csv');
      writeFileSync(tx, 'customer_id,order_date,amount\nA1,2024-05-01,10\nA2,2024-05-03,20\n');
      writeFileSync(cu, 'customer_id,region,M\nA1,North,7\nA3,South,9\n');
      const w = new Workspace(db);
      await w.loadTransactions([nodeFile(tx)]);
      await w.loadCustomers([nodeFile(cu)], { roles: { customer: 'customer_id' } });
      const built = await w.buildCustomers();
      // A1 and A2 from orders, A3 only in the customers file (F 0, M 0); M of the file -> M_attr
      expect(built.customers).toBe(3);
      expect(built.renamed.map((r) => [r.from, r.to])).toEqual([['M', 'M_attr']]);
      const rows = await db.query('SELECT customer, F, M, region, M_attr FROM customers ORDER BY customer');
      expect(rows).toEqual([
        { customer: 'A1', F: 1, M: 10, region: 'North', M_attr: 7 },
        { customer: 'A2', F: 1, M: 20, region: null, M_attr: null },
        { customer: 'A3', F: 0, M: 0, region: 'South', M_attr: 9 }
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('a new transactions file starts a new data set: the previous customers file does not leak into it', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'segmint-ws-'));
    try {
      const tx1 = join(tmp, 'tx1.csv');
      const tx2 = join(tmp, 'tx2.csv');
      const cu = join(tmp, 'cu.csv');
      writeFileSync(tx1, 'customer_id,order_date,amount\nA1,2024-05-01,10\n');
      writeFileSync(cu, 'customer_id,region\nA1,North\nA9,South\n');
      writeFileSync(tx2, 'customer_id,order_date,amount\nB1,2024-06-01,5\nB2,2024-06-02,6\n');
      const w = new Workspace(db);
      await w.loadTransactions([nodeFile(tx1)]);
      await w.loadCustomers([nodeFile(cu)]);
      expect((await w.buildCustomers()).customers).toBe(2); // A1 and A9 (customers file only)
      await w.loadTransactions([nodeFile(tx2)]);
      expect(w.customersReport).toBeNull();
      const built = await w.buildCustomers();
      expect(built.customers).toBe(2); // B1, B2: no A9 and no region column from the old file
      expect(built.schema.fields.map((f) => f.name)).not.toContain('region');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('live typing: runRules with materialize false gives the numbers and refuses to list customers it did not write', async () => {
    await setupCase(db, metricCases.scoreTies!);
    const w = new Workspace(db);
    await w.buildCustomers();
    const rules = 'segment recent when R <= 10\nsegment loyal when F >= 2\ntag big when M >= 30\n';
    const full = (await w.runRules(rules)).result!;
    const live = (await w.runRules(rules, { materialize: false })).result!;
    expect(live.summary).toEqual(full.summary);
    expect(live.tags).toEqual(full.tags);
    await expect(w.segmentCustomers()).rejects.toThrow(/materialize: true/);
  });
});
