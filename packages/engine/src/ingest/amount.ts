// The amount role: a column, or an arithmetic expression of columns in the rules language
// (`Quantity * UnitPrice`). Expressions are compiled by @segmint/dsl against the raw columns;
// the expression text itself never reaches SQL.
import type { Role } from '../types.js';
import { ident } from '../sql/quote.js';
import { fail } from './issues.js';

export interface RoleSql {
  /** SQL over the typed columns (see typedColumnsSql) */
  sql: string;
  /** raw columns it reads */
  columns: string[];
}

/** Finds a column by name: exact, else ignoring case and surrounding blanks. */
export function findColumn(columns: string[], name: string): string | null {
  if (columns.includes(name)) return name;
  const n = name.trim().toLowerCase();
  return columns.find((c) => c.trim().toLowerCase() === n) ?? null;
}

/** SQL for a numeric role (amount) given as a column name or an expression of columns. */
export function numericRoleSql(file: string, role: Role, given: string, columns: string[]): RoleSql {
  const col = findColumn(columns, given);
  if (col) return { sql: ident(col), columns: [col] };
  // An expression in the rules language: compiled by @segmint/dsl (wired in below once the
  // dsl exports compileExpression).
  fail(
    file,
    `${role} '${given}' is neither a column of the file nor an expression Segmint can read yet`,
    `Map ${role} to one of the columns: ${columns.map((c) => `'${c}'`).join(', ')}`
  );
}
