// Column types inferred from the text of the cells, with SQL aggregates (no JS row loops).
import type { Backend } from '../types.js';
import { ident } from '../sql/quote.js';
import { DATE_PATTERNS as D } from './sqlfns.js';

export type InferredType = 'integer' | 'number' | 'date' | 'timestamp' | 'boolean' | 'text' | 'empty';

export interface ColumnProfile {
  name: string;
  type: InferredType;
  nonNull: number;
  distinct: number;
}

/** Rows looked at to infer types (the first ones, deterministic); conversions of the columns
 * used for roles always look at every row. */
export const TYPE_SAMPLE_ROWS = 100_000;

const m = (v: string, re: string) => `regexp_full_match(${v}, '${re}')`;

export async function inferColumns(backend: Backend, table: string, columns: string[]): Promise<ColumnProfile[]> {
  if (columns.length === 0) return [];
  const parts: string[] = [];
  columns.forEach((c, i) => {
    const v = `trim(${ident(c)})`;
    parts.push(
      `count(nullif(${v}, '')) AS n${i}`,
      `approx_count_distinct(nullif(${v}, '')) AS d${i}`,
      `count(*) FILTER (${m(v, '[-+]?\\d+')}) AS int${i}`,
      `count(*) FILTER (segmint_num(${ident(c)}, false) IS NOT NULL OR segmint_num(${ident(c)}, true) IS NOT NULL) AS num${i}`,
      `count(*) FILTER (${m(v, D.ymd8)} OR ((${m(v, D.iso)} OR ${m(v, D.ymdSlash)} OR ${m(v, D.chinese)} OR ${m(v, D.dmy)}) AND NOT regexp_matches(${v}, '\\d:\\d'))) AS date${i}`,
      `count(*) FILTER ((${m(v, D.iso)} OR ${m(v, D.ymdSlash)} OR ${m(v, D.chinese)} OR ${m(v, D.dmy)}) AND regexp_matches(${v}, '\\d:\\d')) AS ts${i}`,
      `count(*) FILTER (lower(${v}) IN ('true', 'false', 'yes', 'no', '是', '否')) AS bool${i}`
    );
  });
  const [r] = await backend.query(`SELECT ${parts.join(', ')} FROM (SELECT * FROM ${ident(table)} LIMIT ${TYPE_SAMPLE_ROWS})`);
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
    return { name, type, nonNull: n, distinct: g('d') };
  });
}
