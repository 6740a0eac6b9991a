// The SQL compiler: from a checked tree to one DuckDB SELECT (or one SQL expression).
// Identifiers go through the dialect's ident(), literals through its string()/number()/date()
// or become bound parameters, and operators come from the dialect's tables.
import type { Expr, RuleFile, SegmentStmt, TagStmt } from './ast.js';
import { checkExpression, checkRules, isValidDate, type CheckResult, type Type } from './check.js';
import { DIALECTS, type Dialect } from './dialect.js';
import type { Diagnostic } from './diagnostics.js';
import { LineMap } from './diagnostics.js';
import { makeDiagnostic, msg } from './messages/index.js';
import { parseExpression, parseRulesPartial, readAsOf, type PartialParse } from './parse.js';
import type { FieldType, Schema } from './schema.js';
import { importsFor, type ImportedDefine, type ResolvedUses } from './uses.js';

export type Param = string | number | boolean | null;

export interface CompileOptions {
  /** the customer relation (a table or view name) */
  relation: string;
  /** the customer id column of the relation (default 'customer'); output as "customer" */
  idColumn?: string;
  /** the analysis date the relation was built at; `as_of` in rules compiles to it */
  asOf?: string;
  dialect?: 'duckdb';
  /** true: literals become $1.. parameters; false (default): rendered inline */
  bind?: boolean;
  /** false: check only (diagnostics, segments, tags, defines), no SQL (sql is '') */
  emit?: boolean;
  /** also emit `summary` (see CompiledRules.summary), carrying these relation columns */
  summary?: { carry: readonly { column: string; as: string }[] };
  /** the file's `use` lines as read by resolveUses (their defines are brought in) */
  uses?: ResolvedUses;
}

export interface CompiledRules {
  ok: boolean;
  diagnostics: Diagnostic[];
  sql: string;
  params: Param[];
  /** the analysis date used for `as_of` (options.asOf, else the file's `as of`), if any */
  asOf: string | null;
  segments: { id: string; label: string | null }[];
  tags: { id: string; label: string | null }[];
  defines: { name: string; type: FieldType }[];
  hasOtherwise: boolean;
  /** with options.summary: the same rules as a query for summarising them (the live-typing
   * numbers): `segment` is the segment's 0-based index in `segments` (an INTEGER, NULL when no
   * segment applies: cheaper to group by than the id), then the tags, then the carried
   * columns; no customer id, no defines */
  summary?: { sql: string; params: Param[] };
}

export interface ExpressionOptions {
  asOf?: string;
  dialect?: 'duckdb';
  bind?: boolean;
  /** defines the expression may use: a rule file's base files (resolveUses), or already checked */
  uses?: ResolvedUses;
  imported?: ImportedDefine[];
}

export interface CompiledExpression {
  ok: boolean;
  diagnostics: Diagnostic[];
  sql: string;
  params: Param[];
  type: FieldType | null;
}

function outType(t: Type): FieldType {
  return t === 'number' || t === 'text' || t === 'date' || t === 'boolean' ? t : 'text';
}

/** Emits SQL for checked expressions. */
class Emitter {
  readonly params: Param[] = [];
  constructor(
    readonly d: Dialect,
    readonly check: CheckResult,
    readonly asOf: string | null,
    readonly bind: boolean,
    /** defines computed in place (a bare expression has no define columns to refer to) */
    readonly inline: Map<string, Expr> = new Map()
  ) {}

  lit(value: string | number | boolean, type: FieldType): string {
    if (this.bind) {
      this.params.push(value);
      return this.d.param(this.params.length, type);
    }
    if (type === 'number') return this.d.number(value as number);
    if (type === 'date') return this.d.date(value as string);
    if (type === 'boolean') return this.d.bool(value as boolean);
    return this.d.string(value as string);
  }

  type(e: Expr): Type {
    return this.check.types.get(e) ?? 'unknown';
  }

  expr(e: Expr): string {
    const d = this.d;
    switch (e.kind) {
      case 'number':
        return this.lit(e.value, 'number');
      case 'string':
        return this.lit(e.value, 'text');
      case 'date':
        return this.lit(e.value, 'date');
      case 'bool':
        return this.lit(e.value, 'boolean');
      case 'null':
        return d.null;
      case 'duration':
        // only valid inside date arithmetic, handled there
        throw new Error('a bare duration reached the compiler');
      case 'field': {
        const r = this.check.resolved.get(e);
        if (!r) throw new Error(`unresolved field ${e.name}`);
        if (r.kind === 'asOf') {
          if (!this.asOf) throw new Error('as_of without a date reached the compiler');
          return this.lit(this.asOf, 'date');
        }
        const body = r.kind === 'define' ? this.inline.get(r.name) : undefined;
        if (body) return `(${this.expr(body)})`;
        return d.ident(r.name);
      }
      case 'unary':
        return e.op === 'not' ? d.not(this.expr(e.operand)) : d.neg(this.expr(e.operand));
      case 'binary': {
        switch (e.op) {
          case 'and':
            return d.and(this.expr(e.left), this.expr(e.right));
          case 'or':
            return d.or(this.expr(e.left), this.expr(e.right));
          case '+':
          case '-': {
            const lt = this.type(e.left);
            const rt = this.type(e.right);
            if (e.right.kind === 'duration') return d.dateShift(this.expr(e.left), e.op === '+' ? 1 : -1, this.durationAmount(e.right.amount), e.right.unit);
            if (e.left.kind === 'duration' && e.op === '+') return d.dateShift(this.expr(e.right), 1, this.durationAmount(e.left.amount), e.left.unit);
            if (e.op === '-' && lt === 'date' && rt === 'date') return d.dateDiff(this.expr(e.left), this.expr(e.right));
            return e.op === '+' ? d.add(this.expr(e.left), this.expr(e.right)) : d.sub(this.expr(e.left), this.expr(e.right));
          }
          case '*':
            return d.mul(this.expr(e.left), this.expr(e.right));
          case '/':
            return d.div(this.expr(e.left), this.expr(e.right));
          default:
            return `(${this.expr(e.left)} ${d.compare[e.op]} ${this.expr(e.right)})`;
        }
      }
      case 'between':
        return d.between(this.expr(e.expr), this.expr(e.low), this.expr(e.high), e.negated);
      case 'in':
        return d.inList(this.expr(e.expr), e.list.map((x) => this.expr(x)), e.negated);
      case 'isNull':
        return d.isNull(this.expr(e.expr), e.negated);
      case 'text': {
        const s = d.text[e.op](this.expr(e.expr), this.expr(e.pattern));
        return e.negated ? d.not(s) : s;
      }
      case 'call': {
        const args = e.args.map((x) => this.expr(x));
        if (e.name === 'pct') return d.pct(args[0] ?? d.null);
        const f = d.functions[e.name];
        if (!f) throw new Error(`function ${e.name} has no rendering in ${d.name}`);
        return f(args);
      }
    }
  }

  durationAmount(n: number): string {
    return this.bind ? this.lit(n, 'number').replace('DOUBLE', 'INTEGER') : this.d.number(n);
  }
}

function dialectOf(name: string | undefined): Dialect {
  const d = DIALECTS[name ?? 'duckdb'];
  if (!d) throw new Error(`unknown SQL dialect '${name}'`);
  return d;
}

function hasErrors(ds: Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Compile a checked rule file (no errors) to one SELECT. */
/** The rules as one SELECT over the relation: customer, segment id, tags, defines; or, with
 * `carry` (the summary shape), segment index, tags and the carried relation columns. */
export function emitRules(file: RuleFile, checked: CheckResult, options: CompileOptions, carry?: readonly { column: string; as: string }[]): { sql: string; params: Param[] } {
  const d = dialectOf(options.dialect);
  const asOf = options.asOf ?? checked.asOf;
  const segments = file.statements.filter((s): s is SegmentStmt => s.kind === 'segment');
  const tags = file.statements.filter((s): s is TagStmt => s.kind === 'tag');
  const own = file.statements.filter((s) => s.kind === 'define');
  // defines brought in by `use`: the ones the rules need, computed first (not output columns)
  const roots = [...own.map((s) => s.expr), ...segments.flatMap((s) => (s.when ? [s.when] : [])), ...tags.map((t) => t.when)];
  const imports = importsFor(checked, roots);
  const check = imports.check;
  const defines = [...imports.defines.map((x) => x.stmt), ...own];
  const em = new Emitter(d, check, asOf, !!options.bind);

  // Defines become columns of nested subqueries, one level per dependency depth, so a define
  // may use the defines above it (and pct of a define is a window over a plain column).
  const level = new Map<string, number>();
  const layers: string[][] = [];
  for (const def of defines) {
    let lv = 0;
    const visit = (e: Expr): void => {
      if (e.kind === 'field') {
        const r = check.resolved.get(e);
        if (r?.kind === 'define') lv = Math.max(lv, (level.get(r.name) ?? 0) + 1);
      }
    };
    const walk = (e: Expr): void => {
      visit(e);
      for (const c of children(e)) walk(c);
    };
    walk(def.expr);
    level.set(def.name, lv);
    (layers[lv] ??= []).push(`${em.expr(def.expr)} AS ${d.ident(def.name)}`);
  }
  let from = d.ident(options.relation);
  layers.forEach((cols, i) => {
    from = `(SELECT *, ${cols.join(', ')} FROM ${from}) AS ${d.ident(`_segmint_defines_${i + 1}`)}`;
  });

  // the segment: its id, or (summary shape) its index in file order
  const value = (s: SegmentStmt) => (carry ? String(segments.indexOf(s)) : d.string(s.id));
  const none = carry ? d.castInteger(d.null) : d.castText(d.null);
  const branches = segments.filter((s) => s.when !== null).map((s) => ({ when: em.expr(s.when as Expr), then: value(s) }));
  const otherwise = segments.find((s) => s.when === null);
  const segmentSql = branches.length === 0 ? (otherwise ? value(otherwise) : none) : d.caseWhen(branches, otherwise ? value(otherwise) : null);
  const cols = carry ? [`${segmentSql} AS ${d.ident('segment')}`] : [`${d.ident(options.idColumn ?? 'customer')} AS ${d.ident('customer')}`, `${segmentSql} AS ${d.ident('segment')}`];
  for (const t of tags) cols.push(`${d.isTrue(em.expr(t.when))} AS ${d.ident(t.id)}`);
  if (carry) for (const c of carry) cols.push(`${d.ident(c.column)} AS ${d.ident(c.as)}`);
  else for (const def of own) cols.push(d.ident(def.name));
  const sql = `SELECT\n  ${cols.join(',\n  ')}\nFROM ${from}`;
  return { sql, params: em.params };
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'between':
      return [e.expr, e.low, e.high];
    case 'in':
      return [e.expr, ...e.list];
    case 'isNull':
      return [e.expr];
    case 'text':
      return [e.expr, e.pattern];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Parse, check and compile a rule file to one SELECT over `options.relation`. */
export function compileRules(source: string, schema: Schema | null, options: CompileOptions): CompiledRules {
  const parsed = parseRulesPartial(source);
  const empty = { sql: '', params: [] as Param[] };
  const file = parsed.file;
  const check = checkRules(file, schema, { asOfKnown: !!options.asOf || fileHasAsOf(file) || readAsOf(source) !== null, ...(options.uses ? { uses: options.uses } : {}) });
  const diagnostics = mergeDiagnostics(parsed, check.diagnostics, options.uses);
  const asOf = options.asOf ?? check.asOf;
  if (options.asOf && check.asOf && options.asOf !== check.asOf && isValidDate(check.asOf)) {
    const stmt = file.statements.find((s) => s.kind === 'asOf');
    if (stmt) {
      diagnostics.push(makeDiagnostic({ severity: 'info', code: 'as-of-overridden', span: new LineMap(source).span(stmt.loc) }, msg('as-of-overridden', { asOf: options.asOf, fileAsOf: check.asOf })));
    }
  }
  const segments = file.statements.filter((s): s is SegmentStmt => s.kind === 'segment').map((s) => ({ id: s.id, label: s.label }));
  const tags = file.statements.filter((s): s is TagStmt => s.kind === 'tag').map((s) => ({ id: s.id, label: s.label }));
  const defines = check.defines.map((x) => ({ name: x.name, type: outType(x.type) }));
  const hasOtherwise = file.statements.some((s) => s.kind === 'segment' && s.when === null);
  const base = { diagnostics, asOf, segments, tags, defines, hasOtherwise };
  if (hasErrors(diagnostics)) return { ok: false, ...base, ...empty };
  // only the diagnostics wanted (an editor checking as the user types): no SQL
  if (options.emit === false) return { ok: true, ...base, ...empty };
  const out = emitRules(file, check, { ...options, asOf: asOf ?? undefined });
  const summary = options.summary ? emitRules(file, check, { ...options, asOf: asOf ?? undefined }, options.summary.carry) : undefined;
  return { ok: true, ...base, ...out, ...(summary ? { summary } : {}) };
}

function fileHasAsOf(file: RuleFile): boolean {
  return file.statements.some((s) => s.kind === 'asOf');
}

/** Syntax errors first, then the checker's findings on the statements that parsed (minus
 * uses of defines whose own statement did not parse, and, while a base file of `uses` is
 * missing, unknown names: they may be its defines, and its `use-missing` error says what to do). */
export function mergeDiagnostics(parsed: PartialParse, checked: Diagnostic[], uses?: ResolvedUses): Diagnostic[] {
  if (uses && uses.missing.length > 0) checked = checked.filter((d) => d.code !== 'unknown-field');
  if (parsed.diagnostics.length === 0) return [...checked];
  const broken = new Set(parsed.brokenDefines.map((n) => n.toLowerCase()));
  const rest = checked.filter((d) => !(d.code === 'unknown-field' && typeof d.params?.name === 'string' && broken.has(d.params.name.toLowerCase())));
  return [...parsed.diagnostics, ...rest].sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
}

/** Parse, check and compile one expression to a SQL expression (for a SELECT list: it may
 * contain window functions). */
export function compileExpression(source: string, schema: Schema | null, options: ExpressionOptions = {}): CompiledExpression {
  const parsed = parseExpression(source);
  if (!parsed.expr) return { ok: false, diagnostics: parsed.diagnostics, sql: '', params: [], type: null };
  const check0 = checkExpression(parsed.expr, source, schema, { asOfKnown: !!options.asOf, ...(options.uses ? { uses: options.uses } : {}), ...(options.imported ? { imported: options.imported } : {}) });
  if (!check0.ok) return { ok: false, diagnostics: check0.diagnostics, sql: '', params: [], type: null };
  const t = check0.types.get(parsed.expr) ?? 'unknown';
  const { check, defines } = importsFor(check0, [parsed.expr]);
  const inline = new Map(defines.map((x) => [x.name, x.stmt.expr]));
  const em = new Emitter(dialectOf(options.dialect), check, options.asOf ?? null, !!options.bind, inline);
  const sql = em.expr(parsed.expr);
  return { ok: true, diagnostics: check.diagnostics, sql, params: em.params, type: t === 'unknown' || t === 'null' || t === 'duration' ? null : t };
}
