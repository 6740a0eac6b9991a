// The checker: resolves every field, types every operator, and reports every problem at once.
// It never throws on a tree the parser produced; problems become diagnostics with spans.
import type { Call, Expr, FieldRef, Loc, RuleFile, SegmentStmt, Statement } from './ast.js';
import { walkExpr } from './ast.js';
import { LineMap, type Diagnostic, type Severity } from './diagnostics.js';
import { FUNCTION_NAMES, FUNCTIONS, type Type } from './functions.js';
import { printExpr, printFieldName } from './print.js';
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

const TYPE_WORD: Record<Type, string> = {
  number: 'a number',
  text: 'text',
  date: 'a date',
  boolean: 'true/false',
  duration: 'a duration',
  null: 'null (missing)',
  unknown: 'of unknown type'
};

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

  report(severity: Severity, code: string, message: string, loc: Loc, hint?: string): void {
    const d: Diagnostic = { severity, code, message, span: this.map.span(loc) };
    if (hint) d.hint = hint;
    this.diagnostics.push(d);
  }

  line(loc: Loc): number {
    return this.map.position(loc.start).line;
  }

  describe(e: Expr, t: Type): string {
    if (e.kind === 'field') return `\`${e.name}\` is ${TYPE_WORD[t]}`;
    const text = printExpr(e);
    return `${text.length > 40 ? text.slice(0, 37) + '...' : text} is ${TYPE_WORD[t]}`;
  }

  field(f: FieldRef): Type {
    if (!f.quoted && f.name.toLowerCase() === AS_OF_NAME) {
      this.resolved.set(f, { kind: 'asOf' });
      this.asOfRefs.push(f);
      return 'date';
    }
    if (f.name.includes('\0')) {
      this.report('error', 'invalid-name', 'a field name cannot contain a NUL character', f.loc);
      return 'unknown';
    }
    const d = lookupDefine(this.defines, this.defineList, f.name);
    if (d) {
      if (this.current !== null && d.index === this.current) {
        this.report('error', 'define-self', `define \`${d.name}\` uses itself`, f.loc, 'a define is computed from fields and the defines above it');
        return 'unknown';
      }
      if (this.current !== null && d.index > this.current) {
        this.report('error', 'define-order', `\`${d.name}\` is defined below (line ${this.line(d.stmt.loc)}); a define can use only the defines above it`, f.loc, `move \`define ${d.name}\` above this line`);
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
      this.report('error', 'ambiguous-field', `\`${f.name}\` matches several fields when case is ignored: ${names}`, f.loc, 'write the name with the exact case');
      return 'unknown';
    }
    if (!this.strict) {
      // Without the data its columns are unknown, so any name may be one; but a name one or two
      // letters from a built-in field (`M_scor`) is most likely that field mistyped: a warning.
      const near = nearBuiltin(f.name);
      if (near !== undefined) this.report('warning', 'near-builtin-field', `\`${f.name}\` is not a built-in field; without the data it is taken as a column of it`, f.loc, `did you mean '${near}'?`);
      this.resolved.set(f, { kind: 'column', name: f.name, type: 'unknown', hasNulls: false });
      return 'unknown';
    }
    const candidates = [...this.fields.map((x) => x.name), ...this.defineList.map((x) => x.name), AS_OF_NAME];
    const best = suggest(f.name, candidates, 1)[0];
    const hint = best === undefined ? undefined : best === AS_OF_NAME || /^[\p{L}_][\p{L}\p{N}\p{M}_]*$/u.test(best) ? `did you mean '${best}'?` : `did you mean ${printFieldName(best)}?`;
    this.report('error', 'unknown-field', `unknown field \`${f.name}\``, f.loc, hint ?? `the fields are: ${this.fields.slice(0, 20).map((x) => x.name).join(', ')}${this.fields.length > 20 ? ', ...' : ''}`);
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
    this.report('error', 'null-literal', '`null` is a missing value: nothing is equal to it, and nothing can be computed from it', e.loc, 'test for a missing value with `is null` or `is not null`');
  }

  private exprInner(e: Expr): Type {
    switch (e.kind) {
      case 'number':
        if (!Number.isFinite(e.value)) this.report('error', 'invalid-number', `${e.raw} is too large for a number`, e.loc);
        return 'number';
      case 'string':
        if (LONE_SURROGATE.test(e.value)) this.report('error', 'invalid-text', 'the text contains an unpaired surrogate (\\uD800-\\uDFFF), which is not a Unicode character', e.loc);
        return 'text';
      case 'date':
        if (!isValidDate(e.value)) this.report('error', 'invalid-date', `${e.value} is not a date in the calendar`, e.loc);
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
          this.condition(e.operand, t, '`not`');
          return 'boolean';
        }
        if (t === 'null') this.nullLiteral(e.operand);
        else if (t !== 'number' && t !== 'unknown') this.report('error', 'type-mismatch', `unary minus needs a number, but ${this.describe(e.operand, t)}`, e.loc);
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
            this.report('error', 'null-literal', '`in` never matches a missing value: `null` in the list has no effect', item.loc, `test for a missing value with \`${printExpr(e.expr)} is null\``);
            continue;
          }
          this.comparable(e.expr, t, item, it, 'in', item.loc, false);
        }
        if (e.negated) this.nullWarning(e.expr, 'not in', e);
        return 'boolean';
      }
      case 'isNull': {
        const t = this.expr(e.expr);
        if (t === 'null') this.report('error', 'null-literal', '`null is null` is always true', e.loc);
        return 'boolean';
      }
      case 'text': {
        const a = this.expr(e.expr);
        const b = this.expr(e.pattern);
        const word = e.op === 'contains' ? '`contains`' : e.op === 'starts' ? '`starts with`' : '`ends with`';
        for (const [x, t] of [[e.expr, a], [e.pattern, b]] as const) {
          if (t === 'null') this.nullLiteral(x);
          else if (t !== 'text' && t !== 'unknown') {
            const hint = x.kind === 'number' ? `did you mean '${x.raw}' (in quotes)?` : undefined;
            this.report('error', 'type-mismatch', `${word} works on text, but ${this.describe(x, t)}`, x.loc, hint);
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
      this.report('error', 'null-compare', `comparing with \`null\` is never true: a missing value is not equal to anything`, other.loc, `did you mean ${fix}?`);
      return;
    }
    if (ta === 'unknown' || tb === 'unknown') {
      // `industry = IT`: an unknown bare name compared with text was meant as text
      const [u, other] = ta === 'unknown' ? [a, tb] : [b, ta];
      if (u.kind === 'field' && !u.quoted && other === 'text') {
        // ... unless a text field has a close name (`industy = 'IT'`: the column is meant)
        const d = this.unknownFields.get(u);
        if (d && (d.suggestion === undefined || this.typeOfName(d.suggestion) !== other)) d.diagnostic.hint = `did you mean '${u.name}' (text in quotes)?`;
      }
      return;
    }
    if (ta === 'duration' || tb === 'duration') {
      const d = ta === 'duration' ? a : b;
      this.report('error', 'type-mismatch', `a duration such as ${printExpr(d)} can only be added to or subtracted from a date`, d.loc, ta === 'date' || tb === 'date' ? undefined : 'compare with a date, e.g. last_purchase >= as_of - 90d');
      return;
    }
    if (ta === tb) {
      if (ordered && ta === 'boolean') this.report('error', 'type-mismatch', `true/false values can only be compared with = or !=`, loc);
      return;
    }
    // A helpful fix for the usual slips: quotes around a number or a date, or none around text.
    let hint: string | undefined;
    let message = `cannot compare ${TYPE_WORD[ta]} with ${TYPE_WORD[tb]}`;
    const lit = b.kind === 'string' || b.kind === 'number' || b.kind === 'date' ? b : a.kind === 'string' || a.kind === 'number' || a.kind === 'date' ? a : null;
    const other = lit === b ? a : b;
    const to = lit === b ? ta : tb;
    if (lit) {
      const opText = op === 'between' || op === 'in' ? null : op;
      const show = (fixed: string) => (opText ? `did you mean ${printExpr(lit === b ? a : b)} ${opText} ${fixed}?` : `did you mean ${fixed}?`);
      if (to === 'text' && (lit.kind === 'number' || lit.kind === 'date')) {
        message = `${this.describe(other, to)}; compare it with a quoted value`;
        hint = show(`'${lit.kind === 'number' ? lit.raw : lit.value}'`);
      } else if (to === 'number' && lit.kind === 'string' && /^-?\d+(\.\d+)?$/.test(lit.value.trim())) {
        message = `${this.describe(other, to)}; write the number without quotes`;
        hint = show(lit.value.trim());
      } else if (to === 'date' && lit.kind === 'string' && isValidDate(lit.value.trim())) {
        message = `${this.describe(other, to)}; write the date without quotes`;
        hint = show(lit.value.trim());
      } else {
        message = `cannot compare ${TYPE_WORD[ta]} with ${TYPE_WORD[tb]}: ${this.describe(other, to)}, ${this.describe(lit, lit === b ? tb : ta)}`;
      }
      this.report('error', 'type-mismatch', message, lit.loc, hint);
      return;
    }
    this.report('error', 'type-mismatch', `${message}: ${this.describe(a, ta)}, ${this.describe(b, tb)}`, loc);
  }

  /** Warn where `!=`/`not in` silently skips customers whose field is missing. */
  nullWarning(subject: Expr, op: string, whole: Expr): void {
    if (subject.kind !== 'field') return;
    const r = this.resolved.get(subject);
    if (!r || r.kind !== 'column' || !r.hasNulls) return;
    this.report(
      'warning',
      'missing-skipped',
      `customers whose \`${subject.name}\` is missing are skipped: \`${op}\` is unknown for a missing value`,
      whole.loc,
      `to include them, write: ${printExpr(whole)} or ${printExpr(subject)} is null`
    );
  }

  condition(e: Expr, t: Type, where: string): void {
    if (t === 'boolean' || t === 'unknown') return;
    if (t === 'null') {
      this.nullLiteral(e);
      return;
    }
    const hint = t === 'number' ? `compare it, e.g. ${printExpr(e)} > 0` : t === 'text' ? `compare it, e.g. ${printExpr(e)} = 'value'` : undefined;
    this.report('error', 'not-a-condition', `${where} needs a condition (true/false), but ${this.describe(e, t)}`, e.loc, hint);
  }

  binary(e: Expr & { kind: 'binary' }): Type {
    const a = this.expr(e.left);
    const b = this.expr(e.right);
    switch (e.op) {
      case 'and':
      case 'or':
        this.condition(e.left, a, `\`${e.op}\``);
        this.condition(e.right, b, `\`${e.op}\``);
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
    const bad = (why: string, hint?: string): Type => {
      this.report('error', 'type-mismatch', why, e.opLoc, hint);
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
          return bad(`\`${op}\` needs numbers, or a date and a duration, but ${a === 'unknown' ? this.describe(e.right, b) : this.describe(e.left, a)}`);
        return 'unknown';
      }
      if ((a === 'date' && b === 'number') || (a === 'number' && b === 'date'))
        return bad(`cannot ${op === '+' ? 'add' : 'subtract'} a number ${op === '+' ? 'to' : 'from'} a date`, `write a duration: ${printExpr(e.left)} ${op} ${e.right.kind === 'number' ? e.right.raw : 'N'}d (days), w, mo or y`);
      if (a === 'duration' && b === 'duration') return bad('durations can only be added to or subtracted from a date', 'e.g. as_of - 90d');
      return bad(`\`${op}\` needs numbers, or a date and a duration, but ${a !== 'number' && a !== 'date' ? this.describe(e.left, a) : this.describe(e.right, b)}`);
    }
    if (a !== 'number' && a !== 'unknown') return bad(`\`${op}\` needs numbers, but ${this.describe(e.left, a)}`);
    if (b !== 'number' && b !== 'unknown') return bad(`\`${op}\` needs numbers, but ${this.describe(e.right, b)}`);
    return 'number';
  }

  call(e: Call): Type {
    const sig = FUNCTIONS[e.name];
    const argTypes = e.args.map((x) => this.expr(x));
    if (!sig) {
      const best = suggest(e.name, FUNCTION_NAMES, 1)[0];
      this.report('error', 'unknown-function', `unknown function \`${e.name}\``, e.nameLoc, best ? `did you mean '${best}'? (the functions are: ${FUNCTION_NAMES.join(', ')})` : `the functions are: ${FUNCTION_NAMES.join(', ')}`);
      return 'unknown';
    }
    if (e.args.length < sig.min || e.args.length > sig.max) {
      const want = sig.min === sig.max ? `${sig.min}` : sig.max >= 64 ? `at least ${sig.min}` : `${sig.min} or ${sig.max}`;
      this.report('error', 'arity', `\`${e.name}\` takes ${want} argument${want === '1' ? '' : 's'}, but got ${e.args.length}`, e.loc);
      return sig.result === 'arg' ? 'unknown' : sig.result;
    }
    if (e.name === 'pct') {
      const arg = e.args[0];
      if (arg) walkExpr(arg, (x) => {
        if (x.kind === 'call' && x.name === 'pct') this.report('error', 'nested-pct', '`pct` cannot be taken of an expression that contains `pct`', x.loc, 'define the inner value first: define p = pct(...)');
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
        const want = sig.args.map((w) => TYPE_WORD[w]).join(' or ');
        const hint = x.kind === 'string' && sig.args.includes('number') && /^-?\d+(\.\d+)?$/.test(x.value) ? `did you mean ${x.value} (without quotes)?` : undefined;
        this.report('error', 'type-mismatch', `\`${e.name}\` needs ${want}, but ${this.describe(x, t)}`, x.loc, hint);
        return;
      }
      if (sig.same) {
        if (common === 'unknown') common = t;
        else if (common !== t) this.report('error', 'type-mismatch', `the values of \`${e.name}\` must have one type, but ${this.describe(x, t)} and an earlier one is ${TYPE_WORD[common]}`, x.loc);
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
    if (!isValidDate(s.date)) c.report('error', 'invalid-date', `${s.date} is not a date in the calendar`, s.dateLoc);
    if (asOfStmt) c.report('error', 'duplicate-as-of', `the analysis date is already set on line ${c.line(asOfStmt.loc)}`, s.loc, 'keep one `as of` line');
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
      c.report('error', 'reserved-name', `\`${s.name}\` is a reserved name; choose another name for the define`, s.nameLoc);
      return;
    }
    const prev = outputNames.get(lower);
    if (prev) {
      c.report('error', 'duplicate-id', `\`${s.name}\` is already defined on line ${c.line(prev.loc)}`, s.nameLoc);
      return;
    }
    const imp = importedNames.get(lower);
    if (imp) {
      c.diagnostics.push(useClashDiagnostic(map, s, imp));
      return;
    }
    if (fieldNames.has(lower)) {
      const existing = c.fields.find((f) => f.name.toLowerCase() === lower)?.name ?? s.name;
      const same = existing === s.name ? `\`${s.name}\`` : `\`${s.name}\` (as \`${existing}\`, names ignore case)`;
      c.report('error', 'name-taken', `${same} is already a field of the data; choose another name for the define`, s.nameLoc);
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
      c.report('error', 'null-literal', 'a define cannot be just `null`', info.stmt.expr.loc);
      info.type = 'unknown';
    } else if (info.type === 'duration') {
      c.report('error', 'type-mismatch', 'a define cannot be a bare duration; add it to a date, e.g. as_of - 90d', info.stmt.expr.loc);
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
      if (prev) c.report('error', 'duplicate-id', `segment \`${s.id}\` is already defined on line ${c.line(prev)}`, s.idLoc);
      else segmentIds.set(s.id, s.idLoc);
      if (otherwise) {
        c.report('warning', 'unreachable', `segment \`${s.id}\` can never match: \`otherwise\` on line ${c.line(otherwise.loc)} takes every remaining customer`, s.idLoc, 'move this segment above the `otherwise` segment');
      }
      if (s.when === null) {
        if (i !== lastSegment && !otherwise) c.report('error', 'otherwise-not-last', '`otherwise` must be the last segment: it takes every customer not matched above', s.loc, 'move this segment to the end of the file');
        if (!otherwise) otherwise = s;
      } else {
        c.condition(s.when, c.expr(s.when), 'a segment rule');
      }
    } else if (s.kind === 'tag') {
      const lower = s.id.toLowerCase();
      if (RESERVED_OUTPUT.has(lower)) c.report('error', 'reserved-name', `\`${s.id}\` is a reserved name; choose another id for the tag`, s.idLoc);
      else {
        const prev = outputNames.get(lower);
        if (prev) c.report('error', 'duplicate-id', `\`${s.id}\` is already defined on line ${c.line(prev.loc)} (as a ${prev.what})`, s.idLoc);
        else outputNames.set(lower, { what: 'tag', loc: s.idLoc });
      }
      c.condition(s.when, c.expr(s.when), 'a tag rule');
    }
  });

  if (options.asOfKnown === false && !asOf) {
    for (const ref of c.asOfRefs) {
      c.report('error', 'no-as-of', '`as_of` needs an analysis date, and none is known', ref.loc, 'add a line `as of 2024-12-31` at the top of the file, or load transactions');
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
  if (options.condition) c.condition(expr, t, 'a rule');
  else if (t === 'null') c.report('error', 'null-literal', 'the expression is just `null`', expr.loc);
  else if (t === 'duration') c.report('error', 'type-mismatch', 'a bare duration has no value; add it to a date, e.g. as_of - 90d', expr.loc);
  if (options.asOfKnown === false) {
    for (const ref of c.asOfRefs) c.report('error', 'no-as-of', '`as_of` needs an analysis date, and none is known', ref.loc, 'load transactions, or pass an analysis date');
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
