// The workbench's parts wired together: one engine host, the data set's state and the rules'
// state (a new data set or as-of re-runs the rules), provided to the components as context.
import { EngineHost } from './engine/host.js';
import { startEngine, type Engine } from './engine/wasm.js';
import { DataState } from './data/dataset.svelte.js';
import { RulesState } from './rules/rules.svelte.js';
import { DATA } from './data/context.js';
import { RULES } from './rules/context.js';
import { provide } from './ui/context.js';

export interface Workbench {
  host: EngineHost<Engine>;
  data: DataState;
  rules: RulesState;
}

export function createWorkbench(): Workbench {
  const host = new EngineHost<Engine>(startEngine);
  const hooks = { loaded: () => rules.reset(), rebuilt: () => rules.rerun() };
  const data = new DataState(host, hooks);
  const rules: RulesState = new RulesState(host, data);
  return { host, data, rules };
}

/** Create the workbench and provide its states to the page's components (component init only). */
export function provideWorkbench(): Workbench {
  const wb = createWorkbench();
  provide(DATA, wb.data);
  provide(RULES, wb.rules);
  return wb;
}
