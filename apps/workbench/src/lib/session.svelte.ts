// The workbench's state and the calls into the engine. Components only read this state and
// call these methods; all data work happens in the engine (SQL in duckdb-wasm, in a Worker).
import { Workspace, buildCustomers, profileFiles, type LoadOptions, type LoadReport, type Role, type RoleMap, type Row, type SegmentSummary } from '@segmint/engine';
import { WasmBackend, browserFile } from '@segmint/engine/browser';
import { readAsOf, type Diagnostic } from '@segmint/dsl';
import { loadLibrary } from '@segmint/strategy';
import { sheetNames } from './files.js';
import { automationRequested } from './engine/automation.js';
import { wasmBundles } from './bundles.js';
import { exampleFiles, exampleQuickRule, exampleRules } from './example.js';
import { asksDateOrder, tablesIn, errorIssues, failedColumns, leftOutOf, notesOf, problemOf, repairsOf, type LeftOut, type LoadProblem, type Note, type Repair } from './load-report.js';

export type { LoadProblem } from './load-report.js';

export type Step = 'engine' | 'data' | 'metrics';
export type Phase = 'starting' | 'ready' | 'failed';

export interface Dataset {
  example: boolean;
  files: string[];
  rows: number;
  customers: number;
  asOf: string;
  /** the date of the latest transaction: the as-of unless a rule file says otherwise */
  defaultAsOf: string;
  /** rows left out of the customer relation, by reason (with the reason's code) */
  leftOut: LeftOut[];
  /** what the reader repaired, left out or skipped in the files, by kind (see RepairGroup) */
  repairs: Repair[];
  /** which column (or expression) each role was taken from */
  roles: Partial<Record<Role, string>>;
  /** warnings and notes from loading and building (encoding, renamed columns, ...) */
  notes: Note[];
  /** the loading part of `notes` (building again at another as-of replaces the rest) */
  loadNotes: Note[];
}

/** The file last loaded or tried, and what the load settings form offers for it. */
export interface Source {
  orders: File;
  customers: File | null;
  example: boolean;
  /** the options of that load (empty: everything guessed) */
  options: LoadOptions;
  /** the customers file's own options (its customer id column, encoding, sheet) */
  customerOptions: LoadOptions;
}

export interface FileInfo {
  /** the columns of the orders file (empty when it could not be read at all) */
  columns: string[];
  /** the roles as guessed (or given) for it */
  roles: RoleMap;
  /** the encoding the engine read it in, e.g. 'gb18030' or 'utf-8 (with BOM)'; '' if unknown */
  encoding: string;
  format: string;
  /** an Excel workbook's sheets (more than one: the form offers a choice) */
  sheets: string[];
  /** the engine asked (or decided) DD/MM vs MM/DD: the form offers the choice */
  dateOrder: boolean;
  /** tables found in a text file (more than one: the form offers a choice) */
  tables: number;
}

export interface QuickResult {
  matched: number;
  total: number;
  share: number;
  sql: string;
  params: readonly unknown[];
}

export interface RulesResult {
  summary: SegmentSummary[];
  tags: { id: string; label: string | null; customers: number }[];
  total: number;
  sql: string;
}

/** A live-evaluated text (the quick rule or the rule file). */
export interface Live<R> {
  text: string;
  diagnostics: Diagnostic[];
  result: R | null;
  /** the shown result belongs to an earlier text (the current one has errors) */
  stale: boolean;
  pending: boolean;
}

const DEBOUNCE_MS = 150;
const PREVIEW_ROWS = 8;

async function newWorkspace(backend?: Promise<WasmBackend | null> | null): Promise<{ backend: WasmBackend; ws: Workspace }> {
  const b = (await backend) ?? (await WasmBackend.create(wasmBundles()));
  return { backend: b, ws: new Workspace(b) };
}

export class Session {
  phase = $state<Phase>('starting');
  /** the step in progress (first load or a user load) and the steps done */
  step = $state<Step | null>(null);
  done = $state<Step[]>([]);
  fatal = $state<string | null>(null);
  busy = $state(false);
  dataset = $state<Dataset | null>(null);
  loadProblem = $state<LoadProblem | null>(null);
  preview = $state<Row[]>([]);
  quick = $state<Live<QuickResult>>({ text: exampleQuickRule, diagnostics: [], result: null, stale: false, pending: false });
  rules = $state<Live<RulesResult>>({ text: exampleRules, diagnostics: [], result: null, stale: false, pending: false });
  /** the rule text was typed by the user since the last example / library was put there */
  rulesEdited = $state(false);
  /** the file last loaded or tried (a failed load keeps the data set but shows its settings) */
  source = $state<Source | null>(null);
  fileInfo = $state<FileInfo | null>(null);
  /** the same for the customers file of the last load (null: none, or it was not reached) */
  customersFileInfo = $state<FileInfo | null>(null);
  /** the as-of date the user chose (null: the data set's default) */
  asOfChoice = $state<string | null>(null);
  asOfError = $state<string | null>(null);

  private engine: { backend: WasmBackend; ws: Workspace } | null = null;
  private get ws(): Workspace | null {
    return this.engine?.ws ?? null;
  }
  /** one engine call at a time: a load never interleaves with a rule evaluation */
  private queue: Promise<unknown> = Promise.resolve();
  /** an empty database started in the background, for the next load (starting one takes a
   * second or two: the wasm module is compiled for each new worker) */
  private spare: Promise<WasmBackend | null> | null = null;
  private quickSeq = 0;
  private rulesSeq = 0;
  private quickTimer: ReturnType<typeof setTimeout> | undefined;
  private rulesTimer: ReturnType<typeof setTimeout> | undefined;

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async start(): Promise<void> {
    try {
      // Start the engine and fetch the example data at the same time.
      this.step = 'engine';
      this.spare = WasmBackend.create(wasmBundles()).catch(() => null);
      const { orders, customers } = await exampleFiles();
      await this.load(orders, customers, true);
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
  load(orders: File, customers: File | null, example = false, options: LoadOptions = {}, customerOptions: LoadOptions = {}): Promise<void> {
    return this.serial(async () => {
      this.busy = true;
      this.loadProblem = null;
      this.source = { orders, customers, example, options, customerOptions };
      this.fileInfo = null;
      this.customersFileInfo = null;
      this.done = [];
      let fresh: { backend: WasmBackend; ws: Workspace } | null = null;
      let current = orders.name;
      try {
        this.step = 'engine';
        try {
          // a database started in the background after the last load, if there is one
          const spare = this.spare;
          this.spare = null;
          fresh = await newWorkspace(spare);
        } catch (e) {
          // without a first data set there is nothing to keep: the engine cannot start here
          if (!this.dataset) this.fatal = e instanceof Error ? e.message : String(e);
          throw e;
        }
        const { ws, backend } = fresh;
        this.done = ['engine'];
        this.step = 'data';
        const sheets = await sheetNames(orders);
        let tx: LoadReport;
        try {
          tx = await ws.loadTransactions([browserFile(orders)], options);
        } catch (e) {
          // what the settings form needs to fix it: the file's columns, as far as they can be read
          this.fileInfo = await describeFailed(backend, orders, options, sheets, e);
          throw e;
        }
        this.fileInfo = {
          columns: tx.columns.map((c) => c.name),
          roles: { ...tx.roles },
          encoding: tx.encoding,
          format: tx.format,
          sheets,
          dateOrder: options.dayFirst !== undefined || asksDateOrder(tx.issues),
          tables: tablesIn(tx.issues)
        };
        let attrs: LoadReport | null = null;
        if (customers) {
          current = customers.name;
          const csheets = await sheetNames(customers);
          const copts: LoadOptions = { ...customerOptions, ...(options.dayFirst === undefined ? {} : { dayFirst: options.dayFirst }) };
          try {
            attrs = await ws.loadCustomers([browserFile(customers)], copts);
          } catch (e) {
            this.customersFileInfo = await describeFailed(backend, customers, copts, csheets, e);
            throw e;
          }
          this.customersFileInfo = { columns: attrs.columns.map((c) => c.name), roles: { customer: attrs.roles.customer }, encoding: attrs.encoding, format: attrs.format, sheets: csheets, dateOrder: false, tables: 1 };
        }
        current = orders.name;
        this.done = ['engine', 'data'];
        this.step = 'metrics';
        const built = await ws.buildCustomers();
        const preview = await ws.preview(PREVIEW_ROWS);
        // Everything loaded: swap in the new database and let the old one go.
        const old = this.engine;
        this.engine = fresh;
        fresh = null;
        if (automationRequested(location.search))
          window.segmint = {
          workspace: ws,
          backend,
          browserFile,
          buildCustomers,
          createWorkspace: async () => (await newWorkspace()).ws,
          createBackend: () => WasmBackend.create(wasmBundles())
        };
        if (old) void old.backend.close().catch(() => undefined);
        this.preview = preview;
        this.asOfChoice = null;
        this.asOfError = null;
        this.dataset = {
          example,
          files: customers ? [orders.name, customers.name] : [orders.name],
          rows: tx.rows,
          customers: built.customers,
          asOf: built.asOf,
          defaultAsOf: built.asOf,
          leftOut: leftOutOf([tx, attrs]),
          repairs: repairsOf([tx, attrs]),
          roles: { ...tx.roles },
          notes: notesOf([tx, attrs], built.notices),
          loadNotes: notesOf([tx, attrs])
        };
        this.done = ['engine', 'data', 'metrics'];
        // Results for the new data: both live texts are evaluated again right away.
        this.quick.result = null;
        this.rules.result = null;
        void this.evalQuick();
        void this.evalRules();
        // Start the database for the next load in the background, after these evaluations.
        void this.serial(async () => {
          this.spare ??= WasmBackend.create(wasmBundles()).catch(() => null);
        });
      } catch (e) {
        this.loadProblem = problemOf(e, current);
      } finally {
        if (fresh) void fresh.backend.close().catch(() => undefined);
        this.step = null;
        this.busy = false;
      }
    });
  }

  /** Load the last files again with other settings (roles, encoding, sheet, date order, strict,
   * implausible dates; the customers file's own, else as before). */
  reload(options: LoadOptions, customerOptions?: LoadOptions): Promise<void> {
    const src = this.source;
    if (!src) return Promise.resolve();
    return this.load(src.orders, src.customers, src.example, options, customerOptions ?? src.customerOptions);
  }

  /** Rebuild the customers at another as-of date (null: back to the data set's default). An
   * `as of` line in the rule file still wins for the rule file's run. */
  setAsOf(date: string | null): Promise<void> {
    return this.serial(async () => {
      const ws = this.ws;
      const d = this.dataset;
      if (!ws || !d) return;
      this.asOfError = null;
      try {
        const built = await ws.buildCustomers(date ? { asOf: date } : {});
        this.asOfChoice = date;
        d.asOf = built.asOf;
        d.customers = built.customers;
        // (an as-of outside the data's dates is said among the notes)
        d.notes = [...d.loadNotes, ...notesOf([], built.notices)];
        this.preview = await ws.preview(PREVIEW_ROWS);
      } catch (e) {
        this.asOfError = e instanceof Error ? e.message : String(e);
        return;
      }
      this.quick.pending = true;
      this.rules.pending = true;
      void this.evalQuick();
      void this.evalRules();
    });
  }

  /** The as-of the rule file runs at when it has no `as of` line. */
  get baseAsOf(): string | null {
    return this.asOfChoice ?? this.dataset?.defaultAsOf ?? null;
  }

  /** Put a ready-made model's rule file in the editor (one step; then it is edited as usual). */
  useLibrary(id: string, lang: 'en' | 'zh'): void {
    this.setRules(loadLibrary(id, lang).rules);
    this.rulesEdited = false;
  }

  setQuickRule(text: string): void {
    this.quick.text = text;
    this.quick.pending = true;
    clearTimeout(this.quickTimer);
    this.quickTimer = setTimeout(() => void this.evalQuick(), DEBOUNCE_MS);
  }

  setRules(text: string, edited = false): void {
    if (edited) this.rulesEdited = true;
    this.rules.text = text;
    this.rules.pending = true;
    clearTimeout(this.rulesTimer);
    this.rulesTimer = setTimeout(() => void this.evalRules(), DEBOUNCE_MS);
  }

  private evalQuick(): Promise<void> {
    const seq = ++this.quickSeq;
    const text = this.quick.text;
    return this.serial(async () => {
      if (seq !== this.quickSeq || !this.ws || !this.dataset) return; // superseded
      if (!text.trim()) {
        Object.assign(this.quick, { diagnostics: [], result: null, stale: false, pending: false });
        return;
      }
      try {
        const r = await this.ws.quickRule(text);
        if (seq !== this.quickSeq) return; // a newer text is on its way: drop this answer
        this.quick.diagnostics = r.compiled.diagnostics;
        if (r.compiled.ok) {
          this.quick.result = { matched: r.matched, total: r.total, share: r.share, sql: r.compiled.sql, params: r.compiled.params ?? [] };
          this.quick.stale = false;
        } else {
          this.quick.stale = this.quick.result !== null;
        }
      } catch (e) {
        if (seq !== this.quickSeq) return;
        this.quick.diagnostics = [internalDiagnostic(e)];
        this.quick.stale = this.quick.result !== null;
      } finally {
        if (seq === this.quickSeq) this.quick.pending = false;
      }
    });
  }

  private evalRules(): Promise<void> {
    const seq = ++this.rulesSeq;
    const text = this.rules.text;
    return this.serial(async () => {
      if (seq !== this.rulesSeq || !this.ws || !this.dataset) return;
      try {
        // The file's `as of` line, else the data set's default as-of (so removing the line goes
        // back to the default instead of keeping the last date asked for).
        // materialize: false: live typing needs the numbers only (one pass, no table written).
        const asOf = readAsOf(text) ? {} : { asOf: this.asOfChoice ?? this.dataset.defaultAsOf };
        const r = await this.ws.runRules(text, { ...asOf, materialize: false });
        if (seq !== this.rulesSeq) return;
        this.rules.diagnostics = r.compiled.diagnostics;
        if (r.compiled.ok && r.result) {
          this.rules.result = { summary: r.result.summary, tags: r.result.tags, total: r.result.total, sql: r.result.sql };
          this.rules.stale = false;
          // An `as of` line in the rule file rebuilds the customers at that date: show it.
          const info = this.ws.customersInfo;
          if (info && this.dataset && info.asOf !== this.dataset.asOf) {
            this.dataset.asOf = info.asOf;
            this.dataset.customers = info.customers;
            this.preview = await this.ws.preview(PREVIEW_ROWS);
            void this.evalQuick();
          }
        } else {
          this.rules.stale = this.rules.result !== null;
        }
      } catch (e) {
        if (seq !== this.rulesSeq) return;
        this.rules.diagnostics = [internalDiagnostic(e)];
        this.rules.stale = this.rules.result !== null;
      } finally {
        if (seq === this.rulesSeq) this.rules.pending = false;
      }
    });
  }
}

/**
 * What the settings form needs to fix a file that failed to load (orders or customers): the
 * file's columns and guessed roles (profiling reads the file without requiring every role, and
 * leniently: a strict load refused a row, the file itself is readable), else the columns the
 * engine's error carries.
 */
async function describeFailed(backend: WasmBackend, file: File, options: LoadOptions, sheets: string[], e: unknown): Promise<FileInfo> {
  const dateOrder = options.dayFirst !== undefined || asksDateOrder(errorIssues(e));
  try {
    const p = await profileFiles(backend, [browserFile(file)], { ...options, strict: false });
    return { columns: p.columns.map((c) => c.name), roles: { ...p.roles, ...options.roles }, encoding: p.encoding, format: p.format, sheets, dateOrder, tables: tablesIn(p.issues) };
  } catch {
    return { columns: failedColumns(e), roles: { ...options.roles }, encoding: '', format: '', sheets, dateOrder, tables: 1 };
  }
}

function internalDiagnostic(e: unknown): Diagnostic {
  const span = { offset: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { severity: 'error', code: 'internal', message: e instanceof Error ? e.message : String(e), span };
}
