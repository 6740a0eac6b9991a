// Fields the rules resolve against: the built-in customer metrics (../shared/spec/metrics.md)
// and the columns of the customer data. The engine provides the real schema from loaded data.

export type FieldType = 'number' | 'text' | 'date' | 'boolean';

export interface SchemaField {
  name: string;
  type: FieldType;
  /** true when at least one customer has a missing (NULL) value */
  hasNulls?: boolean;
  /** a built-in metric rather than a column of the data */
  builtin?: boolean;
}

export interface Schema {
  fields: SchemaField[];
}

const b = (name: string, type: FieldType, hasNulls: boolean): SchemaField => ({ name, type, hasNulls, builtin: true });

/** The built-in metrics every customer relation has (see the metrics spec). */
export const builtinSchema: Schema = {
  fields: [
    b('customer', 'text', false),
    b('R', 'number', true),
    b('F', 'number', false),
    b('M', 'number', false),
    b('T', 'number', true),
    b('AOV', 'number', true),
    b('R_score', 'number', true),
    b('F_score', 'number', true),
    b('M_score', 'number', true),
    b('RFM', 'text', true),
    b('first_purchase', 'date', true),
    b('last_purchase', 'date', true)
  ]
};

/** The name `as_of` (unquoted) is the analysis date, not a column. */
export const AS_OF_NAME = 'as_of';

export type Lookup =
  | { kind: 'found'; field: SchemaField }
  | { kind: 'ambiguous'; candidates: SchemaField[] }
  | { kind: 'missing' };

/** Exact name first, then a unique case-insensitive match. */
export function lookupField(fields: readonly SchemaField[], name: string): Lookup {
  const exact = fields.find((f) => f.name === name);
  if (exact) return { kind: 'found', field: exact };
  const lower = name.toLowerCase();
  const ci = fields.filter((f) => f.name.toLowerCase() === lower);
  if (ci.length === 1 && ci[0]) return { kind: 'found', field: ci[0] };
  if (ci.length > 1) return { kind: 'ambiguous', candidates: ci };
  return { kind: 'missing' };
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), capped for speed. */
export function editDistance(a: string, b: string, cap = 8): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    let best = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > cap) return cap + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n] ?? cap + 1;
}

/** The closest names to `name` (case-insensitive distance), best first; at most `max`. */
export function suggest(name: string, candidates: readonly string[], max = 1): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3) + 1));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    const d = editDistance(lower, cl, limit);
    if (d <= limit) scored.push({ c, d });
    else if (lower.length >= 2 && (cl.startsWith(lower) || lower.startsWith(cl))) scored.push({ c, d: limit + 1 });
  }
  scored.sort((x, y) => x.d - y.d || x.c.length - y.c.length);
  return scored.slice(0, max).map((s) => s.c);
}
