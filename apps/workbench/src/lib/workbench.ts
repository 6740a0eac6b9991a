// The workbench's parts wired together: one engine host, the data set's state and the rules'
// state (a new data set or as-of re-runs the rules), provided to the components as context.
import { EngineHost } from './engine/host.js';
import { startEngine, type Engine } from './engine/wasm.js';
import { DataState } from './data/dataset.svelte.js';
import { RulesState } from './rules/rules.svelte.js';
import { DATA } from './data/context.js';
import { RULES } from './rules/context.js';
import { provide } from './ui/context.js';
import { Segmentation } from './customers/segmentation.js';
import { CustomersState } from './customers/customers.svelte.js';
import { CUSTOMERS } from './customers/context.js';
import { ExportState } from './export/export.svelte.js';
import { EXPORT } from './export/context.js';

export interface Workbench {
  host: EngineHost<Engine>;
  data: DataState;
  rules: RulesState;
  customers: CustomersState;
  exporting: ExportState;
}

export function createWorkbench(): Workbench {
  const host = new EngineHost<Engine>(startEngine);
  const hooks = { loaded: () => {
      customers.reset();
      rules.reset();
    }, rebuilt: () => rules.rerun() };
  const data = new DataState(host, hooks);
  const rules: RulesState = new RulesState(host, data);
  // the rule file's segmentation written as a table on demand (drills and exports)
  const segmentation = new Segmentation({ ws: () => host.current?.ws ?? null, rules: () => rules.file.text, asOf: () => data.baseAsOf });
  const customers: CustomersState = new CustomersState(host, segmentation);
  const exporting = new ExportState(host, segmentation, data, rules);
  return { host, data, rules, customers, exporting };
}

/** Create the workbench and provide its states to the page's components (component init only). */
export function provideWorkbench(): Workbench {
  const wb = createWorkbench();
  provide(DATA, wb.data);
  provide(RULES, wb.rules);
  provide(CUSTOMERS, wb.customers);
  provide(EXPORT, wb.exporting);
  return wb;
}
