// The shared metric cases through duckdb-wasm (the browser's engine) and native DuckDB: both must
// give the hand-worked expected relation, cell for cell, and the same segment summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/types.js';
import { NativeBackend } from '../../src/node/index.js';
import { buildCustomers } from '../../src/metrics/index.js';
import { runSegmentation } from '../../src/segment/index.js';
import { metricCases, readRelation, setupCase } from '../cases/index.js';
import { createWasmBlockingBackend } from './wasm-blocking.js';

describe('native and wasm give identical customer relations', () => {
  let native: Backend;
  let wasm: Backend;
  beforeAll(async () => {
    native = await NativeBackend.create({ threads: 2 });
    wasm = await createWasmBlockingBackend();
  });
  afterAll(async () => {
    await native.close();
    await wasm.close();
  });

  for (const [key, c] of Object.entries(metricCases)) {
    it(key, async () => {
      const out = [];
      for (const b of [native, wasm]) {
        await setupCase(b, c);
        const built = await buildCustomers(b, c.asOf ? { asOf: c.asOf } : {});
        const rel = await readRelation(b);
        // a rule set in the dsl's output shape, with a bound parameter and a tag
        const seg = await runSegmentation(
          b,
          {
            sql: 'SELECT customer, CASE WHEN F >= $1 THEN \'buyer\' END AS segment, (M < 0) AS refunder FROM customers',
            params: [1],
            segments: [{ id: 'buyer', label: 'Buyer' }],
            tags: [{ id: 'refunder', label: null }]
          },
          { asOf: built.asOf }
        );
        out.push({ asOf: built.asOf, schema: built.schema, rel, summary: seg.summary, tags: seg.tags });
      }
      const [n, w] = out;
      expect(w!.rel).toEqual({ columns: c.expected.columns, rows: c.expected.rows });
      expect(w).toEqual(n);
    });
  }
});
