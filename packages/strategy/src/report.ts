// The segment report: per segment customers, share, M, share of M, mean/median/min/max of R, F,
// M, repurchase rate, AOV, M per customer, the playbook and its KPIs; the unassigned customers;
// and a Pareto line. Every number is computed in SQL on the Backend (browser or native).
import { ident, type Backend, type Row, type SegmentationResult, type SegmentSummary, type Stat } from '@segmint/engine';
import type { Lang } from './format.js';
import { checkPlaybooks, parsePlaybooks, parseTarget, type Kpi, type KpiMetric, type Playbook } from './playbooks.js';
import type { StrategyDiagnostic } from './diagnostics.js';
import { columnsOf, metricExpr, num } from './sql.js';
import { StrategyError } from './messages/index.js';

export interface KpiStatus extends Kpi {
  /** current value of the metric for this segment, when computable from one run */
  value: number | null;
  /** true/false when the target is a plain comparison and the value is known; else null */
  met: boolean | null;
}

export interface ReportSegment extends SegmentSummary {
  /** share of the segment's customers with 2 or more purchases (F >= 2) */
  repurchaseRate: number | null;
  /** sum(M) / sum(F): average net value of the segment's purchases */
  aov: number | null;
  /** M / customers */
  mPerCustomer: number | null;
  playbook: Playbook | null;
  kpis: KpiStatus[];
}

export interface Pareto {
  /** the share of customers taken from the top (by M), e.g. 0.2 */
  topShare: number;
  /** the share of all M the top `topShare` of customers bring */
  topMShare: number | null;
  /** the smallest share of customers (from the top) bringing 80% of M */
  customersFor80: number | null;
  /** cumulative share of M brought by the top p% of customers, p = 0..100 */
  curve: { customers: number; m: number }[];
}

export interface SegmentReport {
  title: string;
  lang: Lang;
  asOf: string;
  rulesFile: string | null;
  playbooksFile: string | null;
  customers: number;
  M: number;
  segments: ReportSegment[];
  /** the customers no segment matched (null when there are none) */
  unassigned: ReportSegment | null;
  pareto: Pareto;
  /** playbook problems (missing / unknown segments), for the reader */
  notes: StrategyDiagnostic[];
}

export interface ReportOptions {
  /** the segmentation table: customer, segment (the engine's SegmentationResult.table) */
  table: string;
  /** the customer relation (default `customers`) */
  relation?: string;
  /** segments in file order */
  segments: readonly { id: string; label: string | null }[];
  playbooks?: readonly Playbook[];
  asOf: string;
  title?: string;
  lang?: Lang;
  rulesFile?: string | null;
  playbooksFile?: string | null;
  notes?: StrategyDiagnostic[];
  /** Pareto: share of top customers (default 0.2) */
  paretoTop?: number;
}

const EMPTY: Stat = { mean: null, median: null, min: null, max: null };

function stat(r: Row | undefined, p: string): Stat {
  if (!r) return EMPTY;
  return { mean: num(r[`${p}_mean`]), median: num(r[`${p}_median`]), min: num(r[`${p}_min`]), max: num(r[`${p}_max`]) };
}

/** SQL for the per-segment numbers (one row per segment value, NULL = unassigned). Exported
 * for the tests' direct comparison and for the app. */
export function segmentStatsSql(table: string, relation: string, cols: readonly string[]): string {
  const aggs = (m: string) => `avg(${m}) AS ${m}_mean, median(${m}) AS ${m}_median, min(${m}) AS ${m}_min, max(${m}) AS ${m}_max`;
  return `WITH j AS (
    SELECT s.segment, ${metricExpr(cols, 'R')} AS R, ${metricExpr(cols, 'F')} AS F, ${metricExpr(cols, 'M')} AS M
    FROM ${ident(table)} s JOIN ${ident(relation)} c ON c.customer = s.customer
  )
  SELECT segment, count(*) AS customers, coalesce(sum(M), 0) AS m_sum, sum(F) AS f_sum,
    count(*) FILTER (WHERE F >= 2) AS repeaters, count(F) AS with_f,
    ${aggs('R')}, ${aggs('F')}, ${aggs('M')}
  FROM j GROUP BY segment`;
}

/** The Pareto line and curve over all customers of the run, in SQL. */
export function paretoSql(table: string, relation: string, cols: readonly string[]): string {
  return `WITH j AS (
    SELECT coalesce(${metricExpr(cols, 'M')}, 0) AS M FROM ${ident(table)} s JOIN ${ident(relation)} c ON c.customer = s.customer
  ), r AS (
    SELECT M, row_number() OVER (ORDER BY M DESC) AS rn, count(*) OVER () AS n, sum(M) OVER () AS tot,
      sum(M) OVER (ORDER BY M DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum
    FROM j
  )
  SELECT 0 AS kind, g.p AS p, r.cum / nullif(r.tot, 0) AS v, r.n AS n
    FROM generate_series(1, 100) g(p) JOIN r ON r.rn = CAST(ceil(g.p * r.n / 100.0) AS BIGINT)
  UNION ALL
  SELECT 1 AS kind, NULL AS p, min(rn) / max(n) AS v, max(n) AS n FROM r WHERE tot > 0 AND cum >= 0.8 * tot`;
}

function kpiValue(metric: KpiMetric | null, s: ReportSegment): number | null {
  switch (metric) {
    case 'repurchase_rate':
      return s.repurchaseRate;
    case 'aov':
      return s.aov;
    case 'm_per_customer':
      return s.mPerCustomer;
    case 'share_of_m':
      return s.shareM;
    case 'customers':
      return s.customers;
    case 'share':
      return s.share;
    default:
      // retention needs two runs: see the migration review
      return null;
  }
}

export function kpiStatus(kpi: Kpi, value: number | null): KpiStatus {
  const t = parseTarget(kpi.target);
  let met: boolean | null = null;
  if (t && value !== null) {
    const eps = 1e-12;
    met = t.op === '>=' ? value >= t.value - eps : t.op === '<=' ? value <= t.value + eps : t.op === '>' ? value > t.value : t.op === '<' ? value < t.value : Math.abs(value - t.value) <= eps;
  }
  return { ...kpi, value, met };
}

export async function computeReport(backend: Backend, options: ReportOptions): Promise<SegmentReport> {
  const relation = options.relation ?? 'customers';
  const cols = await columnsOf(backend, relation);
  if (!cols.some((c) => c === 'customer')) throw new StrategyError('report.no-customer-column', { relation });
  const rows = await backend.query(segmentStatsSql(options.table, relation, cols));
  const by = new Map<string | null, Row>();
  for (const r of rows) by.set(r.segment === null ? null : String(r.segment), r);
  let total = 0;
  let totalM = 0;
  for (const r of rows) {
    total += num(r.customers) ?? 0;
    totalM += num(r.m_sum) ?? 0;
  }
  const playbooks = new Map((options.playbooks ?? []).map((p) => [p.segment, p]));
  const make = (id: string | null, label: string | null): ReportSegment => {
    const r = by.get(id);
    const customers = num(r?.customers) ?? 0;
    const M = num(r?.m_sum) ?? 0;
    const fSum = num(r?.f_sum);
    const withF = num(r?.with_f) ?? 0;
    const s: ReportSegment = {
      segment: id,
      label,
      customers,
      share: total ? customers / total : 0,
      M,
      shareM: totalM ? M / totalM : 0,
      R: stat(r, 'R'),
      F: stat(r, 'F'),
      Mstat: stat(r, 'M'),
      repurchaseRate: withF ? (num(r?.repeaters) ?? 0) / withF : null,
      aov: fSum ? M / fSum : null,
      mPerCustomer: customers ? M / customers : null,
      playbook: id === null ? null : (playbooks.get(id) ?? null),
      kpis: []
    };
    s.kpis = (s.playbook?.kpis ?? []).map((k) => kpiStatus(k, kpiValue(k.metric, s)));
    return s;
  };
  const segments = options.segments.map((s) => make(s.id, s.label));
  const known = new Set(options.segments.map((s) => s.id));
  for (const id of by.keys()) if (id !== null && !known.has(id)) segments.push(make(id, null));
  const unassigned = by.has(null) ? make(null, null) : null;

  const topShare = options.paretoTop ?? 0.2;
  const prow = await backend.query(paretoSql(options.table, relation, cols));
  const curve: { customers: number; m: number }[] = [{ customers: 0, m: 0 }];
  let customersFor80: number | null = null;
  for (const r of prow) {
    if (Number(r.kind) === 1) customersFor80 = num(r.v);
    else if (r.v !== null) curve.push({ customers: Number(r.p) / 100, m: num(r.v) ?? 0 });
  }
  curve.sort((a, b) => a.customers - b.customers);
  const topPoint = curve.find((c) => Math.abs(c.customers - topShare) < 1e-9);
  let topMShare: number | null = topPoint?.m ?? null;
  if (topPoint === undefined && total > 0 && totalM !== 0) {
    const k = Math.ceil(topShare * total);
    const r = await backend.query(
      `SELECT sum(M) AS s FROM (SELECT coalesce(${metricExpr(cols, 'M')}, 0) AS M FROM ${ident(options.table)} s JOIN ${ident(relation)} c ON c.customer = s.customer ORDER BY M DESC LIMIT ${k})`
    );
    topMShare = (num(r[0]?.s) ?? 0) / totalM;
  }
  if (totalM <= 0) topMShare = null;

  return {
    title: options.title ?? 'Segment report',
    lang: options.lang ?? 'en',
    asOf: options.asOf,
    rulesFile: options.rulesFile ?? null,
    playbooksFile: options.playbooksFile ?? null,
    customers: total,
    M: totalM,
    segments,
    unassigned,
    pareto: { topShare, topMShare, customersFor80, curve: totalM > 0 ? curve : [] },
    notes: options.notes ?? []
  };
}

/**
 * One step from a segmentation run (the engine's SegmentationResult) and a playbook text to the
 * report: parse and cross-check the playbooks (their diagnostics come back, and the cross-check
 * warnings become the report's notes), then compute. With playbook errors, `report` is null.
 */
export async function reportFromRun(
  backend: Backend,
  result: Pick<SegmentationResult, 'table' | 'segments' | 'asOf'>,
  options: { playbooks?: string | null; relation?: string; lang?: Lang; title?: string; rulesFile?: string | null; playbooksFile?: string | null; paretoTop?: number } = {}
): Promise<{ report: SegmentReport | null; diagnostics: StrategyDiagnostic[] }> {
  const diagnostics: StrategyDiagnostic[] = [];
  let playbooks: Playbook[] = [];
  let lang: Lang = options.lang ?? 'en';
  const notes: StrategyDiagnostic[] = [];
  if (options.playbooks !== undefined && options.playbooks !== null) {
    const parsed = parsePlaybooks(options.playbooks);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.file) return { report: null, diagnostics };
    playbooks = parsed.file.playbooks;
    if (!options.lang && (parsed.file.lang === 'en' || parsed.file.lang === 'zh')) lang = parsed.file.lang;
    notes.push(...checkPlaybooks(parsed.file, result.segments, options.playbooks));
    diagnostics.push(...notes);
  }
  const report = await computeReport(backend, {
    table: result.table,
    segments: result.segments,
    playbooks,
    asOf: result.asOf,
    lang,
    title: options.title ?? (lang === 'zh' ? '客户细分报告' : 'Segment report'),
    notes,
    ...(options.relation !== undefined ? { relation: options.relation } : {}),
    ...(options.rulesFile !== undefined ? { rulesFile: options.rulesFile } : {}),
    ...(options.playbooksFile !== undefined ? { playbooksFile: options.playbooksFile } : {}),
    ...(options.paretoTop !== undefined ? { paretoTop: options.paretoTop } : {})
  });
  return { report, diagnostics };
}
