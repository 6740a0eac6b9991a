// What the database holds, from DuckDB's own catalog functions (duckdb_tables(), duckdb_views(),
// duckdb_columns()). information_schema is a view over them that costs ~100 ms on its first use
// in a duckdb-wasm session and ~10 ms after; these cost a few.
import type { Backend } from '../types.js';
import { str } from './quote.js';

export type ObjectKind = 'table' | 'view';

/** The kind of each of `names` that exists (temporary objects included). */
export async function objectKinds(backend: Backend, names: readonly string[]): Promise<Map<string, ObjectKind>> {
  if (names.length === 0) return new Map();
  const list = names.map(str).join(', ');
  const rows = await backend.query(
    `SELECT table_name AS t, 'table' AS k FROM duckdb_tables() WHERE table_name IN (${list})
     UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE NOT internal AND view_name IN (${list})`
  );
  return new Map(rows.map((r) => [String(r.t), r.k === 'view' ? 'view' : 'table']));
}

export async function tableExists(backend: Backend, table: string): Promise<boolean> {
  return (await objectKinds(backend, [table])).has(table);
}

export interface ColumnInfo {
  name: string;
  /** DuckDB type, e.g. 'VARCHAR', 'DOUBLE', 'DECIMAL(10,2)' */
  type: string;
}

/** The columns of a table or view, in order. */
export async function tableColumns(backend: Backend, table: string): Promise<ColumnInfo[]> {
  const rows = await backend.query('SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = $1 ORDER BY column_index', [table]);
  return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
}
