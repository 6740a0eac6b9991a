// The customer table's state against a fake engine: blocks are fetched by row number for the rows
// on screen only, answers for an older table are dropped, and closing stops every fetch.
import { describe, expect, it } from 'vitest';
import type { BrowseHandle, BrowseSpec, Cell, Row } from '@segmint/engine';
import { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import { CustomersState } from './customers.svelte.js';
import type { Segmentation } from './segmentation.js';
import { BLOCK_ROWS } from './blocks.js';

const TOTAL = 1000;

/** A browse handle over TOTAL numbered customers whose backend answers fetchBlock's query. */
function fakeEngine() {
  const queries: [number, number][] = [];
  const specs: BrowseSpec[] = [];
  const handle = (spec: BrowseSpec) => ({
    backend: {
      query: async (_sql: string, params: Cell[] = []): Promise<Row[]> => {
        const [first, last] = params as [number, number];
        queries.push([first, last]);
        return Array.from({ length: last - first + 1 }, (_, i) => ({ customer: `c${first + i}`, M: first + i }));
      },
      exec: async () => undefined
    },
    table: 'segmint_browse_test',
    total: TOTAL,
    columns: [
      { name: 'customer', type: 'VARCHAR', fieldType: 'text', kind: 'customer', searched: true },
      { name: 'M', type: 'DOUBLE', fieldType: 'number', kind: 'metric', searched: false }
    ],
    spec,
    version: 1,
    closed: false
  });
  const engine = {
    ws: {
      browse: async (spec: BrowseSpec) => {
        specs.push(spec);
        return handle(spec) as unknown as BrowseHandle;
      }
    },
    close: async () => undefined
  } as unknown as Engine; // only browse() is used
  const host = new EngineHost<Engine>(async () => engine);
  host.current = engine;
  const segmentation = { ensure: async () => ({ table: 'segmented', asOf: '2024-12-31' }) } as unknown as Segmentation;
  return { host, queries, specs, state: new CustomersState(host, segmentation) };
}

/** Lets the engine queue run out. */
const drain = (host: EngineHost<Engine>) => host.serial(async () => undefined).then(() => host.serial(async () => undefined));

describe('CustomersState', () => {
  it('opens a segment with the segmentation table and fetches only the blocks on screen', async () => {
    const { host, queries, specs, state } = fakeEngine();
    await state.open({ kind: 'segment', segment: 'gold', label: 'Gold' });
    expect(specs).toEqual([{ from: 'segment', segment: 'gold', segmentation: 'segmented' }]);
    expect(state.total).toBe(TOTAL);
    state.want(0, 20);
    await drain(host);
    expect(queries).toEqual([[0, BLOCK_ROWS - 1]]);
    expect(state.row(20)).toEqual({ customer: 'c20', M: 20 });
    expect(state.row(BLOCK_ROWS)).toBeUndefined();
    expect(state.blockMs).not.toBeNull();
    // the last rows: one block at the end, shorter than the others
    state.want(TOTAL - 15, TOTAL - 1);
    await drain(host);
    expect(queries.at(-1)).toEqual([4 * BLOCK_ROWS, TOTAL - 1]);
    expect(state.row(TOTAL - 1)).toEqual({ customer: `c${TOTAL - 1}`, M: TOTAL - 1 });
  });

  it('skips blocks scrolled past before their turn', async () => {
    const { host, queries, state } = fakeEngine();
    await state.open({ kind: 'all' });
    state.want(0, 10);
    state.want(450, 460); // before the first fetch ran
    await drain(host);
    expect(queries).toEqual([[2 * BLOCK_ROWS, 3 * BLOCK_ROWS - 1]]);
  });

  it('stops fetching once closed (and does not spin on the closed table)', async () => {
    const { host, queries, state } = fakeEngine();
    await state.open({ kind: 'all' });
    state.want(0, 10);
    const closing = state.close();
    state.want(0, 10);
    await closing;
    await drain(host);
    expect(queries).toEqual([]);
    expect(state.source).toBeNull();
    expect(state.row(0)).toBeUndefined();
  });

  it('a new drill drops the fetches of the table before it', async () => {
    const { host, queries, specs, state } = fakeEngine();
    await state.open({ kind: 'all' });
    state.want(0, 10);
    const gen = state.generation;
    const opening = state.open({ kind: 'tag', tag: 'vip', label: 'VIP' });
    expect(state.row(0)).toBeUndefined();
    await opening;
    await drain(host);
    expect(state.generation).toBeGreaterThan(gen);
    expect(specs.map((s) => s.from)).toEqual(['all', 'tag']);
    // one query: the new table's first block (asked again for the rows on screen)
    expect(queries).toEqual([[0, BLOCK_ROWS - 1]]);
    expect(state.row(0)).toEqual({ customer: 'c0', M: 0 });
  });
});
