// The workbench's parts wired together: one engine host, the data set's state and the rules'
// state (a new data set or as-of re-runs the rules), provided to the components as context.
import { EngineHost } from './engine/host.js';
import { startEngine, type Engine } from './engine/wasm.js';
import { DataState } from './data/dataset.svelte.js';
import type { Source } from './data/dataset.js';
import type { LoadProblem } from './data/load-report.js';
import { RulesState } from './rules/rules.svelte.js';
import { DATA, STAGING } from './data/context.js';
import { StagingState } from './data/staging.svelte.js';
import { FILES, RULES } from './rules/context.js';
import { FilesState } from './rules/files.svelte.js';
import { readValue, writeValue } from './persistence/store.js';
import { provide } from './ui/context.js';
import { PersistenceState } from './persistence/persistence.svelte.js';
import { PERSISTENCE } from './persistence/context.js';
import { registerOffline } from './persistence/offline.js';
import { Segmentation } from './customers/segmentation.js';
import { CustomersState } from './customers/customers.svelte.js';
import { CUSTOMERS } from './customers/context.js';
import { ExportState } from './export/export.svelte.js';
import { EXPORT } from './export/context.js';
import { EditorData } from './editor/editor-data.svelte.js';
import { EDITOR } from './editor/context.js';
import { ShareState, withoutFragment } from './share/share.svelte.js';
import { SHARE } from './share/context.js';
import { checkInWorker } from './share/check.js';
import { VIEWS, ViewState } from './ui/views.svelte.js';
import { ReportState } from './report/report.svelte.js';
import { REPORT } from './report/context.js';
import { i18n } from './i18n/index.svelte.js';
import { ChartsState } from './charts/charts.svelte.js';
import { CHARTS } from './charts/context.js';
import { STRATEGY, StrategyState } from './strategy/strategy.svelte.js';
import { MIGRATION, MigrationState } from './migration/migration.svelte.js';

export interface Workbench {
  host: EngineHost<Engine>;
  data: DataState;
  /** files chosen or dropped, with their roles, before they are loaded */
  staging: StagingState;
  rules: RulesState;
  /** saving rule and playbook files, the recent files */
  files: FilesState;
  persistence: PersistenceState;
  customers: CustomersState;
  exporting: ExportState;
  /** what the rule editors know about the data (fields, their numbers) */
  editorData: EditorData;
  /** share links: made from the rule file, and the one the page was opened with */
  share: ShareState;
  /** which view is shown (segments, charts, strategy, migration) */
  views: ViewState;
  /** the report downloads (Markdown, HTML, CSV, JSON) */
  report: ReportState;
  /** the charts' numbers (computed when the charts view is shown) */
  charts: ChartsState;
  /** the Strategy view: the playbooks beside the rules, edited in a form or as YAML */
  strategy: StrategyState;
  /** the migration review (two as-of dates, or the saved rule file against the editor's) */
  migration: MigrationState;
  /** open the saved workspace (else the example), then keep the work from there on */
  start(): Promise<void>;
}

export function createWorkbench(): Workbench {
  const host = new EngineHost<Engine>(startEngine);
  const editorData = new EditorData(host);
  const hooks = {
    loaded: () => {
      customers.reset();
      charts.reset();
      rules.reset();
      void editorData.refresh();
    },
    rebuilt: () => {
      rules.rerun();
      void editorData.refresh();
    },
    restore: () => persistence.restore(),
    restoreFailed: (problem: LoadProblem | null) => persistence.restoreFailed(problem),
    stored: (source: Source) => persistence.stored(source)
  };
  const charts: ChartsState = new ChartsState(host);
  const data = new DataState(host, hooks);
  const rules: RulesState = new RulesState(host, data);
  const staging = new StagingState(data, (files) => rules.openRuleFiles(files));
  const persistence: PersistenceState = new PersistenceState(data, rules);
  const files = new FilesState(rules, { keeping: () => persistence.keeping, read: readValue, write: writeValue, flush: () => persistence.flush() });
  persistence.onForget(() => files.forgotten());
  // the rule file's segmentation written as a table on demand (drills and exports)
  const segmentation = new Segmentation({ ws: () => host.current?.ws ?? null, rules: () => rules.file.text, asOf: () => data.baseAsOf, uses: (text) => rules.usesOf(text), usesKey: () => rules.bases.files });
  const customers: CustomersState = new CustomersState(host, segmentation);
  const exporting = new ExportState(host, segmentation, data, rules);
  const share: ShareState = new ShareState({
    rules,
    // the loaded data's columns (in the engine queue), so a shared file is checked as the editor checks it
    schema: async () => (data.dataset ? host.serial(async () => (host.current ? await host.current.ws.schema() : null)) : null),
    asOf: () => data.baseAsOf,
    clearFragment: () => history.replaceState(history.state, '', withoutFragment(location.href)),
    writeClipboard: (text) => navigator.clipboard.writeText(text),
    // off the page's thread, with a time limit: a hostile link never freezes the tab
    check: (req) => checkInWorker(req)
  });
  const start = async () => {
    const filesStarted = files.start();
    await data.start();
    await filesStarted;
    persistence.watch();
    // after the first data set is on screen: the service worker's first caching (the wasm) does
    // not compete with the first load
    registerOffline();
  };
  const views = new ViewState();
  const report = new ReportState({
    host,
    segmentation,
    hasData: () => data.dataset !== null,
    source: () => ({ rules: rules.file.text, fileName: rules.fileName, suggestedName: rules.suggestedName, playbook: rules.playbook }),
    ruleErrors: () => rules.file.diagnostics.some((d) => d.severity === 'error'),
    locale: () => i18n.locale
  });
  const strategy = new StrategyState(rules);
  const migration = new MigrationState(host, data, rules, customers, () => (i18n.locale === 'zh-CN' ? 'zh' : 'en'));
  return { host, data, staging, rules, files, persistence, customers, exporting, editorData, share, views, report, charts, strategy, migration, start };
}

/** Create the workbench and provide its states to the page's components (component init only). */
export function provideWorkbench(): Workbench {
  const wb = createWorkbench();
  provide(DATA, wb.data);
  provide(STAGING, wb.staging);
  provide(RULES, wb.rules);
  provide(FILES, wb.files);
  provide(PERSISTENCE, wb.persistence);
  provide(CUSTOMERS, wb.customers);
  provide(EXPORT, wb.exporting);
  provide(EDITOR, wb.editorData);
  provide(SHARE, wb.share);
  provide(VIEWS, wb.views);
  provide(REPORT, wb.report);
  provide(CHARTS, wb.charts);
  provide(STRATEGY, wb.strategy);
  provide(MIGRATION, wb.migration);
  return wb;
}
