// The engine's one quoting function for SQL identifiers and one for string literals.
// Users' column names and file names only ever reach SQL through these.

/** Quote an identifier for DuckDB: wrap in double quotes, double any inner quote. */
export function ident(name: string): string {
  if (name.includes('\u0000')) throw new Error('an identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote a string literal for DuckDB: wrap in single quotes, double any inner quote. */
export function str(value: string): string {
  if (value.includes('\u0000')) throw new Error('a text value cannot contain a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
}
