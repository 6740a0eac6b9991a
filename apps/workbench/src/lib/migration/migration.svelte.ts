// The migration review's state: the mode (two as-of dates on the loaded data, or the saved rule
// file against the editor's), the dates, the result, and the engine work, always in the engine
// queue (host.serial), so the page never blocks and a load never interleaves. An answer for an
// older request is dropped. The customers a flow holds open in the customer table below (a
// condition over the review's table of who went where).
import { computeMigration, computeRuleDiff, snapshotRun, type Migration } from '@segmint/strategy';
import { ident, type ColumnData, type LoadOptions } from '@segmint/engine';
import { browserFile } from '@segmint/engine/browser';
import { startEngine } from '../engine/wasm.js';
import { problemOf } from '../data/load-report.js';
import { engineText } from '../i18n/index.svelte.js';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { DataState } from '../data/dataset.svelte.js';
import type { RulesState } from '../rules/rules.svelte.js';
import type { CustomersState } from '../customers/customers.svelte.js';
import { contextKey } from '../ui/context.js';
import { datesProblem, defaultDates, flowCondition, flowsTableSql, stateCondition, MIGRATION_TABLES as T } from './migration.js';

/** two as-of dates on the loaded data; the saved rule file against the editor's; earlier data
 * files (read in an engine of their own) against the data on screen */
export type MigrationMode = 'dates' | 'rules' | 'files';

/** One step of a review, timed (a `segmint:migration:<step>` performance measure: the benchmark
 * reads them). */
async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    performance.measure(`segmint:migration:${step}`, { start: t0, duration: performance.now() - t0 });
  }
}

/** Why there is no (new) review: dates to fix, a rule file with errors, or the engine's message. */
export type MigrationProblem = { code: 'invalid' | 'order' | 'rules' | 'savedRules' | 'noFiles' } | { code: 'failed'; message: string };

export interface MigrationResult {
  mode: MigrationMode;
  migration: Migration;
  /** what the review was computed from: a change makes it stale */
  basis: string;
  /** the data set it was computed on (another load makes it stale: its tables are gone) */
  dataset: object;
  /** the customers' as-of (the rule change) */
  asOf: string;
}

export class MigrationState {
  mode = $state<MigrationMode>('dates');
  from = $state('');
  to = $state('');
  busy = $state(false);
  problem = $state<MigrationProblem | null>(null);
  result = $state.raw<MigrationResult | null>(null);
  /** how long the last review took, in ms (for the benchmark: data-ms) */
  ms = $state<number | null>(null);
  /** the data set the default dates were set for */
  private datesFor: object | null = null;
  private seq = 0;

  constructor(
    private readonly host: EngineHost<Engine>,
    private readonly data: DataState,
    private readonly rules: RulesState,
    private readonly customers: CustomersState,
    /** the review's language: the flows' words and the state names */
    private readonly lang: () => 'en' | 'zh'
  ) {}

  /** The default dates (the data's as-of and 90 days before) for a data set not seen yet. */
  ensureDates(): void {
    const d = this.data.dataset;
    if (!d || d === this.datesFor) return;
    const asOf = this.data.baseAsOf ?? d.asOf;
    if (!asOf) return;
    this.datesFor = d;
    const def = defaultDates(asOf);
    this.from = def.from;
    this.to = def.to;
  }

  /** the earlier data files chosen (mode 'files') */
  beforeFiles = $state.raw<File[]>([]);

  private basisOf(mode: MigrationMode): string {
    if (mode === 'dates') return JSON.stringify(['dates', this.rules.file.text, this.from, this.to]);
    if (mode === 'files') return JSON.stringify(['files', this.rules.file.text, this.beforeFiles.map((f) => f.name), this.data.dataset?.asOf ?? null]);
    return JSON.stringify(['rules', this.rules.savedText, this.rules.file.text, this.data.dataset?.asOf ?? null]);
  }

  /** The review on screen no longer matches the data, the dates or the rule file. */
  get stale(): boolean {
    const r = this.result;
    return r !== null && (r.dataset !== this.data.dataset || r.basis !== this.basisOf(r.mode));
  }

  /** Compare the rule file's segments at the two dates (the customers built at each). */
  compareDates(): Promise<void> {
    this.mode = 'dates';
    const problem = datesProblem(this.from, this.to);
    if (problem) {
      this.problem = { code: problem };
      return Promise.resolve();
    }
    const text = this.rules.file.text;
    const uses = this.rules.usesOf(text);
    const from = this.from;
    const to = this.to;
    const basis = this.basisOf('dates');
    return this.run(async (engine) => {
      const ws = engine.ws;
      await timed('relation', () => ws.schema()); // the customer relation is built
      const previous = ws.asOf;
      // The date the customers are built at now first (no rebuild for it), then the other one:
      // one metrics build instead of two. The customers go back to their as-of right after the
      // review is on screen, in the same engine task (nothing else runs on the other date's).
      const sides = [
        { date: from, seg: T.segBefore, snap: T.before },
        { date: to, seg: T.segAfter, snap: T.after }
      ];
      if (to === previous) sides.reverse();
      const asOf: Record<string, string> = {};
      let segments: readonly { id: string; label: string | null }[] = [];
      const restore = async () => {
        if (previous !== null && ws.asOf !== previous) await timed('restore', () => ws.buildCustomers({ asOf: previous }));
      };
      try {
        for (const side of sides) {
          const r = await timed(`rules ${side.date}`, () => ws.runRules(text, { asOf: side.date, into: side.seg, ...(uses ? { uses } : {}) }));
          if (!r.result) {
            await restore();
            return { code: 'rules' };
          }
          const result = r.result;
          asOf[side.snap] = result.asOf;
          if (side.snap === T.after) segments = result.segments;
          await timed('snapshot', () => snapshotRun(engine.backend, { table: result.table, into: side.snap }));
        }
        const migration = await timed('matrix', () =>
          computeMigration(engine.backend, { before: T.before, after: T.after, segments, from: asOf[T.before] ?? from, to: asOf[T.after] ?? to, lang: this.lang(), kind: 'dates' })
        );
        return { migration, basis, asOf: asOf[T.after] ?? to, after: restore };
      } catch (e) {
        await restore();
        throw e;
      }
    });
  }

  /** Compare the saved rule file with the editor's text, on the customers on screen. */
  compareRules(): Promise<void> {
    this.mode = 'rules';
    const saved = this.rules.savedText;
    const edited = this.rules.file.text;
    const savedUses = this.rules.usesOf(saved);
    const editedUses = this.rules.usesOf(edited);
    const basis = this.basisOf('rules');
    const names = { from: this.rules.fileName ?? '', to: '' };
    return this.run(async (engine) => {
      const ws = engine.ws;
      await ws.schema(); // the customer relation is built
      const asOf = ws.asOf ?? undefined;
      const opts = (uses: typeof savedUses, into: string) => ({ ...(asOf !== undefined ? { asOf } : {}), into, ...(uses ? { uses } : {}) });
      const a = await ws.runRules(saved, opts(savedUses, T.segBefore));
      if (!a.result) return { code: 'savedRules' };
      const b = await ws.runRules(edited, opts(editedUses, T.segAfter));
      if (!b.result) return { code: 'rules' };
      const migration = await computeRuleDiff(engine.backend, {
        old: { table: a.result.table, segments: a.result.segments },
        new: { table: b.result.table, segments: b.result.segments },
        from: names.from,
        to: names.to,
        lang: this.lang(),
        snapshots: { before: T.before, after: T.after }
      });
      return { migration, basis, asOf: b.result.asOf };
    });
  }

  /** Compare earlier data files ("before": read in an engine of their own, with the column roles
   * and settings of the data on screen) with the data on screen ("after"), both segmented by the
   * rule file in the editor, each at its own as-of (the earlier files' latest date, the as-of on
   * screen). Only the snapshot (customer, segment, M) of the earlier files is copied over. */
  compareFiles(): Promise<void> {
    this.mode = 'files';
    const files = this.beforeFiles;
    if (!files.length) {
      this.problem = { code: 'noFiles' };
      return Promise.resolve();
    }
    const text = this.rules.file.text;
    const uses = this.rules.usesOf(text);
    const options: LoadOptions = { ...(this.data.source?.options ?? {}) };
    const basis = this.basisOf('files');
    const names = files.map((f) => f.name).join(', ');
    const afterName = this.data.dataset?.files.join(', ') ?? '';
    return this.run(async (engine) => {
      const other = await timed('engine', () => startEngine());
      let before: { asOf: string } | null = null;
      try {
        try {
          await timed('load', () => other.ws.loadTransactions(files.map(browserFile), options));
        } catch (e) {
          throw new Error(engineText(problemOf(e, files[0]?.name ?? '').first).message);
        }
        const a = await timed('rules before', () => other.ws.runRules(text, { into: T.segBefore, ...(uses ? { uses } : {}) }));
        if (!a.result) return { code: 'rules' };
        before = { asOf: a.result.asOf };
        await snapshotRun(other.backend, { table: a.result.table, into: T.before });
        const rows = await other.backend.query(`SELECT customer, segment, M FROM ${ident(T.before)}`);
        const columns: ColumnData[] = [
          { name: 'customer', type: 'text', values: rows.map((r) => (r.customer === null ? null : String(r.customer))) },
          { name: 'segment', type: 'text', values: rows.map((r) => (r.segment === null ? null : String(r.segment))) },
          { name: 'M', type: 'number', values: rows.map((r) => (r.M === null ? null : Number(r.M))) }
        ];
        await timed('copy', () => engine.backend.insertColumns(T.before, columns));
      } finally {
        await other.close().catch(() => undefined);
      }
      const ws = engine.ws;
      await ws.schema();
      const asOf = ws.asOf ?? undefined;
      const b = await timed('rules after', () => ws.runRules(text, { ...(asOf !== undefined ? { asOf } : {}), into: T.segAfter, ...(uses ? { uses } : {}) }));
      if (!b.result) return { code: 'rules' };
      await snapshotRun(engine.backend, { table: b.result.table, into: T.after });
      const migration = await timed('matrix', () =>
        computeMigration(engine.backend, { before: T.before, after: T.after, segments: b.result!.segments, from: `${names} (${before?.asOf ?? ''})`, to: `${afterName} (${b.result!.asOf})`, lang: this.lang(), kind: 'dates' })
      );
      return { migration, basis, asOf: b.result.asOf };
    });
  }

  /** One review in the engine queue: busy while it runs, the flows table written, the result or
   * the problem kept (unless a newer request came meanwhile). */
  private run(work: (engine: Engine) => Promise<{ migration: Migration; basis: string; asOf: string; after?: () => Promise<void> } | { code: 'rules' | 'savedRules' }>): Promise<void> {
    const seq = ++this.seq;
    const mode = this.mode;
    this.busy = true;
    this.problem = null;
    return this.host.serial(async () => {
      const engine = this.host.current;
      const dataset = this.data.dataset;
      if (seq !== this.seq) return;
      if (!engine || !dataset) {
        this.busy = false;
        return;
      }
      const t0 = performance.now();
      try {
        const out = await work(engine);
        if ('code' in out) {
          if (seq === this.seq) this.problem = { code: out.code };
          return;
        }
        try {
          const f = flowsTableSql(T.before, T.after, T.flows);
          await timed('flows', () => engine.backend.exec(f.sql, f.params));
        } catch (e) {
          await out.after?.();
          throw e;
        }
        const ms = performance.now() - t0;
        performance.measure('segmint:migration', { start: t0, duration: ms, detail: { mode } });
        if (seq === this.seq) {
          this.ms = Math.round(ms);
          this.result = { mode, migration: out.migration, basis: out.basis, dataset, asOf: out.asOf };
          // on screen now; the engine puts the customers back meanwhile
          this.busy = false;
        }
        await out.after?.();
      } catch (e) {
        if (seq === this.seq) this.problem = { code: 'failed', message: e instanceof Error ? e.message : String(e) };
      } finally {
        if (seq === this.seq) this.busy = false;
      }
    });
  }

  /** List the customers of the flow from -> to in the customer table (exportable there). */
  openFlow(from: string, to: string, label: string): Promise<void> {
    const c = flowCondition(T.flows, from, to);
    return this.customers.open({ kind: 'flow', label, sql: c.sql, params: c.params });
  }

  /** List the customers in one state on one side (a Sankey node, a matrix row's name). */
  openState(side: 'before' | 'after', state: string, label: string): Promise<void> {
    const c = stateCondition(T.flows, side, state);
    return this.customers.open({ kind: 'flow', label, sql: c.sql, params: c.params });
  }
}

export const MIGRATION = contextKey<MigrationState>('segmint.migration');
