// Property tests: random damage to clean CSVs (a separator, a quote, a line break, a NUL or a
// byte-order mark inserted; a separator or a quote deleted; a field duplicated or dropped; two
// lines joined; a line split) read by readRaw on native DuckDB. Whatever the damage, the read
// throws nothing but a LoadError, ends (the per-test timeout bounds it), and shifts no row
// silently: every row read is the file's row at that place (the rows before it, up to damaged
// ones, all accounted for) or is reported, and every well-formed row is read.
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../../src/node/index.js';
import { LoadError } from '../../../src/types.js';
import { diskFile, tempDir } from '../fixtures.js';
import { readFile, summary } from './check.js';
import { type Cell } from './csv-model.js';
import { mutate, propertyViolations, type CleanCsv, type Mutation } from './mutations.js';
import { cleanSources, sharedDataPresent } from './sources.js';

let db: NativeBackend;
let dir: string;
let files = 0;
beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A table with what CSV quoting is for: separators, quotes and a line break in values, an
 * empty string and an empty field (twelve kinds of row, 60 rows). */
const KINDS: Cell[][] = [
  ['Ann', 'first order', '10.50'],
  ['Smith, J', 'said "hi"', '20.00'],
  ['Lee', null, '3.25'],
  ['Ortiz', '', '7.00'],
  ['Ng', 'two\nlines', '12.40'],
  ['Berg', 'gift, wrapped', '5.00'],
  ['Ito', 'plain', '99.99'],
  ['Kaur', '12" vinyl', '15.00'],
  ['Diaz', 'plain', '1.00'],
  ['Rossi', 'again, "quoted"', '8.75'],
  ['Moreau', 'plain', '4.10'],
  ['Novak', 'last one', '6.60']
];
const HANDMADE: CleanCsv = {
  name: 'handmade',
  header: ['id', 'name', 'note', 'amount', 'date'],
  rows: Array.from({ length: 60 }, (_, i) => [String(i + 1), ...KINDS[i % KINDS.length]!, `2024-0${1 + (i % 9)}-${String(10 + (i % 18))}`])
};

function realCsvs(): CleanCsv[] {
  if (!sharedDataPresent()) return [];
  const sources = cleanSources();
  const csv = (name: string, pick: (rows: { cells: Cell[] }[]) => { cells: Cell[] }[]): CleanCsv => {
    const s = sources.find((x) => x.name === name)!;
    return { name, header: s.header!.names, rows: pick(s.rows).map((r) => r.cells) };
  };
  return [
    csv('orders', (rows) => rows.slice(0, 60)),
    // the first rows and every row with a quoted value (separators and quotes in descriptions)
    csv('retail-2011-12-09', (rows) => rows.filter((r, i) => i < 50 || r.cells.some((c) => c !== null && /[",]/.test(c))))
  ];
}

const eol = fc.constantFrom('\n', '\r\n', '\r');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), what: fc.constantFrom('delimiter' as const, 'quote' as const, 'newline' as const, 'nul' as const, 'bom' as const), row: fc.nat(), at: fc.nat(), eol }),
  fc.record({ op: fc.constant('delete' as const), what: fc.constantFrom('delimiter' as const, 'quote' as const), row: fc.nat(), nth: fc.nat() }),
  fc.record({ op: fc.constantFrom('duplicate-field' as const, 'drop-field' as const), row: fc.nat(), field: fc.nat() }),
  fc.record({ op: fc.constant('join' as const), row: fc.nat() }),
  fc.record({ op: fc.constant('split' as const), row: fc.nat(), nth: fc.nat(), eol })
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

/** Reads the damaged file; throws (for fast-check) on anything but a LoadError, and on a
 * broken rule, with the file's text and what was wrong. */
async function holds(csv: CleanCsv, ms: Mutation[], from: number): Promise<void> {
  const m = mutate(csv, ms, { from });
  const file = diskFile(dir, `${csv.name}-${files++}.csv`, m.text);
  let reading;
  try {
    reading = await readFile(db, file);
  } catch (err) {
    if (err instanceof LoadError) return;
    throw new Error(`not a LoadError: ${err instanceof Error ? err.stack : String(err)}\nmutations: ${JSON.stringify(m.mutations)}\nfile: ${JSON.stringify(m.text)}`);
  }
  const v = propertyViolations(m, reading);
  if (v.length) {
    const reports = reading.repairs.map((g) => `${g.code} ${g.action} x${g.count}: ${g.examples.map((e) => `line ${e.line}${e.row !== undefined ? ` row ${e.row}` : ''}`).join(', ')}`);
    throw new Error(`${summary(v, 8).join('\n')}\nmutations: ${JSON.stringify(m.mutations)}\nreports: ${reports.join('; ') || 'none'}\nfile: ${JSON.stringify(m.text)}`);
  }
}

const RUNS = 20;

/** fast-check with a fixed seed; a failure shows the shrunk damage, the file and what broke. */
async function check(csv: CleanCsv, from: number, seed: number): Promise<void> {
  const r = await fc.check(
    fc.asyncProperty(mutations, (ms) => holds(csv, ms, from)),
    { numRuns: RUNS, seed }
  );
  const why = r.failed ? `${r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance)}\n(seed ${r.seed}, path ${r.counterexamplePath ?? ''}, after ${r.numRuns} runs)` : '';
  expect(r.failed, why).toBe(false);
}

/** Damage found by the properties, kept as fixed cases: the first data row split in two; the
 * second data row split in two and a blank line two rows below it (the reader looks for the
 * header's block of rows up to the first blank line). */
const FOUND: { name: string; from: number; damage: Mutation[] }[] = [
  { name: 'the first data row split in two', from: 0, damage: [{ op: 'split', row: 0, nth: 0, eol: '\n' }] },
  {
    name: 'the second data row split in two, a blank line two rows below',
    from: 1,
    damage: [
      { op: 'split', row: 0, nth: 0, eol: '\n' },
      { op: 'insert', what: 'newline', row: 2, at: 0, eol: '\n' }
    ]
  }
];

describe('random damage to clean CSVs: no error but LoadError, no silent shift', () => {
  const csvs = [HANDMADE, ...realCsvs()];

  it('the clean files themselves read exactly (the model agrees with the reader)', async () => {
    for (const csv of csvs) await holds(csv, [], 0);
  });

  it.each(csvs.flatMap((c) => FOUND.map((f) => [c.name, f.name, c, f] as const)))('%s: %s', async (_name, _what, csv, f) => {
    await holds(csv, f.damage, f.from);
  });

  it.each(csvs.map((c) => [c.name, c] as const))('%s: damage anywhere', async (_name, csv) => {
    await check(csv, 0, 1234);
  }, 60_000);

  // (the reader finds the header and the table's shape from the first records: damage there
  // is a case of its own)
  it.each(csvs.map((c) => [c.name, c] as const))('%s: damage after the first data row', async (_name, csv) => {
    await check(csv, 1, 5678);
  }, 60_000);

  it.each(csvs.map((c) => [c.name, c] as const))('%s: damage after the first 35 data rows', async (_name, csv) => {
    await check(csv, 35, 9012);
  }, 60_000);

  it('needs ../shared/data for the real files', () => {
    expect(csvs.length).toBe(3);
  });
});
