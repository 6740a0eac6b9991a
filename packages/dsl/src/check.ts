// The checker: resolves every field, types every operator, and reports every problem at once.
// It never throws on a tree the parser produced; problems become diagnostics with spans.
import type { Call, Expr, FieldRef, Loc, RuleFile, SegmentStmt, Statement } from './ast.js';
import { walkExpr } from './ast.js';
import { LineMap, type Diagnostic, type Fix, type Severity } from './diagnostics.js';
import { LIST_SEP, makeDiagnostic, msg, setHint, type Msg } from './messages/index.js';
import { FUNCTION_NAMES, FUNCTIONS, type Type } from './functions.js';
import { printExpr, printFieldName, printString } from './print.js';
import { AS_OF_NAME, builtinSchema, editDistance, lookupField, suggest, type FieldType, type Schema, type SchemaField } from './schema.js';
import { coverageDiagnostics } from './coverage.js';
import { quickRuleCoverage } from './quick.js';
import { checkUses, useClashDiagnostic, usePlacementDiagnostics, type ImportedDefine, type ResolvedUses } from './uses.js';

/** The built-in field a name is a likely typo of: within one edit (two for names of 7 or more
 * letters), case aside, for names of 3 letters or more (shorter ones are too close to R, F, M
 * and T to mean anything); undefined when none, or when it is the field itself in other case. */
function nearBuiltin(name: string): string | undefined {
  if (name.length < 3) return undefined;
  const lower = name.toLowerCase();
  const limit = name.length >= 7 ? 2 : 1;
  let best: { name: string; d: number } | undefined;
  for (const f of builtinSchema.fields) {
    const fl = f.name.toLowerCase();
    if (fl === lower) return undefined;
    const d = editDistance(lower, fl, limit);
    if (d <= limit && (best === undefined || d < best.d)) best = { name: f.name, d };
  }
  return best?.name;
}

export type { Type } from './functions.js';

/** What a field reference resolved to. */
export type Resolved =
  | { kind: 'column'; name: string; type: Type; hasNulls: boolean }
  | { kind: 'define'; name: string; type: Type }
  | { kind: 'asOf' };

export interface CheckOptions {
  /** false: no analysis date is known (no data, no `as of`), so `as_of` is an error.
   * Left undefined (checking without data), `as_of` is accepted. */
  asOfKnown?: boolean;
  /** the file's `use` lines, read by resolveUses: their defines are checked and brought in */
  uses?: ResolvedUses;
  /** defines brought in already checked (what `uses` gives; for base files and quick rules) */
  imported?: ImportedDefine[];
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** how every field reference resolved */
  resolved: Map<FieldRef, Resolved>;
  /** the type of every expression node */
  types: Map<Expr, Type>;
  /** the defines in file order with their types */
  defines: { name: string; type: Type }[];
  /** the date of the file's `as of` line */
  asOf: string | null;
  /** references to `as_of` */
  asOfRefs: FieldRef[];
  /** errors present */
  ok: boolean;
  /** the defines brought in by `use` (each checked in its own file) */
  imported?: ImportedDefine[];
}

/** A fix that replaces a range with `text` (did you mean). */
function replaceFix(loc: Loc, text: string): Fix {
  return { key: 'fix.replace', params: { text }, edits: [{ from: loc.start, to: loc.end, insert: text }] };
}

/** A fix that writes a bare word or number as quoted text. */
function quoteFix(loc: Loc, raw: string): Fix {
  return { key: 'fix.quote', params: { text: raw }, edits: [{ from: loc.start, to: loc.end, insert: printString(raw) }] };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const RESERVED_OUTPUT = new Set(['customer', 'segment']);

/** Is a YYYY-MM-DD string a real calendar date? */
export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

interface DefineInfo {
  name: string;
  index: number;
  stmt: Statement & { kind: 'define' };
  type: Type;
}

function lookupDefine(defs: Map<string, DefineInfo>, list: DefineInfo[], name: string): DefineInfo | undefined {
  const exact = defs.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  const ci = list.filter((d) => d.name.toLowerCase() === lower);
  return ci.length === 1 ? ci[0] : undefined;
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  readonly resolved = new Map<FieldRef, Resolved>();
  readonly types = new Map<Expr, Type>();
  readonly asOfRefs: FieldRef[] = [];
  readonly fields: readonly SchemaField[];
  readonly strict: boolean;
  readonly defines = new Map<string, DefineInfo>();
  readonly defineList: DefineInfo[] = [];
  /** unknown-field diagnostics by reference, to improve their hint from the context */
  /** unknown fields: their diagnostic, and the close name it suggests (if any) */
  readonly unknownFields = new Map<FieldRef, { diagnostic: Diagnostic; suggestion: string | undefined }>();
  /** index of the define being checked (null outside defines) */
  current: number | null = null;

  constructor(
    readonly map: LineMap,
    schema: Schema | null | undefined
  ) {
    this.strict = !!schema;
    this.fields = schema ? schema.fields : builtinSchema.fields;
  }

  report(severity: Severity, code: string, message: string | Msg, loc: Loc, hint?: string | Msg, fixes?: Fix[]): void {
    this.diagnostics.push(makeDiagnostic({ severity, code, span: this.map.span(loc) }, message, hint, fixes));
  }

  line(loc: Loc): number {
    return this.map.position(loc.start).line;
  }

  /** The whole lines of a statement: from its line's start to after its last line's end. */
  private lines(loc: Loc): { from: number; to: number } {
    const src = this.map.source;
    const from = src.lastIndexOf('\n', loc.start - 1) + 1;
    const nl = src.indexOf('\n', Math.max(loc.start, loc.end - 1));
    return { from, to: nl === -1 ? src.length : nl + 1 };
  }

  /** The edit that removes a statement's lines. */
  removeStatement(loc: Loc): { from: number; to: number; insert: string } {
    return { ...this.lines(loc), insert: '' };
  }

  /** The edits that move a statement's lines to the start of the line holding `target`. */
  moveStatement(loc: Loc, target: number): { from: number; to: number; insert: string }[] {
    const src = this.map.source;
    const { from, to } = this.lines(loc);
    let text = src.slice(from, to);
    if (target >= src.length) {
      if (!text.endsWith('\n')) text += '\n';
      return [{ from, to, insert: '' }, { from: src.length, to: src.length, insert: src.endsWith('\n') || src.length === 0 ? text : '\n' + text }];
    }
    const at = src.lastIndexOf('\n', target - 1) + 1;
    if (!text.endsWith('\n')) text += '\n';
    return [{ from, to, insert: '' }, { from: at, to: at, insert: text }];
  }

  /** A define used above its line: move it above the define being checked. */
  moveDefineAbove(d: DefineInfo): Fix[] | undefined {
    const cur = this.defineList.find((x) => x.index === this.current);
    if (!cur) return undefined;
    return [{ key: 'fix.move-define-above', params: { name: d.name }, edits: this.moveStatement(d.stmt.loc, cur.stmt.loc.start) }];
  }

  /** The params that describe a value and its type: `{subject} is {type:type}`. */
  describe(e: Expr, t: Type, prefix = ''): Record<string, string> {
    const text = e.kind === 'field' ? `\`${e.name}\`` : printExpr(e);
    return { [`${prefix}${prefix ? 'Subject' : 'subject'}`]: text.length > 40 && e.kind !== 'field' ? text.slice(0, 37) + '...' : text, [`${prefix}${prefix ? 'Type' : 'type'}`]: t };
  }

  field(f: FieldRef): Type {
    if (!f.quoted && f.name.toLowerCase() === AS_OF_NAME) {
      this.resolved.set(f, { kind: 'asOf' });
      this.asOfRefs.push(f);
      return 'date';
    }
    if (f.name.includes('\0')) {
      this.report('error', 'invalid-name', msg('invalid-name'), f.loc);
      return 'unknown';
    }
    const d = lookupDefine(this.defines, this.defineList, f.name);
    if (d) {
      if (this.current !== null && d.index === this.current) {
        this.report('error', 'define-self', msg('define-self', { name: d.name }), f.loc, msg('hint.define-self'));
        return 'unknown';
      }
      if (this.current !== null && d.index > this.current) {
        this.report('error', 'define-order', msg('define-order', { name: d.name, line: this.line(d.stmt.loc) }), f.loc, msg('hint.define-order'), this.moveDefineAbove(d));
        return 'unknown';
      }
      this.resolved.set(f, { kind: 'define', name: d.name, type: d.type });
      return d.type;
    }
    const found = lookupField(this.fields, f.name);
    if (found.kind === 'found') {
      this.resolved.set(f, { kind: 'column', name: found.field.name, type: found.field.type, hasNulls: !!found.field.hasNulls });
      return found.field.type;
    }
    if (found.kind === 'ambiguous') {
      const names = found.candidates.map((c) => `'${c.name}'`).join(', ');
      this.report('error', 'ambiguous-field', msg('ambiguous-field', { name: f.name, candidates: names }), f.loc, msg('hint.exact-case'), found.candidates.map((c) => replaceFix(f.loc, printFieldName(c.name))));
      return 'unknown';
    }
    if (!this.strict) {
      // Without the data its columns are unknown, so any name may be one; but a name one or two
      // letters from a built-in field (`M_scor`) is most likely that field mistyped: a warning.
      const near = nearBuiltin(f.name);
      if (near !== undefined) this.report('warning', 'near-builtin-field', msg('near-builtin-field', { name: f.name }), f.loc, msg('hint.did-you-mean', { suggestion: near }), [replaceFix(f.loc, near)]);
      this.resolved.set(f, { kind: 'column', name: f.name, type: 'unknown', hasNulls: false });
      return 'unknown';
    }
    const candidates = [...this.fields.map((x) => x.name), ...this.defineList.map((x) => x.name), AS_OF_NAME];
    const best = suggest(f.name, candidates, 1)[0];
    const hint = best === undefined ? undefined : best === AS_OF_NAME || /^[\p{L}_][\p{L}\p{N}\p{M}_]*$/u.test(best) ? msg('hint.did-you-mean', { suggestion: best }) : msg('hint.did-you-mean-quoted', { suggestion: printFieldName(best) });
    this.report('error', 'unknown-field', msg('unknown-field', { name: f.name }), f.loc, hint ?? msg('hint.fields', { fields: `${this.fields.slice(0, 20).map((x) => x.name).join(', ')}${this.fields.length > 20 ? ', ...' : ''}` }), best === undefined ? undefined : [replaceFix(f.loc, best === AS_OF_NAME ? best : printFieldName(best))]);
    this.unknownFields.set(f, { diagnostic: this.diagnostics[this.diagnostics.length - 1] as Diagnostic, suggestion: best });
    return 'unknown';
  }

  /** The type of a field or define by its exact name (undefined: neither). */
  private typeOfName(name: string): Type | undefined {
    const found = lookupField(this.fields, name);
    if (found.kind === 'found') return found.field.type;
    return this.defineList.find((x) => x.name === name)?.type;
  }

  expr(e: Expr): Type {
    const t = this.exprInner(e);
    this.types.set(e, t);
    return t;
  }

  private nullLiteral(e: Expr): void {
    this.report('error', 'null-literal', msg('null-literal'), e.loc, msg('hint.null-literal'));
  }

  private exprInner(e: Expr): Type {
    switch (e.kind) {
      case 'number':
        if (!Number.isFinite(e.value)) this.report('error', 'invalid-number', msg('invalid-number', { raw: e.raw }), e.loc);
        return 'number';
      case 'string':
        if (LONE_SURROGATE.test(e.value)) this.report('error', 'invalid-text', msg('invalid-text'), e.loc);
        return 'text';
      case 'date':
        if (!isValidDate(e.value)) this.report('error', 'invalid-date', msg('invalid-date', { date: e.value }), e.loc);
        return 'date';
      case 'bool':
        return 'boolean';
      case 'null':
        return 'null';
      case 'duration':
        return 'duration';
      case 'field':
        return this.field(e);
      case 'unary': {
        const t = this.expr(e.operand);
        if (e.op === 'not') {
          this.condition(e.operand, t, 'not');
          return 'boolean';
        }
        if (t === 'null') this.nullLiteral(e.operand);
        else if (t !== 'number' && t !== 'unknown') this.report('error', 'type-mismatch', msg('type-mismatch.unary-minus', this.describe(e.operand, t)), e.loc);
        return 'number';
      }
      case 'binary':
        return this.binary(e);
      case 'between': {
        const t = this.expr(e.expr);
        const lo = this.expr(e.low);
        const hi = this.expr(e.high);
        this.comparable(e.expr, t, e.low, lo, 'between', e.loc, true);
        this.comparable(e.expr, t, e.high, hi, 'between', e.loc, true);
        if (e.negated) this.nullWarning(e.expr, 'not between', e);
        return 'boolean';
      }
      case 'in': {
        const t = this.expr(e.expr);
        for (const item of e.list) {
          const it = this.expr(item);
          if (it === 'null') {
            this.report('error', 'null-literal', msg('null-literal.in'), item.loc, msg('hint.null-in', { subject: printExpr(e.expr) }));
            continue;
          }
          this.comparable(e.expr, t, item, it, 'in', item.loc, false);
        }
        if (e.negated) this.nullWarning(e.expr, 'not in', e);
        return 'boolean';
      }
      case 'isNull': {
        const t = this.expr(e.expr);
        if (t === 'null') this.report('error', 'null-literal', msg('null-literal.is-null'), e.loc);
        return 'boolean';
      }
      case 'text': {
        const a = this.expr(e.expr);
        const b = this.expr(e.pattern);
        const word = e.op === 'contains' ? '`contains`' : e.op === 'starts' ? '`starts with`' : '`ends with`';
        for (const [x, t] of [[e.expr, a], [e.pattern, b]] as const) {
          if (t === 'null') this.nullLiteral(x);
          else if (t !== 'text' && t !== 'unknown') {
            const hint = x.kind === 'number' ? msg('hint.quote-number', { raw: x.raw }) : undefined;
            this.report('error', 'type-mismatch', msg('type-mismatch.text-op', { op: word, ...this.describe(x, t) }), x.loc, hint, x.kind === 'number' ? [quoteFix(x.loc, x.raw)] : undefined);
          }
        }
        return 'boolean';
      }
      case 'call':
        return this.call(e);
    }
  }

  /** Types that can be compared; reports a mismatch at `loc`. */
  comparable(a: Expr, ta: Type, b: Expr, tb: Type, op: string, loc: Loc, ordered: boolean): void {
    if (ta === 'null' || tb === 'null') {
      const other = ta === 'null' ? a : b;
      const subject = ta === 'null' ? b : a;
      const fix = op === '!=' ? `${printExpr(subject)} is not null` : `${printExpr(subject)} is null`;
      const fixes = op === '=' || op === '!=' ? [{ key: 'fix.is-null' as const, params: { text: fix }, edits: [{ from: loc.start, to: loc.end, insert: fix }] }] : undefined;
      this.report('error', 'null-compare', msg('null-compare'), other.loc, msg('hint.null-compare', { fix }), fixes);
      return;
    }
    if (ta === 'unknown' || tb === 'unknown') {
      // `industry = IT`: an unknown bare name compared with text was meant as text
      const [u, other] = ta === 'unknown' ? [a, tb] : [b, ta];
      if (u.kind === 'field' && !u.quoted && other === 'text') {
        // ... unless a text field has a close name (`industy = 'IT'`: the column is meant)
        const d = this.unknownFields.get(u);
        if (d && (d.suggestion === undefined || this.typeOfName(d.suggestion) !== other)) {
          setHint(d.diagnostic, msg('hint.text-in-quotes', { name: u.name }));
          d.diagnostic.fixes = [quoteFix(u.loc, u.name)];
        }
      }
      return;
    }
    if (ta === 'duration' || tb === 'duration') {
      const d = ta === 'duration' ? a : b;
      this.report('error', 'type-mismatch', msg('type-mismatch.duration', { duration: printExpr(d) }), d.loc, ta === 'date' || tb === 'date' ? undefined : msg('hint.compare-date'));
      return;
    }
    if (ta === tb) {
      if (ordered && ta === 'boolean') this.report('error', 'type-mismatch', msg('type-mismatch.boolean-order'), loc);
      return;
    }
    // A helpful fix for the usual slips: quotes around a number or a date, or none around text.
    let hint: Msg | undefined;
    let message: Msg;
    let fixes: Fix[] | undefined;
    const lit = b.kind === 'string' || b.kind === 'number' || b.kind === 'date' ? b : a.kind === 'string' || a.kind === 'number' || a.kind === 'date' ? a : null;
    const other = lit === b ? a : b;
    const to = lit === b ? ta : tb;
    if (lit) {
      const opText = op === 'between' || op === 'in' ? null : op;
      const show = (fixed: string): Msg => (opText ? msg('hint.did-you-mean-compare', { left: printExpr(lit === b ? a : b), op: opText, fixed }) : msg('hint.did-you-mean-value', { fixed }));
      if (to === 'text' && (lit.kind === 'number' || lit.kind === 'date')) {
        const raw = lit.kind === 'number' ? lit.raw : lit.value;
        message = msg('type-mismatch.quote-it', this.describe(other, to));
        hint = show(`'${raw}'`);
        fixes = [quoteFix(lit.loc, raw)];
      } else if (to === 'number' && lit.kind === 'string' && /^-?\d+(\.\d+)?$/.test(lit.value.trim())) {
        message = msg('type-mismatch.unquote-number', this.describe(other, to));
        hint = show(lit.value.trim());
        fixes = [{ key: 'fix.unquote-number', params: { text: lit.value.trim() }, edits: [{ from: lit.loc.start, to: lit.loc.end, insert: lit.value.trim() }] }];
      } else if (to === 'date' && lit.kind === 'string' && isValidDate(lit.value.trim())) {
        message = msg('type-mismatch.unquote-date', this.describe(other, to));
        hint = show(lit.value.trim());
        fixes = [{ key: 'fix.unquote-date', params: { text: lit.value.trim() }, edits: [{ from: lit.loc.start, to: lit.loc.end, insert: lit.value.trim() }] }];
      } else {
        const litT = lit === b ? tb : ta;
        message = msg('type-mismatch.compare-literal', { left: ta, right: tb, ...this.describe(other, to), literal: this.describe(lit, litT).subject ?? '', literalType: litT });
      }
      this.report('error', 'type-mismatch', message, lit.loc, hint, fixes);
      return;
    }
    this.report('error', 'type-mismatch', msg('type-mismatch.compare', { left: ta, right: tb, ...this.describe(a, ta, 'left'), ...this.describe(b, tb, 'right') }), loc);
  }

  /** Warn where `!=`/`not in` silently skips customers whose field is missing. */
  nullWarning(subject: Expr, op: string, whole: Expr): void {
    if (subject.kind !== 'field') return;
    const r = this.resolved.get(subject);
    if (!r || r.kind !== 'column' || !r.hasNulls) return;
    if (this.nullGuarded.get(whole) === subject.name.toLowerCase()) return;
    const text = `(${printExpr(whole)} or ${printExpr(subject)} is null)`;
    this.report('warning', 'missing-skipped', msg('missing-skipped', { name: subject.name, op }), whole.loc, msg('hint.missing-skipped', { whole: printExpr(whole), subject: printExpr(subject) }), [{ key: 'fix.include-missing', params: { text }, edits: [{ from: whole.loc.start, to: whole.loc.end, insert: text }] }]);
  }

  condition(e: Expr, t: Type, where: string): void {
    if (t === 'boolean' || t === 'unknown') return;
    if (t === 'null') {
      this.nullLiteral(e);
      return;
    }
    const hint = t === 'number' ? msg('hint.compare-number', { subject: printExpr(e) }) : t === 'text' ? msg('hint.compare-text', { subject: printExpr(e) }) : undefined;
    this.report('error', 'not-a-condition', msg('not-a-condition', { where, ...this.describe(e, t) }), e.loc, hint);
  }

  /** `x != 5 or x is null`: the missing values are included, so `x != 5` gets no warning. */
  readonly nullGuarded = new Map<Expr, string>();

  binary(e: Expr & { kind: 'binary' }): Type {
    if (e.op === 'or') {
      for (const [guard, other] of [[e.right, e.left], [e.left, e.right]] as const)
        if (guard.kind === 'isNull' && !guard.negated && guard.expr.kind === 'field') this.nullGuarded.set(other, guard.expr.name.toLowerCase());
    }
    const a = this.expr(e.left);
    const b = this.expr(e.right);
    switch (e.op) {
      case 'and':
      case 'or':
        this.condition(e.left, a, e.op);
        this.condition(e.right, b, e.op);
        return 'boolean';
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        this.comparable(e.left, a, e.right, b, e.op, e.loc, e.op !== '=' && e.op !== '!=');
        if (e.op === '!=' && a !== 'null' && b !== 'null') {
          if (e.left.kind === 'field') this.nullWarning(e.left, '!=', e);
          else if (e.right.kind === 'field') this.nullWarning(e.right, '!=', e);
        }
        return 'boolean';
      default:
        return this.arithmetic(e, a, b);
    }
  }

  arithmetic(e: Expr & { kind: 'binary' }, a: Type, b: Type): Type {
    const op = e.op;
    for (const [x, t] of [[e.left, a], [e.right, b]] as const) if (t === 'null') {
      this.nullLiteral(x);
      return 'unknown';
    }
    const bad = (why: Msg, hint?: Msg, fixes?: Fix[]): Type => {
      this.report('error', 'type-mismatch', why, e.opLoc, hint, fixes);
      return 'unknown';
    };
    const un = a === 'unknown' || b === 'unknown';
    if (op === '+' || op === '-') {
      if (a === 'number' && b === 'number') return 'number';
      if (a === 'date' && b === 'duration') return 'date';
      if (op === '+' && a === 'duration' && b === 'date') return 'date';
      if (op === '-' && a === 'date' && b === 'date') return 'number';
      if (un) {
        if (a === 'duration' || b === 'duration') return 'date';
        if (a === 'number' || b === 'number') return 'number';
        if (a === 'text' || b === 'text' || a === 'boolean' || b === 'boolean')
          return bad(msg('type-mismatch.add-sub', { op, ...(a === 'unknown' ? this.describe(e.right, b) : this.describe(e.left, a)) }));
        return 'unknown';
      }
      if ((a === 'date' && b === 'number') || (a === 'number' && b === 'date'))
        return bad(
          msg(op === '+' ? 'type-mismatch.add-number-to-date' : 'type-mismatch.subtract-number-from-date'),
          msg('hint.write-duration', { left: printExpr(e.left), op, amount: e.right.kind === 'number' ? e.right.raw : 'N' }),
          a === 'date' && e.right.kind === 'number' && /^\d+$/.test(e.right.raw) ? [{ key: 'fix.duration', params: { text: `${e.right.raw}d` }, edits: [{ from: e.right.loc.start, to: e.right.loc.end, insert: `${e.right.raw}d` }] }] : undefined
        );
      if (a === 'duration' && b === 'duration') return bad(msg('type-mismatch.durations'), msg('hint.durations'));
      return bad(msg('type-mismatch.add-sub', { op, ...(a !== 'number' && a !== 'date' ? this.describe(e.left, a) : this.describe(e.right, b)) }));
    }
    if (a !== 'number' && a !== 'unknown') return bad(msg('type-mismatch.numbers', { op, ...this.describe(e.left, a) }));
    if (b !== 'number' && b !== 'unknown') return bad(msg('type-mismatch.numbers', { op, ...this.describe(e.right, b) }));
    return 'number';
  }

  call(e: Call): Type {
    const sig = FUNCTIONS[e.name];
    const argTypes = e.args.map((x) => this.expr(x));
    if (!sig) {
      const best = suggest(e.name, FUNCTION_NAMES, 1)[0];
      const functions = FUNCTION_NAMES.join(', ');
      this.report('error', 'unknown-function', msg('unknown-function', { name: e.name }), e.nameLoc, best ? msg('hint.did-you-mean-function', { suggestion: best, functions }) : msg('hint.functions', { functions }), best ? [replaceFix(e.nameLoc, best)] : undefined);
      return 'unknown';
    }
    if (e.args.length < sig.min || e.args.length > sig.max) {
      const key = sig.min === sig.max ? (sig.min === 1 ? 'arity.one' : 'arity.exact') : sig.max >= 64 ? 'arity.at-least' : 'arity.range';
      this.report('error', 'arity', msg(key, { name: e.name, min: sig.min, max: sig.max, count: e.args.length }), e.loc);
      return sig.result === 'arg' ? 'unknown' : sig.result;
    }
    if (e.name === 'pct') {
      const arg = e.args[0];
      if (arg) walkExpr(arg, (x) => {
        if (x.kind === 'call' && x.name === 'pct') this.report('error', 'nested-pct', msg('nested-pct'), x.loc, msg('hint.nested-pct'));
      });
    }
    let common: Type = 'unknown';
    e.args.forEach((x, i) => {
      const t = argTypes[i] ?? 'unknown';
      if (t === 'unknown') return;
      if (t === 'null') {
        if (!sig.same) this.nullLiteral(x);
        return;
      }
      if (!sig.args.includes(t as FieldType)) {
        const want = sig.args.map((w) => `type.${w}`).join(LIST_SEP);
        const unquote = x.kind === 'string' && sig.args.includes('number') && /^-?\d+(\.\d+)?$/.test(x.value);
        const hint = unquote ? msg('hint.unquote-arg', { value: x.value }) : undefined;
        const fixes: Fix[] | undefined = unquote ? [{ key: 'fix.unquote-number', params: { text: x.value }, edits: [{ from: x.loc.start, to: x.loc.end, insert: x.value }] }] : undefined;
        this.report('error', 'type-mismatch', msg('type-mismatch.function-arg', { name: e.name, want, ...this.describe(x, t) }), x.loc, hint, fixes);
        return;
      }
      if (sig.same) {
        if (common === 'unknown') common = t;
        else if (common !== t) this.report('error', 'type-mismatch', msg('type-mismatch.function-same', { name: e.name, ...this.describe(x, t), common }), x.loc);
      }
    });
    return sig.result === 'arg' ? common : sig.result;
  }
}

/** Check a parsed rule file against a schema (null/undefined: the built-in metrics, and any
 * other name is accepted as a column of unknown type). */
export function checkRules(file: RuleFile, schema?: Schema | null, options: CheckOptions = {}): CheckResult {
  const map = new LineMap(file.source);
  const c = new Checker(map, schema);
  const st = file.statements;

  // as of
  let asOf: string | null = null;
  let asOfStmt: Statement | null = null;
  for (const s of st) {
    if (s.kind !== 'asOf') continue;
    if (!isValidDate(s.date)) c.report('error', 'invalid-date', msg('invalid-date', { date: s.date }), s.dateLoc);
    if (asOfStmt) c.report('error', 'duplicate-as-of', msg('duplicate-as-of', { line: c.line(asOfStmt.loc) }), s.loc, msg('hint.one-as-of'), [{ key: 'fix.remove-line', params: {}, edits: [c.removeStatement(s.loc)] }]);
    else {
      asOfStmt = s;
      asOf = s.date;
    }
  }

  // `use`: the base files' defines, checked in their own files, known before this file's own
  const fromUses = options.uses ? checkUses(options.uses, schema, file.source, options.asOfKnown) : null;
  const imported = fromUses?.imported ?? options.imported ?? [];
  if (fromUses) c.diagnostics.push(...fromUses.diagnostics);
  c.diagnostics.push(...usePlacementDiagnostics(st, map));
  const importedNames = registerImported(c, imported);

  // defines: names first (so a use before the define gets a precise message), then bodies in order
  const fieldNames = new Set(c.fields.map((f) => f.name.toLowerCase()));
  const outputNames = new Map<string, { what: string; loc: Loc }>();
  st.forEach((s, index) => {
    if (s.kind !== 'define') return;
    const lower = s.name.toLowerCase();
    if (RESERVED_OUTPUT.has(lower) || lower === AS_OF_NAME) {
      c.report('error', 'reserved-name', msg('reserved-name.define', { name: s.name }), s.nameLoc);
      return;
    }
    const prev = outputNames.get(lower);
    if (prev) {
      c.report('error', 'duplicate-id', msg('duplicate-id.define', { name: s.name, line: c.line(prev.loc) }), s.nameLoc);
      return;
    }
    const imp = importedNames.get(lower);
    if (imp) {
      c.diagnostics.push(useClashDiagnostic(map, s, imp));
      return;
    }
    if (fieldNames.has(lower)) {
      const existing = c.fields.find((f) => f.name.toLowerCase() === lower)?.name ?? s.name;
      c.report('error', 'name-taken', existing === s.name ? msg('name-taken', { name: s.name }) : msg('name-taken.case', { name: s.name, field: existing }), s.nameLoc);
      return;
    }
    outputNames.set(lower, { what: 'define', loc: s.nameLoc });
    const info: DefineInfo = { name: s.name, index, stmt: s, type: 'unknown' };
    c.defines.set(s.name, info);
    c.defineList.push(info);
  });
  for (const info of c.defineList) {
    if (info.index < 0) continue; // imported: checked in its own file
    c.current = info.index;
    info.type = c.expr(info.stmt.expr);
    if (info.type === 'null') {
      c.report('error', 'null-literal', msg('null-literal.define'), info.stmt.expr.loc);
      info.type = 'unknown';
    } else if (info.type === 'duration') {
      c.report('error', 'type-mismatch', msg('type-mismatch.define-duration'), info.stmt.expr.loc);
      info.type = 'unknown';
    }
  }
  c.current = null;

  // segments and tags
  const segmentIds = new Map<string, Loc>();
  let otherwise: SegmentStmt | null = null;
  let lastSegment = -1;
  st.forEach((s, i) => {
    if (s.kind === 'segment') lastSegment = i;
  });
  st.forEach((s, i) => {
    if (s.kind === 'segment') {
      const prev = segmentIds.get(s.id);
      if (prev) c.report('error', 'duplicate-id', msg('duplicate-id.segment', { name: s.id, line: c.line(prev) }), s.idLoc);
      else segmentIds.set(s.id, s.idLoc);
      if (otherwise) {
        c.report('warning', 'unreachable', msg('unreachable', { name: s.id, line: c.line(otherwise.loc) }), s.idLoc, msg('hint.move-above-otherwise'), [{ key: 'fix.move-above-otherwise', params: {}, edits: c.moveStatement(s.loc, otherwise.loc.start) }]);
      }
      if (s.when === null) {
        if (i !== lastSegment && !otherwise) c.report('error', 'otherwise-not-last', msg('otherwise-not-last'), s.loc, msg('hint.move-to-end'), [{ key: 'fix.move-to-end', params: {}, edits: c.moveStatement(s.loc, file.source.length) }]);
        if (!otherwise) otherwise = s;
      } else {
        c.condition(s.when, c.expr(s.when), 'segment');
      }
    } else if (s.kind === 'tag') {
      const lower = s.id.toLowerCase();
      if (RESERVED_OUTPUT.has(lower)) c.report('error', 'reserved-name', msg('reserved-name.tag', { name: s.id }), s.idLoc);
      else {
        const prev = outputNames.get(lower);
        if (prev) c.report('error', 'duplicate-id', msg(prev.what === 'tag' ? 'duplicate-id.tag-tag' : 'duplicate-id.tag-define', { name: s.id, line: c.line(prev.loc) }), s.idLoc);
        else outputNames.set(lower, { what: 'tag', loc: s.idLoc });
      }
      c.condition(s.when, c.expr(s.when), 'tag');
    }
  });

  if (options.asOfKnown === false && !asOf) {
    for (const ref of c.asOfRefs) {
      c.report('error', 'no-as-of', msg('no-as-of'), ref.loc, msg('hint.no-as-of-file'));
    }
  }

  if (!c.diagnostics.some((d) => d.severity === 'error')) {
    for (const d of coverageDiagnostics(st, c.resolved, map)) c.diagnostics.push(d);
  }

  c.diagnostics.sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
  return {
    diagnostics: c.diagnostics,
    resolved: c.resolved,
    types: c.types,
    defines: c.defineList.filter((d) => d.index >= 0).map((d) => ({ name: d.name, type: d.type })),
    asOf,
    asOfRefs: c.asOfRefs,
    ok: !c.diagnostics.some((d) => d.severity === 'error'),
    imported
  };
}

/** Check a bare expression (the quick-rule box); it must be a condition. */
export function checkExpression(expr: Expr, source: string, schema?: Schema | null, options: CheckOptions & { condition?: boolean } = {}): CheckResult {
  const map = new LineMap(source);
  const c = new Checker(map, schema);
  // the rule file's base defines (their problems are the rule file's, not reported here)
  const imported = options.imported ?? (options.uses ? checkUses(options.uses, schema, '', options.asOfKnown).imported : []);
  registerImported(c, imported);
  const t = c.expr(expr);
  if (options.condition) c.condition(expr, t, 'rule');
  else if (t === 'null') c.report('error', 'null-literal', msg('null-literal.expression'), expr.loc);
  else if (t === 'duration') c.report('error', 'type-mismatch', msg('type-mismatch.bare-duration'), expr.loc);
  if (options.asOfKnown === false) {
    for (const ref of c.asOfRefs) c.report('error', 'no-as-of', msg('no-as-of'), ref.loc, msg('hint.no-as-of-expression'));
  }
  // the rule file's coverage check on the quick rule: a condition that contradicts itself
  if (t === 'boolean' && !c.diagnostics.some((d) => d.severity === 'error')) c.diagnostics.push(...quickRuleCoverage(expr, c.resolved, map));
  c.diagnostics.sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
  return { diagnostics: c.diagnostics, resolved: c.resolved, types: c.types, defines: [], asOf: null, asOfRefs: c.asOfRefs, ok: !c.diagnostics.some((d) => d.severity === 'error'), imported };
}

/** Make defines brought in by `use` known to a checker (index -1: above every define of the
 * file); returns them by lower-case name, for the clash check. */
function registerImported(c: Checker, imported: ImportedDefine[]): Map<string, ImportedDefine> {
  const byName = new Map<string, ImportedDefine>();
  for (const d of imported) {
    const info: DefineInfo = { name: d.name, index: -1, stmt: d.stmt, type: d.type };
    c.defines.set(d.name, info);
    c.defineList.push(info);
    byName.set(d.name.toLowerCase(), d);
  }
  return byName;
}
