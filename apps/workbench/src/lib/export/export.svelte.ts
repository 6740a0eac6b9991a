// Taking results out: the customers (everyone, or the drilled segment / tag / quick rule) as CSV
// or .xlsx and the segment summary as CSV, made by the strategy package (exportCustomerTable,
// exportSummaryCsv) and downloaded. The personal columns switch (on by default), the export in
// progress with its rows written, Cancel, and how the last one ended.
import { exportCustomerTable, exportSummaryCsv, type ExportFile, type ExportFormat } from '@segmint/strategy';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { DrillSource } from '../customers/columns.js';
import type { Segmentation } from '../customers/segmentation.js';
import type { DataState } from '../data/dataset.svelte.js';
import type { RulesState } from '../rules/rules.svelte.js';
import { dataSetName, exportScope } from './scope.js';
import { saveFile } from './download.js';

/** What an export takes out: the customers of a drill, or the segment summary. */
export type ExportWhat = { kind: 'customers'; source: DrillSource; format: ExportFormat } | { kind: 'summary' };

export type ExportOutcome =
  | { kind: 'done'; fileName: string; rows: number; masked: boolean; personal: number }
  | { kind: 'cancelled' }
  | { kind: 'needs-rules' }
  | { kind: 'failed'; message: string; error?: unknown };

/** The export card (everyone, the summary) or the customer table (the drilled result). */
export type ExportPlace = 'panel' | 'drill';

export class ExportState {
  /** mask the personal columns of the customers file (name, phone, email, ...) */
  mask = $state(true);
  /** the export running (rows written of total), null when none */
  running = $state<{ what: ExportWhat; rows: number; total: number } | null>(null);
  outcome = $state<ExportOutcome | null>(null);
  /** where the last export was asked for (its progress and outcome are shown there) */
  place = $state<ExportPlace | null>(null);
  private controller: AbortController | null = null;

  constructor(
    private readonly host: EngineHost<Engine>,
    private readonly segmentation: Segmentation,
    private readonly data: DataState,
    private readonly rules: RulesState
  ) {}

  /** Export customers (everyone, or a drill's) as CSV or .xlsx, then download the file. */
  customers(source: DrillSource, format: ExportFormat, place: ExportPlace): Promise<void> {
    if (this.running) return Promise.resolve();
    this.place = place;
    const controller = new AbortController();
    this.controller = controller;
    this.running = { what: { kind: 'customers', source, format }, rows: 0, total: 0 };
    this.outcome = null;
    const mask = this.mask;
    return this.host
      .serial(async (): Promise<ExportOutcome> => {
        const engine = this.host.current;
        if (!engine) return { kind: 'failed', message: 'no data set' };
        controller.signal.throwIfAborted();
        const seg = await this.segmentation.ensure();
        // without the rules' table there is no segment and tag per customer to write
        if (!seg) return { kind: 'needs-rules' };
        const file = await exportCustomerTable(
          { backend: engine.backend, table: seg.table, asOf: seg.asOf },
          {
            scope: exportScope(source),
            format,
            mask,
            dataSet: dataSetName(this.data.dataset),
            signal: controller.signal,
            onProgress: (p) => {
              if (this.running) this.running = { ...this.running, rows: p.rows, total: p.total };
            }
          }
        );
        return this.save(file);
      })
      .catch((e: unknown): ExportOutcome => (controller.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message: e instanceof Error ? e.message : String(e), error: e }))
      .then((o) => this.finish(o));
  }

  /** Export the rule file's segment summary (the table on screen) as CSV. */
  summary(place: ExportPlace): void {
    if (this.running) return;
    this.place = place;
    const result = this.rules.file.result;
    const asOf = this.data.dataset?.asOf;
    if (!result || !asOf) return;
    this.outcome = this.save(exportSummaryCsv({ summary: result.summary, asOf }, { dataSet: dataSetName(this.data.dataset) }));
  }

  /** Stop the export running (between two blocks of rows). */
  cancel(): void {
    this.controller?.abort();
  }

  private save(file: ExportFile): ExportOutcome {
    saveFile(file);
    return { kind: 'done', fileName: file.fileName, rows: file.rows, masked: file.masked, personal: file.personal.length };
  }

  private finish(o: ExportOutcome): void {
    this.outcome = o;
    this.running = null;
    this.controller = null;
  }
}
