// The report downloads: Markdown, HTML, CSV or JSON of the rule file's segments on the data set
// (with the playbook beside the rules, when there is one), in the app's language. Made in the
// engine queue from the rule file's segmentation table and its summary (customers/segmentation.ts)
// by the strategy package's reportFromRun, then downloaded. The report of the same table,
// playbook, language and names is made once and rendered per format.
import { reportFromRun, renderStrategyError, type ReportFormat, type SegmentReport } from '@segmint/strategy';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { Segmentation, SegmentationTable } from '../customers/segmentation.js';
import { saveFile } from '../export/download.js';
import type { Locale } from '../i18n/index.svelte.js';
import { reportBlocker, reportFile, reportFileNames, reportLang, reportOptions, type ReportBlocker, type ReportFile, type ReportSource } from './report.js';

export type ReportOutcome =
  | { kind: 'done'; fileName: string }
  | { kind: 'blocked'; blocker: ReportBlocker }
  | { kind: 'failed'; message: string };

export interface ReportDeps {
  host: EngineHost<Engine>;
  segmentation: Pick<Segmentation, 'ensure'>;
  /** a data set is loaded */
  hasData: () => boolean;
  /** the rule file as it is now (text, names, the playbook beside it) */
  source: () => ReportSource;
  /** the rule file's current text has errors (its live check) */
  ruleErrors: () => boolean;
  /** the app's language */
  locale: () => Locale;
  /** hands the file to the browser (export/download.ts) */
  save?: (file: ReportFile) => void;
}

export class ReportState {
  /** the format being made, null when none */
  running = $state<ReportFormat | null>(null);
  outcome = $state<ReportOutcome | null>(null);
  /** why the buttons are disabled (null: they are not) */
  readonly blocker: ReportBlocker | null;
  /** the rule file's and the playbook's names as the report writes them */
  readonly names: { rulesFile: string; playbooksFile: string | null };
  private made: { table: SegmentationTable; key: string; report: SegmentReport } | null = null;

  constructor(private readonly deps: ReportDeps) {
    this.blocker = $derived(reportBlocker({ hasData: deps.hasData(), ruleErrors: deps.ruleErrors(), playbook: deps.source().playbook?.text ?? null }));
    this.names = $derived(reportFileNames(deps.source()));
  }

  /** Make the report in `format` and download it. */
  async download(format: ReportFormat): Promise<void> {
    if (this.running) return;
    if (this.blocker) {
      this.outcome = { kind: 'blocked', blocker: this.blocker };
      return;
    }
    this.running = format;
    this.outcome = null;
    const source = this.deps.source();
    const lang = reportLang(this.deps.locale());
    try {
      const made = await this.deps.host.serial(async () => {
        const engine = this.deps.host.current;
        if (!engine) return { kind: 'blocked' as const, blocker: 'no-data' as const };
        const table = await this.deps.segmentation.ensure();
        if (!table) return { kind: 'blocked' as const, blocker: 'rule-errors' as const };
        const options = reportOptions(source, lang);
        const key = JSON.stringify(options);
        if (this.made && this.made.table === table && this.made.key === key) return { kind: 'report' as const, report: this.made.report };
        const { report } = await reportFromRun(engine.backend, table, options);
        if (!report) return { kind: 'blocked' as const, blocker: 'playbook-errors' as const };
        this.made = { table, key, report };
        return { kind: 'report' as const, report };
      });
      if (made.kind === 'blocked') {
        this.outcome = made;
        return;
      }
      const file = reportFile(made.report, format);
      (this.deps.save ?? saveFile)(file);
      this.outcome = { kind: 'done', fileName: file.fileName };
    } catch (e) {
      this.outcome = { kind: 'failed', message: renderStrategyError(e, this.deps.locale()) };
    } finally {
      this.running = null;
    }
  }
}
