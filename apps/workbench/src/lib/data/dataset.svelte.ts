// The data set's state and its engine calls: the first start (engine + example data), loading
// files into a new database (swapped in only when everything loaded, so a failure keeps the data
// set on screen), loading again with other settings, and the as-of date. What to do with the
// results once the data changed is the hooks' business (workbench.ts re-runs the rules).
import { checkCancelled, guessFileRoles, profileFiles, type LoadOptions, type LoadProgress, type LoadReport, type Row } from '@segmint/engine';
import { browserFile } from '@segmint/engine/browser';
import type { EngineHost } from '../engine/host.js';
import { exposeEngine, type Engine } from '../engine/wasm.js';
import { sheetNames } from './files.js';
import { exampleFiles } from './example.js';
import { asksDateOrder, errorIssues, failedColumns, problemOf, tablesIn, wasCancelled, type Issue, type LoadProblem } from './load-report.js';
import { customerLoadOptions, customersFileInfo, datasetOf, notesAfterBuild, ordersFileInfo, type Dataset, type FileInfo, type FilePreview, type Phase, type Source, type Step } from './dataset.js';

const PREVIEW_ROWS = 8;
/** A load that takes longer than this shows its progress and a Cancel button. */
const SLOW_MS = 500;

export interface DataHooks {
  /** a new data set is in (called in the engine queue, after the swap) */
  loaded(): void;
  /** the customers were built again at another as-of */
  rebuilt(): void;
  /** the workspace saved by an earlier visit, to open instead of the example (persistence/):
   * source null means the example; asOf the as-of chosen on it */
  restore?(): Promise<{ source: Source | null; asOf: string | null }>;
  /** the saved workspace's files did not load (the example is loaded instead) */
  restoreFailed?(problem: LoadProblem | null): void;
  /** a load succeeded: what was loaded (persistence/ keeps it) */
  stored?(source: Source): void;
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
  /** why the as-of asked for could not be used (an engine issue, rendered by its code) */
  asOfError = $state<Issue | null>(null);
  /** how far the load in progress is (files, bytes, rows) */
  progress = $state<LoadProgress | null>(null);
  /** the load in progress has taken more than half a second: show its progress and Cancel */
  slow = $state(false);
  /** the last load was cancelled by the user (the data set on screen is the one before) */
  cancelled = $state(false);
  /** the first rows of the (first) orders file last loaded or tried, as read */
  filePreview = $state<FilePreview | null>(null);
  private controller: AbortController | null = null;

  constructor(
    private readonly host: EngineHost<Engine>,
    private readonly hooks: DataHooks
  ) {}

  async start(): Promise<void> {
    try {
      // Start the engine and fetch the example data at the same time.
      this.step = 'engine';
      this.host.prepareSpare();
      // the workspace of the last visit, else the example
      const saved = (await this.hooks.restore?.()) ?? { source: null, asOf: null };
      if (saved.source) {
        await this.load(saved.source);
        // (not the files' fault when the engine itself did not start)
        if (!this.dataset && !this.fatal) this.hooks.restoreFailed?.(this.loadProblem);
      }
      const fellBack = !this.dataset;
      if (fellBack) await this.loadExample();
      // the as-of chosen last time, on the data set it was chosen on
      if (saved.asOf && this.dataset && (!saved.source || !fellBack)) await this.setAsOf(saved.asOf);
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
      this.cancelled = false;
      this.source = source;
      this.progress = null;
      this.slow = false;
      const controller = new AbortController();
      this.controller = controller;
      const slowTimer = setTimeout(() => (this.slow = true), SLOW_MS);
      const watch: LoadOptions = { signal: controller.signal, onProgress: (p) => (this.progress = p) };
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
          tx = await ws.loadTransactions(orders.map(browserFile), { ...options, ...watch });
        } catch (e) {
          if (wasCancelled(e)) throw e;
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
            attrs = await ws.loadCustomers(customers.map(browserFile), { ...copts, ...watch });
          } catch (e) {
            if (wasCancelled(e)) throw e;
            this.customersFileInfo = await describeFailed(fresh, customers, copts, csheets, e);
            throw e;
          }
          this.customersFileInfo = customersFileInfo(attrs, csheets);
        }
        current = orders[0]?.name ?? '';
        this.done = ['engine', 'data'];
        this.step = 'metrics';
        // Cancel counts until the swap: the steps after the files' reading stop here
        checkCancelled(controller.signal);
        const built = await ws.buildCustomers();
        const preview = await ws.preview(PREVIEW_ROWS);
        checkCancelled(controller.signal);
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
        this.hooks.stored?.(source);
        // Start the database for the next load in the background, after these evaluations.
        void this.host.serial(async () => this.host.prepareSpare());
      } catch (e) {
        // Cancel is the user's choice, not a problem of the data: said as such
        if (wasCancelled(e)) this.cancelled = true;
        else this.loadProblem = problemOf(e, current);
      } finally {
        clearTimeout(slowTimer);
        // the first rows of the orders file as read, for the preview beside the settings
        if (!this.cancelled) await this.previewOf(orders[0]);
        if (fresh) this.host.discard(fresh);
        this.controller = null;
        this.step = null;
        this.busy = false;
        this.slow = false;
        this.progress = null;
      }
    });
  }

  /** Stop the load in progress (the data set on screen stays). */
  cancel(): void {
    this.controller?.abort();
  }

  /** The first rows of `file` as read (the engine's guess of a file reads its first rows only). */
  private async previewOf(file: File | undefined): Promise<void> {
    if (!file) return;
    try {
      const [g] = await guessFileRoles([browserFile(file)]);
      this.filePreview = g && g.columns.length ? { file: file.name, columns: g.columns, rows: g.preview } : null;
    } catch {
      this.filePreview = null; // the load itself says what is wrong with the file
    }
  }

  /** Load the bundled example data set again. */
  async loadExample(): Promise<void> {
    const { orders, customers } = await exampleFiles();
    await this.load({ orders: [orders], customers: [customers], example: true, options: {}, customerOptions: {} });
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
        this.asOfError = problemOf(e, '').first;
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
