// Running a compiled rule file over the customer relation, and the numbers a strategist reads:
// per-segment summary, per-tag counts, quick-rule counts. All of it is SQL on the Backend.
import type { Backend, Cell, Row, SegmentationResult, SegmentSummary, Stat } from '../types.js';
import { ident } from '../sql/quote.js';
import { ATTRS_TABLE, CUSTOMERS_TABLE, TX_TABLE, fieldType, tableColumns } from '../metrics/index.js';

/** What segmentation needs from @segmint/dsl's compileRules result (structural, so the engine
 * stays independent of the compiler's other fields). */
export interface CompiledRuleSet {
  sql: string;
  params: readonly unknown[];
  segments: { id: string; label?: string | null }[];
  tags: { id: string; label?: string | null }[];
  defines?: { name: string }[];
  /** the rules in compileRules' summary shape (segment index, tags, carried R/F/M as
   * summaryCarry names them): the numbers come from one pass over the relation */
  summary?: { sql: string; params: readonly unknown[] };
}

/** The columns the summary shape of a rule set carries: R, F, M where the relation has them.
 * Pass as compileRules' `summary.carry`. */
export function summaryCarry(has: MetricPresence): { column: string; as: string }[] {
  return (['R', 'F', 'M'] as const).filter((m) => has[m]).map((m) => ({ column: m, as: `__segmint_${m}` }));
}

/** What quick rules need from compileExpression's result. */
export interface CompiledExpression {
  sql: string;
  params: readonly unknown[];
}

export const SEGMENTED_TABLE = 'segmented';

/** The metric columns shown first in segment output, in this order (spec: cli.md). */
export const OUTPUT_METRICS = ['R', 'F', 'M', 'T', 'AOV', 'R_score', 'F_score', 'M_score'] as const;

function cells(params: readonly unknown[]): Cell[] {
  return params.map((p) => {
    if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return p;
    throw new Error(`a compiled rule parameter has an unsupported type: ${typeof p}`);
  });
}

function num(v: Cell | undefined): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function stat(r: Row, p: string): Stat {
  return { mean: num(r[`${p}_mean`]), median: num(r[`${p}_median`]), min: num(r[`${p}_min`]), max: num(r[`${p}_max`]) };
}

/** Which of R, F, M a relation has as numbers (a customers-only relation may lack them, or
 * hold something else under those names: then they count as absent). */
export type MetricPresence = Record<'R' | 'F' | 'M', boolean>;

/** MetricPresence from the relation's fields (name and rules-language type). */
export function metricPresenceOf(fields: readonly { name: string; type: string }[]): MetricPresence {
  const numeric = (m: string) => fields.some((c) => c.name.toLowerCase() === m.toLowerCase() && c.type === 'number');
  return { R: numeric('R'), F: numeric('F'), M: numeric('M') };
}

async function metricPresence(backend: Backend, relation: string): Promise<MetricPresence> {
  const cols = await tableColumns(backend, relation);
  return metricPresenceOf(cols.map((c) => ({ name: c.name, type: fieldType(c.type) })));
}

/**
 * Per-segment summary of `table` (customer, segment, ...) joined with the relation: customers,
 * share of customers, M, share of M, mean/median/min/max of R, F, M, the sum of F and the
 * repurchase rate (the segment report builds on it: @segmint/strategy). Segments in `order` (file
 * order; empty segments included with zeros), then unassigned (segment null) when it has customers.
 */
export async function segmentSummary(
  backend: Backend,
  table: string,
  order: readonly { id: string; label?: string | null }[],
  relation: string = CUSTOMERS_TABLE,
  compiled?: Pick<CompiledRuleSet, 'summary'>,
  tags: readonly { id: string }[] = [],
  /** known by the caller (the Workspace has the relation's schema): saves a catalog query */
  presence?: MetricPresence
): Promise<{ summary: SegmentSummary[]; total: number; tagCounts: Record<string, number> | null }> {
  const has = presence ?? (await metricPresence(backend, relation));
  // Sums and means of M with compensated (Kahan) summation: the numbers then do not depend on
  // the order the rows are summed in (the rules' summary shape or the segment table, 1 or 2
  // threads, duckdb-wasm or native), so the app's report equals the CLI's byte for byte.
  const aggs = (m: 'R' | 'F' | 'M', p: string) =>
    `favg(${m}) AS ${p}_mean, median(${m}) AS ${p}_median, min(${m}) AS ${p}_min, max(${m}) AS ${p}_max`;
  // Fast path: the rules' summary shape, which carries R, F, M along and gives the segment as a
  // small integer (no join of the segment table with the relation, which costs more than
  // evaluating the rules again); else join on customer.
  const carried = compiled?.summary ?? null;
  const col = (m: 'R' | 'F' | 'M') => (has[m] ? `CAST(c.${ident(m)} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)');
  // numbers as they are (the median of an integer column is cheaper than of its DOUBLE cast)
  const carriedCol = (m: 'R' | 'F' | 'M') => (has[m] ? ident(`__segmint_${m}`) : 'CAST(NULL AS DOUBLE)');
  const source = carried
    ? `SELECT segment, ${carriedCol('R')} AS R, ${carriedCol('F')} AS F, ${carriedCol('M')} AS M${tags.map((t, i) => `, ${ident(t.id)} AS __segmint_t${i}`).join('')} FROM (${carried.sql}) q`
    : `SELECT s.segment, ${col('R')} AS R, ${col('F')} AS F, ${col('M')} AS M
    FROM ${ident(table)} s JOIN ${ident(relation)} c ON c.customer = s.customer`;
  const params = carried ? cells(carried.params) : [];
  // one pass, grouped by segment; the totals and shares are sums of the few groups (a total
  // over all rows in the same query would make DuckDB keep the rows for a second scan)
  // the repurchase rate and the sum of F (for the average order value) are three cheap
  // aggregates more in the same pass (the medians cost far more)
  const sql = `SELECT segment, count(*) AS customers, coalesce(fsum(M), 0) AS Msum,
    sum(F) AS Fsum, count(*) FILTER (WHERE F >= 2) AS repeaters, count(F) AS withF,
    ${aggs('R', 'R')}, ${aggs('F', 'F')}, ${aggs('M', 'M')}${carried ? tags.map((_, i) => `, count(*) FILTER (WHERE __segmint_t${i}) AS __segmint_t${i}`).join('') : ''}
  FROM (${source}) j GROUP BY segment`;
  const rows = await backend.query(sql, params);
  const total = rows.reduce((a, r) => a + (num(r.customers) ?? 0), 0);
  const totalM = rows.reduce((a, r) => a + (num(r.Msum) ?? 0), 0);
  const bySegment = new Map<string | null, Row>();
  // the summary shape numbers the segments in file order
  const idOf = (v: Cell | undefined): string | null => (v === null || v === undefined ? null : carried ? (order[Number(v)]?.id ?? String(v)) : String(v));
  for (const r of rows) bySegment.set(idOf(r.segment), r);
  const empty: Stat = { mean: null, median: null, min: null, max: null };
  const make = (id: string | null, label: string | null): SegmentSummary => {
    const r = bySegment.get(id);
    if (!r) return { segment: id, label, customers: 0, share: 0, M: 0, shareM: 0, R: empty, F: empty, Mstat: empty, Fsum: null, repurchaseRate: null };
    const withF = num(r.withF) ?? 0;
    return {
      segment: id,
      label,
      customers: num(r.customers) ?? 0,
      share: total > 0 ? (num(r.customers) ?? 0) / total : 0,
      M: num(r.Msum) ?? 0,
      shareM: totalM !== 0 ? (num(r.Msum) ?? 0) / totalM : 0,
      R: stat(r, 'R'),
      F: stat(r, 'F'),
      Mstat: stat(r, 'M'),
      Fsum: num(r.Fsum),
      repurchaseRate: withF > 0 ? (num(r.repeaters) ?? 0) / withF : null
    };
  };
  const summary = order.map((s) => make(s.id, s.label ?? null));
  const known = new Set(order.map((s) => s.id));
  // Segments the rule set did not announce (should not happen) are still shown, never hidden.
  for (const id of bySegment.keys()) if (id !== null && !known.has(id)) summary.push(make(id, null));
  if (bySegment.has(null)) summary.push(make(null, null));
  // With the rules evaluated here, tag counts come from the same pass (summed over the segments).
  const tagCounts = carried
    ? Object.fromEntries(tags.map((t, i) => [t.id, rows.reduce((a, r) => a + (num(r[`__segmint_t${i}`]) ?? 0), 0)]))
    : null;
  return { summary, total, tagCounts };
}

/** Customers carrying each tag (tag columns are booleans named by the tag id). */
export async function tagCounts(backend: Backend, table: string, tags: { id: string }[]): Promise<Record<string, number>> {
  if (tags.length === 0) return {};
  const list = tags.map((t, i) => `count(*) FILTER (WHERE ${ident(t.id)}) AS t${i}`).join(', ');
  const row = (await backend.query(`SELECT ${list} FROM ${ident(table)}`))[0] ?? {};
  return Object.fromEntries(tags.map((t, i) => [t.id, num(row[`t${i}`]) ?? 0]));
}

/**
 * Run a compiled rule set: materialise `into` (one row per customer: customer, segment, tags,
 * defines) and compute its summary and tag counts.
 */
export async function runSegmentation(
  backend: Backend,
  compiled: CompiledRuleSet,
  options: { asOf: string; into?: string; relation?: string; materialize?: boolean; presence?: MetricPresence }
): Promise<SegmentationResult> {
  const into = options.into ?? SEGMENTED_TABLE;
  const relation = options.relation ?? CUSTOMERS_TABLE;
  const own = [relation, CUSTOMERS_TABLE, TX_TABLE, ATTRS_TABLE].map((t) => t.toLowerCase());
  if (own.includes(into.toLowerCase())) throw new Error(`the segmentation cannot be written to '${into}': that table holds the data`);
  // The live-typing path (materialize: false) only needs the numbers: one pass over the rules.
  const materialize = options.materialize ?? true;
  if (materialize) await backend.exec(`CREATE OR REPLACE TABLE ${ident(into)} AS ${compiled.sql}`, cells(compiled.params));
  const { summary, total, tagCounts: folded } = await segmentSummary(backend, into, compiled.segments, relation, compiled, compiled.tags, options.presence);
  if (!folded && !materialize) throw new Error('this rule set can only be summarised from a materialised segmentation');
  const counts = folded ?? (await tagCounts(backend, into, compiled.tags));
  return {
    table: into,
    materialized: materialize,
    asOf: options.asOf,
    segments: compiled.segments.map((s) => ({ id: s.id, label: s.label ?? null })),
    tags: compiled.tags.map((t) => ({ id: t.id, label: t.label ?? null, customers: counts[t.id] ?? 0 })),
    summary,
    total,
    sql: compiled.sql
  };
}

/** How many customers a bare boolean expression matches (the live "quick rule" count).
 * The expression may hold window functions, so it is evaluated in a SELECT list. */
export async function quickRuleCounts(
  backend: Backend,
  compiled: CompiledExpression,
  relation: string = CUSTOMERS_TABLE
): Promise<{ matched: number; total: number; share: number }> {
  const rows = await backend.query(
    `SELECT count(*) FILTER (WHERE m) AS matched, count(*) AS total, coalesce(count(*) FILTER (WHERE m) / nullif(count(*), 0), 0) AS share
     FROM (SELECT CAST((${compiled.sql}) AS BOOLEAN) AS m FROM ${ident(relation)}) q`,
    cells(compiled.params)
  );
  const r = rows[0] ?? {};
  return { matched: num(r.matched) ?? 0, total: num(r.total) ?? 0, share: num(r.share) ?? 0 };
}

/**
 * The SELECT of the per-customer output (the CLI's file, the app's table): customer, segment,
 * R, F, M, T, AOV, R_score, F_score, M_score, then the tags and defines of `table`, then the
 * relation's other fields. Metrics missing from the relation are left out. `where` filters on the
 * segment: undefined = all, null = unassigned, a string = that segment (bound as $1).
 */
export async function segmentOutputSql(
  backend: Backend,
  table: string = SEGMENTED_TABLE,
  relation: string = CUSTOMERS_TABLE,
  options: { segment?: string | null; orderBy?: boolean } = {}
): Promise<{ sql: string; params: Cell[]; columns: string[] }> {
  const segCols = (await tableColumns(backend, table)).map((c) => c.name);
  const relCols = (await tableColumns(backend, relation)).map((c) => c.name);
  const used = new Set<string>();
  const select: string[] = [];
  const columns: string[] = [];
  const add = (expr: string, name: string) => {
    let out = name;
    for (let i = 2; used.has(out.toLowerCase()); i++) out = `${name}_${i}`;
    used.add(out.toLowerCase());
    select.push(`${expr} AS ${ident(out)}`);
    columns.push(out);
  };
  add('s.customer', 'customer');
  add('s.segment', 'segment');
  const relLower = new Map(relCols.map((c) => [c.toLowerCase(), c]));
  for (const m of OUTPUT_METRICS) {
    const c = relLower.get(m.toLowerCase());
    if (c) add(`c.${ident(c)}`, c);
  }
  for (const c of segCols) {
    if (c.toLowerCase() === 'customer' || c.toLowerCase() === 'segment') continue;
    add(`s.${ident(c)}`, c);
  }
  for (const c of relCols) {
    const l = c.toLowerCase();
    if (l === 'customer' || (OUTPUT_METRICS as readonly string[]).some((m) => m.toLowerCase() === l)) continue;
    add(`c.${ident(c)}`, c);
  }
  const params: Cell[] = [];
  let where = '';
  if (options.segment === null) where = 'WHERE s.segment IS NULL';
  else if (typeof options.segment === 'string') {
    params.push(options.segment);
    where = 'WHERE s.segment = $1';
  }
  const sql = `SELECT ${select.join(', ')} FROM ${ident(table)} s JOIN ${ident(relation)} c ON c.customer = s.customer ${where}${
    options.orderBy === false ? '' : ' ORDER BY s.customer'
  }`;
  return { sql, params, columns };
}
