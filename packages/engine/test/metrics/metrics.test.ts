// The metric definitions of ../shared/spec/metrics.md on hand-made data (see test/cases/metrics/*.json
// for each case's hand working), on native DuckDB. The same cases run through duckdb-wasm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../src/node/index.js';
import { buildCustomers, customersSql, checkDate } from '../../src/metrics/index.js';
import { metricCases, readRelation, setupCase } from '../cases/index.js';

describe('customer metrics on hand-made cases', () => {
  let db: NativeBackend;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 2 });
  });
  afterAll(async () => db.close());

  for (const [key, c] of Object.entries(metricCases)) {
    it(`${key}: ${c.name}`, async () => {
      await setupCase(db, c);
      const built = await buildCustomers(db, c.asOf ? { asOf: c.asOf } : {});
      expect(built.asOf).toBe(c.expected.asOf);
      expect(built.customers).toBe(c.expected.rows.length);
      const rel = await readRelation(db);
      expect(rel.columns).toEqual(c.expected.columns);
      expect(rel.rows).toEqual(c.expected.rows);
      if (c.expected.renamed) expect(built.renamed.map((r) => [r.from, r.to])).toEqual(c.expected.renamed);
    });
  }

  it('reports the schema the rules checker resolves fields against', async () => {
    const c = metricCases.attributes!;
    await setupCase(db, c);
    const { schema } = await buildCustomers(db);
    const byName = Object.fromEntries(schema.fields.map((f) => [f.name, f]));
    expect(byName.R).toEqual({ name: 'R', type: 'number', hasNulls: true, builtin: true });
    expect(byName.F).toEqual({ name: 'F', type: 'number', hasNulls: false, builtin: true });
    expect(byName.first_purchase).toMatchObject({ type: 'date', hasNulls: true, builtin: true });
    expect(byName.RFM).toMatchObject({ type: 'text', builtin: true });
    expect(byName.region).toEqual({ name: 'region', type: 'text', hasNulls: true, builtin: false });
    expect(byName.M_attr).toEqual({ name: 'M_attr', type: 'number', hasNulls: true, builtin: false });
  });

  it('keeps the first row of a customer repeated in the customers file and says so', async () => {
    const c = metricCases.attributes!;
    await setupCase(db, c);
    await db.exec("INSERT INTO segmint_attrs VALUES ('K', 'West', 9, 'z')");
    const built = await buildCustomers(db);
    expect(built.customers).toBe(3);
    expect(built.notes.join('\n')).toMatch(/1 rows of the customers file repeat a customer id/);
    const k = await db.query("SELECT region FROM customers WHERE customer = 'K'");
    expect(k).toEqual([{ region: 'North' }]);
  });

  it('an as-of before every transaction gives an empty relation, not an error', async () => {
    await setupCase(db, metricCases.scoreTies!);
    const built = await buildCustomers(db, { asOf: '2020-01-01' });
    expect(built.customers).toBe(0);
  });

  it('rejects an as-of that is not a calendar date, before any SQL', () => {
    expect(() => checkDate('2024-02-30')).toThrow(/YYYY-MM-DD/);
    // by code (the app renders it in its language), with the value as given
    expect(() => checkDate('2024-02-30')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'metrics.as_of_invalid', params: { value: '2024-02-30' } })] }));
    expect(() => checkDate('soon', 'rules')).toThrow("the rule file's as of must be a calendar date written YYYY-MM-DD (e.g. 2024-06-30), got 'soon'");
    expect(() => customersSql({ asOf: "2024-01-01'; DROP TABLE x; --", attrs: null, dedupeAttrs: false })).toThrow(/YYYY-MM-DD/);
  });
});
