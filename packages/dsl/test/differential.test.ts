// Differential tests: random well-typed rule files compiled to SQL and run on native DuckDB
// must put every customer in the same segment, with the same tags, as the TypeScript
// reference evaluator (SQL NULL semantics) says. Random data has NULLs, zeros, negative
// numbers, Unicode text and dates (month ends, leap days).
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Expr } from '../src/ast.js';
import { compileExpression, compileRules } from '../src/compile.js';
import { printExpr, printLabel } from '../src/print.js';
import type { Schema } from '../src/schema.js';
import { typed } from './arbitraries.js';
import { Reference, type Row } from './reference.js';

const AS_OF = '2024-12-31';
const schema: Schema = {
  fields: [
    { name: 'n1', type: 'number', hasNulls: true },
    { name: 'n2', type: 'number', hasNulls: true },
    { name: 'i1', type: 'number', hasNulls: false },
    { name: 't1', type: 'text', hasNulls: true },
    { name: 't2', type: 'text', hasNulls: true },
    { name: 'd1', type: 'date', hasNulls: true },
    { name: 'b1', type: 'boolean', hasNulls: true }
  ]
};

/** Deterministic random data (mulberry32). */
function makeRows(n: number, seed: number): Row[] {
  let a = seed;
  const rand = () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const nums = [null, 0, 1, -1, 2.5, -3.75, 10, 100, 0.5, 1000, 7, -42, 3, 99.125, 12];
  const texts = [null, '', 'a', 'A', 'abc', 'ABC', 'b', 'é', 'É', '中文', '中', '👍', "o'k", 'x"y', ' a ', 'Zz', '%', '_', 'ab'];
  const dates = [null, '2023-01-31', '2023-06-15', '2024-02-29', '2024-03-31', '2024-12-31', '2025-01-01', '2020-07-04', '2024-11-30'];
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    n1: pick(nums),
    n2: rand() < 0.5 ? pick(nums) : Math.round((rand() * 200 - 50) * 4) / 4,
    i1: Math.floor(rand() * 21) - 5,
    t1: pick(texts),
    t2: pick(texts),
    d1: pick(dates),
    b1: pick([null, true, false])
  }));
}

let instance: DuckDBInstance;
let conn: DuckDBConnection;
const rows = makeRows(80, 20241231);
const ref = () => new Reference({ rows, asOf: AS_OF, column: (n) => n });

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run('CREATE TABLE cust (id VARCHAR, n1 DOUBLE, n2 DOUBLE, i1 BIGINT, t1 VARCHAR, t2 VARCHAR, d1 DATE, b1 BOOLEAN)');
  for (const r of rows) {
    await conn.run('INSERT INTO cust VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS DATE), $8)', [r.id, r.n1, r.n2, r.i1, r.t1, r.t2, r.d1, r.b1] as never);
  }
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

async function query(sql: string, params: readonly (string | number | boolean | null)[] = []): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

interface RuleSet {
  defines: Expr[];
  segments: Expr[];
  tags: Expr[];
  otherwise: boolean;
}

const L0 = { start: 0, end: 0 };
/** Rules that use the defines: `dK op number`, and pct of a define. */
const defineUse = fc.record({ k: fc.nat({ max: 1 }), op: fc.constantFrom<'<' | '>=' | '='>('<', '>=', '='), v: fc.integer({ min: 0, max: 100 }), pct: fc.boolean() }).map(
  ({ k, op, v, pct }): Expr => {
    const ref: Expr = { kind: 'field', name: `x${k}`, quoted: false, loc: L0 };
    const left: Expr = pct ? { kind: 'call', name: 'pct', args: [ref], nameLoc: L0, loc: L0 } : ref;
    return { kind: 'binary', op, left, right: { kind: 'number', value: v, raw: String(v), loc: L0 }, opLoc: L0, loc: L0 };
  }
);

const ruleSet = fc.record({
  defines: fc.tuple(typed.num, typed.num).map(([a, b]): Expr[] => [a, { kind: 'binary', op: '+', left: { kind: 'field', name: 'x0', quoted: false, loc: L0 }, right: b, opLoc: L0, loc: L0 }]),
  segments: fc.array(fc.oneof(typed.bool, typed.bool, defineUse), { minLength: 1, maxLength: 6 }),
  tags: fc.array(typed.bool, { maxLength: 2 }),
  otherwise: fc.boolean()
});

function source(r: RuleSet): string {
  const lines = [`as of ${AS_OF}`];
  r.defines.forEach((e, i) => lines.push(`define x${i} = ${printExpr(e)}`));
  r.segments.forEach((e, i) => lines.push(`segment s${i} ${printLabel(`S ${i}`)} when ${printExpr(e)}`));
  if (r.otherwise) lines.push('segment rest otherwise');
  r.tags.forEach((e, i) => lines.push(`tag t${i} when ${printExpr(e)}`));
  return lines.join('\n') + '\n';
}

async function agree(r: RuleSet, bind: boolean): Promise<void> {
  const src = source(r);
  const compiled = compileRules(src, schema, { relation: 'cust', idColumn: 'id', bind });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error'), src).toEqual([]);
  const got = await query(compiled.sql + ' ORDER BY customer', compiled.params);
  const reference = new Reference({ rows, asOf: AS_OF, column: (n) => n, defines: new Map(r.defines.map((e, i) => [`x${i}`, e])) });
  const byId = new Map(got.map((g) => [g.customer as string, g]));
  rows.forEach((row, i) => {
    const g = byId.get(row.id as string);
    r.defines.forEach((_, k) => {
      const want = reference.eval({ kind: 'field', name: `x${k}`, quoted: false, loc: L0 }, i) as number | null;
      const v = g?.[`x${k}`] ?? null;
      const same = want === null ? v === null : v !== null && Math.abs(Number(v) - want) <= 1e-9 * Math.max(1, Math.abs(want));
      if (!same) expect({ customer: row, define: k, value: v }, src).toEqual({ customer: row, define: k, value: want });
    });
    let want: string | null = null;
    for (let s = 0; s < r.segments.length && want === null; s++) if (reference.eval(r.segments[s] as Expr, i) === true) want = `s${s}`;
    if (want === null && r.otherwise) want = 'rest';
    if (g?.segment !== want) expect({ customer: row, segment: g?.segment }, src).toEqual({ customer: row, segment: want });
    r.tags.forEach((t, k) => {
      const tv = reference.eval(t, i) === true;
      if (g?.[`t${k}`] !== tv) expect({ customer: row, tag: k, value: g?.[`t${k}`] }, src).toEqual({ customer: row, tag: k, value: tv });
    });
  });
}

describe('compiled SQL agrees with the reference evaluator on every customer', () => {
  it('random rule files (inline literals)', async () => {
    await fc.assert(fc.asyncProperty(ruleSet, (r) => agree(r, false)), { numRuns: 400, seed: 4242 });
  });

  it('random rule files (bound parameters)', async () => {
    await fc.assert(fc.asyncProperty(ruleSet, (r) => agree(r, true)), { numRuns: 200, seed: 777 });
  });

  it('random numeric, text and date expressions evaluate to the same values', async () => {
    const kinds = fc.oneof(typed.num, typed.text, typed.date);
    await fc.assert(
      fc.asyncProperty(kinds, async (e) => {
        const src = printExpr(e);
        const c = compileExpression(src, schema, { asOf: AS_OF });
        expect(c.diagnostics.filter((d) => d.severity === 'error'), src).toEqual([]);
        const got = await query(`SELECT id, CAST(${c.sql} AS VARCHAR) AS v, ${c.sql} AS raw FROM cust ORDER BY id`);
        const reference = ref();
        const byId = new Map(got.map((g) => [g.id as string, g]));
        rows.forEach((row, i) => {
          const want = reference.eval(e, i);
          const g = byId.get(row.id as string);
          const raw = g?.raw ?? null;
          if (typeof want === 'number') {
            const v = raw === null ? NaN : Number(raw);
            const close = Math.abs(v - want) <= 1e-9 * Math.max(1, Math.abs(want));
            if (!close) expect({ row, src, got: raw }, src).toEqual({ row, src, got: want });
          } else if (raw !== want) expect({ row, src, got: raw }).toEqual({ row, src, got: want });
        });
      }),
      { numRuns: 300, seed: 99 }
    );
  });
});
