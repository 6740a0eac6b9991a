// What the rule editors know about the data on screen: the customer relation's fields (built-in
// metrics and the data's columns) and, once asked for, their numbers (min/median/max, distinct
// values) for completion and hover. Refreshed when a data set is loaded or built again.
import { builtinSchema, type SchemaField } from '@segmint/dsl';
import type { FieldStats } from '@segmint/engine';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import type { EditorField } from './complete.js';

export class EditorData {
  /** the relation's fields, null before a data set is built (the editor checks without data) */
  schema = $state.raw<SchemaField[] | null>(null);
  stats = $state.raw<Map<string, FieldStats>>(new Map());
  /** bumped when the fields change: the editors check their text again */
  version = $state(0);
  private statsFor: SchemaField[] | null = null;

  constructor(private readonly host: EngineHost<Engine>) {}

  /** The fields completion and hover offer: the relation's, else the built-in ones. */
  get fields(): EditorField[] {
    const fields = this.schema ?? builtinSchema.fields;
    return fields.map((f) => {
      const st = this.stats.get(f.name);
      return { name: f.name, type: f.type, builtin: f.builtin === true, ...(st ? { stats: st } : {}) };
    });
  }

  /** A data set was loaded or built again: read its fields (cheap); numbers on demand. */
  async refresh(): Promise<void> {
    const schema = await this.host.serial(async () => (this.host.current ? (await this.host.current.ws.schema()).fields : null));
    this.schema = schema;
    this.stats = new Map();
    this.statsFor = null;
    this.version++;
  }

  /** Compute the fields' numbers once per relation (when an editor gets the focus). */
  async wantStats(): Promise<void> {
    const schema = this.schema;
    if (!schema || this.statsFor === schema) return;
    this.statsFor = schema;
    const stats = await this.host.serial(async () => (this.host.current ? await this.host.current.ws.fieldStats() : []));
    if (this.schema !== schema) return; // another data set came in meanwhile
    this.stats = new Map(stats.map((s) => [s.name, s]));
  }
}
