// CREATE TABLE + parameterised INSERTs from column arrays (Excel/JSON read in JS).
import type { Cell, ColumnData } from '../types.js';
import { ident } from './quote.js';

const sqlType: Record<ColumnData['type'], string> = {
  number: 'DOUBLE',
  text: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  boolean: 'BOOLEAN'
};

export function createTableFromColumnsSql(table: string, columns: ColumnData[]) {
  const rows = columns.reduce((n, c) => Math.max(n, c.values.length), 0);
  const create = `CREATE OR REPLACE TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${sqlType[c.type]}`).join(', ')})`;
  const insert = (start: number, n: number): { sql: string; params: Cell[] } => {
    const params: Cell[] = [];
    const tuples: string[] = [];
    for (let r = start; r < start + n; r++) {
      const slots = columns.map((c) => {
        params.push(c.values[r] ?? null);
        return `CAST($${params.length} AS ${sqlType[c.type]})`;
      });
      tuples.push(`(${slots.join(', ')})`);
    }
    return { sql: `INSERT INTO ${ident(table)} VALUES ${tuples.join(', ')}`, params };
  };
  return { create, insert, rows };
}
