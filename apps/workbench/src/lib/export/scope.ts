// What an export takes out, from what the user is looking at, and the data set's name for the
// file name. Pure.
import type { ExportScope } from '@segmint/strategy';
import type { DrillSource } from '../customers/columns.js';

/** The strategy package's export scope of a drill (everyone, a segment, a tag, the quick rule). */
export function exportScope(source: DrillSource): ExportScope {
  switch (source.kind) {
    case 'all':
      return { kind: 'all' };
    case 'segment':
      return { kind: 'segment', segment: source.segment };
    case 'tag':
      return { kind: 'tag', tag: source.tag };
    case 'quick':
      return { kind: 'quick-rule', rule: { sql: source.sql, params: source.params }, name: 'quick-rule' };
    case 'flow':
      return { kind: 'quick-rule', rule: { sql: source.sql, params: source.params }, name: 'migration-flow' };
  }
}

/** The data set's name in file names: the first orders file's name (the strategy package drops
 * its extension), `example` for the bundled example. */
export function dataSetName(d: { example: boolean; files: readonly string[] } | null): string | undefined {
  if (!d) return undefined;
  return d.example ? 'example' : d.files[0];
}

/** Whole percent done of an export (0 while the total is unknown). */
export function percentDone(rows: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((rows / total) * 100)) : 0;
}
