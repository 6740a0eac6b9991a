// SQL renderings per dialect. The compiler builds SQL only from these tables: another dialect
// is one more `Dialect` object, not a fork of the compiler.
import type { CompareOp, DurationUnit, TextOp } from './ast.js';
import type { FieldType } from './schema.js';

export interface Dialect {
  readonly name: string;
  /** THE identifier quoting function */
  ident(name: string): string;
  /** THE text-literal escaping function */
  string(value: string): string;
  number(value: number): string;
  date(value: string): string;
  bool(value: boolean): string;
  readonly null: string;
  /** a bound parameter (1-based), cast to the type it carries */
  param(index: number, type: FieldType): string;
  compare: Record<CompareOp, string>;
  and(a: string, b: string): string;
  or(a: string, b: string): string;
  not(a: string): string;
  isTrue(a: string): string;
  add(a: string, b: string): string;
  sub(a: string, b: string): string;
  mul(a: string, b: string): string;
  /** division; by zero gives NULL */
  div(a: string, b: string): string;
  neg(a: string): string;
  /** date +/- duration, a date */
  dateShift(date: string, sign: 1 | -1, amount: string, unit: DurationUnit): string;
  /** whole days from b to a */
  dateDiff(a: string, b: string): string;
  between(x: string, lo: string, hi: string, negated: boolean): string;
  inList(x: string, items: string[], negated: boolean): string;
  isNull(x: string, negated: boolean): string;
  /** case-insensitive text matching */
  text: Record<TextOp, (x: string, pattern: string) => string>;
  /** the whitelisted functions */
  functions: Record<string, (args: string[]) => string>;
  /** percentile 0..100 of x among the rows where x is not NULL; NULL x -> NULL */
  pct(x: string): string;
  caseWhen(branches: { when: string; then: string }[], otherwise: string | null): string;
  castText(x: string): string;
  castInteger(x: string): string;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB: identifiers in double quotes (inner quotes doubled). */
function duckIdent(name: string): string {
  if (name.includes('\0')) throw new Error('an identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}

/** DuckDB: text in single quotes (inner quotes doubled; backslashes are plain characters).
 * NUL cannot appear inside a literal, so it is spliced in with chr(0). */
function duckString(value: string): string {
  if (!value.includes('\0')) return q(value);
  return '(' + value.split('\0').map(q).join(' || chr(0) || ') + ')';
}

function duckNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  if (Object.is(value, -0)) return '0';
  // Integers as integers; everything else as DOUBLE (exponent form keeps full precision).
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 53) return String(value);
  return `${value.toExponential()}`.replace('e+', 'e');
}

const UNIT: Record<DurationUnit, string> = { d: 'DAY', w: 'WEEK', mo: 'MONTH', y: 'YEAR' };
const TYPE: Record<FieldType, string> = { number: 'DOUBLE', text: 'VARCHAR', date: 'DATE', boolean: 'BOOLEAN' };

const fn1 = (name: string) => (a: string[]) => `${name}(${a.join(', ')})`;
const positive = (name: string, strict: boolean) => (a: string[]) =>
  `${name}(CASE WHEN ${a[0]} ${strict ? '>' : '>='} 0 THEN CAST(${a[0]} AS DOUBLE) END)`;

export const duckdb: Dialect = {
  name: 'duckdb',
  ident: duckIdent,
  string: duckString,
  number: duckNumber,
  date: (v) => `DATE ${q(v)}`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  null: 'NULL',
  param: (i, t) => `CAST($${i} AS ${TYPE[t]})`,
  compare: { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '!=': '<>' },
  and: (a, b) => `(${a} AND ${b})`,
  or: (a, b) => `(${a} OR ${b})`,
  not: (a) => `(NOT ${a})`,
  isTrue: (a) => `(${a} IS TRUE)`,
  add: (a, b) => `(CAST(${a} AS DOUBLE) + ${b})`,
  sub: (a, b) => `(CAST(${a} AS DOUBLE) - ${b})`,
  mul: (a, b) => `(CAST(${a} AS DOUBLE) * ${b})`,
  div: (a, b) => `(CAST(${a} AS DOUBLE) / NULLIF(${b}, 0))`,
  neg: (a) => `(-CAST(${a} AS DOUBLE))`,
  dateShift: (d, sign, amount, unit) => `CAST(${d} ${sign > 0 ? '+' : '-'} INTERVAL (${amount}) ${UNIT[unit]} AS DATE)`,
  dateDiff: (a, b) => `date_diff('day', ${b}, ${a})`,
  between: (x, lo, hi, neg) => `(${x} ${neg ? 'NOT BETWEEN' : 'BETWEEN'} ${lo} AND ${hi})`,
  inList: (x, items, neg) => `(${x} ${neg ? 'NOT IN' : 'IN'} (${items.join(', ')}))`,
  isNull: (x, neg) => `(${x} IS ${neg ? 'NOT ' : ''}NULL)`,
  text: {
    contains: (x, p) => `contains(lower(${x}), lower(${p}))`,
    starts: (x, p) => `starts_with(lower(${x}), lower(${p}))`,
    ends: (x, p) => `ends_with(lower(${x}), lower(${p}))`
  },
  functions: {
    abs: (a) => `abs(CAST(${a[0]} AS DOUBLE))`,
    round: (a) => (a.length > 1 ? `round(CAST(${a[0]} AS DOUBLE), CAST(${a[1]} AS INTEGER))` : `round(CAST(${a[0]} AS DOUBLE))`),
    floor: (a) => `floor(CAST(${a[0]} AS DOUBLE))`,
    ceil: (a) => `ceil(CAST(${a[0]} AS DOUBLE))`,
    ln: positive('ln', true),
    log10: positive('log10', true),
    sqrt: positive('sqrt', false),
    least: fn1('least'),
    greatest: fn1('greatest'),
    coalesce: fn1('coalesce'),
    lower: fn1('lower'),
    upper: fn1('upper'),
    length: fn1('length'),
    year: fn1('year'),
    month: fn1('month')
  },
  pct: (x) => `CASE WHEN ${x} IS NULL THEN NULL ELSE 100 * percent_rank() OVER (PARTITION BY ${x} IS NULL ORDER BY ${x}) END`,
  caseWhen: (branches, otherwise) =>
    `CASE${branches.map((b) => `\n    WHEN ${b.when} THEN ${b.then}`).join('')}${otherwise === null ? '' : `\n    ELSE ${otherwise}`}\n  END`,
  castText: (x) => `CAST(${x} AS VARCHAR)`,
  castInteger: (x) => `CAST(${x} AS INTEGER)`
};

export const DIALECTS: Record<string, Dialect> = { duckdb };
