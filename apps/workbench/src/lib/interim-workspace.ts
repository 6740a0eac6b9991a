// TEMPORARY: a minimal stand-in for the engine's Workspace (plain SQL per
// ../shared/spec/metrics.md, columns order_id/customer_id/order_date/amount) so the shell runs
// before packages/engine/src/workspace.ts lands. Deleted when it does.
import { LoadError, buildCustomers, quickRuleCounts, runSegmentation, str, type Backend, type CustomerSchema, type InputFile, type LoadReport, type Row, type SegmentationResult } from '@segmint/engine';
import { compileExpression, compileRules } from '@segmint/dsl';
import type { Compiled, WorkspaceLike } from './engine-api.js';

export class InterimWorkspace implements WorkspaceLike {
  constructor(readonly backend: Backend) {}

  async loadTransactions(files: InputFile[]): Promise<LoadReport> {
    const file = files[0]!;
    const path = await this.backend.registerFile(file.name, await file.read());
    try {
      await this.backend.exec(`CREATE OR REPLACE TEMP TABLE segmint_new AS SELECT
        trim(CAST(customer_id AS VARCHAR)) AS customer, CAST(order_date AS TIMESTAMP) AS ts,
        CAST(amount AS DOUBLE) AS amount, CAST(order_id AS VARCHAR) AS order_id,
        ${str(file.name)} AS src_file, CAST(row_number() OVER () AS BIGINT) AS src_row
        FROM read_csv(${str(path)}, header = true)`);
    } catch (e) {
      throw new LoadError(`${file.name}: ${(e as Error).message}`, [
        { severity: 'error', file: file.name, message: (e as Error).message, hint: 'Check that the file is a CSV with order_id, customer_id, order_date and amount columns.' }
      ]);
    }
    await this.backend.exec('CREATE OR REPLACE TABLE segmint_tx AS SELECT * FROM segmint_new');
    const [n] = await this.backend.query('SELECT count(*) AS n FROM segmint_tx');
    return { files: [file.name], encoding: 'utf-8', format: 'csv', rows: Number(n?.n ?? 0), columns: [], roles: {}, roleSource: {}, leftOut: [], issues: [] };
  }

  async loadCustomers(files: InputFile[]): Promise<LoadReport> {
    const file = files[0]!;
    return { files: [file.name], encoding: 'utf-8', format: 'csv', rows: 0, columns: [], roles: {}, roleSource: {}, leftOut: [], issues: [] };
  }

  async buildCustomers(options: { asOf?: string } = {}): Promise<{ asOf: string; customers: number; schema: CustomerSchema }> {
    const built = await buildCustomers(this.backend, options);
    this.asOf = built.asOf;
    this.schema = built.schema;
    return built;
  }

  preview(limit: number): Promise<Row[]> {
    return this.backend.query(`SELECT * FROM customers ORDER BY customer LIMIT ${Math.floor(limit)}`);
  }

  private asOf = '';
  private schema: CustomerSchema = { fields: [] };

  async quickRule(expression: string): Promise<{ compiled: Compiled; matched: number; total: number; share: number }> {
    const compiled = compileExpression(expression, this.schema, { asOf: this.asOf, bind: true });
    if (!compiled.ok) return { compiled, matched: 0, total: 0, share: 0 };
    return { compiled, ...(await quickRuleCounts(this.backend, compiled)) };
  }

  async runRules(source: string): Promise<{ compiled: Compiled; result: SegmentationResult | null }> {
    const compiled = compileRules(source, this.schema, { relation: 'customers', asOf: this.asOf, bind: true });
    if (!compiled.ok) return { compiled, result: null };
    return { compiled, result: await runSegmentation(this.backend, compiled, { asOf: this.asOf }) };
  }
}
