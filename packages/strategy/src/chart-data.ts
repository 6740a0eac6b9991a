// The charts' numbers, computed in SQL on the engine's Backend (browser or native): the RFM
// heatmap's cells, the histograms' bins (a few dozen rows, whatever the number of customers) and
// the Pareto curve (also the report's). Identifiers are quoted with the engine's `ident`;
// values are bound as parameters. Browser-safe: no node:* imports.
import { tickStep } from 'd3-array';
import { ident, type Backend, type Cell } from '@segmint/engine';
import { columnsOf, metricExpr, num } from './sql.js';
import type { HeatCell } from './charts/heatmap.js';
import type { HistogramBin, HistogramScale } from './charts/histogram.js';
import type { ParetoPoint } from './charts/pareto.js';

/** The customer relation the engine builds (see the engine's CUSTOMERS_TABLE). */
const RELATION = 'customers';

/** Restrict to one segment of a segmentation table (customer, segment); segment null = the
 * unassigned. */
export interface SegmentFilter {
  table: string;
  segment: string | null;
}

export interface HeatmapData {
  cells: HeatCell[];
  /** customers without an R or F score (no purchase): not in any cell */
  unscored: number;
}

/** SQL (and its parameters) of the heatmap: customers and mean M per (R_score, F_score). */
export function heatmapSql(cols: readonly string[], options: { relation?: string; filter?: SegmentFilter } = {}): { sql: string; params: Cell[] } {
  const relation = options.relation ?? RELATION;
  const f = options.filter;
  const join = f ? `JOIN ${ident(f.table)} s ON s.customer = c.customer AND s.segment IS NOT DISTINCT FROM $1` : '';
  const sql = `SELECT CAST(${metricExpr(cols, 'R_score')} AS INTEGER) AS r, CAST(${metricExpr(cols, 'F_score')} AS INTEGER) AS f,
      count(*) AS customers, avg(coalesce(${metricExpr(cols, 'M')}, 0)) AS mean_m
    FROM ${ident(relation)} c ${join}
    GROUP BY 1, 2`;
  return { sql, params: f ? [f.segment] : [] };
}

export async function heatmapData(backend: Backend, options: { relation?: string; filter?: SegmentFilter } = {}): Promise<HeatmapData> {
  const cols = await columnsOf(backend, options.relation ?? RELATION);
  const { sql, params } = heatmapSql(cols, options);
  const rows = await backend.query(sql, params);
  const cells: HeatCell[] = [];
  let unscored = 0;
  for (const row of rows) {
    const r = num(row.r);
    const f = num(row.f);
    const n = num(row.customers) ?? 0;
    if (r === null || f === null) unscored += n;
    else cells.push({ r, f, customers: n, meanM: num(row.mean_m) });
  }
  cells.sort((a, b) => b.r - a.r || a.f - b.f);
  return { cells, unscored };
}

export type HistogramMetric = 'R' | 'F' | 'M';

export interface HistogramData {
  metric: HistogramMetric;
  scale: HistogramScale;
  /** contiguous bins from the smallest to the largest value (empty ones included) */
  bins: HistogramBin[];
  /** customers with a value */
  total: number;
  /** customers without one (R of a customer who never bought) */
  missing: number;
  min: number | null;
  max: number | null;
}

/** The transform of the log scale in SQL and JS: sign(x)·log10(1 + |x|) (symlog; 0 and negative
 * M stay on the axis). */
const symlogSql = (x: string) => `sign(${x}) * log10(1 + abs(${x}))`;
const symlog = (x: number) => Math.sign(x) * Math.log10(1 + Math.abs(x));
const unSymlog = (t: number) => Math.sign(t) * (10 ** Math.abs(t) - 1);

/** Bin edges: `start + i * step` in the scale's space for i = 0..count, with count <= maxBins. */
export interface BinPlan {
  start: number;
  step: number;
  count: number;
}

/** Round edges from the values' range (d3's tickStep: 1, 2 or 5 times a power of ten); whole
 * steps for integer-valued metrics on a linear scale. */
export function planBins(lo: number, hi: number, options: { maxBins?: number; integers?: boolean } = {}): BinPlan {
  const maxBins = Math.max(2, options.maxBins ?? 40);
  if (!(hi > lo)) {
    const step = options.integers ? 1 : Math.max(Math.abs(lo) * 0.1, 1);
    return { start: options.integers ? lo : lo - step / 2, step, count: 1 };
  }
  if (options.integers && hi - lo + 1 <= maxBins) return { start: lo, step: 1, count: hi - lo + 1 };
  let step = tickStep(lo, hi, Math.round(maxBins * 0.75));
  if (options.integers) step = Math.max(1, Math.ceil(step));
  for (;;) {
    const start = Math.floor(lo / step) * step;
    const count = Math.floor((hi - start) / step) + 1;
    if (count <= maxBins) return { start, step, count };
    step *= 2;
  }
}

/** The histogram of a metric, binned in SQL. `scale: 'log'` bins in symlog space (equal widths
 * on the chart's log axis); integer-valued metrics get whole-number edges. */
export async function histogramData(backend: Backend, metric: HistogramMetric, options: { relation?: string; scale?: HistogramScale; maxBins?: number } = {}): Promise<HistogramData> {
  const relation = options.relation ?? RELATION;
  const scale = options.scale ?? 'linear';
  const cols = await columnsOf(backend, relation);
  const x = metricExpr(cols, metric);
  const from = `FROM ${ident(relation)} c`;
  const [st] = await backend.query(`SELECT min(${x}) AS lo, max(${x}) AS hi, count(${x}) AS n, count(*) - count(${x}) AS missing, coalesce(bool_and(${x} = floor(${x})), true) AS ints ${from}`);
  const lo = num(st?.lo);
  const hi = num(st?.hi);
  const total = num(st?.n) ?? 0;
  const missing = num(st?.missing) ?? 0;
  const integers = st?.ints === true;
  if (lo === null || hi === null) return { metric, scale, bins: [], total, missing, min: null, max: null };
  const log = scale === 'log';
  const plan = log ? planBins(symlog(lo), symlog(hi), { maxBins: options.maxBins }) : planBins(lo, hi, { maxBins: options.maxBins, integers });
  const t = log ? symlogSql(x) : x;
  const rows = await backend.query(`SELECT CAST(floor((${t} - $1) / $2) AS BIGINT) AS i, count(*) AS n ${from} WHERE ${x} IS NOT NULL GROUP BY 1`, [plan.start, plan.step]);
  const counts = new Array<number>(plan.count).fill(0);
  for (const r of rows) {
    // floating rounding at an edge: the first or last bin
    const i = Math.min(plan.count - 1, Math.max(0, num(r.i) ?? 0));
    counts[i]! += num(r.n) ?? 0;
  }
  const edge = (i: number) => {
    const e = plan.start + i * plan.step;
    return log ? unSymlog(e) : e;
  };
  let bins: HistogramBin[] = counts.map((count, i) => ({ x0: edge(i), x1: edge(i + 1), count }));
  if (integers && log) {
    // whole numbers: a bin holds the integers from ceil(x0) to ceil(x1) - 1; bins holding none
    // (narrow ones at the low end) are dropped, so the edges stay contiguous
    bins = bins.map((b) => ({ x0: Math.ceil(b.x0 - 1e-9), x1: Math.ceil(b.x1 - 1e-9), count: b.count })).filter((b) => b.x1 > b.x0 || b.count > 0);
  }
  // stable bytes: edges rounded to what a person reads (and what the builder's layout uses)
  bins = bins.map((b) => ({ x0: round(b.x0), x1: round(b.x1), count: b.count }));
  return { metric, scale, bins, total, missing, min: lo, max: hi };
}

function round(v: number): number {
  return Number(v.toPrecision(12));
}

export interface ParetoData {
  curve: ParetoPoint[];
  topShare: number;
  topMShare: number | null;
  customersFor80: number | null;
}

/** SQL of the Pareto curve: the report's and the chart's (the cumulative share of
 * M at p = 1..100% of the customers ranked by M, then the smallest share bringing 80%), with the
 * curve's points found by an equi-join on the row number (a join condition that also reads the
 * row count makes DuckDB loop over 100 x every customer: seconds at 1M). */
export function paretoCurveSql(cols: readonly string[], options: { relation?: string; table?: string } = {}): string {
  const relation = options.relation ?? RELATION;
  const from = options.table ? `${ident(options.table)} s JOIN ${ident(relation)} c ON c.customer = s.customer` : `${ident(relation)} c`;
  return `WITH j AS (SELECT coalesce(${metricExpr(cols, 'M')}, 0) AS M FROM ${from}),
  t AS (SELECT count(*) AS n, sum(M) AS tot FROM j),
  r AS (SELECT row_number() OVER (ORDER BY M DESC) AS rn, sum(M) OVER (ORDER BY M DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum FROM j),
  g AS (SELECT s.p AS p, CAST(ceil(s.p * t.n / 100.0) AS BIGINT) AS k FROM generate_series(1, 100) s(p), t)
  SELECT 0 AS kind, g.p AS p, r.cum / nullif(t.tot, 0) AS v, t.n AS n FROM g JOIN r ON r.rn = g.k CROSS JOIN t
  UNION ALL
  SELECT 1 AS kind, NULL AS p, min(r.rn) / max(t.n) AS v, max(t.n) AS n FROM r CROSS JOIN t WHERE t.tot > 0 AND r.cum >= 0.8 * t.tot`;
}

/** The Pareto curve (100 points) over every customer of `relation` (or of a segmentation table's
 * customers). */
export async function paretoData(backend: Backend, options: { relation?: string; table?: string; topShare?: number } = {}): Promise<ParetoData> {
  const relation = options.relation ?? RELATION;
  const cols = await columnsOf(backend, relation);
  const rows = await backend.query(paretoCurveSql(cols, options));
  const topShare = options.topShare ?? 0.2;
  const curve: ParetoPoint[] = [{ customers: 0, m: 0 }];
  let customersFor80: number | null = null;
  for (const r of rows) {
    if (Number(r.kind) === 1) customersFor80 = num(r.v);
    else if (r.v !== null) curve.push({ customers: Number(r.p) / 100, m: num(r.v) ?? 0 });
  }
  curve.sort((a, b) => a.customers - b.customers);
  if (curve.length === 1) return { curve: [], topShare, topMShare: null, customersFor80 };
  const top = curve.find((c) => Math.abs(c.customers - topShare) < 1e-9);
  return { curve, topShare, topMShare: top?.m ?? null, customersFor80 };
}
