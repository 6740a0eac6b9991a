// The thresholds of a rule file: every comparison of a built-in metric (R, F, M, T, AOV, the
// scores) with a number written in the file, e.g. `R <= 30`, `30 >= R`, `M between 1000 and
// 5000`, `F in (1, 2)`. The charts draw them as lines on the metric's histogram, at the value the
// comparison uses (in the field's unit: R and T in days), and move them as the text changes.
// Pure: reads the syntax tree only (a partial parse is enough, so lines stay while one statement
// has a syntax error).
import type { CompareOp, Expr, FieldRef, Loc, RuleFile, Statement } from './ast.js';
import { walkExpr } from './ast.js';
import { LineMap, type Span } from './diagnostics.js';
import { parseRulesPartial } from './parse.js';

/** The built-in numeric metrics a threshold can be drawn for (see the metrics spec). */
export const THRESHOLD_FIELDS = ['R', 'F', 'M', 'T', 'AOV', 'R_score', 'F_score', 'M_score'] as const;
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

export interface Threshold {
  field: ThresholdField;
  /** the comparison with the field on the left (`30 > R` is `R < 30`); `between` gives `>=` and
   * `<=` (negated: `<` and `>`), `in` gives `=` (negated: `!=`) per number */
  op: CompareOp;
  /** in the field's unit (R and T: days) */
  value: number;
  /** the statement the comparison is written in */
  statement: { kind: 'segment' | 'tag' | 'define'; id: string };
  /** the segments whose rule uses the comparison, directly or through defines (file order) */
  segments: string[];
  /** where the number is written */
  loc: Loc;
  span: Span;
}

const FIELD_BY_LOWER = new Map<string, ThresholdField>(THRESHOLD_FIELDS.map((f) => [f.toLowerCase(), f]));

/** Days per duration unit where the length is fixed; months and years vary (the compiler shifts
 * calendar dates for them), so a comparison with them has no single line to draw. */
const DAYS: Partial<Record<string, number>> = { d: 1, w: 7 };

function flip(op: CompareOp): CompareOp {
  switch (op) {
    case '<':
      return '>';
    case '<=':
      return '>=';
    case '>':
      return '<';
    case '>=':
      return '<=';
    default:
      return op;
  }
}

const COMPARE = new Set<string>(['<', '<=', '>', '>=', '=', '!=']);

/** A number written in the file: a literal, a negated literal, or (for day-valued fields) a
 * duration in days or weeks. */
function numberOf(e: Expr, field: ThresholdField): { value: number; loc: Loc } | null {
  if (e.kind === 'number') return { value: e.value, loc: e.loc };
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return { value: -e.operand.value, loc: e.loc };
  if (e.kind === 'duration' && (field === 'R' || field === 'T')) {
    const days = DAYS[e.unit];
    return days === undefined ? null : { value: e.amount * days, loc: e.loc };
  }
  return null;
}

/** Finds the thresholds in one expression; `isField` says whether a reference is the metric
 * (not a define or a column of another name). */
function collect(expr: Expr, isField: (f: FieldRef) => ThresholdField | null, add: (field: ThresholdField, op: CompareOp, value: number, loc: Loc) => void): void {
  walkExpr(expr, (e) => {
    if (e.kind === 'binary' && COMPARE.has(e.op)) {
      const op = e.op as CompareOp;
      const lf = e.left.kind === 'field' ? isField(e.left) : null;
      const rf = e.right.kind === 'field' ? isField(e.right) : null;
      if (lf) {
        const v = numberOf(e.right, lf);
        if (v) add(lf, op, v.value, v.loc);
      } else if (rf) {
        const v = numberOf(e.left, rf);
        if (v) add(rf, flip(op), v.value, v.loc);
      }
    } else if (e.kind === 'between' && e.expr.kind === 'field') {
      const f = isField(e.expr);
      if (!f) return;
      const lo = numberOf(e.low, f);
      const hi = numberOf(e.high, f);
      if (lo) add(f, e.negated ? '<' : '>=', lo.value, lo.loc);
      if (hi) add(f, e.negated ? '>' : '<=', hi.value, hi.loc);
    } else if (e.kind === 'in' && e.expr.kind === 'field') {
      const f = isField(e.expr);
      if (!f) return;
      for (const item of e.list) {
        const v = numberOf(item, f);
        if (v) add(f, e.negated ? '!=' : '=', v.value, v.loc);
      }
    }
  });
}

/** The defines an expression refers to (by the names the file defines). */
function definesIn(expr: Expr, defines: Map<string, string>): string[] {
  const out: string[] = [];
  walkExpr(expr, (e) => {
    if (e.kind === 'field') {
      const d = defines.get(e.name) ?? defines.get(e.name.toLowerCase());
      if (d !== undefined) out.push(d);
    }
  });
  return out;
}

/**
 * Every threshold of a parsed rule file, in source order. A reference is the built-in metric when
 * its name is one (exactly, or in other case as the checker's lookup allows) and no define of the
 * file has that name; `isMetric` overrides that (e.g. from the checker's resolution).
 */
export function extractThresholds(file: RuleFile, options: { isMetric?: (ref: FieldRef) => boolean } = {}): Threshold[] {
  const statements: Statement[] = file.statements;
  const defineNames = new Map<string, string>();
  for (const s of statements) if (s.kind === 'define') defineNames.set(s.name, s.name);
  // the checker finds a define in other case when it is the only one of that name
  for (const s of statements) if (s.kind === 'define' && !defineNames.has(s.name.toLowerCase())) defineNames.set(s.name.toLowerCase(), s.name);
  const isField = (ref: FieldRef): ThresholdField | null => {
    const f = FIELD_BY_LOWER.get(ref.name.toLowerCase());
    if (!f) return null;
    if (options.isMetric) return options.isMetric(ref) ? f : null;
    return defineNames.has(ref.name) ? null : f;
  };
  // which segments use each define, through other defines too
  const deps = new Map<string, string[]>();
  for (const s of statements) if (s.kind === 'define') deps.set(s.name, definesIn(s.expr, defineNames));
  const users = new Map<string, string[]>();
  for (const s of statements) {
    if (s.kind !== 'segment' || !s.when) continue;
    const seen = new Set<string>();
    const stack = definesIn(s.when, defineNames);
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      stack.push(...(deps.get(d) ?? []));
    }
    for (const d of seen) users.set(d, [...(users.get(d) ?? []), s.id]);
  }
  const lines = new LineMap(file.source);
  const out: Threshold[] = [];
  for (const s of statements) {
    let expr: Expr | null = null;
    let statement: Threshold['statement'] | null = null;
    let segments: string[] = [];
    if (s.kind === 'segment') {
      expr = s.when;
      statement = { kind: 'segment', id: s.id };
      segments = [s.id];
    } else if (s.kind === 'tag') {
      expr = s.when;
      statement = { kind: 'tag', id: s.id };
    } else if (s.kind === 'define') {
      expr = s.expr;
      statement = { kind: 'define', id: s.name };
      segments = users.get(s.name) ?? [];
    }
    if (!expr || !statement) continue;
    const st = statement;
    const segs = segments;
    collect(expr, isField, (field, op, value, loc) => out.push({ field, op, value, statement: st, segments: [...segs], loc, span: lines.span(loc) }));
  }
  out.sort((a, b) => a.loc.start - b.loc.start);
  return out;
}

/** The thresholds of a rule file's text: the statements that parse (one with a syntax error is
 * left out, the others keep their lines while the user types). */
export function thresholdsOf(source: string): Threshold[] {
  return extractThresholds(parseRulesPartial(source).file);
}
