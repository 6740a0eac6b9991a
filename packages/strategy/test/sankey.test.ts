// The migration Sankey: layout from a hand-made review (node order, link widths by customers,
// stays lighter, hit keys that survive any id), a deterministic SVG, hostile labels escaped, the
// table alternative, and the HTML review drawing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import { computeMigration, migrationToHtml, UNASSIGNED, NEW, GONE, type Migration } from '../src/migration.js';
import { snapshotBoth } from './migration-fixture.js';
import { defaultSankeyLabels, flowKey, parseFlowKey, parseStateKey, sankeyChart, stateKey } from '../src/charts/sankey.js';
import { sceneToSvg, tableHtml, legendHtml } from '../src/charts/svg.js';
import type { PathMark, RectMark } from '../src/charts/scene.js';

const HOSTILE = `Gold <script>alert(1)</script> & "vip" 'x'`;

describe('migration Sankey', () => {
  let db: NativeBackend;
  let m: Migration;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 1 });
    await snapshotBoth(db);
    m = await computeMigration(db, {
      before: 'snap_before',
      after: 'snap_after',
      segments: [
        { id: 'gold', label: HOSTILE },
        { id: 'churn_risk', label: 'Churn risk' }
      ],
      from: '2024-03-31',
      to: '2024-06-30'
    });
  });
  afterAll(async () => db.close());

  it('flow keys round-trip any state id, and other keys are not flows', () => {
    for (const [f, t] of [
      ['gold', 'churn_risk'],
      [UNASSIGNED, GONE],
      [NEW, 'a>b:c%'],
      ['铂金', '流失']
    ] as const) {
      const k = flowKey(f, t);
      expect(k.split('>')).toHaveLength(2);
      expect(parseFlowKey(k)).toEqual({ from: f, to: t });
    }
    expect(parseFlowKey('segment:gold')).toBeNull();
    expect(parseStateKey(stateKey('after', 'a:b>c'))).toEqual({ side: 'after', state: 'a:b>c' });
    expect(parseStateKey(flowKey('a', 'b'))).toBeNull();
    expect(parseFlowKey('flow:%E0%A4%A>x')).toBeNull();
  });

  it('lays out left = from states, right = to states, links by customers, stays lighter', () => {
    const scene = sankeyChart(m, defaultSankeyLabels(m), 'en');
    expect(scene.kind).toBe('sankey');
    const links = scene.marks.filter((x): x is PathMark => x.type === 'path');
    // every non-empty cell is one link
    expect(links).toHaveLength(m.cells.filter((c) => c.customers > 0).length);
    const byKey = new Map(links.map((l) => [l.hit!.key, l]));
    const stay = byKey.get(flowKey('gold', 'gold'))!;
    const move = byKey.get(flowKey('gold', 'churn_risk'))!;
    expect(stay.opacity!).toBeLessThan(move.opacity!);
    // width proportional to customers: gold->churn_risk has 2, gold->gold 1
    expect(move.strokeWidth! / stay.strokeWidth!).toBeCloseTo(2, 5);
    expect(move.hit!.tip).toContain('2 customers');
    expect(move.hit!.tip).toContain('M 250');
    const nodes = scene.marks.filter((x): x is RectMark => x.type === 'rect');
    const left = nodes.filter((r) => r.hit!.key.startsWith('state:before:'));
    const right = nodes.filter((r) => r.hit!.key.startsWith('state:after:'));
    // the review's order, top to bottom
    expect(left.sort((a, b) => a.y - b.y).map((r) => decodeURIComponent(r.hit!.key.slice(13)))).toEqual(['gold', 'churn_risk', UNASSIGNED, NEW]);
    expect(right.sort((a, b) => a.y - b.y).map((r) => decodeURIComponent(r.hit!.key.slice(12)))).toEqual(['gold', 'churn_risk', UNASSIGNED, GONE]);
    expect(Math.max(...left.map((r) => r.x))).toBeLessThan(Math.min(...right.map((r) => r.x)));
    // the text alternative: the matrix rows, with totals
    expect(scene.table.columns).toEqual(['before \\ after', HOSTILE, 'Churn risk', 'unassigned', 'gone', 'total']);
    expect(scene.table.rows[0]).toEqual([HOSTILE, '1', '2', '0', '1', '4']);
    expect(scene.table.rows.map((r) => r[0])).toEqual([HOSTILE, 'Churn risk', 'unassigned', 'new']);
    expect(scene.table.keys).toEqual(['gold', 'churn_risk', UNASSIGNED, NEW].map((s) => stateKey('before', s)));
  });

  it('the SVG is deterministic and escapes hostile labels', () => {
    const a = sceneToSvg(sankeyChart(m, defaultSankeyLabels(m), 'en'));
    const b = sceneToSvg(sankeyChart(m, defaultSankeyLabels(m), 'en'));
    expect(a).toBe(b);
    expect(a).toMatchSnapshot();
    for (const html of [a, tableHtml(sankeyChart(m, defaultSankeyLabels(m), 'en')), legendHtml(sankeyChart(m, defaultSankeyLabels(m), 'en'))]) {
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;');
    }
  });

  it('the Chinese labels and numbers', () => {
    const zh = { ...m, lang: 'zh' as const };
    const scene = sankeyChart(zh, defaultSankeyLabels(zh), 'zh');
    expect(scene.title).toBe('客户迁移流向');
    expect(scene.table.rows.map((r) => r[0])).toContain('新客户');
    const tip = scene.marks.find((x) => x.hit?.key === flowKey(NEW, 'gold'))!.hit!.tip;
    expect(tip).toBe('新客户 → ' + HOSTILE + '：1 位客户，金额 300');
  });

  it('the HTML review draws the Sankey (escaped) with its table', () => {
    const html = migrationToHtml(m);
    expect(html).toContain('<svg');
    expect(html).toContain('Customer flows');
    expect(html).toContain('class="chart-table"');
    expect(html).not.toContain('<script>alert');
  });

  it('an empty review draws headings only', () => {
    const empty: Migration = { ...m, cells: m.cells.map((c) => ({ ...c, customers: 0 })) };
    const scene = sankeyChart(empty, defaultSankeyLabels(empty), 'en');
    expect(scene.marks.every((x) => x.type === 'text')).toBe(true);
    expect(scene.table.rows).toEqual([]);
  });
});
