// fast-check generators of syntax trees: any well-formed tree (for printing/parsing round
// trips) and well-typed rules over a fixed schema (for the differential tests).
import fc from 'fast-check';
import type { BinaryOp, CompareOp, DurationUnit, Expr, Loc, Statement, TextOp } from '../src/ast.js';
import { isBareName } from '../src/parse.js';

const L: Loc = { start: 0, end: 0 };
const num = (value: number, raw = String(value)): Expr => ({ kind: 'number', value, raw, loc: L });
const field = (name: string, quoted = false): Expr => ({ kind: 'field', name, quoted, loc: L });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, opLoc: L, loc: L });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args, nameLoc: L, loc: L });

const HOSTILE = ["'", '"', '`', '\\', ';', '--', '/*', '*/', '\0', '\n', '\r', '\t', 'é', '中文', '👍', '$1', '%', '_', ' ', 'a', 'Z', '0'];

/** Text with the characters that break naive SQL or rule escaping. */
export const hostileText = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 8 }).map((a) => a.join(''));

const bareName = fc
  .oneof(
    fc.constantFrom('R', 'F', 'M', 'AOV', 'R_score', 'x', '满意度', 'über', '_a1', 'segment_2', 'andy', 'order', 'notes', 'as', 'of'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/)
  )
  .filter(isBareName);

const anyName = fc.oneof(
  bareName.map((n) => ({ name: n, quoted: false })),
  fc.oneof(fc.constantFrom('and', 'segment', 'a b', '近6个月采购额(万元)', 'x`y', '``', 'as_of', 'R'), hostileText.filter((s) => s.length > 0 && !s.includes('\n')))
    .filter((s) => !s.includes('\n'))
    .map((n) => ({ name: n, quoted: true }))
);

const numberLit = fc.oneof(
  fc.nat({ max: 100000 }).map((n) => num(n)),
  fc.constantFrom(num(50000, '50_000'), num(10000, '1e4'), num(0.5, '0.5'), num(1.25, '1.25'), num(1000000, '1_000_000'), num(0.001, '1e-3'), num(7, '007'))
);
const dateLit = fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 11, 31)), noInvalidDate: true }).map((d): Expr => ({ kind: 'date', value: d.toISOString().slice(0, 10), loc: L }));
const durationLit = fc.record({ amount: fc.nat({ max: 400 }), unit: fc.constantFrom<DurationUnit>('d', 'w', 'mo', 'y') }).map((d): Expr => ({ kind: 'duration', ...d, loc: L }));
const stringLit = fc.oneof(hostileText, fc.string({ maxLength: 6 })).map((value): Expr => ({ kind: 'string', value, loc: L }));
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  numberLit,
  stringLit,
  dateLit,
  durationLit,
  fc.boolean().map((value): Expr => ({ kind: 'bool', value, loc: L })),
  fc.constant<Expr>({ kind: 'null', loc: L }),
  anyName.map((n) => field(n.name, n.quoted))
);

const COMPARE: CompareOp[] = ['<', '<=', '>', '>=', '=', '!='];
const TEXT_OPS: TextOp[] = ['contains', 'starts', 'ends'];

/** Any syntactically valid expression tree (not necessarily well-typed). */
export const anyExpr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ op: fc.constantFrom<'-' | 'not'>('-', 'not'), operand: tie('e') }).map((r): Expr => ({ kind: 'unary', ...r, loc: L })),
    fc.record({ op: fc.constantFrom('and', 'or', '+', '-', '*', '/', ...COMPARE), left: tie('e'), right: tie('e') }).map((r) => bin(r.op, r.left, r.right)),
    fc.record({ negated: fc.boolean(), expr: tie('e'), low: tie('e'), high: tie('e') }).map((r): Expr => ({ kind: 'between', ...r, loc: L })),
    fc.record({ negated: fc.boolean(), expr: tie('e'), list: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }).map((r): Expr => ({ kind: 'in', ...r, loc: L })),
    fc.record({ negated: fc.boolean(), expr: tie('e') }).map((r): Expr => ({ kind: 'isNull', ...r, loc: L })),
    fc.record({ op: fc.constantFrom(...TEXT_OPS), negated: fc.boolean(), expr: tie('e'), pattern: tie('e') }).map((r): Expr => ({ kind: 'text', ...r, loc: L })),
    fc.record({ name: fc.constantFrom('abs', 'round', 'pct', 'coalesce', 'foo', 'lower'), args: fc.array(tie('e'), { maxLength: 3 }) }).map((r) => call(r.name, ...r.args))
  )
})).e;

const label = fc.option(fc.oneof(hostileText, fc.constantFrom('Platinum 铂金客户', 'Gold')), { nil: null });

/** Any syntactically valid statement. */
export const anyStatement: fc.Arbitrary<Statement> = fc.oneof(
  fc.record({ id: bareName, label, when: fc.option(anyExpr, { nil: null }) }).map((r): Statement => ({ kind: 'segment', ...r, idLoc: L, loc: L })),
  fc.record({ id: bareName, label, when: anyExpr }).map((r): Statement => ({ kind: 'tag', ...r, idLoc: L, loc: L })),
  fc.record({ name: bareName, expr: anyExpr }).map((r): Statement => ({ kind: 'define', ...r, nameLoc: L, loc: L })),
  dateLit.map((d): Statement => ({ kind: 'asOf', date: (d as { value: string }).value, dateLoc: L, loc: L }))
);

// ---------------------------------------------------------------- well-typed rules
// The differential schema: n1, n2 (numbers with NULLs), i1 (integers), t1, t2 (text with
// NULLs and Unicode), d1 (dates with NULLs), b1 (booleans with NULLs).
export const NUM_FIELDS = ['n1', 'n2', 'i1'];
export const TEXT_FIELDS = ['t1', 't2'];

const smallNum = fc.oneof(
  fc.integer({ min: -20, max: 120 }).map((n) => (n < 0 ? ({ kind: 'unary', op: '-', operand: num(-n), loc: L } as Expr) : num(n))),
  fc.constantFrom(num(0.5), num(2.25), num(0), num(1000, '1_000'), num(100, '1e2'))
);
const TEXT_POOL = ['', 'a', 'A', 'ab', 'abc', 'B', 'é', 'É', '中', '中文', '👍', "o'k", 'x"y', ' ', 'Zz', 'ba', '%', '_'];
const textLit = fc.constantFrom(...TEXT_POOL).map((value): Expr => ({ kind: 'string', value, loc: L }));
const typedDate = fc.oneof(
  fc.constantFrom('2023-01-31', '2023-06-15', '2024-02-29', '2024-03-31', '2024-12-31', '2025-01-01').map((value): Expr => ({ kind: 'date', value, loc: L })),
  fc.constant(field('d1')),
  fc.constant(field('as_of'))
);

export interface Typed {
  num: Expr;
  text: Expr;
  date: Expr;
  bool: Expr;
}

/** Well-typed expressions over the differential schema. */
export const typed = fc.letrec<{ num: Expr; text: Expr; date: Expr; bool: Expr }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    smallNum,
    fc.constantFrom(...NUM_FIELDS).map((n) => field(n)),
    fc.record({ op: fc.constantFrom<'+' | '-' | '*' | '/'>('+', '-', '*', '/'), a: tie('num'), b: tie('num') }).map((r) => bin(r.op, r.a, r.b)),
    tie('num').map((x): Expr => ({ kind: 'unary', op: '-', operand: x, loc: L })),
    fc.record({ f: fc.constantFrom('abs', 'round', 'floor', 'ceil', 'sqrt', 'ln', 'log10'), x: tie('num') }).map((r) => call(r.f, r.x)),
    fc.record({ f: fc.constantFrom('least', 'greatest', 'coalesce'), a: tie('num'), b: tie('num') }).map((r) => call(r.f, r.a, r.b)),
    fc.record({ x: tie('num'), d: fc.integer({ min: 0, max: 3 }) }).map((r) => call('round', r.x, num(r.d))),
    tie('text').map((t) => call('length', t)),
    fc.record({ f: fc.constantFrom('year', 'month'), d: tie('date') }).map((r) => call(r.f, r.d)),
    fc.constantFrom(...NUM_FIELDS).map((n) => call('pct', field(n))),
    fc.record({ a: tie('date'), b: tie('date') }).map((r) => bin('-', r.a, r.b))
  ),
  text: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    textLit,
    fc.constantFrom(...TEXT_FIELDS).map((n) => field(n)),
    fc.record({ f: fc.constantFrom('lower', 'upper'), x: tie('text') }).map((r) => call(r.f, r.x)),
    fc.record({ a: tie('text'), b: tie('text') }).map((r) => call('coalesce', r.a, r.b))
  ),
  date: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    typedDate,
    fc.record({ d: typedDate, sign: fc.constantFrom<'+' | '-'>('+', '-'), amount: fc.nat({ max: 40 }), unit: fc.constantFrom<DurationUnit>('d', 'w', 'mo', 'y') }).map((r) =>
      bin(r.sign, r.d, { kind: 'duration', amount: r.amount, unit: r.unit, loc: L })
    )
  ),
  bool: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.record({ op: fc.constantFrom(...COMPARE), a: tie('num'), b: tie('num') }).map((r) => bin(r.op, r.a, r.b)),
    fc.record({ op: fc.constantFrom(...COMPARE), a: tie('text'), b: tie('text') }).map((r) => bin(r.op, r.a, r.b)),
    fc.record({ op: fc.constantFrom(...COMPARE), a: tie('date'), b: tie('date') }).map((r) => bin(r.op, r.a, r.b)),
    fc.record({ negated: fc.boolean(), expr: tie('num'), low: tie('num'), high: tie('num') }).map((r): Expr => ({ kind: 'between', ...r, loc: L })),
    fc.record({ negated: fc.boolean(), expr: tie('num'), list: fc.array(smallNum, { minLength: 1, maxLength: 4 }) }).map((r): Expr => ({ kind: 'in', ...r, loc: L })),
    fc.record({ negated: fc.boolean(), expr: tie('text'), list: fc.array(textLit, { minLength: 1, maxLength: 4 }) }).map((r): Expr => ({ kind: 'in', ...r, loc: L })),
    fc.record({ negated: fc.boolean(), expr: fc.oneof(tie('num'), tie('text'), tie('date'), fc.constant(field('b1'))) }).map((r): Expr => ({ kind: 'isNull', ...r, loc: L })),
    fc.record({ op: fc.constantFrom(...TEXT_OPS), negated: fc.boolean(), expr: tie('text'), pattern: tie('text') }).map((r): Expr => ({ kind: 'text', ...r, loc: L })),
    fc.record({ op: fc.constantFrom<'and' | 'or'>('and', 'or'), a: tie('bool'), b: tie('bool') }).map((r) => bin(r.op, r.a, r.b)),
    tie('bool').map((x): Expr => ({ kind: 'unary', op: 'not', operand: x, loc: L })),
    fc.constant(field('b1')),
    fc.boolean().map((value): Expr => ({ kind: 'bool', value, loc: L }))
  )
}));
