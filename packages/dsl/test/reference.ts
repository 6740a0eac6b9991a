// A small reference evaluator of rule expressions in plain TypeScript, with SQL's NULL
// semantics: the differential tests compare it with the compiled SQL run on native DuckDB.
import type { Expr, DurationUnit } from '../src/ast.js';

export type Value = number | string | boolean | null;
export type Row = Record<string, Value>;

const enc = new TextEncoder();
/** DuckDB orders text by its UTF-8 bytes. */
function cmpText(a: string, b: string): number {
  const x = enc.encode(a);
  const y = enc.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

function cmp(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return cmpText(String(a), String(b));
}

function and(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  if (a === null || b === null) return null;
  return true;
}
function or(a: Value, b: Value): Value {
  if (a === true || b === true) return true;
  if (a === null || b === null) return null;
  return false;
}
function not(a: Value): Value {
  return a === null ? null : !a;
}

function days(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000;
}
function fromDays(n: number): string {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}
function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ny = y + Math.floor(m / 12);
  const nm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return fromDays(Date.UTC(ny, nm, Math.min(d, last)) / 86400000);
}
function shift(date: string, sign: number, amount: number, unit: DurationUnit): string {
  if (unit === 'd') return fromDays(days(date) + sign * amount);
  if (unit === 'w') return fromDays(days(date) + sign * 7 * amount);
  return addMonths(date, sign * amount * (unit === 'y' ? 12 : 1));
}

/** std::round: halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

export interface Context {
  rows: Row[];
  asOf: string;
  /** field names as the rules write them -> column names */
  column(name: string): string;
  /** defines by name (evaluated per row) */
  defines?: Map<string, Expr>;
}

export class Reference {
  private pctCache = new Map<Expr, (number | null)[]>();
  constructor(readonly ctx: Context) {}

  eval(e: Expr, i: number): Value {
    const row = this.ctx.rows[i] as Row;
    switch (e.kind) {
      case 'number':
      case 'bool':
        return e.value;
      case 'string':
      case 'date':
        return e.value;
      case 'null':
        return null;
      case 'duration':
        throw new Error('bare duration');
      case 'field':
        if (!e.quoted && e.name.toLowerCase() === 'as_of') return this.ctx.asOf;
        {
          const def = this.ctx.defines?.get(e.name);
          if (def) return this.eval(def, i);
        }
        return row[this.ctx.column(e.name)] ?? null;
      case 'unary': {
        const v = this.eval(e.operand, i);
        if (e.op === 'not') return not(v);
        return v === null ? null : -(v as number);
      }
      case 'binary': {
        if (e.op === 'and') return and(this.eval(e.left, i), this.eval(e.right, i));
        if (e.op === 'or') return or(this.eval(e.left, i), this.eval(e.right, i));
        if ((e.op === '+' || e.op === '-') && (e.right.kind === 'duration' || e.left.kind === 'duration')) {
          const dur = e.right.kind === 'duration' ? e.right : (e.left as Expr & { kind: 'duration' });
          const d = this.eval(e.right.kind === 'duration' ? e.left : e.right, i);
          if (d === null) return null;
          return shift(d as string, e.op === '+' ? 1 : -1, dur.amount, dur.unit);
        }
        const a = this.eval(e.left, i);
        const b = this.eval(e.right, i);
        switch (e.op) {
          case '+':
            return a === null || b === null ? null : (a as number) + (b as number);
          case '-':
            if (a === null || b === null) return null;
            if (typeof a === 'string' && typeof b === 'string') return days(a) - days(b);
            return (a as number) - (b as number);
          case '*':
            return a === null || b === null ? null : (a as number) * (b as number);
          case '/':
            return a === null || b === null || b === 0 ? null : (a as number) / (b as number);
          default: {
            const c = cmp(a, b);
            if (c === null) return null;
            return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '=': c === 0, '!=': c !== 0 }[e.op];
          }
        }
      }
      case 'between': {
        const x = this.eval(e.expr, i);
        const lo = cmp(x, this.eval(e.low, i));
        const hi = cmp(x, this.eval(e.high, i));
        const v = and(lo === null ? null : lo >= 0, hi === null ? null : hi <= 0);
        return e.negated ? not(v) : v;
      }
      case 'in': {
        const x = this.eval(e.expr, i);
        let v: Value = false;
        for (const item of e.list) {
          const c = cmp(x, this.eval(item, i));
          v = or(v, c === null ? null : c === 0);
        }
        return e.negated ? not(v) : v;
      }
      case 'isNull': {
        const v = this.eval(e.expr, i) === null;
        return e.negated ? !v : v;
      }
      case 'text': {
        const a = this.eval(e.expr, i);
        const p = this.eval(e.pattern, i);
        if (a === null || p === null) return null;
        const s = String(a).toLowerCase();
        const q = String(p).toLowerCase();
        const v = e.op === 'contains' ? s.includes(q) : e.op === 'starts' ? s.startsWith(q) : s.endsWith(q);
        return e.negated ? !v : v;
      }
      case 'call':
        return this.call(e, i);
    }
  }

  private call(e: Expr & { kind: 'call' }, i: number): Value {
    if (e.name === 'pct') return this.pct(e.args[0] as Expr)[i] ?? null;
    const args = e.args.map((a) => this.eval(a, i));
    const x = args[0] ?? null;
    const num = x as number;
    switch (e.name) {
      case 'abs':
        return x === null ? null : Math.abs(num);
      case 'round': {
        if (x === null) return null;
        if (args.length === 1) return roundHalfAway(num);
        const p = args[1];
        if (p === null || p === undefined) return null;
        const digits = Math.round(p as number);
        if (digits < 0) {
          const m = Math.pow(10, -digits);
          return roundHalfAway(num / m) * m;
        }
        const m = Math.pow(10, digits);
        const r = roundHalfAway(num * m) / m;
        return Number.isFinite(r) ? r : num;
      }
      case 'floor':
        return x === null ? null : Math.floor(num);
      case 'ceil':
        return x === null ? null : Math.ceil(num);
      case 'sqrt':
        return x === null || num < 0 ? null : Math.sqrt(num);
      case 'ln':
        return x === null || num <= 0 ? null : Math.log(num);
      case 'log10':
        return x === null || num <= 0 ? null : Math.log10(num);
      case 'least':
      case 'greatest': {
        const vs = args.filter((v) => v !== null);
        if (vs.length === 0) return null;
        return vs.reduce((m, v) => {
          const c = cmp(v, m) as number;
          return (e.name === 'least' ? c < 0 : c > 0) ? v : m;
        });
      }
      case 'coalesce':
        return args.find((v) => v !== null) ?? null;
      case 'lower':
        return x === null ? null : String(x).toLowerCase();
      case 'upper':
        return x === null ? null : String(x).toUpperCase();
      case 'length':
        return x === null ? null : [...String(x)].length;
      case 'year':
        return x === null ? null : Number(String(x).slice(0, 4));
      case 'month':
        return x === null ? null : Number(String(x).slice(5, 7));
      default:
        throw new Error(`no reference for ${e.name}`);
    }
  }

  /** percent_rank * 100 among the rows where the value is not NULL. */
  private pct(arg: Expr): (number | null)[] {
    const hit = this.pctCache.get(arg);
    if (hit) return hit;
    const vals = this.ctx.rows.map((_, i) => this.eval(arg, i) as number | null);
    const present = vals.filter((v): v is number => v !== null);
    const n = present.length;
    const out = vals.map((v) => {
      if (v === null) return null;
      const rank = 1 + present.filter((w) => w < v).length;
      return n > 1 ? 100 * ((rank - 1) / (n - 1)) : 0;
    });
    this.pctCache.set(arg, out);
    return out;
  }
}
