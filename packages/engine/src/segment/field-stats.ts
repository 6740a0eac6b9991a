// What the rule editor shows about each field of the customer relation: for numbers and dates
// the smallest, median and largest value; for text the number of distinct values and, when
// there are few, the values themselves (completion offers them). One aggregate query over the
// relation, plus one small GROUP BY per text field with few values.
import type { Backend, Cell, SchemaField } from '../types.js';
import { ident } from '../sql/quote.js';
import { CUSTOMERS_TABLE } from '../metrics/index.js';

export interface FieldStats {
  name: string;
  type: SchemaField['type'];
  /** customers with a value (not missing) */
  present: number;
  /** customers in the relation */
  total: number;
  /** numbers and dates (dates as YYYY-MM-DD); null without values */
  min?: number | string | null;
  median?: number | string | null;
  max?: number | string | null;
  /** text and booleans: distinct values (missing not counted) */
  distinct?: number;
  /** text with at most `maxValues` distinct values: each with its customers, most common first */
  values?: { value: string; customers: number }[];
}

/** Text fields with up to this many distinct values list them (completion, hover). */
export const MAX_LISTED_VALUES = 30;

function num(v: Cell | undefined): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}
function scalar(v: Cell | undefined, type: SchemaField['type']): number | string | null {
  if (v === null || v === undefined) return null;
  return type === 'number' ? Number(v) : String(v);
}

/** Stats of `fields` (the relation's schema) over `relation`. */
export async function fieldStats(backend: Backend, fields: readonly SchemaField[], relation: string = CUSTOMERS_TABLE, maxValues = MAX_LISTED_VALUES): Promise<FieldStats[]> {
  if (fields.length === 0) return [];
  const parts = ['count(*) AS "t"'];
  fields.forEach((f, i) => {
    const c = ident(f.name);
    parts.push(`count(${c}) AS "p${i}"`);
    if (f.type === 'number') parts.push(`min(${c})::DOUBLE AS "lo${i}"`, `median(${c})::DOUBLE AS "md${i}"`, `max(${c})::DOUBLE AS "hi${i}"`);
    else if (f.type === 'date') parts.push(`min(${c})::VARCHAR AS "lo${i}"`, `quantile_disc(${c}, 0.5)::VARCHAR AS "md${i}"`, `max(${c})::VARCHAR AS "hi${i}"`);
    else parts.push(`count(DISTINCT ${c}) AS "d${i}"`);
  });
  const row = (await backend.query(`SELECT ${parts.join(', ')} FROM ${ident(relation)}`))[0] ?? {};
  const total = num(row.t);
  const out: FieldStats[] = [];
  for (const [i, f] of fields.entries()) {
    const s: FieldStats = { name: f.name, type: f.type, present: num(row[`p${i}`]), total };
    if (f.type === 'number' || f.type === 'date') {
      s.min = scalar(row[`lo${i}`], f.type);
      s.median = scalar(row[`md${i}`], f.type);
      s.max = scalar(row[`hi${i}`], f.type);
    } else {
      s.distinct = num(row[`d${i}`]);
      if (f.type === 'text' && s.distinct > 0 && s.distinct <= maxValues) {
        const c = ident(f.name);
        const rows = await backend.query(`SELECT ${c}::VARCHAR AS "v", count(*) AS "n" FROM ${ident(relation)} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $1`, [maxValues]);
        s.values = rows.map((r) => ({ value: String(r.v), customers: num(r.n) }));
      }
    }
    out.push(s);
  }
  return out;
}
