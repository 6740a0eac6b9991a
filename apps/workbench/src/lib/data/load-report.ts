// What the data panel shows of a load: the engine's load reports and load errors turned into the
// app's plain state (kept with their codes, so they are rendered in the UI's language when
// shown), and the few decisions the app takes on them, made by code, never by reading English.
import { LoadError, type LoadIssue, type LoadReport, type RepairGroup, type RowRepair } from '@segmint/engine';
import type { Coded } from '../ui/engine-text.js';

/** The codes saying the date order (DD/MM vs MM/DD) was asked about, decided from the data or
 * given: the load settings then offer the choice. */
export const DATE_ORDER_CODES: ReadonlySet<string> = new Set(['values.date_order_ambiguous', 'values.date_order_decided', 'values.date_order_given']);

/** Up to how many examples of a left-out reason the panel lists. */
export const LEFT_OUT_EXAMPLES = 3;
/** Up to how many rows of a repair group the panel lists (the count is always the exact one). */
export const REPAIR_EXAMPLES = 10;

/** A place in a file: its line (text files) and data row (header excluded), when known. */
export interface Where {
  file: string;
  line?: number;
  row?: number;
  column?: string;
}

export interface Issue extends Coded, Where {
  severity: LoadIssue['severity'];
}

/** A load that failed: the file it failed on, the issue that stopped it, and the other issues. */
export interface LoadProblem {
  file: string;
  first: Issue;
  others: Issue[];
}

export interface LeftOut extends Coded {
  count: number;
  examples: { file: string; row: number; value: string }[];
}

export interface Repair extends Coded {
  action: RepairGroup['action'];
  count: number;
  examples: RowRepair[];
}

/** A warning or note of a load (or of building the customers, which has no codes). */
export interface Note extends Coded {
  file?: string;
  severity?: 'error' | 'warning' | 'info';
}

/** How many tables the reader found in a text file (1 unless it said it holds several). */
export function tablesIn(issues: readonly { code?: string; params?: Record<string, string | number> }[]): number {
  const said = issues.find((i) => i.code === 'text.tables');
  return Math.max(1, Number(said?.params?.tables ?? 1));
}

/** Did the engine ask (or decide, or was told) DD/MM vs MM/DD? */
export function asksDateOrder(issues: readonly { code?: string }[]): boolean {
  return issues.some((i) => i.code !== undefined && DATE_ORDER_CODES.has(i.code));
}

/** The issues of a failed load (none for an error that is not the engine's LoadError). */
export function errorIssues(e: unknown): LoadIssue[] {
  return e instanceof LoadError ? e.issues : [];
}

/** The file's columns as the engine read them before the load failed ([] when unknown). */
export function failedColumns(e: unknown): string[] {
  return e instanceof LoadError ? [...(e.columns ?? [])] : [];
}

function issueOf(i: LoadIssue): Issue {
  const out: Issue = { severity: i.severity, file: i.file, message: i.message };
  if (i.code !== undefined) out.code = i.code;
  if (i.params !== undefined) out.params = { ...i.params };
  if (i.hint !== undefined) out.hint = i.hint;
  if (i.line !== undefined) out.line = i.line;
  if (i.row !== undefined) out.row = i.row;
  if (i.column !== undefined) out.column = i.column;
  return out;
}

/** A failed load as the panel shows it; `file` is the file being loaded when it failed. */
/** The amount expression the engine suggests in a failed load's missing-amount error
 * (`Quantity * UnitPrice`), or null. */
export function amountSuggestion(p: LoadProblem | null): string | null {
  for (const i of p ? [p.first, ...p.others] : []) {
    const x = i.params?.expression;
    if (i.code === 'values.role_missing' && i.params?.role === 'amount' && typeof x === 'string' && x) return x;
  }
  return null;
}

/** The load was stopped by the user (Cancel): not a problem of the data. */
export function wasCancelled(e: unknown): boolean {
  return errorIssues(e).some((i) => i.code === 'file.cancelled');
}

export function problemOf(e: unknown, file: string): LoadProblem {
  if (e instanceof LoadError && e.issues.length) {
    const at = Math.max(0, e.issues.findIndex((i) => i.severity === 'error'));
    const issues = e.issues.map(issueOf);
    const first = issues[at]!;
    return { file: first.file || file, first, others: issues.filter((_, k) => k !== at) };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { file, first: { severity: 'error', file, message }, others: [] };
}

type Report = LoadReport | null | undefined;

export function leftOutOf(reports: readonly Report[]): LeftOut[] {
  return reports.flatMap((r) =>
    (r?.leftOut ?? []).map((l) => {
      const out: LeftOut = { message: l.reason, count: l.count, examples: l.examples.slice(0, LEFT_OUT_EXAMPLES).map((x) => ({ ...x })) };
      if (l.code !== undefined) out.code = l.code;
      if (l.params !== undefined) out.params = { ...l.params };
      return out;
    })
  );
}

export function repairsOf(reports: readonly Report[]): Repair[] {
  return reports.flatMap((r) =>
    (r?.repairs ?? []).map((g) => {
      const out: Repair = { code: g.code, params: { ...g.params }, message: g.message, action: g.action, count: g.count, examples: g.examples.map((x) => ({ ...x })) };
      if (g.hint !== undefined) out.hint = g.hint;
      return out;
    })
  );
}

/** The warnings and notes of the loads (errors stop a load and are shown as its problem), then
 * the notes of building the customers. */
export function notesOf(reports: readonly Report[], built: readonly (string | Coded)[] = []): Note[] {
  const issues: Note[] = reports.flatMap((r) => (r?.issues ?? []).filter((i) => i.severity !== 'error').map((i): Note => issueOf(i)));
  // the build's notices carry their codes (rendered in the UI's language); plain text as it is
  return [...issues, ...built.map((n): Note => (typeof n === 'string' ? { message: n } : n))];
}

/** The UI strings a place in a file is said with (see the dictionaries' `where.*`). */
export type WhereKey = 'where.file' | 'where.line' | 'where.row' | 'where.lineRow' | 'where.column';
export type Translate = (key: WhereKey, vars: Record<string, string | number>) => string;

/** "orders.csv, line 3 (data row 2), column amount", in the UI's language. */
export function whereText(w: Where, tr: Translate): string {
  const at =
    w.line !== undefined && w.row !== undefined
      ? tr('where.lineRow', { file: w.file, line: w.line, row: w.row })
      : w.line !== undefined
        ? tr('where.line', { file: w.file, line: w.line })
        : w.row !== undefined
          ? tr('where.row', { file: w.file, row: w.row })
          : tr('where.file', { file: w.file });
  return w.column !== undefined ? tr('where.column', { where: at, column: w.column }) : at;
}

/** Does the place say more than the file (a line, a row or a column)? */
export function hasPlace(w: Where): boolean {
  return w.line !== undefined || w.row !== undefined || w.column !== undefined;
}

export interface ExampleView {
  where: string;
  before: string;
  /** the row as read after the repair; null when it was left out or skipped */
  after: string | null;
  /** a row left out because it could be read in several ways: those readings */
  readings: string[];
}

/** One row of a repair group: where, the text before and (for a repaired row) after. */
export function exampleView(ex: RowRepair, action: RepairGroup['action'], tr: Translate): ExampleView {
  const where: Where = { file: ex.file, line: ex.line };
  if (ex.row !== undefined) where.row = ex.row;
  return { where: whereText(where, tr), before: ex.before, after: action === 'repaired' && ex.after !== undefined ? ex.after : null, readings: ex.readings ?? [] };
}

/** The rows of a group the panel lists, and how many more there are. */
export function shownExamples(g: Pick<Repair, 'count' | 'examples'>, max = REPAIR_EXAMPLES): { shown: RowRepair[]; more: number } {
  const shown = g.examples.slice(0, max);
  return { shown, more: Math.max(0, g.count - shown.length) };
}
