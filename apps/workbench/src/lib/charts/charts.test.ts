// The charts' pure steps: live counts as segment data, thresholds as lines, scenes in both
// languages, and what a click on a mark opens.
import { describe, expect, it } from 'vitest';
import { builtinSchema } from '@segmint/dsl';
import type { SegmentSummary } from '@segmint/engine';
import { en } from '../i18n/en.js';
import { zh } from '../i18n/zh.js';
import type { MessageKey } from '../i18n/en.js';
import { cellRule, chartWidth, drillOf, heatmapScene, histogramScene, ruleThresholds, segmentData, segmentsScene, thresholdLines, type Tr } from './charts.js';

const trOf =
  (dict: Record<MessageKey, string>): Tr =>
  (key, vars = {}) =>
    dict[key].replace(/\{(\w+)\}/g, (m, n: string) => (n in vars ? String(vars[n]) : m));

const stat = { mean: null, median: null, min: null, max: null };
const summary: SegmentSummary[] = [
  { segment: null, label: null, customers: 5, share: 0.05, M: 10, shareM: 0.01, R: stat, F: stat, Mstat: stat, Fsum: null, repurchaseRate: null },
  { segment: 'vip', label: 'VIP 贵宾', customers: 20, share: 0.2, M: 800, shareM: 0.8, R: stat, F: stat, Mstat: stat, Fsum: null, repurchaseRate: null },
  { segment: 'rest', label: null, customers: 75, share: 0.75, M: 190, shareM: 0.19, R: stat, F: stat, Mstat: stat, Fsum: null, repurchaseRate: null }
];

describe('charts helpers', () => {
  it('segment data: file order, the unassigned last with its name', () => {
    expect(segmentData(summary, 'No segment')).toEqual([
      { id: 'vip', label: 'VIP 贵宾', customers: 20, m: 800 },
      { id: 'rest', label: 'rest', customers: 75, m: 190 },
      { id: null, label: 'No segment', customers: 5, m: 10 }
    ]);
  });

  it('threshold lines of one metric, labelled with the statement and the comparison', () => {
    const ts = ruleThresholds('segment a when R <= 30 and M >= 5000\nsegment b when R <= 30 or R > 365\n');
    expect(thresholdLines(ts, 'R', 'en')).toEqual([
      { value: 30, label: 'a: R ≤ 30' },
      { value: 30, label: 'b: R ≤ 30' },
      { value: 365, label: 'b: R > 365' }
    ]);
    expect(thresholdLines(ts, 'M', 'zh-CN')).toEqual([{ value: 5000, label: 'a: M ≥ 5,000' }]);
  });

  it('scenes in English and Chinese', () => {
    const segs = segmentData(summary, 'x');
    expect(segmentsScene(segs, { tr: trOf(en), locale: 'en', width: 600 }).title).toBe('Segment sizes and value');
    const zhScene = segmentsScene(segs, { tr: trOf(zh), locale: 'zh-CN', width: 600 });
    expect(zhScene.title).toBe('各细分的规模与价值');
    expect(zhScene.table.columns).toContain('客户数');
    const heat = heatmapScene({ cells: [{ r: 1, f: 1, customers: 3, meanM: 4 }], unscored: 2 }, 'meanM', { tr: trOf(zh), locale: 'zh-CN', width: 400 });
    expect(heat.summary).toContain('平均 M');
    const hist = histogramScene({ metric: 'R', scale: 'linear', bins: [{ x0: 0, x1: 50, count: 3 }], total: 3, missing: 1, min: 0, max: 40 }, ruleThresholds('segment a when R <= 30\n'), { tr: trOf(en), locale: 'en', width: 500 });
    expect(hist.marks.some((m) => m.type === 'line' && m.cls === 'threshold')).toBe(true);
    expect(hist.marks.some((m) => m.type === 'text' && m.text === 'R (days)')).toBe(true);
  });

  it('a segment key opens the segment, a cell key its quick rule', () => {
    const segs = segmentData(summary, 'No segment');
    expect(drillOf('segment:vip', { segments: segs, fields: null, asOf: null })).toEqual({ kind: 'segment', segment: 'vip', label: 'VIP 贵宾' });
    expect(drillOf('segment:', { segments: segs, fields: null, asOf: null })).toEqual({ kind: 'segment', segment: null, label: 'No segment' });
    const cell = drillOf('cell:3:4', { segments: segs, fields: builtinSchema.fields, asOf: '2024-12-31' });
    expect(cell).toMatchObject({ kind: 'quick', rule: cellRule(3, 4) });
    expect(cell?.kind === 'quick' && cell.sql).toMatch(/R_score/);
    expect(drillOf('threshold:0', { segments: segs, fields: null, asOf: null })).toBeNull();
  });

  it('chart widths stay between a phone and the layout maximum', () => {
    expect(chartWidth(200)).toBe(300);
    expect(chartWidth(1200)).toBe(760);
    expect(chartWidth(450.4, 480)).toBe(450);
  });
});
