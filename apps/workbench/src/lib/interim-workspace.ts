// TEMPORARY: a minimal stand-in for the engine's Workspace (plain SQL per
// ../shared/spec/metrics.md, columns order_id/customer_id/order_date/amount) so the shell runs
// before packages/engine/src/workspace.ts lands. Deleted when it does.
import { LoadError, str, type Backend, type InputFile, type LoadReport, type Row } from '@segmint/engine';
import type { Compiled, WorkspaceLike } from './engine-api.js';

export class InterimWorkspace implements WorkspaceLike {
  constructor(readonly backend: Backend) {}

  async loadTransactions(files: InputFile[]): Promise<LoadReport> {
    const file = files[0]!;
    const path = await this.backend.registerFile(file.name, await file.read());
    try {
      await this.backend.exec(`CREATE OR REPLACE TEMP TABLE segmint_new AS SELECT
        trim(CAST(customer_id AS VARCHAR)) AS customer, CAST(order_date AS TIMESTAMP) AS ts,
        CAST(amount AS DOUBLE) AS amount, CAST(order_id AS VARCHAR) AS order_id
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

  async buildCustomers(): Promise<{ asOf: string; customers: number; schema: { fields: [] } }> {
    await this.backend.exec(`CREATE OR REPLACE TABLE customers AS
      WITH a AS (SELECT max(ts)::DATE AS d FROM segmint_tx),
      tx AS (SELECT t.* FROM segmint_tx t, a WHERE customer IS NOT NULL AND customer <> '' AND ts::DATE <= a.d),
      o AS (SELECT customer, order_id, sum(amount) AS net, min(ts)::DATE AS day FROM tx GROUP BY customer, order_id),
      p AS (SELECT customer, count(*) FILTER (WHERE net > 0) AS F, sum(net) AS M,
              max(day) FILTER (WHERE net > 0) AS last_purchase, min(day) FILTER (WHERE net > 0) AS first_purchase FROM o GROUP BY customer),
      m AS (SELECT p.*, date_diff('day', last_purchase, a.d) AS R, date_diff('day', first_purchase, a.d) AS T FROM p, a)
      SELECT customer, R, F, M, T, CASE WHEN F > 0 THEN M / F END AS AOV, first_purchase, last_purchase,
        CASE WHEN R IS NOT NULL THEN 1 + floor(5 * (rank() OVER (PARTITION BY R IS NULL ORDER BY R DESC) - 1) / count(R) OVER ())::INTEGER END AS R_score,
        1 + floor(5 * (rank() OVER (ORDER BY F) - 1) / count(*) OVER ())::INTEGER AS F_score,
        1 + floor(5 * (rank() OVER (ORDER BY M) - 1) / count(*) OVER ())::INTEGER AS M_score,
        R_score || F_score || M_score AS RFM
      FROM m ORDER BY customer`);
    const [r] = await this.backend.query("SELECT count(*) AS n, strftime(max(ts)::DATE, '%Y-%m-%d') AS d FROM segmint_tx");
    const n = await this.backend.query('SELECT count(*) AS n FROM customers');
    return { asOf: String(r?.d ?? ''), customers: Number(n[0]?.n ?? 0), schema: { fields: [] } };
  }

  preview(limit: number): Promise<Row[]> {
    return this.backend.query(`SELECT * FROM customers ORDER BY customer LIMIT ${Math.floor(limit)}`);
  }

  async quickRule(): Promise<{ compiled: Compiled; matched: number; total: number; share: number }> {
    return { compiled: unavailable(), matched: 0, total: 0, share: 0 };
  }

  async runRules(): Promise<{ compiled: Compiled; result: null }> {
    return { compiled: unavailable(), result: null };
  }
}

function unavailable(): Compiled {
  const span = { offset: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { ok: false, sql: '', diagnostics: [{ severity: 'error', code: 'interim', message: 'The rules language is not available yet.', span }] };
}
