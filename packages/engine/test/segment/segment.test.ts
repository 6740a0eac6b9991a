// Segmentation over the customer relation: the segment table, the per-segment summary (checked
// against direct SQL), tag counts and quick-rule counts. The compiled SQL here is written the way
// @segmint/dsl emits it (one SELECT over the relation: customer, segment, tag booleans, defines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../src/node/index.js';
import { buildCustomers } from '../../src/metrics/index.js';
import { quickRuleCounts, runSegmentation, segmentOutputSql, segmentSummary } from '../../src/segment/index.js';
import { metricCases, setupCase } from '../cases/index.js';

// score-ties: P1 R0 F1 M10, P2 R0 F1 M10, P3 R10 F1 M20, P4 R20 F1 M30, P5 R20 F1 M30,
// P6 R30 F1 M40, P7 R59 F2 M100 (see test/cases/metrics/score-ties.json).
const compiled = {
  sql: `SELECT customer,
    CASE WHEN R <= $1 THEN 'recent' WHEN F >= 2 THEN 'loyal' WHEN M > $2 THEN 'nobody' END AS segment,
    (M >= 30) AS big, (R_score = 5) AS top_r
  FROM customers`,
  params: [10, 1000],
  segments: [
    { id: 'recent', label: 'Recent 最近' },
    { id: 'loyal', label: null },
    { id: 'nobody', label: 'Nobody' }
  ],
  tags: [
    { id: 'big', label: 'Big' },
    { id: 'top_r', label: null }
  ],
  // compileRules' summary shape (options.summary with summaryCarry): segment index, tags, R/F/M
  summary: {
    sql: `SELECT CASE WHEN R <= $1 THEN 0 WHEN F >= 2 THEN 1 WHEN M > $2 THEN 2 END AS segment,
      (M >= 30) AS big, (R_score = 5) AS top_r, R AS __segmint_R, F AS __segmint_F, M AS __segmint_M
    FROM customers`,
    params: [10, 1000]
  }
};

describe('segmentation', () => {
  let db: NativeBackend;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 2 });
    await setupCase(db, metricCases.scoreTies!);
    await buildCustomers(db);
  });
  afterAll(async () => db.close());

  it('assigns first matching segments and summarises them in file order, then unassigned', async () => {
    const res = await runSegmentation(db, compiled, { asOf: '2024-06-30' });
    expect(res.table).toBe('segmented');
    expect(res.total).toBe(7);
    // recent = R <= 10: P1, P2, P3 (M 10+10+20 = 40); loyal = P7 (M 100); nobody: none;
    // unassigned: P4, P5, P6 (M 30+30+40 = 100). Total M = 240.
    expect(res.summary.map((s) => [s.segment, s.label, s.customers])).toEqual([
      ['recent', 'Recent 最近', 3],
      ['loyal', null, 1],
      ['nobody', 'Nobody', 0],
      [null, null, 3]
    ]);
    const [recent, loyal, nobody, unassigned] = res.summary;
    expect(recent!.share).toBeCloseTo(3 / 7, 12);
    expect(recent!.M).toBe(40);
    expect(recent!.shareM).toBeCloseTo(40 / 240, 12);
    // R of P1, P2, P3 = 0, 0, 10: mean 10/3, median 0, min 0, max 10
    expect(recent!.R.median).toBe(0);
    expect(recent!.R.min).toBe(0);
    expect(recent!.R.max).toBe(10);
    expect(recent!.R.mean).toBeCloseTo(10 / 3, 12);
    expect(loyal!.F).toEqual({ mean: 2, median: 2, min: 2, max: 2 });
    expect(nobody).toMatchObject({ customers: 0, M: 0, share: 0, R: { mean: null, median: null, min: null, max: null } });
    // unassigned M: 30, 30, 40: median 30, mean 100/3
    expect(unassigned!.Mstat.median).toBe(30);
    expect(unassigned!.Mstat.mean).toBeCloseTo(100 / 3, 12);
    // F: recent 1, 1, 1 (no repeat buyer); loyal 2; unassigned 1, 1, 1; nobody: no one has F
    expect([recent, loyal, nobody, unassigned].map((s) => [s!.Fsum, s!.repurchaseRate])).toEqual([
      [3, 0],
      [2, 1],
      [null, null],
      [3, 0]
    ]);
    expect(res.tags).toEqual([
      { id: 'big', label: 'Big', customers: 4 },
      { id: 'top_r', label: null, customers: 0 }
    ]);
  });

  it('the live-typing path (materialize: false) gives the same numbers in one pass and writes no table', async () => {
    const written = await runSegmentation(db, compiled, { asOf: '2024-06-30', into: 'seg_live_a' });
    const live = await runSegmentation(db, compiled, { asOf: '2024-06-30', into: 'seg_live_b', materialize: false });
    expect(written.materialized).toBe(true);
    expect(live.materialized).toBe(false);
    expect(live.summary).toEqual(written.summary);
    expect(live.tags).toEqual(written.tags);
    expect(live.total).toBe(7);
    const tables = await db.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'seg_live_b'");
    expect(tables[0]?.n).toBe(0);
  });

  it('summary numbers equal the same numbers computed directly in SQL', async () => {
    const res = await runSegmentation(db, compiled, { asOf: '2024-06-30', into: 'seg2' });
    const direct = await db.query(`SELECT s.segment, count(*) AS n, sum(c.M) AS m, avg(c.R) AS r_mean, median(c.F) AS f_median,
        min(c.M) AS m_min, max(c.R) AS r_max, sum(c.F) AS f_sum, avg(CASE WHEN c.F >= 2 THEN 1.0 WHEN c.F IS NOT NULL THEN 0.0 END) AS rep
      FROM seg2 s JOIN customers c USING (customer) GROUP BY s.segment`);
    for (const d of direct) {
      const s = res.summary.find((x) => x.segment === d.segment)!;
      expect(s.customers).toBe(d.n);
      expect(s.M).toBe(d.m);
      expect(s.R.mean).toBe(d.r_mean);
      expect(s.F.median).toBe(d.f_median);
      expect(s.Mstat.min).toBe(d.m_min);
      expect(s.R.max).toBe(d.r_max);
      expect(s.Fsum).toBe(Number(d.f_sum));
      expect(s.repurchaseRate).toBeCloseTo(Number(d.rep), 12);
    }
    expect(res.summary.reduce((a, s) => a + s.customers, 0)).toBe(7);
    // the summary evaluates the rules' summary shape (R, F, M carried along); joining the
    // segment table with the relation instead gives the same numbers
    const joined = await segmentSummary(db, 'seg2', compiled.segments, 'customers');
    expect(joined.summary).toEqual(res.summary);
    expect(res.summary.reduce((a, s) => a + s.shareM, 0)).toBeCloseTo(1, 12);
  });

  it('refuses to write the segmentation over the data tables', async () => {
    await expect(runSegmentation(db, compiled, { asOf: '2024-06-30', into: 'Customers' })).rejects.toThrow(/holds the data/);
    expect((await db.query('SELECT count(*) AS n FROM customers'))[0]!.n).toBe(7);
  });

  it('counts a quick rule, window functions included', async () => {
    expect(await quickRuleCounts(db, { sql: 'F >= $1', params: [2] })).toEqual({ matched: 1, total: 7, share: 1 / 7 });
    // customers above the median M (30): P6 40, P7 100
    expect(await quickRuleCounts(db, { sql: 'M > median(M) OVER ()', params: [] })).toMatchObject({ matched: 2, total: 7 });
    // a rule that is NULL for a customer is not true: no R is NULL here, so use a NULL literal
    expect(await quickRuleCounts(db, { sql: 'CAST(NULL AS BOOLEAN)', params: [] })).toMatchObject({ matched: 0 });
  });

  it('orders output columns: customer, segment, metrics, tags, then other fields', async () => {
    await runSegmentation(db, compiled, { asOf: '2024-06-30' });
    const { sql, params, columns } = await segmentOutputSql(db, 'segmented', 'customers', { segment: null });
    expect(columns).toEqual([
      'customer', 'segment', 'R', 'F', 'M', 'T', 'AOV', 'R_score', 'F_score', 'M_score', 'big', 'top_r',
      'first_purchase', 'last_purchase', 'RFM'
    ]);
    const rows = await db.query(sql, params);
    expect(rows.map((r) => r.customer)).toEqual(['P4', 'P5', 'P6']);
    const one = await segmentOutputSql(db, 'segmented', 'customers', { segment: "loyal' OR 1=1 --" });
    expect(await db.query(one.sql, one.params)).toEqual([]);
  });
});
