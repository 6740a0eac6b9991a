// "Take results out": the per-customer table (everyone, one segment, one tag or a quick rule's
// matches) as a CSV or .xlsx file, and the segment summary as CSV, as bytes ready to download.
// Browser-safe (no node:* imports): the engine's Backend gives the rows, @e965/xlsx writes .xlsx.
//
// - The rows and columns are the engine's segmentOutputSql (the CLI's `segmint segment` file and
//   the app's customer table): customer, segment, metrics, tags, defines, the customers file's
//   attributes.
// - Personal columns of the customers file are masked by default with the strategy package's one
//   rule (personalKind + maskValue, see export.ts); `mask: false` keeps them.
// - Text cells a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP); values
//   of numeric columns never are (-35 stays a number).
// - Rows are read in blocks from a temporary, numbered copy of the result, never as one result.
import * as XLSX from '@e965/xlsx';
import {
  CUSTOMERS_TABLE,
  METRIC_COLUMNS,
  OUTPUT_METRICS,
  SEGMENTED_TABLE,
  ident,
  segmentOutputSql,
  tableColumns,
  type Backend,
  type Cell,
  type CompiledExpression,
  type SegmentationResult,
  type Workspace
} from '@segmint/engine';
import { csvCell, csvLine } from './escape.js';
import { maskValue, personalKind, type PersonalKind } from './export.js';
import { StrategyError } from './messages/index.js';

export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** CSV line ending: CRLF, as RFC 4180 specifies and Excel writes (every reader takes it). */
export const CSV_EOL = '\r\n';
/** Rows per block read from the database. */
export const EXPORT_BLOCK_ROWS = 10_000;
/** Excel's limit of characters in one cell. */
export const XLSX_MAX_CELL_CHARS = 32_767;
/** Excel's sheet limit (1,048,576 rows) minus the header row. */
export const XLSX_MAX_ROWS = 1_048_575;

/** Which customers: everyone; one segment (null = the unassigned); those carrying a tag; those a
 * compiled quick rule (compileExpression over the customer relation) matches. */
export type ExportScope =
  | { kind: 'all' }
  | { kind: 'segment'; segment: string | null }
  | { kind: 'tag'; tag: string }
  | { kind: 'quick-rule'; rule: CompiledExpression; /** for the file name, default 'quick-rule' */ name?: string };

export type ExportFormat = 'csv' | 'xlsx';

export interface TableExportOptions {
  scope?: ExportScope;
  format?: ExportFormat;
  /** mask the personal columns of the customers file (default true) */
  mask?: boolean;
  /** the data set's name for the file name (e.g. the orders file's name; an extension is dropped) */
  dataSet?: string;
  /** the as-of date for the file name (YYYY-MM-DD); default the workspace's */
  asOf?: string;
  /** rows per database read (default EXPORT_BLOCK_ROWS) */
  blockRows?: number;
  /** called after each block with the rows written so far and the total */
  onProgress?: (p: { rows: number; total: number }) => void;
  /** stops the export between blocks (the promise rejects with the signal's reason) */
  signal?: AbortSignal;
}

export interface ExportFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
  /** data rows written (header excluded) */
  rows: number;
  columns: string[];
  /** the personal columns found, and whether they were masked */
  personal: { column: string; kind: PersonalKind }[];
  masked: boolean;
}

/** A Workspace, or a Backend with the table names (default 'segmented' and 'customers'). */
export type ExportSource = Workspace | { backend: Backend; table?: string; relation?: string; asOf?: string };

const NUMERIC_TYPE = /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC)\b/i;
const FORMULA_START = /^[=+\-@\t\r]/;

/** The formula-injection guard (OWASP): text starting with = + - @ tab or CR gets a leading
 * apostrophe. The same rule as csvCell's, for cells that are not CSV text (.xlsx). */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function isWorkspace(s: ExportSource): s is Workspace {
  return 'lastResult' in s && 'buildCustomers' in s;
}

function resolveSource(source: ExportSource): { backend: Backend; table: string; relation: string; asOf: string | null } {
  if (isWorkspace(source)) {
    const last = source.lastResult;
    if (last && !last.materialized) {
      throw new StrategyError('download.not-materialized');
    }
    return { backend: source.backend, table: last?.table ?? SEGMENTED_TABLE, relation: CUSTOMERS_TABLE, asOf: last?.asOf ?? source.asOf };
  }
  return { backend: source.backend, table: source.table ?? SEGMENTED_TABLE, relation: source.relation ?? CUSTOMERS_TABLE, asOf: source.asOf ?? null };
}

function cells(params: readonly unknown[]): Cell[] {
  return params.map((p) => {
    if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return p;
    throw new StrategyError('download.bad-param', { type: typeof p });
  });
}

let exportSeq = 0;

/**
 * The per-customer table of a segmentation as a CSV (UTF-8 with BOM, CRLF, RFC 4180) or .xlsx
 * file. Columns as segmentOutputSql gives them; rows by customer id.
 */
export async function exportCustomerTable(source: ExportSource, options: TableExportOptions = {}): Promise<ExportFile> {
  const { backend, table, relation, asOf } = resolveSource(source);
  const scope = options.scope ?? { kind: 'all' };
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw new StrategyError('download.unknown-format', { format: String(format) });
  const mask = options.mask ?? true;
  const block = Math.max(1, Math.floor(options.blockRows ?? EXPORT_BLOCK_ROWS));

  const base = await segmentOutputSql(backend, table, relation, { segment: scope.kind === 'segment' ? scope.segment : undefined, orderBy: false });
  let sql = base.sql;
  let params: Cell[] = base.params;
  if (scope.kind === 'tag') {
    const tagCol = (await tableColumns(backend, table)).find((c) => c.name === scope.tag && c.type === 'BOOLEAN');
    if (!tagCol) throw new StrategyError('download.unknown-tag', { tag: scope.tag });
    sql = `SELECT * FROM (${base.sql}) o WHERE o.customer IN (SELECT customer FROM ${ident(table)} WHERE ${ident(tagCol.name)})`;
  } else if (scope.kind === 'quick-rule') {
    // evaluated in a SELECT list over the whole relation: the rule may hold window functions
    sql = `SELECT * FROM (${base.sql}) o WHERE o.customer IN (
      SELECT customer FROM (SELECT customer, CAST((${scope.rule.sql}) AS BOOLEAN) AS __segmint_m FROM ${ident(relation)}) q WHERE __segmint_m)`;
    params = cells(scope.rule.params);
  }

  // personal columns: the customers file's attributes (the relation's non-metric columns).
  // segmentOutputSql puts the relation's columns other than customer and OUTPUT_METRICS last, in
  // the relation's order (renamed `x_2` on a clash): pair them with their source names.
  const metricNames = new Set<string>(METRIC_COLUMNS.map((c) => c.toLowerCase()));
  const outputMetrics = new Set<string>(OUTPUT_METRICS.map((c) => c.toLowerCase()));
  const relTail = (await tableColumns(backend, relation)).map((c) => c.name).filter((c) => c.toLowerCase() !== 'customer' && !outputMetrics.has(c.toLowerCase()));
  const columns = base.columns;
  const tailStart = columns.length - relTail.length;
  const personal: { column: string; kind: PersonalKind }[] = [];
  const kinds: (PersonalKind | null)[] = columns.map((c, i) => {
    const src = i >= tailStart ? relTail[i - tailStart]! : null;
    const kind = src !== null && !metricNames.has(src.toLowerCase()) ? personalKind(src) : null;
    if (kind) personal.push({ column: c, kind });
    return kind;
  });

  // a numbered, ordered copy of the result, read in blocks by row number
  options.signal?.throwIfAborted();
  const tmp = `__segmint_export_${Date.now().toString(36)}_${++exportSeq}`;
  await backend.exec(`CREATE TEMP TABLE ${ident(tmp)} AS SELECT row_number() OVER (ORDER BY e.customer) AS __segmint_rn, e.* FROM (${sql}) e ORDER BY __segmint_rn`, params);
  try {
    const types = (await tableColumns(backend, tmp)).filter((c) => c.name !== '__segmint_rn');
    const styles = columns.map((_, i) => (mask && kinds[i] ? null : numberStyle(types[i]?.type ?? '')));
    const total = Number((await backend.query(`SELECT count(*) AS n FROM ${ident(tmp)}`))[0]?.n ?? 0);
    if (format === 'xlsx' && total > XLSX_MAX_ROWS) {
      throw new StrategyError('download.too-many-rows', { total, max: XLSX_MAX_ROWS });
    }
    const aliases = columns.map((_, i) => `c${i}`);
    const selectList = columns.map((c, i) => `${ident(c)} AS ${ident(aliases[i]!)}`).join(', ');
    // one writer per column, chosen once: mask, then write as CSV text or an .xlsx value
    const maskers = columns.map((_, i) => {
      const kind = mask ? kinds[i] : null;
      return kind ? (v: Cell) => maskValue(v, kind) : (v: Cell) => v;
    });
    const n = columns.length;
    const csvParts: Uint8Array[] = [];
    const encoder = new TextEncoder();
    const aoa: unknown[][] = [columns.map((c) => guardFormula(c))];
    if (format === 'csv') csvParts.push(encoder.encode(`\uFEFF${csvLine(columns)}${CSV_EOL}`));
    let rows = 0;
    for (let from = 0; from < total; from += block) {
      options.signal?.throwIfAborted();
      const page = await backend.query(`SELECT ${selectList} FROM ${ident(tmp)} WHERE __segmint_rn > ${from} AND __segmint_rn <= ${from + block} ORDER BY __segmint_rn`);
      if (format === 'csv') {
        const lines: string[] = [];
        for (const r of page) {
          const fields: string[] = new Array(n);
          for (let i = 0; i < n; i++) fields[i] = csvValue(maskers[i]!(r[aliases[i]!] ?? null), styles[i]!);
          lines.push(fields.join(','));
        }
        if (lines.length) csvParts.push(encoder.encode(lines.join(CSV_EOL) + CSV_EOL));
      } else {
        for (const r of page) {
          const cellsOut: unknown[] = new Array(n);
          for (let i = 0; i < n; i++) {
            const cell = xlsxValue(maskers[i]!(r[aliases[i]!] ?? null), styles[i]! !== null);
            if (typeof cell === 'string' && cell.length > XLSX_MAX_CELL_CHARS) {
              throw new StrategyError('download.cell-too-long', { customer: String(r[aliases[0]!]), column: String(columns[i]), length: cell.length, max: XLSX_MAX_CELL_CHARS });
            }
            cellsOut[i] = cell;
          }
          aoa.push(cellsOut);
        }
      }
      rows += page.length;
      options.onProgress?.({ rows, total });
    }
    const bytes = format === 'csv' ? concat(csvParts) : xlsxBytes(aoa, 'customers');
    const fileName = exportFileName({ dataSet: options.dataSet, part: scopeName(scope), asOf: options.asOf ?? asOf, ext: format });
    return { bytes, fileName, mimeType: format === 'csv' ? CSV_MIME : XLSX_MIME, rows, columns, personal, masked: mask };
  } finally {
    await backend.exec(`DROP TABLE IF EXISTS ${ident(tmp)}`);
  }
}

/** How a numeric column's values are written in CSV, by its DuckDB type: as DuckDB's COPY (and so
 * `segmint segment --out x.csv`) writes them. */
type NumberStyle = { kind: 'int' } | { kind: 'double' } | { kind: 'decimal'; scale: number } | null;

function numberStyle(type: string): NumberStyle {
  if (!NUMERIC_TYPE.test(type)) return null;
  const dec = /^(DECIMAL|NUMERIC)\s*\(\s*\d+\s*,\s*(\d+)\s*\)/i.exec(type);
  if (dec) return { kind: 'decimal', scale: Number(dec[2]) };
  if (/^(DOUBLE|FLOAT|REAL)/i.test(type)) return { kind: 'double' };
  return { kind: 'int' };
}

/** A DOUBLE as DuckDB writes it: the shortest text that reads back to the same number (full
 * precision), fixed notation with at least one decimal for exponents -4..15 (`15621.0`, `0.0001`),
 * else scientific with a two-digit exponent (`1e+16`, `1.5e-07`). */
export function formatDouble(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-4 && abs < 1e16) {
    // fixed notation (JS writes it for 1e-7 <= |v| < 1e21, shortest digits)
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  const [mant, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    const fixed = String(v); // JS writes fixed notation for 1e-7 <= |v| < 1e21, shortest digits
    return fixed.includes('.') ? fixed : `${fixed}.0`;
  }
  const sign = exp < 0 ? '-' : '+';
  return `${mant}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** A CSV field: numbers of numeric columns written as DuckDB's COPY writes them (full precision;
 * a BIGINT beyond 2^53 arrives as its digits), everything else through csvCell (RFC 4180 +
 * formula guard). */
function csvValue(v: Cell, style: NumberStyle): string {
  if (style && typeof v === 'number' && Number.isFinite(v)) {
    if (style.kind === 'double') return formatDouble(v);
    if (style.kind === 'decimal') return v.toFixed(style.scale);
    return String(v);
  }
  if (style && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return v;
  return csvCell(v);
}

/** An .xlsx cell: numbers as numbers, booleans as booleans, text guarded; an integer beyond
 * 2^53 as its digits (text: Excel keeps 15 digits of a number). */
function xlsxValue(v: Cell, numeric: boolean): unknown {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  if (numeric && /^-?\d+(\.\d+)?$/.test(v)) return v;
  return guardFormula(v);
}

function xlsxBytes(aoa: unknown[][], sheet: string): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(aoa, { dense: true } as XLSX.AOA2SheetOpts);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet);
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function scopeName(scope: ExportScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'segment':
      return scope.segment === null ? 'unassigned' : scope.segment;
    case 'tag':
      return `tag-${scope.tag}`;
    case 'quick-rule':
      return scope.name ?? 'quick-rule';
  }
}

/** The columns of the summary CSV (as reportToCsv names them, without the playbook columns). */
export const SUMMARY_CSV_COLUMNS = [
  'segment', 'label', 'customers', 'share', 'M', 'share_M',
  'R_mean', 'R_median', 'R_min', 'R_max', 'F_mean', 'F_median', 'F_min', 'F_max', 'M_mean', 'M_median', 'M_min', 'M_max'
] as const;

/** The segment summary table of a run (SegmentationResult.summary: segments in file order, then
 * the unassigned with an empty segment) as CSV: UTF-8 with BOM, CRLF, numbers in full precision. */
export function exportSummaryCsv(result: Pick<SegmentationResult, 'summary' | 'asOf'>, options: { dataSet?: string; asOf?: string } = {}): ExportFile {
  const lines = [csvLine(SUMMARY_CSV_COLUMNS)];
  for (const s of result.summary) {
    lines.push(
      csvLine([
        s.segment, s.label, s.customers, s.share, s.M, s.shareM,
        s.R.mean, s.R.median, s.R.min, s.R.max, s.F.mean, s.F.median, s.F.min, s.F.max, s.Mstat.mean, s.Mstat.median, s.Mstat.min, s.Mstat.max
      ])
    );
  }
  const bytes = new TextEncoder().encode(`\uFEFF${lines.join(CSV_EOL)}${CSV_EOL}`);
  const fileName = exportFileName({ dataSet: options.dataSet, part: 'summary', asOf: options.asOf ?? result.asOf, ext: 'csv' });
  return { bytes, fileName, mimeType: CSV_MIME, rows: result.summary.length, columns: [...SUMMARY_CSV_COLUMNS], personal: [], masked: false };
}

const RESERVED_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const DATA_EXT = /\.(csv|tsv|txt|xlsx|xls|parquet|json|ndjson|gz)$/i;

/** One part of a file name, safe on Windows, macOS and Linux: no path separators, reserved
 * characters (< > : " / \ | ? *) or control characters, no leading/trailing dots or spaces, not a
 * reserved device name (CON, NUL, COM1, ...); letters of any script (Chinese) kept. */
export function sanitizeFileNamePart(text: string, maxBytes = 80): string {
  let s = text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"/\\|?*]+/g, '_')
    .replace(/\s+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._-]+|[._ -]+$/g, '');
  if (RESERVED_NAME.test(s.split('.')[0] ?? '')) s = `_${s}`;
  // at most maxBytes of UTF-8, cut between characters
  const encoder = new TextEncoder();
  if (encoder.encode(s).length > maxBytes) {
    let out = '';
    for (const ch of Array.from(s)) {
      if (encoder.encode(out + ch).length > maxBytes) break;
      out += ch;
    }
    s = out.replace(/[._ -]+$/g, '');
  }
  return s;
}

/** `segmint-<data set>-<part>-asof-<YYYY-MM-DD>.<ext>`, each part sanitised (see
 * sanitizeFileNamePart); a missing data set or as-of is left out. */
export function exportFileName(o: { dataSet?: string | null; part: string; asOf?: string | null; ext: string }): string {
  const dataSet = o.dataSet ? sanitizeFileNamePart(o.dataSet.replace(/^.*[/\\]/, '').replace(DATA_EXT, '').replace(DATA_EXT, '')) : '';
  const part = sanitizeFileNamePart(o.part) || 'export';
  const asOf = o.asOf && /^\d{4}-\d{2}-\d{2}/.test(o.asOf) ? o.asOf.slice(0, 10) : '';
  return ['segmint', dataSet, part, asOf ? `asof-${asOf}` : ''].filter(Boolean).join('-') + `.${o.ext}`;
}
