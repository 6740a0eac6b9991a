// Segments that can never match, decided from the rules alone (sound, not complete): a rule is
// put in disjunctive normal form over atoms; an atom is either a bound on a field compared with
// a number or date literal (`R <= 30`, `F between 5 and 9`) or any other condition, compared
// by its canonical text. Segment B is unreachable when every term of B implies a term of an
// earlier segment (everything B selects was taken above), and never matches when every term
// is contradictory (`R < 3 and R > 5`). Bounds need the field to have a value, so missing
// values do not break the reasoning.
import type { Expr, FieldRef, SegmentStmt, Statement } from './ast.js';
import type { Diagnostic, LineMap } from './diagnostics.js';
import { printExpr } from './print.js';
import { LIST_SEP, makeDiagnostic, msg, REF_SEP } from './messages/index.js';

interface Bound {
  lo: number;
  loInc: boolean;
  hi: number;
  hiInc: boolean;
}
interface Term {
  bounds: Map<string, Bound>;
  atoms: Set<string>;
}

const MAX_TERMS = 64;
const ALL: Bound = { lo: -Infinity, loInc: false, hi: Infinity, hiInc: false };

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86400000;
}

function literalValue(e: Expr): { key: 'n' | 'd'; v: number } | null {
  if (e.kind === 'number') return { key: 'n', v: e.value };
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return { key: 'n', v: -e.operand.value };
  if (e.kind === 'date') return { key: 'd', v: dayNumber(e.value) };
  return null;
}

function intersect(a: Bound, b: Bound): Bound {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : { lo: a.lo, loInc: a.loInc && b.loInc };
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : { hi: a.hi, hiInc: a.hiInc && b.hiInc };
  return { lo: lo.lo, loInc: lo.loInc, hi: hi.hi, hiInc: hi.hiInc };
}

function empty(b: Bound): boolean {
  return b.lo > b.hi || (b.lo === b.hi && !(b.loInc && b.hiInc));
}

/** a within b */
function within(a: Bound, b: Bound): boolean {
  const loOk = a.lo > b.lo || (a.lo === b.lo && (b.loInc || !a.loInc));
  const hiOk = a.hi < b.hi || (a.hi === b.hi && (b.hiInc || !a.hiInc));
  return loOk && hiOk;
}

class Normaliser {
  constructor(readonly resolved: Map<FieldRef, unknown>) {}

  fieldKey(e: Expr): string | null {
    if (e.kind !== 'field') return null;
    const r = this.resolved.get(e) as { kind: string; name?: string } | undefined;
    if (!r) return null;
    return r.kind === 'asOf' ? null : `${r.kind}:${r.name ?? ''}`;
  }

  bound(e: Expr): { key: string; b: Bound } | null {
    if (e.kind === 'binary' && ['<', '<=', '>', '>=', '='].includes(e.op)) {
      let field = this.fieldKey(e.left);
      let lit = literalValue(e.right);
      let op = e.op;
      if (!field || !lit) {
        field = this.fieldKey(e.right);
        lit = literalValue(e.left);
        op = ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' } as Record<string, typeof op>)[e.op] ?? op;
      }
      if (!field || !lit) return null;
      const key = `${lit.key}|${field}`;
      const v = lit.v;
      switch (op) {
        case '<':
          return { key, b: { ...ALL, hi: v, hiInc: false } };
        case '<=':
          return { key, b: { ...ALL, hi: v, hiInc: true } };
        case '>':
          return { key, b: { ...ALL, lo: v, loInc: false } };
        case '>=':
          return { key, b: { ...ALL, lo: v, loInc: true } };
        default:
          return { key, b: { lo: v, loInc: true, hi: v, hiInc: true } };
      }
    }
    if (e.kind === 'between' && !e.negated) {
      const field = this.fieldKey(e.expr);
      const lo = literalValue(e.low);
      const hi = literalValue(e.high);
      if (!field || !lo || !hi || lo.key !== hi.key) return null;
      return { key: `${lo.key}|${field}`, b: { lo: lo.v, loInc: true, hi: hi.v, hiInc: true } };
    }
    return null;
  }

  /** DNF of a condition, or null when it would be too large. */
  dnf(e: Expr): Term[] | null {
    if (e.kind === 'binary' && e.op === 'or') {
      const a = this.dnf(e.left);
      const b = this.dnf(e.right);
      if (!a || !b || a.length + b.length > MAX_TERMS) return null;
      return [...a, ...b];
    }
    if (e.kind === 'binary' && e.op === 'and') {
      const a = this.dnf(e.left);
      const b = this.dnf(e.right);
      if (!a || !b || a.length * b.length > MAX_TERMS) return null;
      const out: Term[] = [];
      for (const x of a) for (const y of b) out.push(merge(x, y));
      return out;
    }
    const bd = this.bound(e);
    if (bd) return [{ bounds: new Map([[bd.key, bd.b]]), atoms: new Set() }];
    return [{ bounds: new Map(), atoms: new Set([printExpr(e)]) }];
  }
}

function merge(x: Term, y: Term): Term {
  const bounds = new Map(x.bounds);
  for (const [k, b] of y.bounds) bounds.set(k, intersect(bounds.get(k) ?? ALL, b));
  return { bounds, atoms: new Set([...x.atoms, ...y.atoms]) };
}

function contradictory(t: Term): boolean {
  for (const b of t.bounds.values()) if (empty(b)) return true;
  return false;
}

/** Does every customer matching a match b? */
function implies(a: Term, b: Term): boolean {
  for (const atom of b.atoms) if (!a.atoms.has(atom)) return false;
  for (const [k, bb] of b.bounds) {
    const ab = a.bounds.get(k);
    if (!ab || !within(ab, bb)) return false;
  }
  return true;
}

export function coverageDiagnostics(statements: Statement[], resolved: Map<FieldRef, unknown>, map: LineMap): Diagnostic[] {
  const n = new Normaliser(resolved);
  const out: Diagnostic[] = [];
  const earlier: { seg: SegmentStmt; terms: Term[] }[] = [];
  for (const s of statements) {
    if (s.kind !== 'segment' || s.when === null) continue;
    const terms = n.dnf(s.when);
    if (!terms) continue;
    const live = terms.filter((t) => !contradictory(t));
    if (live.length === 0) {
      out.push(makeDiagnostic({ severity: 'warning', code: 'never-matches', span: map.span(s.when.loc) }, msg('never-matches', { name: s.id }), msg('hint.never-matches')));
      continue;
    }
    const coveredBy = new Set<SegmentStmt>();
    const covered = live.every((t) => {
      for (const e of earlier) {
        if (e.terms.some((u) => implies(t, u))) {
          coveredBy.add(e.seg);
          return true;
        }
      }
      return false;
    });
    if (covered && earlier.length > 0) {
      const by = [...coveredBy];
      // the earlier segments: `id` (line N) in each language ({by:refs}); raw ids and lines as items
      const refs = by.map((b) => `${b.id}${REF_SEP}${map.position(b.loc.start).line}`).join(LIST_SEP);
      out.push(makeDiagnostic({ severity: 'warning', code: 'covered', span: map.span(s.idLoc) }, msg('covered', { name: s.id, by: refs }), msg(by.length === 1 ? 'hint.covered-one' : 'hint.covered-many')));
    }
    earlier.push({ seg: s, terms: live });
  }
  return out;
}

/** Does a condition contradict itself (every term of its normal form is empty, e.g.
 * `R < 10 and R > 20`), so that no customer can match it? False when unsure. */
export function neverMatches(e: Expr, resolved: Map<FieldRef, unknown>): boolean {
  const terms = new Normaliser(resolved).dnf(e);
  return terms !== null && terms.length > 0 && terms.every(contradictory);
}
