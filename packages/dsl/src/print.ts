// Printing trees back to canonical rule text: the formatter's core, also used in messages.
// Parentheses are added exactly where precedence needs them (and around `and` inside `or`,
// for the reader); the printed text parses back to the same tree.
import type { Expr, FieldRef, Statement } from './ast.js';
import { isBareName } from './parse.js';

const PREC = { or: 1, and: 2, not: 3, predicate: 4, additive: 5, multiplicative: 6, unary: 7, primary: 8 } as const;

function precOf(e: Expr): number {
  switch (e.kind) {
    case 'binary':
      if (e.op === 'or') return PREC.or;
      if (e.op === 'and') return PREC.and;
      if (e.op === '+' || e.op === '-') return PREC.additive;
      if (e.op === '*' || e.op === '/') return PREC.multiplicative;
      return PREC.predicate;
    case 'unary':
      return e.op === 'not' ? PREC.not : PREC.unary;
    case 'between':
    case 'in':
    case 'isNull':
    case 'text':
      return PREC.predicate;
    default:
      return PREC.primary;
  }
}

function escapeText(value: string, quote: '"' | "'"): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\0') out += '\\0';
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0x2028 || cp === 0x2029 || (cp >= 0xd800 && cp <= 0xdfff))
      out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return quote + out + quote;
}

/** A text value as written in rules: single quotes, backslash escapes. */
export function printString(value: string): string {
  return escapeText(value, "'");
}

/** A label as written in rules: double quotes, backslash escapes. */
export function printLabel(value: string): string {
  return escapeText(value, '"');
}

/** A field name as written in rules: bare when possible, else in backticks. */
export function printFieldName(name: string, quoted = false): string {
  if (!quoted && isBareName(name)) return name;
  return '`' + name.replace(/`/g, '``') + '`';
}

function printField(f: FieldRef): string {
  return printFieldName(f.name, f.quoted);
}

function wrap(e: Expr, min: number): string {
  const s = printExpr(e);
  return precOf(e) < min ? `(${s})` : s;
}

/** Canonical one-line text of an expression. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.raw;
    case 'string':
      return printString(e.value);
    case 'date':
      return e.value;
    case 'bool':
      return e.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'duration':
      return `${e.amount}${e.unit}`;
    case 'field':
      return printField(e);
    case 'unary': {
      if (e.op === 'not') return `not ${wrap(e.operand, PREC.not)}`;
      const inner = wrap(e.operand, PREC.unary);
      return inner.startsWith('-') ? `- ${inner}` : `-${inner}`;
    }
    case 'binary': {
      const p = precOf(e);
      if (e.op === 'or') {
        const l = e.left.kind === 'binary' && e.left.op === 'and' ? `(${printExpr(e.left)})` : wrap(e.left, p);
        const r = e.right.kind === 'binary' && e.right.op === 'and' ? `(${printExpr(e.right)})` : wrap(e.right, p + 1);
        return `${l} or ${r}`;
      }
      if (p === PREC.predicate) return `${wrap(e.left, PREC.additive)} ${e.op} ${wrap(e.right, PREC.additive)}`;
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'between':
      return `${wrap(e.expr, PREC.additive)} ${e.negated ? 'not ' : ''}between ${wrap(e.low, PREC.additive)} and ${wrap(e.high, PREC.additive)}`;
    case 'in':
      return `${wrap(e.expr, PREC.additive)} ${e.negated ? 'not ' : ''}in (${e.list.map(printExpr).join(', ')})`;
    case 'isNull':
      return `${wrap(e.expr, PREC.additive)} is ${e.negated ? 'not ' : ''}null`;
    case 'text': {
      const op = e.op === 'contains' ? 'contains' : e.op === 'starts' ? 'starts with' : 'ends with';
      return `${wrap(e.expr, PREC.additive)} ${e.negated ? 'not ' : ''}${op} ${wrap(e.pattern, PREC.additive)}`;
    }
    case 'call':
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
  }
}

/** The operands of a chain of the same `and`/`or` (left-nested, as parsed). */
function chain(e: Expr, op: 'and' | 'or'): Expr[] {
  if (e.kind === 'binary' && e.op === op) return [...chain(e.left, op), e.right];
  return [e];
}

/** Print an expression that starts after `prefix` on a line, wrapping at the top-level
 * `or`/`and` when the line would be longer than `width`. */
export function printWrapped(prefix: string, e: Expr, width = 100, indent = '    '): string {
  const flat = prefix + printExpr(e);
  if ([...flat].length <= width || e.kind !== 'binary' || (e.op !== 'and' && e.op !== 'or')) return flat;
  const op = e.op;
  const items = chain(e, op);
  const parts = items.map((item) => {
    const needParens = op === 'or' ? item.kind === 'binary' && (item.op === 'and' || item.op === 'or') : precOf(item) <= PREC.and;
    const s = printExpr(item);
    return needParens ? `(${s})` : s;
  });
  return prefix + parts[0] + parts.slice(1).map((p) => `\n${indent}${op} ${p}`).join('');
}

/** Canonical text of one statement (without comments). */
export function printStatement(s: Statement, width = 100): string {
  switch (s.kind) {
    case 'asOf':
      return `as of ${s.date}`;
    case 'use':
      return `use ${printLabel(s.path)}`;
    case 'define':
      return printWrapped(`define ${s.name} = `, s.expr, width);
    case 'segment': {
      const head = `segment ${s.id}${s.label === null ? '' : ' ' + printLabel(s.label)}`;
      return s.when === null ? `${head} otherwise` : printWrapped(`${head} when `, s.when, width);
    }
    case 'tag':
      return printWrapped(`tag ${s.id}${s.label === null ? '' : ' ' + printLabel(s.label)} when `, s.when, width);
  }
}
