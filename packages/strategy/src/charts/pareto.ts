// The Pareto curve: the cumulative share of M brought by the top x% of customers (ranked by M),
// against the diagonal of equality, with the point where the top 20% (topShare) stand.
import { line as d3line } from 'd3-shape';
import { scaleLinear } from 'd3-scale';
import { bottomAxis, fmtShare, leftAxis, r2, text } from './common.js';
import { INK, MUTED_INK, REFERENCE, categorical } from './palette.js';
import type { ChartScene, LegendItem, Mark } from './scene.js';

export interface ParetoPoint {
  /** share of customers, top first, in [0, 1] */
  customers: number;
  /** cumulative share of M */
  m: number;
}

export interface ParetoLabels {
  title: string;
  summary: string;
  /** x axis: share of customers (top by M first), in % */
  customersAxis: string;
  /** y axis: cumulative share of M, in % */
  mAxis: string;
  /** the marked point's label and tooltip, e.g. `Top 20% of customers: 62% of M` */
  point: (customers: string, m: string) => string;
  /** legend of the diagonal */
  equality: string;
  /** legend of the curve */
  curve: string;
}

export interface ParetoInput {
  curve: readonly ParetoPoint[];
  /** the share of top customers to mark (e.g. 0.2) */
  topShare: number;
  /** the share of M they bring (null: none to mark, e.g. total M not positive) */
  topMShare: number | null;
  labels: ParetoLabels;
  locale: string;
  /** layout width in px (default 440) */
  width?: number;
}

export function paretoChart(input: ParetoInput): ChartScene {
  const { labels: L, locale } = input;
  const width = Math.max(300, Math.round(input.width ?? 440));
  const left = 52;
  const top = 30;
  const plot = Math.min(width - left - 20, 320);
  const height = top + plot + 50;
  const pts = [...input.curve].sort((a, b) => a.customers - b.customers);
  if (pts.length && pts[0]!.customers > 0) pts.unshift({ customers: 0, m: 0 });
  const ymax = Math.max(1, ...pts.map((p) => p.m));
  const x = scaleLinear().domain([0, 1]).range([left, left + plot]);
  const y = scaleLinear().domain([0, ymax]).range([top + plot, top]).nice();
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const marks: Mark[] = [];
  marks.push(...leftAxis({ x: left, y0: top + plot, y1: top, ticks: y.ticks(5).map((v) => ({ at: r2(y(v)), label: fmtShare(v, locale, 0) })), title: L.mAxis, gridRight: left + plot, size: 10, titleY: 14 }));
  marks.push(...bottomAxis({ x0: left, x1: left + plot, y: top + plot, ticks: ticks.map((v) => ({ at: r2(x(v)), label: fmtShare(v, locale, 0) })), title: L.customersAxis, gridTop: top, size: 10 }));
  marks.push({ type: 'line', x1: r2(x(0)), y1: r2(y(0)), x2: r2(x(1)), y2: r2(y(1)), stroke: MUTED_INK, dash: '2 3', cls: 'equality' });
  // d3: the curve's path (straight segments between the SQL's 100 points)
  const path = d3line<ParetoPoint>()
    .x((p) => r2(x(p.customers)))
    .y((p) => r2(y(p.m)))(pts);
  const colour = categorical(4);
  if (path) marks.push({ type: 'path', d: path, stroke: colour, strokeWidth: 2.5, cls: 'curve' });
  const legend: LegendItem[] = [
    { label: L.curve, fill: colour, line: true },
    { label: L.equality, fill: MUTED_INK, line: true, dash: '2 3' }
  ];
  if (input.topMShare !== null && pts.length) {
    const px = r2(x(input.topShare));
    const py = r2(y(input.topMShare));
    const label = L.point(fmtShare(input.topShare, locale, 0), fmtShare(input.topMShare, locale));
    marks.push({ type: 'line', x1: px, y1: r2(y(0)), x2: px, y2: py, stroke: REFERENCE, dash: '4 3', strokeWidth: 1.5 });
    marks.push({ type: 'line', x1: r2(x(0)), y1: py, x2: px, y2: py, stroke: REFERENCE, dash: '4 3', strokeWidth: 1.5 });
    marks.push({ type: 'circle', cx: px, cy: py, r: 6, fill: REFERENCE, stroke: '#ffffff', cls: 'top-point', hit: { key: 'pareto:top', tip: label } });
    marks.push(text(r2(px + 10), r2(py + 16), label, { size: 11, fill: INK, weight: 'bold' }));
    legend.push({ label, fill: REFERENCE });
  }
  const rows = ticks.slice(1).concat([0.1, 0.3, 0.5]).sort((a, b) => a - b);
  const at = (c: number) => pts.find((p) => Math.abs(p.customers - c) < 1e-9)?.m ?? null;
  return {
    kind: 'pareto',
    width,
    height,
    title: L.title,
    summary: L.summary,
    marks,
    legend,
    table: {
      columns: [L.customersAxis, L.mAxis],
      rows: rows.filter((c) => at(c) !== null).map((c) => [fmtShare(c, locale, 0), fmtShare(at(c)!, locale)]),
      keys: rows.filter((c) => at(c) !== null).map(() => null)
    }
  };
}
