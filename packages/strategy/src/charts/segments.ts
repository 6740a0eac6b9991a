// Segment sizes and value: per segment (file order, the unassigned last, in grey) its customers
// and its share of M, as two bar panels side by side (stacked on narrow screens) sharing the
// segment names. A bar opens the segment's customers: key `segment:<id>` (`segment:` = the
// unassigned).
import { max } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { bottomAxis, fitText, fmtCount, fmtShare, fmtTick, fmtValue, r2, text } from './common.js';
import { INK, NEUTRAL, categorical } from './palette.js';
import type { ChartScene, LegendItem, Mark } from './scene.js';

export interface SegmentDatum {
  /** the segment id; null = the customers no rule matched */
  id: string | null;
  /** the name shown (the label, else the id; the caller's word for "unassigned") */
  label: string;
  customers: number;
  /** the segment's total M */
  m: number;
}

export interface SegmentsLabels {
  title: string;
  summary: string;
  /** table column and axis titles */
  segment: string;
  customers: string;
  share: string;
  shareM: string;
  m: string;
}

export interface SegmentsChartInput {
  segments: readonly SegmentDatum[];
  labels: SegmentsLabels;
  locale: string;
  /** layout width in px (default 640); under 520 the panels stack */
  width?: number;
}

/** The hit key of a segment's bars and table row. */
export function segmentKey(id: string | null): string {
  return `segment:${id ?? ''}`;
}

/** The segment id of a `segment:` key (null = unassigned), undefined when it is another key. */
export function segmentOfKey(key: string): string | null | undefined {
  if (!key.startsWith('segment:')) return undefined;
  const id = key.slice('segment:'.length);
  return id === '' ? null : id;
}

export function segmentsChart(input: SegmentsChartInput): ChartScene {
  const { segments, labels: L, locale } = input;
  const width = Math.max(300, Math.round(input.width ?? 640));
  const stacked = width < 520;
  const size = 11;
  const rowH = 26;
  const labelW = Math.min(170, Math.round(width * 0.3));
  const pad = 12;
  const totalC = segments.reduce((s, d) => s + Math.max(0, d.customers), 0);
  const totalM = segments.reduce((s, d) => s + d.m, 0);
  const shareM = (d: SegmentDatum) => (totalM !== 0 ? d.m / totalM : 0);
  const ids = segments.map((d) => d.id ?? '\u0000unassigned');
  const bandH = segments.length * rowH;
  const panelTitleH = 22;
  const axisH = 28;
  const panelW = stacked ? width - labelW - pad * 2 : (width - labelW - pad * 3) / 2;
  const panelH = panelTitleH + bandH + axisH;
  const height = stacked ? panelH * 2 + pad : panelH + pad;
  // d3: band layout of the rows, linear scales with nice domains and round ticks
  const colour = (d: SegmentDatum, i: number) => (d.id === null ? NEUTRAL : categorical(i));
  const marks: Mark[] = [];
  const panels = [
    { title: L.customers, value: (d: SegmentDatum) => Math.max(0, d.customers), fmt: (v: number) => fmtCount(v, locale), tick: (v: number) => fmtTick(v, locale) },
    { title: L.shareM, value: (d: SegmentDatum) => Math.max(0, shareM(d)), fmt: (v: number) => fmtShare(v, locale), tick: (v: number) => fmtShare(v, locale, 0) }
  ];
  panels.forEach((p, k) => {
    const x0 = stacked ? labelW + pad : labelW + pad + k * (panelW + pad);
    const top = stacked ? k * (panelH + pad) : 0;
    const y = scaleBand<string>().domain(ids).range([top + panelTitleH, top + panelTitleH + bandH]).paddingInner(0.25).paddingOuter(0.15);
    const domainMax = max(segments, p.value) ?? 0;
    const x = scaleLinear()
      .domain([0, domainMax > 0 ? domainMax : 1])
      .range([x0, x0 + panelW - 36])
      .nice(4);
    marks.push(text(x0, top + 14, p.title, { size: size + 1, weight: 'bold', fill: INK }));
    marks.push(
      ...bottomAxis({
        x0,
        x1: x0 + panelW - 36,
        y: top + panelTitleH + bandH,
        ticks: x.ticks(4).map((v) => ({ at: r2(x(v)), label: p.tick(v) })),
        title: '',
        gridTop: top + panelTitleH,
        size: 10
      })
    );
    segments.forEach((d, i) => {
      const yy = y(ids[i]!) ?? 0;
      const v = p.value(d);
      const w = x(v) - x0;
      const tip = `${d.label}\n${L.customers}: ${fmtCount(d.customers, locale)} (${fmtShare(totalC ? d.customers / totalC : 0, locale)})\n${L.shareM}: ${fmtShare(shareM(d), locale)}`;
      marks.push({ type: 'rect', x: r2(x0), y: r2(yy), width: r2(Math.max(w, v > 0 ? 1 : 0)), height: r2(y.bandwidth()), fill: colour(d, i), cls: `bar bar-${k === 0 ? 'customers' : 'share-m'}`, hit: { key: segmentKey(d.id), tip } });
      marks.push(text(r2(x0 + w + 4), r2(yy + y.bandwidth() / 2), p.fmt(v), { baseline: 'middle', size: 10, fill: INK }));
      if (k === 0 || stacked) marks.push(text(r2(x0 - 8), r2(yy + y.bandwidth() / 2), fitText(d.label, labelW - 12, size), { anchor: 'end', baseline: 'middle', size, fill: INK }));
    });
  });
  const legend: LegendItem[] = segments.map((d, i) => ({ label: d.label, fill: colour(d, i), ...(d.id !== null ? { data: true } : {}) }));
  return {
    kind: 'segments',
    width,
    height: r2(height),
    title: L.title,
    summary: L.summary,
    marks,
    legend,
    table: {
      columns: [L.segment, L.customers, L.share, L.m, L.shareM],
      rows: segments.map((d) => [d.label, fmtCount(d.customers, locale), fmtShare(totalC ? d.customers / totalC : 0, locale), fmtValue(d.m, locale), fmtShare(shareM(d), locale)]),
      keys: segments.map((d) => segmentKey(d.id))
    }
  };
}
