// Column types inferred from the text of the cells, with SQL aggregates (no JS row loops).
import type { Backend } from '../types.js';
import { ident } from '../sql/quote.js';
import { DATE_PATTERNS as D } from './sqlfns.js';

export type InferredType = 'integer' | 'number' | 'date' | 'timestamp' | 'boolean' | 'text' | 'empty';

export interface ColumnProfile {
  name: string;
  type: InferredType;
  nonNull: number;
}

/** Rows looked at to infer types (the first ones, deterministic); conversions of the columns
 * used for roles always look at every row. */
export const TYPE_SAMPLE_ROWS = 5_000;

const m = (v: string, re: string) => `regexp_full_match(${v}, '${re}')`;

export async function inferColumns(backend: Backend, table: string, columns: string[]): Promise<ColumnProfile[]> {
  if (columns.length === 0) return [];
  // The sample is turned into (column index, value) rows, so that every expression below, and
  // every regular expression in it, appears once in the SQL whatever the number of columns:
  // compiling the regular expressions of one query per column cost ~50 ms a column in wasm,
  // far more than running them on the sample.
  const x = '"__segmint_v"';
  // Text starting with a letter that does not begin a currency word segmint_clean_num strips
  // (C0039978, O10000000) is neither a number nor a date whatever follows: no k for it, so
  // none of the regular expressions below run on such ids. Values without a digit are neither
  // numbers nor dates either. (A value DuckDB's cast reads as a number is counted as one
  // whatever k holds: it skips the two regexp_replace of segmint_clean_num.)
  const letter = `(ascii(${x}) BETWEEN 65 AND 90 OR ascii(${x}) BETWEEN 97 AND 122) AND NOT (${['RMB', 'CNY', 'USD', 'EUR', 'GBP'].map((w) => `starts_with(${x}, '${w}')`).join(' OR ')})`;
  const k = `CASE WHEN ${letter} THEN NULL WHEN regexp_matches(${x}, '[0-9]') THEN (CASE WHEN TRY_CAST(${x} AS DOUBLE) IS NOT NULL THEN ${x} ELSE segmint_clean_num(${x}) END) END`;
  const v = 't';
  const digit = 'k IS NOT NULL';
  // every date pattern starts with a digit, every number pattern of segmint_num_of with a
  // sign, a point or a digit: the regular expressions only run on values that do
  const startsDate = `ascii(${v}) BETWEEN 48 AND 57`;
  const startsNum = '(ascii(k) BETWEEN 48 AND 57 OR ascii(k) IN (43, 45, 46))';
  const anyDate = `(${m(v, D.iso)} OR ${m(v, D.ymdSlash)} OR ${m(v, D.chinese)} OR ${m(v, D.dmy)})`;
  // d: 1 a date, 2 a date with a time, 0 neither (each pattern tested once per value)
  const d = `CASE WHEN ${digit} AND ${startsDate} THEN (CASE WHEN ${m(v, D.ymd8)} THEN 1 WHEN ${anyDate} THEN (CASE WHEN contains(${v}, ':') THEN 2 ELSE 1 END) ELSE 0 END) ELSE 0 END`;
  const aggregates = [
    'count(nullif(t, \'\')) AS n',
    `count(*) FILTER (${digit} AND ${m(v, '[-+]?\\d+')}) AS n_int`,
    `count(*) FILTER (${digit} AND (TRY_CAST(${v} AS DOUBLE) IS NOT NULL OR (${startsNum} AND (segmint_num_of(k, false) IS NOT NULL OR segmint_num_of(k, true) IS NOT NULL)))) AS n_num`,
    'count(*) FILTER (d = 1) AS n_date',
    'count(*) FILTER (d = 2) AS n_ts',
    `count(*) FILTER (lower(${v}) IN ('true', 'false', 'yes', 'no', '是', '否')) AS n_bool`
  ];
  // columns by position (c0, c1, ...): user names never need to survive UNPIVOT's name column
  const cols = columns.map((_, i) => `c${i}`);
  const sample = `SELECT ${columns.map((c, i) => `CAST(${ident(c)} AS VARCHAR) AS ${cols[i]}`).join(', ')} FROM ${ident(table)} LIMIT ${TYPE_SAMPLE_ROWS}`;
  const long = `SELECT CAST(substr(col, 2) AS INTEGER) AS i, trim(${x}) AS t, ${k} AS k FROM (UNPIVOT (${sample}) ON ${cols.join(', ')} INTO NAME col VALUE ${x})`;
  const rows = await backend.query(`SELECT i, ${aggregates.join(', ')} FROM (SELECT *, ${d} AS d FROM (${long})) GROUP BY i`);
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
  return columns.map((name, i) => {
    const r = byIndex.get(i);
    const g = (key: string) => Number(r?.[key] ?? 0);
    const n = g('n');
    let type: InferredType = 'text';
    if (n === 0) type = 'empty';
    else if (g('n_date') === n) type = 'date';
    else if (g('n_ts') + g('n_date') === n && g('n_ts') > 0) type = 'timestamp';
    else if (g('n_int') === n) type = 'integer';
    else if (g('n_num') === n) type = 'number';
    else if (g('n_bool') === n) type = 'boolean';
    return { name, type, nonNull: n };
  });
}
