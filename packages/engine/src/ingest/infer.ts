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
  const parts: string[] = [];
  const inner: string[] = [];
  columns.forEach((c, i) => {
    // each value trimmed and cleaned once here (macros repeat their arguments); values without
    // a digit are neither numbers nor dates, so the regular expressions only see the others
    // (a value DuckDB's cast reads as a number is counted as one whatever k holds: it skips the
    // two regexp_replace of segmint_clean_num)
    // Text starting with a letter that does not begin a currency word segmint_clean_num strips
    // (C0039978, O10000000) is neither a number nor a date whatever follows: no k for it, so
    // none of the regular expressions below run on such ids.
    const letter = `(ascii(${ident(c)}) BETWEEN 65 AND 90 OR ascii(${ident(c)}) BETWEEN 97 AND 122) AND NOT (${['RMB', 'CNY', 'USD', 'EUR', 'GBP'].map((w) => `starts_with(${ident(c)}, '${w}')`).join(' OR ')})`;
    inner.push(
      `trim(${ident(c)}) AS t${i}`,
      `CASE WHEN ${letter} THEN NULL WHEN regexp_matches(${ident(c)}, '[0-9]') THEN (CASE WHEN TRY_CAST(${ident(c)} AS DOUBLE) IS NOT NULL THEN ${ident(c)} ELSE segmint_clean_num(${ident(c)}) END) END AS k${i}`
    );
    const v = `t${i}`;
    const digit = `k${i} IS NOT NULL`;
    // every date pattern starts with a digit, every number pattern of segmint_num_of with a
    // sign, a point or a digit: the regular expressions only run on values that do (ids such
    // as C0039978 or O10000000 skip them all)
    const startsDate = `ascii(${v}) BETWEEN 48 AND 57`;
    const startsNum = `(ascii(k${i}) BETWEEN 48 AND 57 OR ascii(k${i}) IN (43, 45, 46))`;
    const anyDate = `(${m(v, D.iso)} OR ${m(v, D.ymdSlash)} OR ${m(v, D.chinese)} OR ${m(v, D.dmy)})`;
    parts.push(
      `count(nullif(${v}, '')) AS n${i}`,
      `count(*) FILTER (${digit} AND ${m(v, '[-+]?\\d+')}) AS int${i}`,
      `count(*) FILTER (${digit} AND (TRY_CAST(${v} AS DOUBLE) IS NOT NULL OR (${startsNum} AND (segmint_num_of(k${i}, false) IS NOT NULL OR segmint_num_of(k${i}, true) IS NOT NULL)))) AS num${i}`,
      `count(*) FILTER (${digit} AND ${startsDate} AND (${m(v, D.ymd8)} OR (${anyDate} AND NOT contains(${v}, ':')))) AS date${i}`,
      `count(*) FILTER (${digit} AND ${startsDate} AND contains(${v}, ':') AND ${anyDate}) AS ts${i}`,
      `count(*) FILTER (lower(${v}) IN ('true', 'false', 'yes', 'no', '是', '否')) AS bool${i}`
    );
  });
  const [r] = await backend.query(`SELECT ${parts.join(', ')} FROM (SELECT ${inner.join(', ')} FROM (SELECT * FROM ${ident(table)} LIMIT ${TYPE_SAMPLE_ROWS}))`);
  return columns.map((name, i) => {
    const g = (k: string) => Number(r?.[`${k}${i}`] ?? 0);
    const n = g('n');
    let type: InferredType = 'text';
    if (n === 0) type = 'empty';
    else if (g('date') === n) type = 'date';
    else if (g('ts') + g('date') === n && g('ts') > 0) type = 'timestamp';
    else if (g('int') === n) type = 'integer';
    else if (g('num') === n) type = 'number';
    else if (g('bool') === n) type = 'boolean';
    return { name, type, nonNull: n };
  });
}
