// A histogram of one metric (R, F or M): the bins computed in SQL (chart-data.ts), on a linear or
// a symmetric-log x scale (skewed metrics: most customers buy a little, a few a lot; symlog also
// keeps 0 and the negative M of returns on the axis, where a plain log scale cannot), with the
// rule file's thresholds drawn as dashed lines at the values its comparisons use.
import { max } from 'd3-array';
import { scaleLinear, scaleSymlog, type ScaleContinuousNumeric } from 'd3-scale';
import { bottomAxis, fitText, fmtCount, fmtTick, fmtValue, leftAxis, r2, text, type AxisTick } from './common.js';
import { INK, REFERENCE, categorical } from './palette.js';
import type { ChartScene, LegendItem, Mark } from './scene.js';

export interface HistogramBin {
  /** lower edge (inclusive) */
  x0: number;
  /** upper edge (exclusive; the last bin includes its upper edge) */
  x1: number;
  count: number;
}

export type HistogramScale = 'linear' | 'log';

export interface HistogramLine {
  value: number;
  /** e.g. `platinum: R ≤ 30` */
  label: string;
}

export interface HistogramLabels {
  title: string;
  summary: string;
  /** the x axis title with its unit, e.g. `R (days since the last purchase)` */
  axis: string;
  customers: string;
  /** table column of the bins' ranges */
  range: string;
  /** legend of the threshold lines */
  thresholds: string;
}

export interface HistogramInput {
  bins: readonly HistogramBin[];
  scale: HistogramScale;
  lines?: readonly HistogramLine[];
  labels: HistogramLabels;
  locale: string;
  /** layout width in px (default 640) */
  width?: number;
  /** colour of the bars (default: the first categorical colour's blue) */
  fill?: string;
}

/** The x scale of a histogram: linear, or symlog (log1p of |x| with its sign) for skewed data. */
export function histogramScale(scale: HistogramScale, domain: [number, number], range: [number, number]): ScaleContinuousNumeric<number, number> {
  const [a, b] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  return scale === 'log' ? scaleSymlog().constant(1).domain([a, b]).range(range) : scaleLinear().domain([a, b]).range(range);
}

/** Tick values for an axis. Linear: d3's round ticks. Symlog: d3 gives linear ticks there, which
 * bunch up at the top end, so the ticks are 0 and the powers of ten (1, 10, 100, ...; with their
 * negatives) inside the domain, with 2 and 5 between when there are few. */
export function histogramTicks(scale: HistogramScale, domain: [number, number], count = 5): number[] {
  const [lo, hi] = domain;
  if (scale === 'linear') return scaleLinear().domain([lo, hi]).ticks(count);
  const out: number[] = [];
  const mags = (limit: number) => {
    const ps: number[] = [];
    for (let p = 1; p <= limit * 1.0000001 && p < 1e16; p *= 10) ps.push(p);
    return ps;
  };
  const pos = hi > 0 ? mags(hi) : [];
  const neg = lo < 0 ? mags(-lo) : [];
  let steps = [1];
  if (pos.length + neg.length <= 3) steps = [1, 2, 5];
  for (const p of neg.reverse()) for (const s of [...steps].reverse()) if (p * s <= -lo) out.push(-p * s);
  if (lo <= 0 && hi >= 0) out.push(0);
  for (const p of pos) for (const s of steps) if (p * s <= hi) out.push(p * s);
  return out.filter((v) => v >= lo && v <= hi);
}

export function histogramChart(input: HistogramInput): ChartScene {
  const { bins, labels: L, locale } = input;
  const width = Math.max(300, Math.round(input.width ?? 640));
  const lines = input.lines ?? [];
  const left = 56;
  const right = 16;
  // room above the plot for the threshold labels (staggered in up to 3 rows)
  const labelRows = Math.min(3, lines.length);
  const top = 26 + labelRows * 14;
  const plotH = 150;
  const height = top + plotH + 48;
  const lo = bins.length ? bins[0]!.x0 : 0;
  const hi = bins.length ? bins[bins.length - 1]!.x1 : 1;
  const x = histogramScale(input.scale, [lo, hi], [left, width - right]);
  const [dlo, dhi] = x.domain() as [number, number];
  const ymax = max(bins, (b) => b.count) ?? 0;
  // d3: a nice count axis
  const y = scaleLinear()
    .domain([0, ymax > 0 ? ymax : 1])
    .range([top + plotH, top])
    .nice(4);
  const marks: Mark[] = [];
  const yTicks: AxisTick[] = y
    .ticks(4)
    .filter((v) => Number.isInteger(v))
    .map((v) => ({ at: r2(y(v)), label: fmtTick(v, locale) }));
  marks.push(...leftAxis({ x: left, y0: top + plotH, y1: top, ticks: yTicks, title: L.customers, gridRight: width - right, size: 10, titleY: 12 }));
  marks.push(...bottomAxis({ x0: left, x1: width - right, y: top + plotH, ticks: histogramTicks(input.scale, [dlo, dhi]).map((v) => ({ at: r2(x(v)), label: fmtTick(v, locale) })), title: L.axis, size: 10 }));
  const fill = input.fill ?? categorical(4);
  bins.forEach((b, i) => {
    const x0 = x(b.x0);
    const x1 = x(b.x1);
    const yy = y(b.count);
    const tip = `${L.axis}: ${fmtValue(b.x0, locale)} – ${fmtValue(b.x1, locale)}\n${L.customers}: ${fmtCount(b.count, locale)}`;
    marks.push({ type: 'rect', x: r2(x0 + 0.5), y: r2(yy), width: r2(Math.max(0.5, x1 - x0 - 1)), height: r2(top + plotH - yy), fill, cls: 'bin', hit: { key: `bin:${i}`, tip } });
  });
  lines.forEach((l, i) => {
    const inside = l.value >= dlo && l.value <= dhi;
    const lx = r2(x(Math.min(dhi, Math.max(dlo, l.value))));
    const row = i % Math.max(1, labelRows);
    const ly = 22 + row * 14;
    marks.push({ type: 'line', x1: lx, y1: ly + 2, x2: lx, y2: top + plotH, stroke: REFERENCE, strokeWidth: 2, dash: inside ? '5 3' : '1 3', cls: 'threshold', hit: { key: `threshold:${i}`, tip: l.label } });
    const anchor = lx > width - 90 ? 'end' : lx < left + 60 ? 'start' : 'middle';
    marks.push(text(lx, ly, fitText(l.label, 150, 10), { anchor, size: 10, fill: INK }));
  });
  const legend: LegendItem[] = [{ label: L.customers, fill }];
  if (lines.length) legend.push({ label: L.thresholds, fill: REFERENCE, line: true, dash: '5 3' });
  return {
    kind: 'histogram',
    width,
    height,
    title: L.title,
    summary: lines.length ? `${L.summary} ${L.thresholds}: ${lines.map((l) => l.label).join('; ')}.` : L.summary,
    marks,
    legend,
    table: {
      columns: [L.range, L.customers],
      rows: bins.map((b) => [`${fmtValue(b.x0, locale)} – ${fmtValue(b.x1, locale)}`, fmtCount(b.count, locale)]),
      keys: bins.map(() => null)
    }
  };
}
