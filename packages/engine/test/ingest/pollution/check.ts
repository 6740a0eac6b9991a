// Reading a file as the engine does (readRaw: every column as text, the data row numbers, the
// repair report) and comparing it with what the file means, cell by cell by position. A
// difference is allowed only where the report says so: the row repaired (its `after` text the
// row as read), left out, or the line skipped, with a code that fits what was done to it.
import type { IngestOptions } from '../../../src/ingest/read.js';
import { readRaw } from '../../../src/ingest/read.js';
import { ident } from '../../../src/sql/quote.js';
import type { Backend, InputFile, RepairGroup } from '../../../src/types.js';
import { parseAfter, reportText, sameCells, showCells, type Cell } from './csv-model.js';
import type { Expected, Touch } from './corpus.js';

export interface ReadRow {
  row: number;
  cells: Cell[];
}

export interface Reading {
  columns: string[];
  rows: ReadRow[];
  repairs: RepairGroup[];
  issues: string[];
  /** read by DuckDB's own reader where the file is (not the lenient reader's copy) */
  fastPath: boolean;
  format: string;
}

/** The raw table of one file, in data row order. */
export async function readFile(backend: Backend, file: InputFile, options: IngestOptions = {}): Promise<Reading> {
  const raw = await readRaw(backend, [file], options);
  const cols = raw.loaded;
  const rows = await backend.query(
    `SELECT ${cols.map((c, i) => `${ident(c)} AS c${i}`).join(', ')}, CAST(__segmint_row AS BIGINT) AS __r FROM ${ident(raw.table)} ORDER BY __segmint_fi, __segmint_row`
  );
  return {
    columns: raw.columns,
    rows: rows.map((r) => ({ row: Number(r.__r), cells: cols.map((_, i) => cellOf(r[`c${i}`])) })),
    repairs: raw.repairs,
    issues: raw.issues.map((i) => i.code ?? i.message),
    fastPath: !raw.explicitRows,
    format: raw.format
  };
}

function cellOf(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`a raw cell that is not text: ${JSON.stringify(v)}`);
  return v;
}

/** One entry of the report. */
export interface Entry {
  code: string;
  action: RepairGroup['action'];
  file: string;
  line: number;
  row?: number;
  before: string;
  after?: string;
}

export function entries(repairs: readonly RepairGroup[]): Entry[] {
  return repairs.flatMap((g) =>
    g.examples.map((e) => ({ code: g.code, action: g.action, file: e.file, line: e.line, ...(e.row !== undefined ? { row: e.row } : {}), before: e.before, ...(e.after !== undefined ? { after: e.after } : {}) }))
  );
}

const show = (e: Entry) => `${e.code} ${e.action} line ${e.line}${e.row !== undefined ? ` row ${e.row}` : ''} before ${JSON.stringify(reportText(e.before).slice(0, 120))}${e.after !== undefined ? ` after ${JSON.stringify(e.after.slice(0, 120))}` : ''}`;

/** Does entry `e` report touch `t` (same line, same row, the record's text, a fitting code)? */
function reports(e: Entry, t: Touch): boolean {
  return e.line === t.line && e.row === t.row && e.before === reportText(t.before) && t.accept.some((o) => o.action === e.action && o.codes.includes(e.code));
}

/**
 * Every way in which `got` breaks the rule for a file that means `expected` (empty: it keeps
 * it). Messages name the data row, the line and the cells expected and read.
 */
export function violations(expected: Expected, got: Reading): string[] {
  const out: string[] = [];
  if (JSON.stringify(got.columns) !== JSON.stringify(expected.columns)) out.push(`columns: expected ${JSON.stringify(expected.columns)}, got ${JSON.stringify(got.columns)}`);
  const all = entries(got.repairs);
  // each report says which file, what was wrong (a message) and, for a repair, the text after it
  for (const g of got.repairs) if (!g.message) out.push(`a report without a message: ${g.code}`);
  for (const e of all) {
    if (e.file !== expected.file) out.push(`a report names the file ${JSON.stringify(e.file)}, not ${JSON.stringify(expected.file)}: ${show(e)}`);
    if (e.action === 'repaired' && e.after === undefined) out.push(`a repair without its after text: ${show(e)}`);
  }
  const byRow = new Map<number, Entry[]>();
  for (const e of all) if (e.row !== undefined && e.action !== 'skipped') byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const touchByRow = new Map<number, Touch>();
  for (const t of expected.touches) if (t.row !== undefined) touchByRow.set(t.row, t);

  const gotByRow = new Map<number, Cell[]>();
  let last = 0;
  for (const r of got.rows) {
    if (gotByRow.has(r.row)) out.push(`data row ${r.row} read twice`);
    if (r.row <= last) out.push(`data rows out of order: ${r.row} after ${last}`);
    last = r.row;
    gotByRow.set(r.row, r.cells);
  }
  const expectedRows = new Set(expected.rows.map((r) => r.row));
  for (const r of got.rows) if (!expectedRows.has(r.row)) out.push(`row ${r.row} read but the file has no such data row: ${showCells(r.cells)}${byRow.has(r.row) ? '' : ' (not reported)'}`);

  for (const e of expected.rows) {
    const where = `row ${e.row} (line ${e.line})`;
    const t = touchByRow.get(e.row);
    const reps = byRow.get(e.row) ?? [];
    const a = gotByRow.get(e.row);
    for (const r of reps) {
      if (!t) out.push(`${where} is clean but reported: ${show(r)}`);
      else if (!reports(r, t)) out.push(`${where} (${t.what}) reported with an unfitting entry: ${show(r)}; fitting: ${JSON.stringify(t.accept)} at line ${t.line}, before ${JSON.stringify(reportText(t.before).slice(0, 120))}`);
    }
    if (a) {
      if (reps.some((r) => r.action === 'left_out')) out.push(`${where} reported as left out but read: ${showCells(a)}`);
      if (sameCells(a, e.cells)) {
        if (t?.required && !reps.some((r) => reports(r, t))) out.push(`${where} (${t.what}) read right but not reported`);
        continue;
      }
      const rep = reps.find((r) => r.action === 'repaired');
      if (!rep) {
        out.push(`${where} SILENTLY differs: expected ${showCells(e.cells)}, got ${showCells(a)}`);
        continue;
      }
      if (rep.after !== undefined && !rep.after.endsWith('…')) {
        const after = parseAfter(rep.after, expected.separator);
        if (!after || !sameCells(after, a)) out.push(`${where} repaired, but the report's after text ${JSON.stringify(rep.after)} is not the row as read: ${showCells(a)}`);
      }
      const exact = t?.accept.some((o) => o.action === 'repaired' && o.codes.includes(rep.code) && o.exact !== false) ?? true;
      if (exact) out.push(`${where} repaired (${rep.code}) into the wrong cells: expected ${showCells(e.cells)}, got ${showCells(a)}`);
    } else {
      const rep = reps.find((r) => r.action === 'left_out');
      if (!rep) out.push(`${where} MISSING without a report (expected ${showCells(e.cells)})`);
      else if (!t) out.push(`${where} is clean but left out: ${show(rep)}`);
    }
  }

  // lines that are no data rows: skipped and reported where required; nothing else reported
  for (const t of expected.touches) {
    if (t.row !== undefined) continue;
    if (t.required && !all.some((e) => reports(e, t))) out.push(`line ${t.line} (${t.what}: ${JSON.stringify(reportText(t.before).slice(0, 80))}) not reported as ${JSON.stringify(t.accept)}`);
  }
  for (const e of all) {
    if (e.row !== undefined && e.action !== 'skipped') continue; // data rows: above
    const t = expected.touches.find((x) => x.row === undefined && x.line === e.line);
    if (!t) out.push(`unexpected report of line ${e.line}: ${show(e)}`);
    else if (!reports(e, t)) out.push(`line ${e.line} (${t.what}) reported with an unfitting entry: ${show(e)}`);
  }
  const shift = shiftOf(expected, got);
  if (shift !== 0) out.unshift(`the rows read are the file's data rows shifted: read row r holds the file's data row r${shift > 0 ? '+' : ''}${shift}`);
  for (const code of expected.issues) if (!got.issues.includes(code)) out.push(`issue ${code} not reported (issues: ${got.issues.join(', ') || 'none'})`);
  if (expected.fastPath && !got.fastPath) out.push(`not read by the fast path (format: ${got.format}; repairs: ${all.length})`);
  return out;
}

/** At most `max` violations, then how many more (a readable failure). */
export function summary(v: readonly string[], max = 12): string[] {
  return v.length <= max ? [...v] : [...v.slice(0, max), `... and ${v.length - max} more`];
}

/** The offset d (|d| <= 3, not 0) such that most rows read equal the file's data row r + d,
 * when the rows read are the file's rows renumbered; else 0. */
function shiftOf(expected: Expected, got: Reading): number {
  const byRow = new Map(expected.rows.map((r) => [r.row, r.cells]));
  const fits = (d: number) => got.rows.filter((r) => {
    const e = byRow.get(r.row + d);
    return e !== undefined && sameCells(e, r.cells);
  }).length;
  const same = fits(0);
  for (const d of [1, -1, 2, -2, 3, -3]) if (got.rows.length >= 2 && fits(d) > Math.max(same, got.rows.length / 2)) return d;
  return 0;
}
