// Which view of the workbench is shown: the segments (data, rules, counts), the charts, the
// strategy (playbooks and the report) or the migration review. The customer table and the
// export sit below every view, so a drill from any of them opens there.
import { contextKey } from './context.js';

export const VIEW_IDS = ['segments', 'charts', 'strategy', 'migration'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export class ViewState {
  current = $state<ViewId>('segments');

  show(id: ViewId): void {
    this.current = id;
  }
}

export const VIEWS = contextKey<ViewState>('views');
