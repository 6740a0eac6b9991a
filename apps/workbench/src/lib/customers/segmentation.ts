// The rule file's segmentation as a table: the live run only counts (materialize: false), but
// listing or exporting the customers of a segment or tag needs each customer's segment and tags
// written (the engine's `segmented` table). Written on demand (a drill, an export), once per rule
// text, as-of and engine, never on every keystroke. Call ensure() inside the engine queue
// (EngineHost.serial): it runs engine statements itself.
import { rulesAsOf } from '../rules/rules.js';
import type { SegmentationResult, Workspace } from '@segmint/engine';
import type { ResolvedUses } from '@segmint/dsl';

export interface SegmentationTable {
  /** the table's name (the engine's `segmented`) */
  table: string;
  /** the as-of the customers were segmented at */
  asOf: string;
  /** the rule file's segments in file order, and the engine's per-segment summary of the table
   * (the report builds on it) */
  segments: SegmentationResult['segments'];
  summary: SegmentationResult['summary'];
}

export interface SegmentationSource {
  /** the workspace of the engine in use (null before a data set is in) */
  ws: () => Workspace | null;
  /** the rule file's text */
  rules: () => string;
  /** the as-of chosen for the data set (a rule file's own `as of` line wins) */
  asOf: () => string | null;
  /** the rule file's `use` lines resolved among the kept base files, and what they depend on
   * (a new value when a base file comes in) */
  uses?: (rules: string) => ResolvedUses | undefined;
  usesKey?: () => unknown;
}

export class Segmentation {
  private made: { ws: Workspace; rules: string; asOf: string | null; bases: unknown; table: SegmentationTable } | null = null;

  constructor(private readonly source: SegmentationSource) {}

  /** The segmentation table of the rule file as it is now (written when it is not yet), or null
   * when the rule file has errors or no data set is in. Inside the engine queue only. */
  async ensure(): Promise<SegmentationTable | null> {
    const ws = this.source.ws();
    if (!ws) return null;
    const rules = this.source.rules();
    const asOf = this.source.asOf();
    const bases = this.source.usesKey?.();
    const m = this.made;
    if (m && m.ws === ws && m.rules === rules && m.asOf === asOf && m.bases === bases) return m.table;
    this.made = null;
    const uses = this.source.uses?.(rules);
    const r = await ws.runRules(rules, { ...rulesAsOf(rules, asOf), materialize: true, ...(uses ? { uses } : {}) });
    if (!r.compiled.ok || !r.result) return null;
    const table = { table: r.result.table, asOf: r.result.asOf, segments: r.result.segments, summary: r.result.summary };
    this.made = { ws, rules, asOf, bases, table };
    return table;
  }
}
