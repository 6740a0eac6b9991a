// A rule change on the same customers: the moves equal a direct SQL comparison of the two
// segmentations, the union of segments in the new file's order, no new/gone, words and tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import { computeRuleDiff, mergeSegments, ruleDiffToJson, ruleDiffToMarkdown, segmentSizes } from '../src/rule-diff.js';
import { GONE, NEW, UNASSIGNED, type Migration } from '../src/migration.js';
import { loadExample, runRules } from './helpers.js';

const OLD = `segment platinum "Platinum" when R <= 30 and F >= 15 and M >= 5000
segment gold "Gold" when R <= 60 and F >= 8
segment basic "Basic" when R <= 90 or F < 3
segment churn_risk "Churn risk" otherwise
`;
// gold loosened, basic gone, a new segment "dormant" before the catch-all
const NEW_RULES = `segment platinum "Platinum" when R <= 30 and F >= 15 and M >= 5000
segment gold "Gold <b>" when R <= 90 and F >= 6
segment dormant "Dormant" when R > 180
segment churn_risk "Churn risk" otherwise
`;

describe('rule diff', () => {
  let db: NativeBackend;
  let m: Migration;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 2 });
    await loadExample(db);
    const a = await runRules(db, OLD, { into: 'seg_old' });
    const b = await runRules(db, NEW_RULES, { into: 'seg_new' });
    expect(a.asOf).toBe(b.asOf);
    m = await computeRuleDiff(db, { old: { table: a.table, segments: a.segments }, new: { table: b.table, segments: b.segments }, from: 'old.seg', to: 'new.seg' });
  });
  afterAll(async () => db.close());

  it('merges the segments: the new file first, then the old-only ones', () => {
    expect(mergeSegments([{ id: 'b', label: 'B2' }, { id: 'c', label: null }], [{ id: 'a', label: 'A' }, { id: 'b', label: 'B1' }])).toEqual([
      { id: 'b', label: 'B2' },
      { id: 'c', label: null },
      { id: 'a', label: 'A' }
    ]);
    expect(m.kind).toBe('rules');
    expect(m.rows).toEqual(['platinum', 'gold', 'dormant', 'churn_risk', 'basic', UNASSIGNED, NEW]);
  });

  it('every cell equals a direct SQL count, nobody new or gone', async () => {
    const rows = await db.query(`SELECT o.segment AS f, n.segment AS t, count(*)::INTEGER AS c FROM seg_old o JOIN seg_new n USING (customer) GROUP BY ALL`);
    const total = rows.reduce((a, r) => a + Number(r.c), 0);
    expect(m.beforeCustomers).toBe(total);
    expect(m.afterCustomers).toBe(total);
    for (const r of rows) expect(m.cells.find((c) => c.from === String(r.f) && c.to === String(r.t))!.customers).toBe(Number(r.c));
    expect(m.cells.filter((c) => c.from === NEW || c.to === GONE).every((c) => c.customers === 0)).toBe(true);
    const moved = rows.filter((r) => r.f !== r.t).reduce((a, r) => a + Number(r.c), 0);
    expect(moved).toBeGreaterThan(0);
    expect(m.changed).toBe(moved);
    // a segment's M is the same under both files (same customers, same as-of)
    for (const c of m.cells) expect(c.mBefore).toBeCloseTo(c.mAfter, 6);
  });

  it('says the biggest moves as "would move" (en, zh)', () => {
    expect(m.flows.length).toBeGreaterThan(0);
    expect(m.flows[0]!.text).toMatch(/^\d[\d,]* customers? would move from .+ to .+ \(M [\d,-]+\)$/);
    expect(m.flows[0]!.key).toMatch(/^flow\.moved/);
  });

  it('markdown: both files, the changed total, moves, sizes and matrix; labels escaped', () => {
    const md = ruleDiffToMarkdown(m, { asOf: '2024-12-31' });
    expect(md).toContain('# Rule change: old.seg → new.seg');
    expect(md).toContain(`would change segment`);
    expect(md).toContain('## Biggest moves');
    expect(md).toContain('| old \\ new |');
    expect(md).toContain('Gold &lt;b&gt;');
    const sizes = segmentSizes(m);
    expect(sizes.find((s) => s.segment === 'basic')!.new).toBe(0);
    expect(sizes.find((s) => s.segment === 'dormant')!.old).toBe(0);
  });

  it('json: machine-readable', () => {
    const j = JSON.parse(ruleDiffToJson(m, { asOf: '2024-12-31' })) as { old: string; new: string; changed: number; cells: { customers: number }[]; moves: { text: string }[] };
    expect(j.old).toBe('old.seg');
    expect(j.new).toBe('new.seg');
    expect(j.changed).toBe(m.changed);
    expect(j.cells.reduce((a, c) => a + c.customers, 0)).toBe(m.beforeCustomers);
    expect(j.moves[0]!.text).toBe(m.flows[0]!.text);
  });
});
