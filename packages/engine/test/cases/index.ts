// Shared metric test cases: plain JSON data (input rows, as-of, expected relation, worked out
// by hand in each file's "hand" notes), run by the native vitest suite and by the browser
// (duckdb-wasm) Playwright test, which must produce identical output.
// Nothing here is Node-specific: the SQL runs on any Backend.
import type { Backend, Cell } from '../../src/types.js';
import { ident, str } from '../../src/sql/quote.js';
import { dropTransactions } from '../../src/ingest/transactions.js';
import refundsAndOrders from './metrics/refunds-and-orders.json' with { type: 'json' };
import earlierAsOf from './metrics/earlier-as-of.json' with { type: 'json' };
import scoreTies from './metrics/score-ties.json' with { type: 'json' };
import attributes from './metrics/attributes.json' with { type: 'json' };
import mixedOrderIds from './metrics/mixed-order-ids.json' with { type: 'json' };

export interface MetricCase {
  name: string;
  hand: string[];
  /** segmint_tx rows: customer, ts 'YYYY-MM-DD HH:MM:SS', amount, order_id */
  transactions: [string | null, string, number, string | null][];
  /** segmint_attrs: extra columns [name, DuckDB type] after `customer`, and rows (customer first) */
  attributes?: { columns: [string, string][]; rows: Cell[][] };
  asOf: string | null;
  expected: { asOf: string; columns: string[]; rows: Cell[][]; renamed?: [string, string][] };
}

export const metricCases = { refundsAndOrders, earlierAsOf, scoreTies, attributes, mixedOrderIds } as unknown as Record<string, MetricCase>;

function literal(v: Cell): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('test cases hold finite numbers only');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return str(v);
}

/** Statements that create segmint_tx (and segmint_attrs) holding the case's rows. */
export function caseSetupSql(c: MetricCase): string[] {
  const out = [
    'DROP TABLE IF EXISTS segmint_attrs',
    'CREATE OR REPLACE TABLE segmint_tx (customer VARCHAR, ts TIMESTAMP, amount DOUBLE, order_id VARCHAR, src_file VARCHAR, src_row BIGINT)'
  ];
  if (c.transactions.length) {
    const rows = c.transactions.map(
      ([cu, ts, amount, order], i) => `(${literal(cu)}, TIMESTAMP ${str(ts)}, ${literal(amount)}, ${literal(order)}, 'case.csv', ${i + 1})`
    );
    out.push(`INSERT INTO segmint_tx VALUES ${rows.join(', ')}`);
  }
  if (c.attributes) {
    const cols = c.attributes.columns.map(([n, t]) => `${ident(n)} ${t}`).join(', ');
    out.push(`CREATE TABLE segmint_attrs (customer VARCHAR, ${cols})`);
    if (c.attributes.rows.length) out.push(`INSERT INTO segmint_attrs VALUES ${c.attributes.rows.map((r) => `(${r.map(literal).join(', ')})`).join(', ')}`);
  }
  return out;
}

export async function setupCase(backend: Backend, c: MetricCase): Promise<void> {
  // a load may have left segmint_tx as a view (see ingestTransactions)
  await dropTransactions(backend);
  for (const sql of caseSetupSql(c)) await backend.exec(sql);
}

/** The built relation as [columns, rows] in the same shape as `expected`, ordered by customer. */
export async function readRelation(backend: Backend, table = 'customers'): Promise<{ columns: string[]; rows: Cell[][] }> {
  const rows = await backend.query(`SELECT * FROM ${ident(table)} ORDER BY customer`);
  const cols = await backend.query('SELECT column_name AS c FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table]);
  const columns = cols.map((r) => String(r.c));
  return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}
