// Which role a column of the preview plays: the role mapped to it (a column name), or, for an
// amount given as an expression (`Quantity * UnitPrice`), the columns the expression reads.
import type { Role } from '@segmint/engine';
import { parseExpression, walkExpr } from '@segmint/dsl';

const ORDER: readonly Role[] = ['customer', 'date', 'amount', 'order'];

/** The role `column` is used for, or null. */
export function roleOfColumn(column: string, roles: Partial<Record<Role, string>>): Role | null {
  const norm = (s: string) => s.trim().toLowerCase();
  for (const r of ORDER) {
    const v = roles[r];
    if (v === undefined) continue;
    if (norm(v) === norm(column)) return r;
    if (r === 'amount' && fieldsOf(v).some((f) => norm(f) === norm(column))) return r;
  }
  return null;
}

/** The field names an expression reads ([] when it does not parse). */
function fieldsOf(expression: string): string[] {
  const parsed = parseExpression(expression);
  if (!parsed.expr) return [];
  const out: string[] = [];
  walkExpr(parsed.expr, (e) => {
    if (e.kind === 'field') out.push(e.name);
  });
  return out;
}
