// One loaded data set on one backend: what the app, the CLI and the strategy layer use.
// Environment-neutral: everything goes through the Backend interface as SQL.
import { compileExpression, compileRules, LineMap, readAsOf, type ImportedDefine, type ResolvedUses } from '@segmint/dsl';
import type {
  Backend,
  Cell,
  CustomerSchema,
  InputFile,
  LoadOptions,
  LoadReport,
  Row,
  SegmentationResult,
  WorkspaceApi
} from './types.js';
import { ingestCustomers, ingestTransactions } from './ingest/index.js';
import { ATTRS_TABLE, buildCustomers, checkDate, CUSTOMERS_TABLE, type BuildCustomersResult } from './metrics/index.js';
import { metricPresenceOf, quickRuleCounts, runSegmentation, SEGMENTED_TABLE, segmentOutputSql, summaryCarry } from './segment/index.js';
import { ident } from './sql/quote.js';
import { fieldStats, type FieldStats } from './segment/field-stats.js';
import { openBrowse, type BrowseHandle, type BrowseSpec } from './browse/index.js';

export type CompiledRules = ReturnType<typeof compileRules>;
export type CompiledExpressionResult = ReturnType<typeof compileExpression>;

function pageSize(n: number | undefined, fallback: number): number {
  if (n === undefined) return fallback;
  if (!Number.isFinite(n) || n < 0) throw new Error(`a row count must be a whole number >= 0, got ${n}`);
  return Math.floor(n);
}

export class Workspace implements WorkspaceApi {
  private built: BuildCustomersResult | null = null;
  /** the last segmentation run by runRules */
  lastResult: SegmentationResult | null = null;
  /** the last load reports, for the app's "what was loaded" panel */
  transactionsReport: LoadReport | null = null;
  customersReport: LoadReport | null = null;

  constructor(readonly backend: Backend) {}

  /** The as-of date of the current customer relation (null before it is built). */
  get asOf(): string | null {
    return this.built?.asOf ?? null;
  }

  /** The last buildCustomers result (renamed columns, notes), null before it is built. */
  get customersInfo(): BuildCustomersResult | null {
    return this.built;
  }

  /** Load transactions (replacing segmint_tx). On LoadError the previous data stays. A new data
   * set starts without customer attributes: a customers file loaded for the previous transactions
   * is dropped (load the customers file after the transactions). The customer relation is rebuilt
   * lazily, at the default as-of, on next use. */
  async loadTransactions(files: InputFile[], options?: LoadOptions): Promise<LoadReport> {
    const report = await ingestTransactions(this.backend, files, options ?? {});
    await this.backend.exec(`DROP TABLE IF EXISTS ${ident(ATTRS_TABLE)}`);
    this.customersReport = null;
    this.transactionsReport = report;
    this.built = null;
    this.lastResult = null;
    return report;
  }

  /** Load a customers file of attributes (segmint_attrs), joined on the customer id. */
  async loadCustomers(files: InputFile[], options?: LoadOptions): Promise<LoadReport> {
    const report = await ingestCustomers(this.backend, files, options ?? {});
    this.customersReport = report;
    this.built = null;
    this.lastResult = null;
    return report;
  }

  async buildCustomers(options: { asOf?: string } = {}): Promise<BuildCustomersResult> {
    this.built = await buildCustomers(this.backend, options);
    this.lastResult = null;
    return this.built;
  }

  private async ensureBuilt(): Promise<BuildCustomersResult> {
    return this.built ?? (await this.buildCustomers());
  }

  async schema(): Promise<CustomerSchema> {
    return (await this.ensureBuilt()).schema;
  }

  /** Per-field numbers for the rule editor (min/median/max, distinct values), computed once
   * per customer relation. */
  async fieldStats(): Promise<FieldStats[]> {
    const built = await this.ensureBuilt();
    if (this.stats?.built !== built) this.stats = { built, stats: await fieldStats(this.backend, built.schema.fields) };
    return this.stats.stats;
  }
  private stats: { built: BuildCustomersResult; stats: FieldStats[] } | null = null;

  /**
   * Compile and run a rule file. The relation is rebuilt first when an as-of is asked for
   * (options.asOf, else the file's `as of` line) and differs from the current one; without
   * either, the current relation is used as it is. On compile errors `result` is null and
   * `compiled.diagnostics` says why.
   */
  async runRules(
    source: string,
    options: { asOf?: string; into?: string; materialize?: boolean; uses?: ResolvedUses } = {}
  ): Promise<{ compiled: CompiledRules; result: SegmentationResult | null }> {
    const wanted = options.asOf ?? readAsOf(source) ?? undefined;
    let valid = true;
    if (wanted !== undefined) {
      try {
        checkDate(wanted);
      } catch {
        valid = false;
      }
    }
    let built = await this.ensureBuilt();
    if (wanted !== undefined && valid && wanted !== built.asOf) built = await this.buildCustomers({ asOf: wanted });
    const presence = metricPresenceOf(built.schema.fields);
    // summary: the same rules in the shape the per-segment numbers are computed from
    const compiled = compileRules(source, built.schema, { relation: CUSTOMERS_TABLE, idColumn: 'customer', asOf: built.asOf, summary: { carry: summaryCarry(presence) }, ...(options.uses ? { uses: options.uses } : {}) });
    if (!compiled.ok) return { compiled, result: null };
    if (!valid) checkDate(wanted ?? '', options.asOf !== undefined ? 'option' : 'rules'); // throws
    const result = await runSegmentation(this.backend, compiled, {
      asOf: built.asOf,
      into: options.into ?? SEGMENTED_TABLE,
      // false: only the numbers (live typing); segmentCustomers then needs a materialised run
      materialize: options.materialize ?? true,
      presence
    });
    this.lastResult = result;
    return { compiled, result };
  }

  /** Count the customers a bare boolean expression matches (`R <= 30 and F >= 5`). When the
   * expression has errors (see compiled.diagnostics) nothing runs: matched = share = 0 and total
   * is the number of customers. `options.uses` (the rule file's resolved `use` lines) or
   * `options.imported` lets the rule use the rule file's base defines. */
  async quickRule(
    expression: string,
    options: { uses?: ResolvedUses; imported?: ImportedDefine[] } = {}
  ): Promise<{ compiled: CompiledExpressionResult; matched: number; total: number; share: number }> {
    const built = await this.ensureBuilt();
    const compiled = compileExpression(expression, built.schema, { asOf: built.asOf, ...(options.uses ? { uses: options.uses } : {}), ...(options.imported ? { imported: options.imported } : {}) });
    if (!compiled.ok) return { compiled, matched: 0, total: built.customers, share: 0 };
    if (compiled.type !== 'boolean') {
      // `M` alone is a number, not a condition: say so instead of counting non-zero values.
      const start = expression.length - expression.trimStart().length;
      const notCondition = {
        ...compiled,
        ok: false,
        diagnostics: [
          ...compiled.diagnostics,
          {
            severity: 'error' as const,
            code: 'not-a-condition',
            message: `a quick rule must be a condition (true or false for each customer); this is ${compiled.type ?? 'a value'}`,
            span: new LineMap(expression).span({ start, end: expression.trimEnd().length }),
            hint: 'compare it, e.g. M >= 1000'
          }
        ]
      };
      return { compiled: notCondition, matched: 0, total: built.customers, share: 0 };
    }
    const counts = await quickRuleCounts(this.backend, compiled);
    return { compiled, ...counts };
  }

  /** Open the customers of a segment, a tag, a quick rule (`quick`: quickRule's compiled) or all
   * of them as one ordered, numbered table to fetch blocks from (see browse/). The segment and tag
   * columns come from the last materialised segmentation (none when the rules were not run since
   * the relation was built). */
  async browse(spec: BrowseSpec): Promise<BrowseHandle> {
    await this.ensureBuilt();
    const segmentation = spec.segmentation !== undefined ? spec.segmentation : this.lastResult?.materialized ? this.lastResult.table : null;
    return openBrowse(this.backend, { ...spec, segmentation });
  }

  /** The first `limit` customers of the relation, by customer id. */
  async preview(limit = 100): Promise<Row[]> {
    await this.ensureBuilt();
    return this.backend.query(`SELECT * FROM ${ident(CUSTOMERS_TABLE)} ORDER BY customer LIMIT ${pageSize(limit, 100)}`);
  }

  /**
   * A page of segmented customers with their metrics, tags and fields (columns as in the CLI
   * output). `segment`: undefined = all, null = unassigned, a string = that segment.
   */
  async segmentCustomers(
    options: { table?: string; limit?: number; offset?: number; segment?: string | null } = {}
  ): Promise<{ columns: string[]; rows: Row[] }> {
    if (options.table === undefined && this.lastResult && !this.lastResult.materialized) {
      throw new Error('the last segmentation was run without writing its table (materialize: false); run the rules again with materialize: true to list customers');
    }
    const table = options.table ?? this.lastResult?.table ?? SEGMENTED_TABLE;
    const { sql, params, columns } = await segmentOutputSql(this.backend, table, CUSTOMERS_TABLE, { segment: options.segment });
    const rows = await this.backend.query(
      `${sql} LIMIT ${pageSize(options.limit, 100)} OFFSET ${pageSize(options.offset, 0)}`,
      params as Cell[]
    );
    return { columns, rows };
  }
}
