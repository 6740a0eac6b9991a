// Test helpers: real data (examples/retail, ../shared/data/online-retail) loaded with the
// engine's ingest, rule files compiled by @segmint/dsl and run by the engine.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRules } from '@segmint/dsl';
import { buildCustomers, ingestCustomers, ingestTransactions, runSegmentation, type Backend, type SegmentationResult } from '@segmint/engine';
import { expandInputs, nodeFile } from '@segmint/engine/node';

const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = resolve(here, '../../..');
export const shared = process.env.SEGMINT_SHARED ?? resolve(repoRoot, '../shared');
export const onlineRetailDir = join(shared, 'data/online-retail/by-day');
export const exampleDir = join(repoRoot, 'examples/retail');
export const haveShared = existsSync(onlineRetailDir);

export async function loadExample(db: Backend): Promise<void> {
  await ingestTransactions(db, [nodeFile(join(exampleDir, 'orders.csv'))], {
    roles: { customer: 'customer_id', date: 'order_date', amount: 'amount', order: 'order_id' }
  });
  await ingestCustomers(db, [nodeFile(join(exampleDir, 'customers.csv'))]);
}

export async function loadOnlineRetail(db: Backend): Promise<number> {
  const report = await ingestTransactions(db, expandInputs([onlineRetailDir]).map(nodeFile), {
    roles: { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', amount: 'Quantity * UnitPrice' }
  });
  return report.rows;
}

/** Build the customer relation (at asOf, default the latest date) and run a rule file. */
export async function runRules(db: Backend, rules: string, options: { asOf?: string; into?: string } = {}): Promise<SegmentationResult> {
  const built = await buildCustomers(db, options.asOf ? { asOf: options.asOf } : {});
  const compiled = compileRules(rules, built.schema, { relation: 'customers', asOf: built.asOf });
  // a ready-made model must compile on real data without errors AND without warnings
  const problems = compiled.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (!compiled.ok || problems.length) throw new Error(`rules do not compile cleanly: ${problems.map((d) => d.message).join('; ')}`);
  return runSegmentation(db, compiled, { asOf: built.asOf, ...(options.into ? { into: options.into } : {}) });
}
