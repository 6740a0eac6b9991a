// Native DuckDB through the engine's Workspace (the same code as the CLI) on the files the
// browser loads: the numbers the workbench must show.
import { fileURLToPath } from 'node:url';
import { Workspace } from '@segmint/engine';
import { NativeBackend, nodeFile } from '@segmint/engine/node';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const exampleOrders = `${repo}examples/retail/orders.csv`;
export const exampleCustomers = `${repo}examples/retail/customers.csv`;

export interface Native {
  ws: Workspace;
  db: NativeBackend;
  close(): Promise<void>;
}

/** Loads the files as the app does (orders, optional customers) and builds the relation. */
export async function nativeWorkspace(orders: string, customers?: string): Promise<Native> {
  const db = await NativeBackend.create({ threads: 2 });
  const ws = new Workspace(db);
  await ws.loadTransactions([nodeFile(orders)]);
  if (customers) await ws.loadCustomers([nodeFile(customers)]);
  await ws.buildCustomers();
  return { ws, db, close: () => db.close() };
}

/** count(*) of customers WHERE `where`, in plain SQL (independent of the rules compiler). */
export async function nativeCount(n: Native, where: string): Promise<number> {
  const [row] = await n.db.query(`SELECT count(*) AS n FROM customers WHERE ${where}`);
  return Number(row?.n);
}
