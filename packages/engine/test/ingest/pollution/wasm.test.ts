// A representative part of the pollution corpus through duckdb-wasm (its blocking Node build,
// files given in memory as the browser gives them) and native DuckDB (files on disk): the
// same table (columns, cells, data row numbers), the same repair report and the same issues,
// or the same LoadError.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../../src/node/index.js';
import { LoadError, type Backend, type InputFile } from '../../../src/types.js';
import { createWasmBlockingBackend } from '../../metrics/wasm-blocking.js';
import { diskFile, memFile, tempDir } from '../fixtures.js';
import { readFile, type Reading } from './check.js';
import { pollutionCases, type PollutionCase } from './corpus.js';
import { cleanSources, sharedDataPresent } from './sources.js';

/** Every kind once (at a middle row, or the file as a whole) on the orders, one Online Retail
 * day, CDNOW and single-spaced text. */
function subset(all: PollutionCase[]): PollutionCase[] {
  const sources = new Set(['orders', 'retail-2011-12-09', 'cdnow', 'orders-single-space']);
  return all.filter((c) => sources.has(c.source) && (c.position === '' || c.position === 'middle' || c.position === 'before middle' || c.kind === 'several-tables'));
}

const cases = sharedDataPresent() ? subset(pollutionCases(cleanSources())) : [];

let native: Backend;
let wasm: Backend;
let dir: string;
beforeAll(async () => {
  native = await NativeBackend.create();
  wasm = await createWasmBlockingBackend();
  dir = tempDir();
});
afterAll(async () => {
  await native.close();
  await wasm.close();
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = { reading: Reading } | { error: string };

async function outcome(backend: Backend, file: InputFile, options: PollutionCase['options']): Promise<Outcome> {
  try {
    return { reading: await readFile(backend, file, options) };
  } catch (err) {
    if (err instanceof LoadError) return { error: err.message };
    throw err;
  }
}

describe('the pollution corpus on duckdb-wasm and native DuckDB', () => {
  it('has a representative subset', () => {
    expect(sharedDataPresent()).toBe(true);
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const n = await outcome(native, diskFile(dir, c.file, c.bytes), c.options);
    const w = await outcome(wasm, memFile(c.file, c.bytes), c.options);
    if ('reading' in n && 'reading' in w) {
      // the fast path or not may differ (duckdb-wasm reads a file given in memory); what is read may not
      const strip = (r: Reading) => ({ columns: r.columns, rows: r.rows, repairs: r.repairs, issues: r.issues });
      expect(strip(w.reading)).toEqual(strip(n.reading));
    } else expect(w).toEqual(n);
  });
});
