// Two runs of six and seven customers, snapshotted for the migration review (the migration and
// Sankey tests share them):
// before: A gold 100, B gold 200, C gold 50, D churn 10, E (unassigned) 5, F gold 70 (gone later)
// after:  A gold 120, B churn 180, C churn 40, D gold 30, E churn 6, G gold 300 (new), H (unassigned, new) 1
import type { NativeBackend } from '@segmint/engine/node';
import { snapshotRun } from '../src/migration.js';

export const BEFORE: [string, string | null, number][] = [
  ['A', 'gold', 100],
  ['B', 'gold', 200],
  ['C', 'gold', 50],
  ['D', 'churn_risk', 10],
  ['E', null, 5],
  ['F', 'gold', 70]
];
export const AFTER: [string, string | null, number][] = [
  ['A', 'gold', 120],
  ['B', 'churn_risk', 180],
  ['C', 'churn_risk', 40],
  ['D', 'gold', 30],
  ['E', 'churn_risk', 6],
  ['G', 'gold', 300],
  ['H', null, 1]
];

/** For each run a customer relation and a segmentation table, then its snapshot: `snap_before`,
 * `snap_after`. */
export async function snapshotBoth(db: NativeBackend): Promise<void> {
  for (const [name, rows] of [
    ['before', BEFORE],
    ['after', AFTER]
  ] as const) {
    await db.exec('CREATE OR REPLACE TABLE customers (customer VARCHAR, M DOUBLE)');
    await db.exec('CREATE OR REPLACE TABLE segmented (customer VARCHAR, segment VARCHAR)');
    for (const [c, s, v] of rows) {
      await db.exec('INSERT INTO customers VALUES ($1, $2)', [c, v]);
      await db.exec('INSERT INTO segmented VALUES ($1, $2)', [c, s]);
    }
    await snapshotRun(db, { table: 'segmented', into: `snap_${name}` });
  }
}
