// The table exactly as Segmint reads it, written back out: every column, the header as read,
// the cells as text (CSV) or typed by the engine's inference (Parquet), in the files' row order,
// with the reader's repairs and issues. `segmint convert` runs this; tests use `readTable` to see
// the reader's output cell by cell. The rows never pass through JavaScript on export: DuckDB's
// COPY writes the file.
import type { Backend, Cell, InputFile, LoadIssue, RepairGroup } from '../types.js';
import { LoadError } from '../types.js';
import type { MessageCode } from '../messages/index.js';
import type { Params } from '../messages/template.js';
import { ident, str } from '../sql/quote.js';
import { readRaw, type IngestOptions, type RawTable } from './read.js';
import { inferColumns, TYPE_SAMPLE_ROWS, type InferredType } from './infer.js';
import { BLANKS, createMacros } from './sqlfns.js';
import { decideDates, decideNumbers } from './convert.js';
import { filesLabel, issue, rowLabel } from './issues.js';
import { dropStaging, SRC_FILE, SRC_FI, SRC_ROW, STAGE } from './staging.js';

export type ExportFormat = 'csv' | 'parquet';

/** The type a column is written with: always 'text' in CSV; in Parquet the inferred type, or
 * 'text' when a value does not convert (see ExportCode 'export.kept_as_text'). */
export type ExportType = 'text' | 'integer' | 'number' | 'date' | 'timestamp' | 'boolean';

export interface ExportOptions extends IngestOptions {
  /** add the source file and data row of every row as the last two columns (`source_file`,
   * `source_row`, or `source_file_2`... when the file has columns of those names) */
  provenance?: boolean;
}

/** Codes of what an export reports beyond the reader's own issues (messages/en/export.ts). */
export type ExportCode = Extract<MessageCode, `export.${string}`>;


export interface ExportColumn {
  /** the name written in the header */
  name: string;
  type: ExportType;
  /** the column as read; null for the provenance columns */
  source: string | null;
  /** the type the engine inferred from the first rows (Parquet only) */
  inferred?: InferredType;
}

export interface ExportReport {
  files: string[];
  /** the input's format(s) as read ('delimited text (comma-separated, with header)', 'Parquet', ...) */
  format: string;
  encoding: string;
  rows: number;
  columns: ExportColumn[];
  /** what the text reader repaired, left out or skipped (every example it kept) */
  repairs: RepairGroup[];
  issues: LoadIssue[];
}

function exportIssue(severity: LoadIssue['severity'], code: ExportCode, file: string, params: Params, where: { row?: number; column?: string } = {}): LoadIssue {
  return issue(severity, code, file, code === 'export.kept_as_text' ? { sample: TYPE_SAMPLE_ROWS.toLocaleString('en-US'), ...params } : params, where);
}

const SQL_TYPE: Record<ExportType, string> = { text: 'VARCHAR', integer: 'BIGINT', number: 'DOUBLE', date: 'DATE', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN' };

/** A planned export: one SQL expression over the raw view per column, in order, and what it
 * reports. */
interface Plan {
  raw: RawTable;
  columns: ExportColumn[];
  exprs: string[];
  issues: LoadIssue[];
  /** SQL: the rows' order (the files in the order given, then each file's data rows) */
  order: string;
}

/** A name not among `taken` (case-insensitively, as DuckDB compares names): `wanted`, else
 * `wanted_2`, `wanted_3`, ... */
function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${wanted}_${k}`;
  taken.add(name.toLowerCase());
  return name;
}

/** SQL: the text `v` trimmed of blanks, NULL when nothing is left (an empty or blank cell is a
 * missing value once typed). */
const nonBlank = (v: string) => `nullif(trim(${v}, ${str(BLANKS)}), '')`;

/** How each typed column is converted: SQL over the raw text column. */
interface Conversion {
  type: Exclude<ExportType, 'text'>;
  sql: string;
}

async function conversion(backend: Backend, raw: RawTable, col: string, type: InferredType, options: ExportOptions, issues: LoadIssue[]): Promise<Conversion | null> {
  const v = ident(col);
  const t = nonBlank(v);
  switch (type) {
    case 'integer':
      // the sample's values are all [-+]?digits: DuckDB's own cast, exact (no DOUBLE in between)
      return { type, sql: `TRY_CAST(${t} AS BIGINT)` };
    case 'number': {
      const n = await decideNumbers(backend, raw, col);
      issues.push(...n.issues);
      return { type, sql: `segmint_num(${t}, ${n.commaFirst})` };
    }
    case 'date':
    case 'timestamp': {
      try {
        const d = await decideDates(backend, raw, col, options.dayFirst);
        issues.push(...d.issues);
        const ts = `segmint_ts_of(${t}, ${d.dayFirst}, ${d.serial})`;
        return { type, sql: type === 'date' ? `CAST(${ts} AS DATE)` : ts };
      } catch (err) {
        if (!(err instanceof LoadError)) throw err;
        // D/M/Y dates the data cannot decide: kept as text, with the reader's explanation
        const i = err.issues[0];
        issues.push(exportIssue('warning', 'export.dates_ambiguous', i?.file ?? filesLabel(raw.files), { column: col, type, reason: i?.message ?? err.message }, { column: col }));
        return null;
      }
    }
    case 'boolean': {
      const l = `lower(${t})`;
      return { type, sql: `CASE WHEN ${l} IN ('true', 'yes', '是') THEN true WHEN ${l} IN ('false', 'no', '否') THEN false END` };
    }
    default:
      return null;
  }
}

async function plan(backend: Backend, files: InputFile[], format: ExportFormat, options: ExportOptions): Promise<Plan> {
  await createMacros(backend);
  const raw = await readRaw(backend, files, options);
  const issues: LoadIssue[] = [...raw.issues];
  const file = filesLabel(raw.files);
  const columns: ExportColumn[] = raw.columns.map((c) => ({ name: c, type: 'text', source: c }));
  const exprs = raw.columns.map((c) => ident(c));
  if (format === 'parquet') {
    const profiles = await inferColumns(backend, raw.table, raw.columns);
    const typed: { i: number; conv: Conversion }[] = [];
    for (let i = 0; i < profiles.length; i++) {
      const p = profiles[i]!;
      columns[i]!.inferred = p.type;
      const conv = await conversion(backend, raw, p.name, p.type, options, issues);
      if (conv) typed.push({ i, conv });
    }
    if (typed.length) {
      // one scan counts, per column, the values that do not convert and (numbers) those with a
      // leading zero, with the first example of each
      const order = `(${ident(SRC_FI)}, ${ident(SRC_ROW)})`;
      const parts = typed.flatMap(({ i, conv }, k) => {
        const v = ident(raw.columns[i]!);
        const bad = `${nonBlank(v)} IS NOT NULL AND (${conv.sql}) IS NULL`;
        const zero = `regexp_matches(trim(${v}, ${str(BLANKS)}), '^[-+]?0[0-9]')`;
        const ex = (cond: string, tag: string) => [
          `count(*) FILTER (${cond}) AS n${tag}${k}`,
          `arg_min(${v}, ${order}) FILTER (${cond}) AS v${tag}${k}`,
          `arg_min(${ident(SRC_FILE)}, ${order}) FILTER (${cond}) AS f${tag}${k}`,
          `arg_min(${ident(SRC_ROW)}, ${order}) FILTER (${cond}) AS r${tag}${k}`
        ];
        return [...ex(bad, 'b'), ...(conv.type === 'integer' || conv.type === 'number' ? ex(zero, 'z') : [])];
      });
      const [r] = await backend.query(`SELECT ${parts.join(', ')} FROM ${ident(raw.table)}`);
      typed.forEach(({ i, conv }, k) => {
        const col = raw.columns[i]!;
        const at = (tag: string) => ({ count: Number(r?.[`n${tag}${k}`] ?? 0), example: String(r?.[`v${tag}${k}`] ?? ''), file: String(r?.[`f${tag}${k}`] ?? file), row: Number(r?.[`r${tag}${k}`] ?? 0) });
        const bad = at('b');
        const zero = at('z');
        if (bad.count > 0) issues.push(exportIssue('warning', 'export.kept_as_text', bad.file, { column: col, type: conv.type, ...bad }, { row: bad.row, column: col }));
        // ids with leading zeros (postcodes, phone numbers) stay text, as in a customers file
        else if (zero.count > 0) issues.push(exportIssue('info', 'export.leading_zeros', zero.file, { column: col, type: conv.type, ...zero }, { row: zero.row, column: col }));
        else {
          columns[i]!.type = conv.type;
          exprs[i] = conv.sql;
        }
      });
    }
  }
  if (options.provenance) {
    const taken = new Set(raw.columns.map((c) => c.toLowerCase()));
    for (const [wanted, what, src, type] of [
      ['source_file', 'source file', SRC_FILE, 'text'],
      ['source_row', 'source row', SRC_ROW, 'integer']
    ] as const) {
      const name = freeName(wanted, taken);
      if (name !== wanted) issues.push(exportIssue('info', 'export.provenance_renamed', file, { what, name, wanted }));
      columns.push({ name, type: format === 'csv' ? 'text' : type, source: null });
      exprs.push(ident(src));
    }
  }
  return { raw, columns, exprs, issues, order: await rowOrder(backend, raw) };
}

/** The files' order as given, then their data rows. The raw view numbers its files (SRC_FI)
 * in the order the reader read them, text files first: the same order unless text and other
 * formats are mixed, where the files are put back in the order given. */
async function rowOrder(backend: Backend, raw: RawTable): Promise<string> {
  const plain = `${ident(SRC_FI)}, ${ident(SRC_ROW)}`;
  if (raw.files.length === 1) return plain;
  const read = await backend.query(`SELECT name, i FROM ${ident(STAGE.files)}`);
  const given = new Map(raw.files.map((f, k) => [f, k]));
  if (read.every((r) => given.get(String(r.name)) === Number(r.i))) return plain;
  return `CASE ${ident(SRC_FI)} ${read.map((r) => `WHEN ${Number(r.i)} THEN ${given.get(String(r.name)) ?? Number(r.i)}`).join(' ')} END, ${ident(SRC_ROW)}`;
}

/** The SELECT of the export: every column as its type (text in CSV), named by `name`, the rows
 * in the files' order (see rowOrder). */
function selectSql(p: Plan, format: ExportFormat, name: (c: ExportColumn, i: number) => string): string {
  const cols = p.exprs.map((e, i) => {
    const c = p.columns[i]!;
    return `CAST(${e} AS ${format === 'csv' ? 'VARCHAR' : SQL_TYPE[c.type]}) AS ${name(c, i)}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${ident(p.raw.table)} ORDER BY ${p.order}`;
}

/** Drops every staging table of the read, the CSV reader's rejects tables included. */
async function cleanUp(backend: Backend): Promise<void> {
  await dropStaging(backend);
  for (const t of [STAGE.rejects, STAGE.rejectScans]) await backend.exec(`DROP TABLE IF EXISTS ${ident(t)}`);
}

function report(p: Plan): ExportReport {
  return { files: p.raw.files, format: p.raw.format, encoding: p.raw.encoding, rows: p.raw.rows, columns: p.columns, repairs: p.raw.repairs, issues: p.issues };
}

/** The COPY options that write `format`. CSV: UTF-8, comma, '\n', fields quoted only where
 * RFC 4180 needs it (a comma, a quote, a line break), quotes doubled; a NULL (an empty field in
 * the source) is an empty field and an empty string (a quoted "" in the source) is written as
 * "" (DuckDB's CSV writer quotes a value equal to its null string, ''), as PostgreSQL's COPY
 * CSV does, so that reading the file back tells the two apart. */
export function copyOptions(format: ExportFormat): string {
  return format === 'csv' ? `(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '')` : '(FORMAT parquet)';
}

/**
 * Reads `files` as Segmint reads them (every column, all files one table, like a load) and
 * writes the table to `path` (native DuckDB: a path on disk) as CSV or Parquet. Throws LoadError
 * when nothing can be read.
 */
export async function exportTable(backend: Backend, files: InputFile[], target: { format: ExportFormat; path: string }, options: ExportOptions = {}): Promise<ExportReport> {
  try {
    const p = await plan(backend, files, target.format, options);
    await backend.exec(`COPY (${selectSql(p, target.format, (c) => ident(c.name))}) TO ${str(target.path)} ${copyOptions(target.format)}`);
    return report(p);
  } finally {
    await cleanUp(backend);
  }
}

/** The table as `exportTable` would write it, as JS: the header and the rows by position
 * (text, or typed values with `as: 'parquet'`; NULL as null). For tests and small files. */
export async function readTable(backend: Backend, files: InputFile[], options: ExportOptions & { as?: ExportFormat } = {}): Promise<{ report: ExportReport; header: string[]; rows: Cell[][] }> {
  try {
    const format = options.as ?? 'csv';
    const p = await plan(backend, files, format, options);
    // positional names: users' names never need to survive as JS object keys
    const rows = await backend.query(selectSql(p, format, (_c, i) => `c${i}`));
    return { report: report(p), header: p.columns.map((c) => c.name), rows: rows.map((r) => p.columns.map((_c, i) => r[`c${i}`] ?? null)) };
  } finally {
    await cleanUp(backend);
  }
}

/** `file line N: before -> after` lines of a repair group's first `max` examples. */
export function repairExampleLines(g: RepairGroup, max = 5): string[] {
  const show = (s: string) => s.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return g.examples
    .slice(0, max)
    .map(
      (e) =>
        `${e.file} line ${e.line}${e.row !== undefined ? ` (${rowLabel(e.row)})` : ''}: ${show(e.before)}${e.after !== undefined ? ` -> ${show(e.after)}` : ` (${g.action === 'skipped' ? 'skipped' : 'left out'})`}${e.readings?.length ? `; it can be read as ${e.readings.map((r) => show(r)).join(' or as ')}` : ''}`
    );
}
