// The RFM heatmap: R score (rows, 5 = most recent on top) by F score (columns), each cell coloured
// by its customers or their mean M (viridis), its number written in it. A cell opens its
// customers: key `cell:<r>:<f>` (the app drills with the quick rule `R_score = r and F_score = f`).
import { extent } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { fmtCount, fmtTick, fmtValue, r2, text } from './common.js';
import { INK, MUTED_INK, inkOn, sequential } from './palette.js';
import type { ChartScene, LegendItem, Mark } from './scene.js';

export interface HeatCell {
  r: number;
  f: number;
  customers: number;
  /** mean M of the cell's customers (null: none) */
  meanM: number | null;
}

export type HeatColour = 'customers' | 'meanM';

export interface HeatmapLabels {
  title: string;
  summary: string;
  rScore: string;
  fScore: string;
  customers: string;
  meanM: string;
}

export interface HeatmapInput {
  cells: readonly HeatCell[];
  colourBy: HeatColour;
  labels: HeatmapLabels;
  locale: string;
  /** layout width in px (default 440) */
  width?: number;
}

export const SCORES = [1, 2, 3, 4, 5] as const;

export function cellKey(r: number, f: number): string {
  return `cell:${r}:${f}`;
}

/** The scores of a `cell:` key, undefined when it is another key. */
export function cellOfKey(key: string): { r: number; f: number } | undefined {
  const m = /^cell:([1-5]):([1-5])$/.exec(key);
  return m ? { r: Number(m[1]), f: Number(m[2]) } : undefined;
}

export function heatmapChart(input: HeatmapInput): ChartScene {
  const { labels: L, locale, colourBy } = input;
  const width = Math.max(300, Math.round(input.width ?? 440));
  const left = 58;
  const top = 34;
  const cell = Math.min(64, Math.floor((width - left - 16) / 5));
  const gridW = cell * 5;
  const height = top + gridW + 46;
  const by = new Map(input.cells.map((c) => [cellKey(c.r, c.f), c]));
  const cells = SCORES.flatMap((r) => SCORES.map((f): HeatCell => by.get(cellKey(r, f)) ?? { r, f, customers: 0, meanM: null }));
  const value = (c: HeatCell) => (colourBy === 'customers' ? c.customers : c.meanM);
  const fmt = (v: number | null) => (v === null ? '–' : colourBy === 'customers' ? fmtCount(v, locale) : fmtTick(v, locale));
  // d3: bands for the scores, a linear map from the values' extent to [0, 1] for viridis
  const x = scaleBand<number>().domain([...SCORES]).range([left, left + gridW]).padding(0.04);
  const y = scaleBand<number>().domain([...SCORES].reverse()).range([top, top + gridW]).padding(0.04);
  const [lo = 0, hi = 1] = extent(cells.filter((c) => c.customers > 0), (c) => value(c) ?? undefined);
  const t = scaleLinear()
    .domain(colourBy === 'customers' ? [0, Math.max(1, hi)] : lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .range([0, 1])
    .clamp(true);
  const marks: Mark[] = [];
  marks.push(text(left, 14, L.rScore, { size: 12, fill: INK, anchor: 'end' }));
  for (const r of SCORES) marks.push(text(left - 8, r2((y(r) ?? 0) + y.bandwidth() / 2), String(r), { anchor: 'end', baseline: 'middle', size: 11, fill: MUTED_INK }));
  for (const f of SCORES) marks.push(text(r2((x(f) ?? 0) + x.bandwidth() / 2), top + gridW + 14, String(f), { anchor: 'middle', size: 11, fill: MUTED_INK }));
  marks.push(text(left + gridW / 2, top + gridW + 36, L.fScore, { anchor: 'middle', size: 12, fill: INK }));
  for (const c of cells) {
    const v = value(c);
    const empty = c.customers === 0 || v === null;
    const fill = empty ? '#f2f2f2' : sequential(t(v));
    const cx = x(c.f) ?? 0;
    const cy = y(c.r) ?? 0;
    const tip = `${L.rScore} ${c.r} · ${L.fScore} ${c.f}\n${L.customers}: ${fmtCount(c.customers, locale)}\n${L.meanM}: ${c.meanM === null ? '–' : fmtValue(c.meanM, locale)}`;
    marks.push({ type: 'rect', x: r2(cx), y: r2(cy), width: r2(x.bandwidth()), height: r2(y.bandwidth()), fill, cls: 'cell', hit: { key: cellKey(c.r, c.f), tip } });
    marks.push(text(r2(cx + x.bandwidth() / 2), r2(cy + y.bandwidth() / 2), empty ? '' : fmt(v), { anchor: 'middle', baseline: 'middle', size: cell < 48 ? 9 : 11, fill: empty ? MUTED_INK : inkOn(fill) }));
  }
  // the colour scale as five swatches from low to high
  const [d0, d1] = t.domain() as [number, number];
  const legend: LegendItem[] = [0, 0.25, 0.5, 0.75, 1].map((k) => ({ label: `${fmt(d0 + (d1 - d0) * k)}`, fill: sequential(k) }));
  legend.unshift({ label: colourBy === 'customers' ? L.customers : L.meanM, fill: 'transparent' });
  return {
    kind: 'heatmap',
    width,
    height,
    title: L.title,
    summary: L.summary,
    marks: marks.filter((m) => m.type !== 'text' || m.text !== ''),
    legend,
    table: {
      columns: [`${L.rScore} · ${L.fScore}`, L.customers, L.meanM],
      rows: cells.map((c) => [`${c.r} · ${c.f}`, fmtCount(c.customers, locale), c.meanM === null ? '–' : fmtValue(c.meanM, locale)]),
      keys: cells.map((c) => cellKey(c.r, c.f))
    }
  };
}
