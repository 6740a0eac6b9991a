// The migration review's pure steps: the default dates, the table of who went where (one row per
// customer: from state, to state) and the drill condition over it, the matrix as shown (empty
// "unassigned", "new" and "gone" left out), and a flow's customers as a drill source. The state
// (engine calls) is in migration.svelte.ts.
import { ident, type Cell } from '@segmint/engine';
import { fmtCompact, fmtInt, GONE, NEW, renderStrategyMessage, UNASSIGNED, type Migration, type MigrationCell, type SankeyLabels, type StrategyMessageKey } from '@segmint/strategy';

/** The engine tables of the review (engine-named, never after user text). */
export const MIGRATION_TABLES = {
  segBefore: 'segmint_mig_seg_before',
  segAfter: 'segmint_mig_seg_after',
  before: 'segmint_mig_before',
  after: 'segmint_mig_after',
  flows: 'segmint_mig_flows'
} as const;

/** How far back the default "from" date is: a quarter (90 days) before the data's as-of. */
export const DEFAULT_LOOKBACK_DAYS = 90;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written YYYY-MM-DD that exists. */
export function isDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `date` moved by `days` (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The default dates: "to" = the data's as-of, "from" = 90 days earlier (a quarter, so the
 * review reads "this quarter against the last"). */
export function defaultDates(asOf: string): { from: string; to: string } {
  return { from: addDays(asOf, -DEFAULT_LOOKBACK_DAYS), to: asOf };
}

/** What is wrong with two dates, or null when they can be compared. */
export function datesProblem(from: string, to: string): 'invalid' | 'order' | null {
  if (!isDate(from) || !isDate(to)) return 'invalid';
  return from < to ? null : 'order';
}

/** The table of who went where (customer, from_state, to_state) from the two snapshots; the
 * state names are bound parameters. */
export function flowsTableSql(before: string, after: string, into: string): { sql: string; params: Cell[] } {
  return {
    sql: `CREATE OR REPLACE TABLE ${ident(into)} AS
      SELECT coalesce(a.customer, b.customer) AS customer,
        CASE WHEN b.customer IS NULL THEN CAST($1 AS VARCHAR) ELSE coalesce(b.segment, CAST($2 AS VARCHAR)) END AS from_state,
        CASE WHEN a.customer IS NULL THEN CAST($3 AS VARCHAR) ELSE coalesce(a.segment, CAST($2 AS VARCHAR)) END AS to_state
      FROM ${ident(before)} b FULL OUTER JOIN ${ident(after)} a ON a.customer = b.customer`,
    params: [NEW, UNASSIGNED, GONE]
  };
}

/** The condition "this customer is in the flow from -> to" over the customer relation (the
 * customer table's quick-rule browse evaluates it; the states are bound parameters). */
export function flowCondition(table: string, from: string, to: string): { sql: string; params: string[] } {
  return {
    sql: `customer IN (SELECT customer FROM ${ident(table)} WHERE from_state = CAST($1 AS VARCHAR) AND to_state = CAST($2 AS VARCHAR))`,
    params: [from, to]
  };
}

/** The condition "this customer was in `state` on that side" (a Sankey node, a matrix row). */
export function stateCondition(table: string, side: 'before' | 'after', state: string): { sql: string; params: string[] } {
  const col = side === 'before' ? 'from_state' : 'to_state';
  return { sql: `customer IN (SELECT customer FROM ${ident(table)} WHERE ${ident(col)} = CAST($1 AS VARCHAR))`, params: [state] };
}

export interface MatrixView {
  rows: string[];
  cols: string[];
  cell: (from: string, to: string) => MigrationCell;
  rowTotal: (from: string) => number;
  colTotal: (to: string) => number;
  total: number;
}

/** The matrix as shown: unassigned, new and gone only when somebody is in them. */
export function matrixView(m: Migration): MatrixView {
  const cells = new Map(m.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const cell = (f: string, t: string) => cells.get(`${f}\u0000${t}`) ?? { from: f, to: t, customers: 0, mBefore: 0, mAfter: 0 };
  const special = new Set([UNASSIGNED, NEW, GONE]);
  const used = (s: string) => m.cells.some((c) => (c.from === s || c.to === s) && c.customers > 0);
  const rows = m.rows.filter((s) => !special.has(s) || used(s));
  const cols = m.cols.filter((s) => !special.has(s) || used(s));
  const rowTotal = (f: string) => cols.reduce((a, t) => a + cell(f, t).customers, 0);
  const colTotal = (t: string) => rows.reduce((a, f) => a + cell(f, t).customers, 0);
  return { rows, cols, cell, rowTotal, colTotal, total: rows.reduce((a, f) => a + rowTotal(f), 0) };
}

/** The M a cell shows: the earlier run's, for new customers the later run's. */
export function cellM(c: MigrationCell): number {
  return c.from === NEW ? c.mAfter : c.mBefore;
}

/** Whether a move is up (into a better segment: earlier in the file), down, or neither. */
export function direction(m: Migration, from: string, to: string): 'same' | 'up' | 'down' | 'in' | 'out' {
  if (from === to) return 'same';
  if (from === NEW) return 'in';
  if (to === GONE) return 'out';
  const rank = (s: string) => (s === UNASSIGNED ? Number.POSITIVE_INFINITY : m.rows.indexOf(s));
  return rank(to) < rank(from) ? 'up' : 'down';
}

/** The UI's names of the states that are not segments. */
export interface StateNames {
  unassigned: string;
  new: string;
  gone: string;
}

/** A state's name: a segment's label (else its id), or the UI's name of unassigned / new / gone. */
export function stateName(m: Migration, s: string, names: StateNames): string {
  if (s === UNASSIGNED) return names.unassigned;
  if (s === NEW) return names.new;
  if (s === GONE) return names.gone;
  return m.segments.find((x) => x.id === s)?.label ?? s;
}

/** A flow in words, in `lang` (the strategy catalogue's messages, as the CLI and the HTML review
 * say it), rendered when shown so a change of language needs no new review. */
export function flowWords(m: Migration, c: MigrationCell, lang: 'en' | 'zh', names: StateNames): string {
  const name = (s: string) => stateName(m, s, names);
  const one = c.customers === 1 ? '.one' : '';
  let key: string;
  let params: Record<string, string | number>;
  if (m.kind === 'rules') {
    key = `flow.moved${one}`;
    params = { count: c.customers, from: name(c.from), to: name(c.to), m: fmtInt(c.mBefore, lang) };
  } else if (c.from === NEW) {
    key = `flow.new${one}`;
    params = { count: c.customers, to: name(c.to), m: fmtCompact(c.mAfter, lang) };
  } else if (c.to === GONE) {
    key = `flow.gone${one}`;
    params = { count: c.customers, from: name(c.from), m: fmtCompact(c.mBefore, lang) };
  } else {
    key = `flow.changed${one}`;
    params = { count: c.customers, from: name(c.from), to: name(c.to), m: fmtCompact(c.mBefore, lang) };
  }
  return renderStrategyMessage(key as StrategyMessageKey, params, lang === 'zh' ? 'zh-CN' : 'en');
}

/** The UI's lookup (t() of i18n/) as the chart labels take it. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The Sankey's labels in the UI's language (`from` / `to`: the two sides' names). */
export function chartLabels(m: Migration, tr: Translate, names: StateNames, sides: { from: string; to: string }): SankeyLabels {
  return {
    title: tr(m.kind === 'rules' ? 'migration.chart.title.rules' : 'migration.chart.title.dates'),
    summary: tr('migration.chart.summary', sides),
    before: sides.from,
    after: sides.to,
    state: (s) => stateName(m, s, names),
    tip: (p) => tr('migration.chart.tip', p),
    nodeTip: (p) => tr('migration.chart.nodeTip', { state: p.state, customers: p.customers, side: tr(p.side === 'before' ? 'migration.chart.left' : 'migration.chart.right') }),
    stayed: tr('migration.chart.stayed'),
    corner: tr(m.kind === 'rules' ? 'migration.corner.rules' : 'migration.corner.dates'),
    total: tr('migration.total')
  };
}

/** The biggest flows (most customers first; state changes only), as the strategy layer ranks
 * them. */
export function biggestFlows(m: Migration, n = 5): MigrationCell[] {
  return m.flows.slice(0, n).map((f) => ({ from: f.from, to: f.to, customers: f.customers, mBefore: f.mBefore, mAfter: f.mAfter }));
}

/** New and gone customers and their M. */
export function newAndGone(m: Migration): { new: number; mNew: number; gone: number; mGone: number } {
  const fromNew = m.cells.filter((c) => c.from === NEW);
  const toGone = m.cells.filter((c) => c.to === GONE);
  return {
    new: fromNew.reduce((a, c) => a + c.customers, 0),
    mNew: fromNew.reduce((a, c) => a + c.mAfter, 0),
    gone: toGone.reduce((a, c) => a + c.customers, 0),
    mGone: toGone.reduce((a, c) => a + c.mBefore, 0)
  };
}
