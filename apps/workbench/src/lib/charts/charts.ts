// The charts' pure steps: the live counts as the segment chart's data, the rule file's thresholds
// as a histogram's lines, the four scenes in the UI's language, and what a click on a mark opens
// (a segment, or a heatmap cell as the quick rule `R_score = r and F_score = f`).
import { compileExpression, thresholdsOf, type CompareOp, type SchemaField, type Threshold } from '@segmint/dsl';
import type { SegmentSummary } from '@segmint/engine';
import {
  cellOfKey,
  fmtCount,
  fmtValue,
  heatmapChart,
  histogramChart,
  paretoChart,
  segmentOfKey,
  segmentsChart,
  type ChartScene,
  type HeatColour,
  type HeatmapData,
  type HistogramData,
  type HistogramLine,
  type HistogramMetric,
  type HistogramScale,
  type ParetoData,
  type SegmentDatum
} from '@segmint/strategy';
import type { MessageKey } from '../i18n/en.js';
import type { DrillSource } from '../customers/columns.js';

/** `t()` of the i18n module (passed in, so this file stays pure and testable). */
export type Tr = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const METRICS: readonly HistogramMetric[] = ['R', 'F', 'M'];

/** R reads best on days as they are; F and M are skewed (most customers buy a little): log. */
export const SCALES: Record<HistogramMetric, HistogramScale> = { R: 'linear', F: 'log', M: 'log' };

/** The segment chart's data from the rule file's live counts: file order, the unassigned last. */
export function segmentData(summary: readonly SegmentSummary[], unassigned: string): SegmentDatum[] {
  const named = summary.filter((s) => s.segment !== null).map((s) => ({ id: s.segment, label: s.label ?? s.segment ?? '', customers: s.customers, m: s.M }));
  const none = summary.filter((s) => s.segment === null).map((s) => ({ id: null, label: unassigned, customers: s.customers, m: s.M }));
  return [...named, ...none];
}

const OP_TEXT: Record<CompareOp, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', '!=': '≠' };

/** The lines of one metric's histogram: each threshold once per statement and value. */
export function thresholdLines(thresholds: readonly Threshold[], metric: HistogramMetric, locale: string): HistogramLine[] {
  const seen = new Set<string>();
  const out: HistogramLine[] = [];
  for (const t of thresholds) {
    if (t.field !== metric) continue;
    const label = `${t.statement.id}: ${t.field} ${OP_TEXT[t.op]} ${fmtValue(t.value, locale)}`;
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ value: t.value, label });
  }
  return out;
}

/** The rule file's thresholds (the statements that parse; cheap enough for every keystroke). */
export function ruleThresholds(text: string): Threshold[] {
  return thresholdsOf(text);
}

export interface SceneInput {
  tr: Tr;
  locale: string;
  width: number;
}

export function segmentsScene(segments: readonly SegmentDatum[], o: SceneInput): ChartScene {
  const { tr } = o;
  return segmentsChart({
    segments,
    labels: { title: tr('charts.segmentsTitle'), summary: tr('charts.segmentsSummary'), segment: tr('charts.segment'), customers: tr('charts.customers'), share: tr('charts.share'), shareM: tr('charts.shareM'), m: tr('charts.m') },
    locale: o.locale,
    width: o.width
  });
}

export function heatmapScene(data: HeatmapData, colourBy: HeatColour, o: SceneInput): ChartScene {
  const { tr } = o;
  return heatmapChart({
    cells: data.cells,
    colourBy,
    labels: {
      title: tr('charts.heatTitle'),
      summary: tr('charts.heatSummary', { by: tr(colourBy === 'customers' ? 'charts.byCustomers' : 'charts.byMeanM'), unscored: fmtCount(data.unscored, o.locale) }),
      rScore: tr('charts.rScore'),
      fScore: tr('charts.fScore'),
      customers: tr('charts.customers'),
      meanM: tr('charts.meanM')
    },
    locale: o.locale,
    width: o.width
  });
}

const HIST_TITLE: Record<HistogramMetric, MessageKey> = { R: 'charts.histTitle.R', F: 'charts.histTitle.F', M: 'charts.histTitle.M' };
const HIST_AXIS: Record<HistogramMetric, MessageKey> = { R: 'charts.histAxis.R', F: 'charts.histAxis.F', M: 'charts.histAxis.M' };

export function histogramScene(data: HistogramData, thresholds: readonly Threshold[], o: SceneInput): ChartScene {
  const { tr } = o;
  return histogramChart({
    bins: data.bins,
    scale: data.scale,
    lines: thresholdLines(thresholds, data.metric, o.locale),
    labels: {
      title: tr(HIST_TITLE[data.metric]),
      summary: tr('charts.histSummary', { metric: data.metric, missing: fmtCount(data.missing, o.locale) }),
      axis: tr(HIST_AXIS[data.metric]),
      customers: tr('charts.customers'),
      range: tr('charts.range'),
      thresholds: tr('charts.thresholds')
    },
    locale: o.locale,
    width: o.width
  });
}

export function paretoScene(data: ParetoData, o: SceneInput): ChartScene {
  const { tr } = o;
  return paretoChart({
    curve: data.curve,
    topShare: data.topShare,
    topMShare: data.topMShare,
    labels: {
      title: tr('charts.paretoTitle'),
      summary: tr('charts.paretoSummary'),
      customersAxis: tr('charts.paretoX'),
      mAxis: tr('charts.paretoY'),
      point: (c, m) => tr('charts.paretoPoint', { c, m }),
      curve: tr('charts.paretoCurve'),
      equality: tr('charts.paretoEquality')
    },
    locale: o.locale,
    width: o.width
  });
}

/** The quick rule a heatmap cell drills with. */
export function cellRule(r: number, f: number): string {
  return `R_score = ${r} and F_score = ${f}`;
}

/** What a click on a chart's mark opens in the customer table (null: nothing). */
export function drillOf(key: string, ctx: { segments: readonly SegmentDatum[]; fields: readonly SchemaField[] | null; asOf: string | null }): DrillSource | null {
  const seg = segmentOfKey(key);
  if (seg !== undefined) {
    const d = ctx.segments.find((s) => s.id === seg);
    return { kind: 'segment', segment: seg, label: d?.label ?? seg ?? '' };
  }
  const cell = cellOfKey(key);
  if (cell) {
    const rule = cellRule(cell.r, cell.f);
    const c = compileExpression(rule, ctx.fields ? { fields: [...ctx.fields] } : null, ctx.asOf ? { asOf: ctx.asOf } : {});
    return c.ok ? { kind: 'quick', rule, sql: c.sql, params: c.params } : null;
  }
  return null;
}

/** A chart's layout width from its box's width: at least 300 (a phone), at most `max`. */
export function chartWidth(box: number, max = 760): number {
  return Math.round(Math.min(max, Math.max(300, box)));
}
