// The segment report: per segment customers, share, M, share of M, mean/median/min/max of R, F,
// M, repurchase rate, AOV, M per customer, the playbook and its KPIs; the unassigned customers;
// and a Pareto line. Every number is computed in SQL on the Backend (browser or native); the
// per-segment numbers are the engine's segment summary (segmentSummary, SegmentationResult.summary),
// never recomputed here.
import { ident, segmentSummary, type Backend, type SegmentationResult, type SegmentSummary } from '@segmint/engine';
import type { Lang } from './format.js';
import { checkPlaybooks, parsePlaybooks, parseTarget, type Kpi, type KpiMetric, type Playbook, type PlaybookFile } from './playbooks.js';
import type { StrategyDiagnostic } from './diagnostics.js';
import { columnsOf, metricExpr, num } from './sql.js';
import { paretoCurveSql } from './chart-data.js';
import { StrategyError } from './messages/index.js';

export interface KpiStatus extends Kpi {
  /** current value of the metric for this segment, when computable from one run */
  value: number | null;
  /** true/false when the target is a plain comparison and the value is known; else null */
  met: boolean | null;
}

/** The engine's summary of a segment (its repurchaseRate: the share of the segment's customers
 * with 2 or more purchases, F >= 2) and what the report adds. The sum of F is not repeated: the
 * JSON report holds what a reader needs. */
export interface ReportSegment extends Omit<SegmentSummary, 'Fsum'> {
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
  /** the engine's per-segment summary of `table` over `relation` (SegmentationResult.summary:
   * segments in file order, then any unannounced, then unassigned). Absent: computed with the
   * engine's segmentSummary (`table` joined with the relation). */
  summary?: readonly SegmentSummary[];
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
  const summary = options.summary ?? (await segmentSummary(backend, options.table, options.segments, relation)).summary;
  let total = 0;
  let totalM = 0;
  for (const s of summary) {
    total += s.customers;
    totalM += s.M;
  }
  const playbooks = new Map((options.playbooks ?? []).map((p) => [p.segment, p]));
  // the fields in this order: the JSON report lists them so
  const make = (x: SegmentSummary): ReportSegment => {
    const s: ReportSegment = {
      segment: x.segment,
      label: x.label,
      customers: x.customers,
      share: x.share,
      M: x.M,
      shareM: x.shareM,
      R: x.R,
      F: x.F,
      Mstat: x.Mstat,
      repurchaseRate: x.repurchaseRate,
      aov: x.Fsum ? x.M / x.Fsum : null,
      mPerCustomer: x.customers ? x.M / x.customers : null,
      playbook: x.segment === null ? null : (playbooks.get(x.segment) ?? null),
      kpis: []
    };
    s.kpis = (s.playbook?.kpis ?? []).map((k) => kpiStatus(k, kpiValue(k.metric, s)));
    return s;
  };
  const segments = summary.filter((x) => x.segment !== null).map(make);
  const none = summary.find((x) => x.segment === null);
  const unassigned = none ? make(none) : null;

  const topShare = options.paretoTop ?? 0.2;
  const prow = await backend.query(paretoCurveSql(cols, { relation, table: options.table }));
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

/** A playbook file already parsed (parsePlaybooks without errors) and its text, for
 * reportFromRun: a caller that reports the parse diagnostics before loading data (the CLI) does
 * not parse twice. */
export interface ParsedPlaybookFile {
  text: string;
  file: PlaybookFile;
}

export interface ReportFromRunOptions {
  /** the playbook file's text (parsed here), or the file already parsed, or none */
  playbooks?: string | ParsedPlaybookFile | null;
  relation?: string;
  /** the report's language; default the playbook file's `lang`, else en */
  lang?: Lang;
  /** default 'Segment report' / '客户细分报告' by the language */
  title?: string;
  rulesFile?: string | null;
  playbooksFile?: string | null;
  paretoTop?: number;
}

/**
 * One step from a segmentation run (the engine's SegmentationResult) and a playbook text to the
 * report: parse and cross-check the playbooks (their diagnostics come back, parse diagnostics
 * first, and the cross-check warnings become the report's notes), then compute. With playbook
 * errors, `report` is null. The run's summary, when it has one, gives the per-segment numbers.
 * The app and the CLI's `segmint report` both make their report here.
 */
export async function reportFromRun(
  backend: Backend,
  result: Pick<SegmentationResult, 'table' | 'segments' | 'asOf'> & Partial<Pick<SegmentationResult, 'summary'>>,
  options: ReportFromRunOptions = {}
): Promise<{ report: SegmentReport | null; diagnostics: StrategyDiagnostic[] }> {
  const diagnostics: StrategyDiagnostic[] = [];
  let playbooks: Playbook[] = [];
  let lang: Lang = options.lang ?? 'en';
  const notes: StrategyDiagnostic[] = [];
  if (options.playbooks !== undefined && options.playbooks !== null) {
    let file: PlaybookFile;
    let text: string;
    if (typeof options.playbooks === 'string') {
      text = options.playbooks;
      const parsed = parsePlaybooks(text);
      diagnostics.push(...parsed.diagnostics);
      if (!parsed.file) return { report: null, diagnostics };
      file = parsed.file;
    } else {
      ({ text, file } = options.playbooks);
    }
    playbooks = file.playbooks;
    if (!options.lang && (file.lang === 'en' || file.lang === 'zh')) lang = file.lang;
    notes.push(...checkPlaybooks(file, result.segments, text));
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
    ...(result.summary !== undefined && options.relation === undefined ? { summary: result.summary } : {}),
    ...(options.relation !== undefined ? { relation: options.relation } : {}),
    ...(options.rulesFile !== undefined ? { rulesFile: options.rulesFile } : {}),
    ...(options.playbooksFile !== undefined ? { playbooksFile: options.playbooksFile } : {}),
    ...(options.paretoTop !== undefined ? { paretoTop: options.paretoTop } : {})
  });
  return { report, diagnostics };
}
