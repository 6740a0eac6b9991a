// The quick rule's share of the rule file's coverage check: a condition that contradicts itself
// (`R < 10 and R > 20`) can never match, whether it is a segment's rule or a quick rule.
import type { Expr, FieldRef } from './ast.js';
import { neverMatches } from './coverage.js';
import type { Diagnostic, LineMap } from './diagnostics.js';
import { makeDiagnostic, msg } from './messages/index.js';

/** The warning for a bare condition that can never match (none when it can, or when unsure). */
export function quickRuleCoverage(expr: Expr, resolved: Map<FieldRef, unknown>, map: LineMap): Diagnostic[] {
  if (!neverMatches(expr, resolved)) return [];
  return [makeDiagnostic({ severity: 'warning', code: 'never-matches', span: map.span(expr.loc) }, msg('never-matches.quick'), msg('hint.never-matches-quick'))];
}
