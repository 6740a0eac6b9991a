// Migration review on two hand-made snapshots: matrix sums, M, flows in words, retention.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import { parsePlaybooks } from '../src/playbooks.js';
import { computeMigration, GONE, migrationToCsv, migrationToJson, migrationToMarkdown, NEW, UNASSIGNED, type Migration } from '../src/migration.js';
import { AFTER, BEFORE, snapshotBoth } from './migration-fixture.js';

const SEGMENTS = [
  { id: 'gold', label: 'Gold' },
  { id: 'churn_risk', label: 'Churn risk' }
];

describe('migration review', () => {
  let db: NativeBackend;
  let m: Migration;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 2 });
    await snapshotBoth(db);
    const pb = parsePlaybooks('playbooks:\n  gold:\n    goal: keep\n    kpis:\n      - { name: Stay gold, target: ">= 20%", metric: retention }\n      - { name: Other, target: ">= 1", metric: aov }\n');
    m = await computeMigration(db, { before: 'snap_before', after: 'snap_after', segments: SEGMENTS, from: '2024-03-31', to: '2024-06-30', playbooks: pb.file!.playbooks });
  });
  afterAll(async () => db.close());

  const cell = (from: string, to: string) => m.cells.find((c) => c.from === from && c.to === to)!;

  it('builds the matrix with new and gone, counts and both runs M', () => {
    expect(m.rows).toEqual(['gold', 'churn_risk', UNASSIGNED, NEW]);
    expect(m.cols).toEqual(['gold', 'churn_risk', UNASSIGNED, GONE]);
    expect(m.cells).toHaveLength(16);
    expect(cell('gold', 'gold')).toEqual({ from: 'gold', to: 'gold', customers: 1, mBefore: 100, mAfter: 120 });
    expect(cell('gold', 'churn_risk')).toEqual({ from: 'gold', to: 'churn_risk', customers: 2, mBefore: 250, mAfter: 220 });
    expect(cell('gold', GONE)).toMatchObject({ customers: 1, mBefore: 70, mAfter: 0 });
    expect(cell('churn_risk', 'gold')).toMatchObject({ customers: 1, mBefore: 10, mAfter: 30 });
    expect(cell(UNASSIGNED, 'churn_risk')).toMatchObject({ customers: 1, mBefore: 5 });
    expect(cell(NEW, 'gold')).toMatchObject({ customers: 1, mBefore: 0, mAfter: 300 });
    expect(cell(NEW, UNASSIGNED)).toMatchObject({ customers: 1, mAfter: 1 });
    expect(cell(NEW, GONE).customers).toBe(0);
  });

  it('rows sum to the earlier run, columns to the later run (customers and M)', () => {
    const rowSum = m.rows.filter((r) => r !== NEW).reduce((a, r) => a + m.cols.reduce((b, c) => b + cell(r, c).customers, 0), 0);
    const colSum = m.cols.filter((c) => c !== GONE).reduce((a, c) => a + m.rows.reduce((b, r) => b + cell(r, c).customers, 0), 0);
    expect(rowSum).toBe(BEFORE.length);
    expect(colSum).toBe(AFTER.length);
    expect(m.beforeCustomers).toBe(6);
    expect(m.afterCustomers).toBe(7);
    expect(m.beforeM).toBe(435);
    expect(m.afterM).toBe(677);
  });

  it('puts the biggest flows in words and computes retention into same-or-better', () => {
    expect(m.flows[0]!.text).toBe("2 Gold customers became Churn risk, worth 250 of last period’s M");
    expect(m.flows.map((f) => `${f.from}>${f.to}`)).toEqual([`gold>churn_risk`, `${NEW}>gold`, `gold>${GONE}`, `churn_risk>gold`, `${UNASSIGNED}>churn_risk`]);
    expect(m.flows[1]!.text).toBe("1 new customer arrived in Gold, worth 300 of this period’s M");
    expect(m.flows[2]!.text).toBe("1 Gold customer is gone from the data, worth 70 of last period’s M");
    expect(m.retention).toEqual([
      {
        segment: 'gold', label: 'Gold', customers: 4, same: 1, better: 0, worse: 2, unassigned: 0, gone: 1, retention: 0.25,
        kpis: [{ name: 'Stay gold', target: '>= 20%', metric: 'retention', value: 0.25, met: true }]
      },
      { segment: 'churn_risk', label: 'Churn risk', customers: 1, same: 0, better: 1, worse: 0, unassigned: 0, gone: 0, retention: 1, kpis: [] }
    ]);
  });

  it('renders Markdown (en, zh), CSV and JSON', async () => {
    const md = migrationToMarkdown(m);
    expect(md).toContain('# Migration review: 2024-03-31 → 2024-06-30');
    expect(md).toContain('| Gold | 4 | 1 | 0 | 2 | 0 | 1 | 25.0% | Stay gold &gt;= 20% ✓ met |');
    expect(md).toContain('| Gold | 1 | 2 | 0 | 1 | 4 |');
    const zh = migrationToMarkdown(await computeMigration(db, { before: 'snap_before', after: 'snap_after', segments: [{ id: 'gold', label: '黄金客户' }, { id: 'churn_risk', label: '流失风险客户' }], from: 'Q1', to: 'Q2', lang: 'zh' }));
    expect(zh).toContain('2 位「黄金客户」客户变为「流失风险客户」，占上期金额 250');
    const csv = migrationToCsv(m).trim().split('\n');
    expect(csv[0]).toBe('from,to,customers,M_before,M_after');
    expect(csv).toContain('gold,churn_risk,2,250,220');
    expect(csv).toHaveLength(17);
    expect(JSON.parse(migrationToJson(m)).cells).toHaveLength(16);
  });
});
