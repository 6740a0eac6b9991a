// The amount role: a column, or an arithmetic expression of columns in the rules language
// (`Quantity * UnitPrice`). Expressions are parsed, checked and compiled by @segmint/dsl against
// the file's columns and their inferred types; the expression text itself never reaches SQL.
import { compileExpression, parseExpression, walkExpr, type Schema } from '@segmint/dsl';
import type { Role } from '../types.js';
import { ident } from '../sql/quote.js';
import { failCoded, columnsText } from './convert.js';
import type { ColumnProfile } from './infer.js';

export interface RoleSql {
  /** SQL over the raw columns, where the `columns` listed have been converted to numbers */
  sql: string;
  /** raw columns it reads (converted to DOUBLE before `sql` runs) */
  columns: string[];
}

/** Finds a column by name: exact, else ignoring case and surrounding blanks. */
export function findColumn(columns: string[], name: string): string | null {
  if (columns.includes(name)) return name;
  const n = name.trim().toLowerCase();
  return columns.find((c) => c.trim().toLowerCase() === n) ?? null;
}

function fieldType(p: ColumnProfile): 'number' | 'text' | 'date' | 'boolean' {
  if (p.type === 'integer' || p.type === 'number') return 'number';
  if (p.type === 'date' || p.type === 'timestamp') return 'date';
  if (p.type === 'boolean') return 'boolean';
  return 'text';
}

/** SQL for a numeric role (amount) given as a column name or an expression of columns. */
export function numericRoleSql(file: string, role: Role, given: string, profiles: ColumnProfile[]): RoleSql {
  const columns = profiles.map((p) => p.name);
  const col = findColumn(columns, given);
  if (col) return { sql: ident(col), columns: [col] };
  // Every column the expression reads is converted to a number first (text amounts like
  // '1,234.50' included), so the schema calls every column a number except dates/booleans.
  const schema: Schema = { fields: profiles.map((p) => ({ name: p.name, type: fieldType(p) === 'text' ? 'number' : fieldType(p) })) };
  const compiled = compileExpression(given, schema);
  if (!compiled.ok || compiled.type !== 'number') {
    const why = compiled.diagnostics.map((d) => d.message + (d.hint ? ` (${d.hint})` : '')).join('; ') || `it gives ${compiled.type ?? 'no'} value, not a number`;
    // the rules language's diagnostics ride along (as JSON) so the detail reads in any language
    const dsl: Record<string, string> = compiled.diagnostics.length ? { dsl: JSON.stringify(compiled.diagnostics.map((d) => ({ severity: d.severity, code: d.code, message: d.message, ...(d.hint !== undefined ? { hint: d.hint } : {}), ...(d.messageKey ? { messageKey: d.messageKey, params: d.params ?? {} } : {}), ...(d.hintKey ? { hintKey: d.hintKey } : {}), ...(d.hintParams ? { hintParams: d.hintParams } : {}), span: d.span }))) } : {};
    failCoded('values.amount_expression_invalid', file, { role, expression: given, detail: why, columns: columnsText(columns), ...dsl }, {}, columns);
  }
  const used: string[] = [];
  const parsed = parseExpression(given);
  if (parsed.expr)
    walkExpr(parsed.expr, (e) => {
      if (e.kind !== 'field') return;
      const c = findColumn(columns, e.name);
      if (c && !used.includes(c)) used.push(c);
    });
  return { sql: compiled.sql, columns: used };
}
