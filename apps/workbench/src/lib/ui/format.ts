// Number and value formatting for display, in the UI's language. Presentation only.
import type { Cell } from '@segmint/engine';
import { i18n } from '../i18n/index.svelte.js';
import { chooseFormat, formatNumber, formatRange, type ChooseOptions, type NumberFormat } from './numbers.js';

const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = i18n.locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(i18n.locale, options);
    cache.set(key, f);
  }
  return f;
}

export function fmtInt(n: number): string {
  return nf({ maximumFractionDigits: 0 }).format(n);
}

export function fmtNum(n: number, digits = 2): string {
  return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** 0.1234 -> "12.3%" */
export function fmtShare(x: number): string {
  return nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

// Columns and ranges: columnFormat() below (one format for all the values; a per-value compact
// format mixed "1.2K" with "980.5" in one column).

/** A table cell: integers as integers, other numbers with 2 decimals, empty for NULL. */
export function fmtCell(v: Cell): string {
  if (v === null) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? fmtInt(v) : fmtNum(v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  return v;
}

/** One format for a whole column (or every range of a column), from all its values, in the UI's
 * language (numbers.ts): the decimals and the compact unit do not change from row to row. */
export function columnFormat(values: Iterable<number | null | undefined>, options?: ChooseOptions): NumberFormat {
  return chooseFormat(values, i18n.locale, options);
}

/** A number of a column in the column's format; a cell that is not a number as fmtCell shows it. */
export function fmtIn(f: NumberFormat, v: Cell | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? formatNumber(f, v, i18n.locale) : fmtCell(v ?? null);
}

/** A range of a column in the column's format. */
export function fmtRangeIn(f: NumberFormat, min: number | null, max: number | null): string {
  return formatRange(f, min, max, i18n.locale);
}
