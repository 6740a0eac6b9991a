// The data set's state and its engine calls: the first start (engine + example data), loading
// files into a new database (swapped in only when everything loaded, so a failure keeps the data
// set on screen), loading again with other settings, and the as-of date. What to do with the
// results once the data changed is the hooks' business (workbench.ts re-runs the rules).
import { profileFiles, type LoadOptions, type LoadReport, type Row } from '@segmint/engine';
import { browserFile } from '@segmint/engine/browser';
import type { EngineHost } from '../engine/host.js';
import { exposeEngine, type Engine } from '../engine/wasm.js';
import { pickFiles, sheetNames } from './files.js';
import { exampleFiles } from './example.js';
import { asksDateOrder, errorIssues, failedColumns, problemOf, tablesIn, type LoadProblem } from './load-report.js';
import { customerLoadOptions, customersFileInfo, datasetOf, notesAfterBuild, ordersFileInfo, type Dataset, type FileInfo, type Phase, type Source, type Step } from './dataset.js';

const PREVIEW_ROWS = 8;

export interface DataHooks {
  /** a new data set is in (called in the engine queue, after the swap) */
  loaded(): void;
  /** the customers were built again at another as-of */
  rebuilt(): void;
}

export class DataState {
  phase = $state<Phase>('starting');
  /** the step in progress (first load or a user load) and the steps done */
  step = $state<Step | null>(null);
  done = $state<Step[]>([]);
  fatal = $state<string | null>(null);
  busy = $state(false);
  dataset = $state<Dataset | null>(null);
  loadProblem = $state<LoadProblem | null>(null);
  preview = $state<Row[]>([]);
  /** the file last loaded or tried (a failed load keeps the data set but shows its settings) */
  source = $state<Source | null>(null);
  fileInfo = $state<FileInfo | null>(null);
  /** the same for the customers file of the last load (null: none, or it was not reached) */
  customersFileInfo = $state<FileInfo | null>(null);
  /** the as-of date the user chose (null: the data set's default) */
  asOfChoice = $state<string | null>(null);
  asOfError = $state<string | null>(null);

  constructor(
    private readonly host: EngineHost<Engine>,
    private readonly hooks: DataHooks
  ) {}

  async start(): Promise<void> {
    try {
      // Start the engine and fetch the example data at the same time.
      this.step = 'engine';
      this.host.prepareSpare();
      await this.loadExample();
      this.phase = this.dataset ? 'ready' : 'failed';
    } catch (e) {
      this.fatal = e instanceof Error ? e.message : String(e);
      this.phase = 'failed';
    }
  }

  /**
   * Load an orders file (and optionally a customers file) into a NEW duckdb-wasm database, and
   * only when everything loaded swap it in for the current one. So a failure (of either file)
   * leaves the previous data set exactly as it was, and nothing of the previous data set (e.g.
   * its customers file) leaks into the new one. On failure the message names the file.
   */
  load(source: Source): Promise<void> {
    const { orders, customers, example, options, customerOptions } = source;
    return this.host.serial(async () => {
      this.busy = true;
      this.loadProblem = null;
      this.source = source;
      this.fileInfo = null;
      this.customersFileInfo = null;
      this.done = [];
      let fresh: Engine | null = null;
      let current = orders[0]?.name ?? '';
      try {
        this.step = 'engine';
        try {
          // a database started in the background after the last load, if there is one
          fresh = await this.host.fresh();
        } catch (e) {
          // without a first data set there is nothing to keep: the engine cannot start here
          if (!this.dataset) this.fatal = e instanceof Error ? e.message : String(e);
          throw e;
        }
        const { ws } = fresh;
        this.done = ['engine'];
        this.step = 'data';
        const sheets = orders.length === 1 ? await sheetNames(orders[0]!) : [];
        let tx: LoadReport;
        try {
          tx = await ws.loadTransactions(orders.map(browserFile), options);
        } catch (e) {
          // what the settings form needs to fix it: the file's columns, as far as they can be read
          this.fileInfo = await describeFailed(fresh, orders, options, sheets, e);
          throw e;
        }
        this.fileInfo = ordersFileInfo(tx, sheets, options);
        let attrs: LoadReport | null = null;
        if (customers.length) {
          current = customers[0]!.name;
          const csheets = customers.length === 1 ? await sheetNames(customers[0]!) : [];
          const copts = customerLoadOptions(customerOptions, options);
          try {
            attrs = await ws.loadCustomers(customers.map(browserFile), copts);
          } catch (e) {
            this.customersFileInfo = await describeFailed(fresh, customers, copts, csheets, e);
            throw e;
          }
          this.customersFileInfo = customersFileInfo(attrs, csheets);
        }
        current = orders[0]?.name ?? '';
        this.done = ['engine', 'data'];
        this.step = 'metrics';
        const built = await ws.buildCustomers();
        const preview = await ws.preview(PREVIEW_ROWS);
        // Everything loaded: swap in the new database and let the old one go.
        this.host.swap(fresh);
        exposeEngine(fresh);
        fresh = null;
        this.preview = preview;
        this.asOfChoice = null;
        this.asOfError = null;
        this.dataset = datasetOf({ orders, customers, example }, tx, attrs, built);
        this.done = ['engine', 'data', 'metrics'];
        // Results for the new data (the live queries are evaluated again right away).
        this.hooks.loaded();
        // Start the database for the next load in the background, after these evaluations.
        void this.host.serial(async () => this.host.prepareSpare());
      } catch (e) {
        this.loadProblem = problemOf(e, current);
      } finally {
        if (fresh) this.host.discard(fresh);
        this.step = null;
        this.busy = false;
      }
    });
  }

  /** Load the bundled example data set again. */
  async loadExample(): Promise<void> {
    const { orders, customers } = await exampleFiles();
    await this.load({ orders: [orders], customers: [customers], example: true, options: {}, customerOptions: {} });
  }

  /** Load files dropped on the page: which is the orders file and which the customers file is
   * guessed from their names (files.ts). */
  loadDropped(files: File[]): Promise<void> {
    const { orders, customers } = pickFiles(files);
    return orders ? this.load({ orders: [orders], customers: customers ? [customers] : [], example: false, options: {}, customerOptions: {} }) : Promise.resolve();
  }

  /** Load the last files again with other settings (roles, encoding, sheet, date order, strict,
   * implausible dates; the customers file's own, else as before). */
  reload(options: LoadOptions, customerOptions?: LoadOptions): Promise<void> {
    const src = this.source;
    if (!src) return Promise.resolve();
    return this.load({ ...src, options, customerOptions: customerOptions ?? src.customerOptions });
  }

  /** Rebuild the customers at another as-of date (null: back to the data set's default). An
   * `as of` line in the rule file still wins for the rule file's run. */
  setAsOf(date: string | null): Promise<void> {
    return this.host.serial(async () => {
      const ws = this.host.current?.ws;
      const d = this.dataset;
      if (!ws || !d) return;
      this.asOfError = null;
      try {
        const built = await ws.buildCustomers(date ? { asOf: date } : {});
        this.asOfChoice = date;
        d.asOf = built.asOf;
        d.customers = built.customers;
        // (an as-of outside the data's dates is said among the notes)
        d.notes = notesAfterBuild(d, built);
        this.preview = await ws.preview(PREVIEW_ROWS);
      } catch (e) {
        this.asOfError = e instanceof Error ? e.message : String(e);
        return;
      }
      this.hooks.rebuilt();
    });
  }

  /** The as-of the rule file runs at when it has no `as of` line. */
  get baseAsOf(): string | null {
    return this.asOfChoice ?? this.dataset?.defaultAsOf ?? null;
  }

  /** The rule file's run rebuilt the customers (its `as of` line): show them. True if it did.
   * Called in the engine queue. */
  async followRebuild(): Promise<boolean> {
    const ws = this.host.current?.ws;
    const info = ws?.customersInfo;
    if (!ws || !info || !this.dataset || info.asOf === this.dataset.asOf) return false;
    this.dataset.asOf = info.asOf;
    this.dataset.customers = info.customers;
    this.preview = await ws.preview(PREVIEW_ROWS);
    return true;
  }
}

/**
 * What the settings form needs to fix a file that failed to load (orders or customers): the
 * file's columns and guessed roles (profiling reads the file without requiring every role, and
 * leniently: a strict load refused a row, the file itself is readable), else the columns the
 * engine's error carries.
 */
async function describeFailed(engine: Engine, files: File[], options: LoadOptions, sheets: string[], e: unknown): Promise<FileInfo> {
  const dateOrder = options.dayFirst !== undefined || asksDateOrder(errorIssues(e));
  try {
    const p = await profileFiles(engine.backend, files.map(browserFile), { ...options, strict: false });
    return { columns: p.columns.map((c) => c.name), roles: { ...p.roles, ...options.roles }, encoding: p.encoding, format: p.format, formats: p.formats, sheets, dateOrder, tables: tablesIn(p.issues) };
  } catch {
    return { columns: failedColumns(e), roles: { ...options.roles }, encoding: '', format: '', formats: [], sheets, dateOrder, tables: 1 };
  }
}
