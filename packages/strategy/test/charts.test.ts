// The chart builders (data -> scene) and the report's SVG renderer: scales, ticks, bins, marks,
// keys, tables, escaping and byte-for-byte determinism.
import { describe, expect, it } from 'vitest';
import { thresholdsOf } from '@segmint/dsl';
import {
  CATEGORICAL,
  categorical,
  NEUTRAL,
  REFERENCE,
  cellKey,
  cellOfKey,
  heatmapChart,
  histogramChart,
  histogramScale,
  histogramTicks,
  paretoChart,
  sceneToSvg,
  segmentKey,
  segmentOfKey,
  segmentsChart,
  tableHtml,
  legendHtml,
  fitText,
  type ChartScene,
  type HeatCell,
  type RectMark,
  type LineMark
} from '../src/charts/index.js';
import { planBins } from '../src/chart-data.js';

const segLabels = { title: 'Segments', summary: 'Customers and share of M per segment.', segment: 'Segment', customers: 'Customers', share: 'Share', shareM: 'Share of M', m: 'M' };
const SEGS = [
  { id: 'vip', label: 'VIP', customers: 100, m: 6000 },
  { id: 'rest', label: 'Rest', customers: 300, m: 3000 },
  { id: null, label: 'Unassigned', customers: 100, m: 1000 }
];
const rects = (s: ChartScene) => s.marks.filter((m): m is RectMark => m.type === 'rect');
const hits = (s: ChartScene, prefix: string) => s.marks.filter((m) => m.hit?.key.startsWith(prefix));

describe('the categorical palette', () => {
  it('gives 21 different colours before it repeats, the first seven Okabe-Ito', () => {
    const cs = Array.from({ length: 21 }, (_, i) => categorical(i));
    expect(new Set(cs).size).toBe(21);
    expect(cs.slice(0, 7)).toEqual([...CATEGORICAL]);
    expect(categorical(21)).toBe(CATEGORICAL[0]);
    expect(categorical(7)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('segments chart', () => {
  const scene = segmentsChart({ segments: SEGS, labels: segLabels, locale: 'en' });

  it('draws two bars per segment, lengths proportional to customers and to share of M', () => {
    const bars = rects(scene).filter((m) => m.hit);
    expect(bars).toHaveLength(6);
    const cust = bars.filter((b) => b.cls?.includes('customers'));
    const shareM = bars.filter((b) => b.cls?.includes('share-m'));
    expect(cust[1]!.width / cust[0]!.width).toBeCloseTo(3, 1);
    expect(shareM[0]!.width / shareM[1]!.width).toBeCloseTo(2, 1);
    expect(cust.map((b) => b.hit!.key)).toEqual(['segment:vip', 'segment:rest', 'segment:']);
  });

  it('colours segments with Okabe-Ito and the unassigned in grey', () => {
    const cust = rects(scene).filter((b) => b.cls?.includes('customers'));
    expect(cust.map((b) => b.fill)).toEqual([CATEGORICAL[0], CATEGORICAL[1], NEUTRAL]);
    expect(scene.legend.map((l) => l.label)).toEqual(['VIP', 'Rest', 'Unassigned']);
  });

  it('has a table with the same numbers, each row drilling like its bars', () => {
    expect(scene.table.rows).toEqual([
      ['VIP', '100', '20.0%', '6,000', '60.0%'],
      ['Rest', '300', '60.0%', '3,000', '30.0%'],
      ['Unassigned', '100', '20.0%', '1,000', '10.0%']
    ]);
    expect(scene.table.keys).toEqual(['segment:vip', 'segment:rest', 'segment:']);
  });

  it('tooltips and numbers follow the locale', () => {
    const zh = segmentsChart({ segments: [{ id: 'a', label: '铂金客户', customers: 12345, m: 1 }], labels: { ...segLabels, customers: '客户数' }, locale: 'zh-CN' });
    expect(zh.marks.find((m) => m.hit)!.hit!.tip).toContain('客户数: 12,345');
  });

  it('stacks the panels on a narrow screen', () => {
    const narrow = segmentsChart({ segments: SEGS, labels: segLabels, locale: 'en', width: 360 });
    expect(narrow.width).toBe(360);
    expect(narrow.height).toBeGreaterThan(scene.height);
    for (const m of rects(narrow)) expect(m.x + m.width).toBeLessThanOrEqual(360);
  });

  it('keys round-trip', () => {
    expect(segmentOfKey(segmentKey('a:b'))).toBe('a:b');
    expect(segmentOfKey(segmentKey(null))).toBeNull();
    expect(segmentOfKey('cell:1:2')).toBeUndefined();
  });
});

describe('heatmap', () => {
  const cells: HeatCell[] = [
    { r: 5, f: 5, customers: 40, meanM: 900 },
    { r: 1, f: 1, customers: 10, meanM: 20 },
    { r: 3, f: 4, customers: 20, meanM: 300 }
  ];
  const labels = { title: 'RFM', summary: 's', rScore: 'R score', fScore: 'F score', customers: 'Customers', meanM: 'Mean M' };

  it('lays out 25 cells, R 5 on top and F 5 on the right, with the count in each', () => {
    const s = heatmapChart({ cells, colourBy: 'customers', labels, locale: 'en' });
    const cs = hits(s, 'cell:') as RectMark[];
    expect(cs).toHaveLength(25);
    const at = (r: number, f: number) => cs.find((c) => c.hit!.key === cellKey(r, f))!;
    expect(at(5, 1).y).toBeLessThan(at(1, 1).y);
    expect(at(1, 5).x).toBeGreaterThan(at(1, 1).x);
    expect(at(3, 4).hit!.tip).toContain('Customers: 20');
    expect(s.marks.some((m) => m.type === 'text' && m.text === '40')).toBe(true);
    // the largest count gets viridis' top colour, an empty cell none
    expect(at(5, 5).fill).toBe('#fde725');
    expect(at(2, 2).fill).toBe('#f2f2f2');
    expect(s.table.rows).toHaveLength(25);
    expect(s.table.rows[s.table.keys!.indexOf('cell:3:4')]).toEqual(['3 · 4', '20', '300']);
  });

  it('colours by mean M when asked', () => {
    const s = heatmapChart({ cells, colourBy: 'meanM', labels, locale: 'en' });
    const cs = hits(s, 'cell:') as RectMark[];
    expect(cs.find((c) => c.hit!.key === 'cell:1:1')!.fill).toBe('#440154');
    expect(cs.find((c) => c.hit!.key === 'cell:5:5')!.fill).toBe('#fde725');
    expect(s.legend[0]!.label).toBe('Mean M');
  });

  it('cell keys round-trip', () => {
    expect(cellOfKey(cellKey(3, 4))).toEqual({ r: 3, f: 4 });
    expect(cellOfKey('cell:9:1')).toBeUndefined();
  });
});

describe('histogram', () => {
  const labels = { title: 'R', summary: 'Days since the last purchase.', axis: 'R (days)', customers: 'Customers', range: 'Days', thresholds: 'Rule thresholds' };
  const bins = [0, 1, 2, 3].map((i) => ({ x0: i * 30, x1: (i + 1) * 30, count: [50, 20, 10, 5][i]! }));

  it('draws a bar per bin, heights by count, on a linear scale', () => {
    const s = histogramChart({ bins, scale: 'linear', labels, locale: 'en' });
    const bars = rects(s).filter((r) => r.cls === 'bin');
    expect(bars).toHaveLength(4);
    expect(bars[0]!.height / bars[1]!.height).toBeCloseTo(2.5, 1);
    expect(bars[1]!.x - bars[0]!.x).toBeCloseTo(bars[2]!.x - bars[1]!.x, 1);
    expect(s.table.rows[0]).toEqual(['0 – 30', '50']);
  });

  it('draws the rule file thresholds where their values fall', () => {
    const ts = thresholdsOf('segment a when R <= 30 and F > 2\nsegment b when R <= 60\n').filter((t) => t.field === 'R');
    const s = histogramChart({ bins, scale: 'linear', lines: ts.map((t) => ({ value: t.value, label: `${t.statement.id}: R ≤ ${t.value}` })), labels, locale: 'en' });
    const lines = s.marks.filter((m): m is LineMark => m.type === 'line' && m.cls === 'threshold');
    expect(lines).toHaveLength(2);
    const x = histogramScale('linear', [0, 120], [56, 640 - 16]);
    expect(lines[0]!.x1).toBeCloseTo(x(30), 1);
    expect(lines[1]!.x1).toBeCloseTo(x(60), 1);
    expect(lines[0]!.stroke).toBe(REFERENCE);
    expect(s.summary).toContain('a: R ≤ 30');
    expect(s.legend.some((l) => l.line)).toBe(true);
  });

  it('symlog scale: log positions, 0 and negative values on the axis, power-of-ten ticks', () => {
    const x = histogramScale('log', [0, 9999], [0, 400]);
    expect(x(9)).toBeCloseTo(100, 0);
    expect(x(99)).toBeCloseTo(200, 0);
    expect(histogramTicks('log', [0, 5000])).toEqual([0, 1, 10, 100, 1000]);
    expect(histogramTicks('log', [-50, 500])).toEqual([-10, -1, 0, 1, 10, 100]);
    expect(histogramTicks('log', [0, 40])).toEqual([0, 1, 2, 5, 10, 20]);
    expect(histogramTicks('linear', [0, 100])).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('plans at most 40 round bins', () => {
    expect(planBins(0, 700)).toEqual({ start: 0, step: 20, count: 36 });
    expect(planBins(1, 12, { integers: true })).toEqual({ start: 1, step: 1, count: 12 });
    const p = planBins(-123.4, 98765.4);
    expect(p.count).toBeLessThanOrEqual(40);
    expect(p.start).toBeLessThanOrEqual(-123.4);
    expect(p.start + p.count * p.step).toBeGreaterThan(98765.4);
    expect(planBins(5, 5, { integers: true })).toEqual({ start: 5, step: 1, count: 1 });
  });
});

describe('pareto', () => {
  const curve = Array.from({ length: 101 }, (_, p) => ({ customers: p / 100, m: Math.sqrt(p / 100) }));
  const labels = { title: 'Pareto', summary: 's', customersAxis: 'Share of customers (top first)', mAxis: 'Cumulative share of M', point: (c: string, m: string) => `Top ${c}: ${m} of M`, equality: 'Equality', curve: 'Curve' };

  it('draws the curve, the diagonal and the top-20% point', () => {
    const s = paretoChart({ curve, topShare: 0.2, topMShare: Math.sqrt(0.2), labels, locale: 'en' });
    expect(s.marks.filter((m) => m.type === 'path')).toHaveLength(1);
    const pt = s.marks.find((m) => m.type === 'circle')!;
    expect(pt.hit!.tip).toBe('Top 20%: 44.7% of M');
    expect(s.table.rows.find((r) => r[0] === '20%')).toEqual(['20%', '44.7%']);
  });

  it('has no point when there is no top share', () => {
    const s = paretoChart({ curve: [], topShare: 0.2, topMShare: null, labels, locale: 'en' });
    expect(s.marks.some((m) => m.type === 'circle')).toBe(false);
  });
});

describe('svg', () => {
  it('is the same bytes for the same input', () => {
    const a = sceneToSvg(segmentsChart({ segments: SEGS, labels: segLabels, locale: 'en' }));
    const b = sceneToSvg(segmentsChart({ segments: SEGS.map((s) => ({ ...s })), labels: { ...segLabels }, locale: 'en' }));
    expect(a).toBe(b);
    expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('escapes a hostile segment label in the SVG, the legend and the table', () => {
    const evil = '<script>alert("x")</script>\' & "';
    const s = segmentsChart({ segments: [{ id: 'x"><img src=x onerror=1>', label: evil, customers: 1, m: 1 }], labels: { ...segLabels, title: '"t"<b>' }, locale: 'en' });
    const html = sceneToSvg(s) + legendHtml(s) + tableHtml(s);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"t"<b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&quot;');
  });

  it('cuts long labels with an ellipsis (wide characters counted wider)', () => {
    expect(fitText('short', 100, 11)).toBe('short');
    expect(fitText('a very long segment name indeed', 80, 11)).toMatch(/…$/);
    expect(fitText('非常非常非常长的细分名称', 60, 11).length).toBeLessThan(8);
  });
});
