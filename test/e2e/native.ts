// Native DuckDB (the same engine code as the CLI) on the files the browser loads: the numbers
// the workbench must show.
import { fileURLToPath } from 'node:url';
import { buildCustomers, str } from '@segmint/engine';
import { NativeBackend } from '@segmint/engine/node';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const exampleOrders = `${repo}examples/retail/orders.csv`;
export const exampleCustomers = `${repo}examples/retail/customers.csv`;

/** Loads an orders CSV (columns order_id, customer_id, order_date, amount) into segmint_tx
 * and builds the customer relation with the engine's metric code. */
export async function nativeCustomers(ordersCsv: string): Promise<NativeBackend> {
  const db = await NativeBackend.create({ threads: 2 });
  await db.exec(`CREATE TABLE segmint_tx AS SELECT
      trim(CAST(customer_id AS VARCHAR)) AS customer, CAST(order_date AS TIMESTAMP) AS ts,
      CAST(amount AS DOUBLE) AS amount, CAST(order_id AS VARCHAR) AS order_id,
      'orders.csv' AS src_file, CAST(row_number() OVER () AS BIGINT) AS src_row
    FROM read_csv(${str(ordersCsv)}, header = true)`);
  await buildCustomers(db);
  return db;
}

/** count(*) of customers with R < 30 AND F > 5, in plain SQL (independent of the rules compiler). */
export async function nativeCount(db: NativeBackend, where: string): Promise<number> {
  const [row] = await db.query(`SELECT count(*) AS n FROM customers WHERE ${where}`);
  return Number(row?.n);
}
