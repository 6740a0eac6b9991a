// The rule editor's per-field numbers, checked against values worked out by hand on a small
// relation (numbers, dates, few and many distinct texts, missing values, a quoted name).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../src/node/index.js';
import { fieldStats } from '../../src/segment/field-stats.js';

describe('fieldStats', () => {
  let db: NativeBackend;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 1 });
    await db.exec(`CREATE TABLE customers AS SELECT * FROM (VALUES
      ('c1', 10.0, DATE '2024-01-05', '北京', 'a"b', true),
      ('c2', 30.0, DATE '2024-03-01', '上海', 'x1', false),
      ('c3', 20.0, NULL, '北京', 'x2', NULL),
      ('c4', NULL, DATE '2024-02-10', NULL, 'x3', true)
    ) t(customer, M, first_purchase, "city 城市", code, vip)`);
  });
  afterAll(async () => db.close());

  it('gives min, median and max of numbers and dates, and the values of a text with few of them', async () => {
    const stats = await fieldStats(db, [
      { name: 'M', type: 'number', hasNulls: true, builtin: false },
      { name: 'first_purchase', type: 'date', hasNulls: true, builtin: false },
      { name: 'city 城市', type: 'text', hasNulls: true, builtin: false },
      { name: 'code', type: 'text', hasNulls: true, builtin: false },
      { name: 'vip', type: 'boolean', hasNulls: true, builtin: false }
    ], 'customers', 3);
    const by = Object.fromEntries(stats.map((s) => [s.name, s]));
    expect(by.M).toMatchObject({ total: 4, present: 3, min: 10, median: 20, max: 30 });
    expect(by.first_purchase).toMatchObject({ present: 3, min: '2024-01-05', median: '2024-02-10', max: '2024-03-01' });
    expect(by['city 城市']).toMatchObject({ present: 3, distinct: 2, values: [{ value: '北京', customers: 2 }, { value: '上海', customers: 1 }] });
    // four distinct codes: more than the 3 listed at most, so only the count
    expect(by.code).toMatchObject({ distinct: 4 });
    expect(by.code?.values).toBeUndefined();
    expect(by.vip).toMatchObject({ present: 3, distinct: 2 });
  });
});
