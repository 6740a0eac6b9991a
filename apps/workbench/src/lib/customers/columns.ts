// The customer table's columns: how each column's values are written (one way per column, so
// numbers line up), which way a header click sorts, and the source a drill opens. Pure.
import type { BrowseColumn, BrowseSort, BrowseSpec, Cell } from '@segmint/engine';

/** How a column's cells are written: by the column's DuckDB type, once for the whole column. */
export type CellFormat = 'int' | 'decimal' | 'bool' | 'date' | 'text';

const INT_TYPE = /^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)\b/i;
const DECIMAL_TYPE = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC)\b/i;

export function cellFormat(col: Pick<BrowseColumn, 'type'>): CellFormat {
  if (INT_TYPE.test(col.type)) return 'int';
  if (DECIMAL_TYPE.test(col.type)) return 'decimal';
  if (/^BOOL/i.test(col.type)) return 'bool';
  if (/^(DATE|TIMESTAMP)/i.test(col.type)) return 'date';
  return 'text';
}

export function isNumeric(f: CellFormat): boolean {
  return f === 'int' || f === 'decimal';
}

/** Decimals of a 'decimal' column (money, averages): always 2, so the column lines up. */
export const DECIMALS = 2;

/** A cell as shown: NULL as an en dash, numbers in the locale with the column's decimals,
 * booleans as ✓ / ✗, dates as YYYY-MM-DD, text as it is. */
export function formatCell(v: Cell | undefined, f: CellFormat, locale: string): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (f === 'int' || f === 'decimal') {
    // a BIGINT beyond 2^53 arrives as its digits: show them as they are
    const n = typeof v === 'number' ? v : Number(v);
    if (typeof v === 'string' && !Number.isSafeInteger(n) && f === 'int') return v;
    if (!Number.isFinite(n)) return String(v);
    const digits = f === 'int' ? 0 : DECIMALS;
    return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
  }
  if (f === 'date') return String(v).slice(0, 10);
  return String(v);
}

/** The sort after a click on `column`'s header: a new column ascending, the same one flipped. */
export function nextSort(current: BrowseSort | null, column: string): BrowseSort {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/** aria-sort of a header. */
export function ariaSort(current: BrowseSort | null, column: string): 'ascending' | 'descending' | 'none' {
  if (current?.column !== column) return 'none';
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

/** What a drill opens: everyone, one segment (null = the unassigned), a tag, or the quick rule. */
export type DrillSource =
  | { kind: 'all' }
  | { kind: 'segment'; segment: string | null; label: string }
  | { kind: 'tag'; tag: string; label: string }
  | { kind: 'quick'; rule: string; sql: string; params: readonly unknown[] }
  /** the customers of a migration flow (a condition over the review's table; migration/) */
  | { kind: 'flow'; label: string; sql: string; params: readonly unknown[] };

/** The engine's browse spec of a drill (sort and search added by the caller). */
export function browseSpec(source: DrillSource): BrowseSpec {
  switch (source.kind) {
    case 'all':
      return { from: 'all' };
    case 'segment':
      return { from: 'segment', segment: source.segment };
    case 'tag':
      return { from: 'tag', tag: source.tag };
    case 'quick':
    case 'flow':
      return { from: 'quick', quick: { sql: source.sql, params: source.params } };
  }
}

/** Whether a drill needs the rule file's segmentation table (a quick rule or everyone does not:
 * they show the segment and tags when the rules are valid, and go without them otherwise). */
export function needsSegmentation(source: DrillSource): boolean {
  return source.kind === 'segment' || source.kind === 'tag';
}

/** A column's width in px: the id and text attributes wider than numbers and flags. */
export function columnWidth(col: Pick<BrowseColumn, 'kind' | 'type'>): number {
  const f = cellFormat(col);
  if (col.kind === 'customer') return 130;
  if (f === 'bool') return 90;
  if (f === 'int' || f === 'decimal') return 110;
  if (f === 'date') return 120;
  return 160;
}
