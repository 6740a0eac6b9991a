import { describe, expect, it } from 'vitest';
import type { LoadReport, MessageCode } from '@segmint/engine';
import { customerLoadOptions, customersFileInfo, datasetOf, notesAfterBuild, ordersFileInfo } from './dataset.js';

function report(parts: Partial<LoadReport>): LoadReport {
  return { files: ['a.csv'], encoding: 'utf-8', format: 'csv', formats: [{ kind: 'delimited', delimiter: 'comma', header: true }], rows: 0, columns: [], roles: {}, roleSource: {}, leftOut: [], repairs: [], issues: [], ...parts };
}
const col = (name: string) => ({ name }) as LoadReport['columns'][number];
const code = (c: string) => c as MessageCode;

describe('the data set from a load', () => {
  const tx = report({ rows: 12, columns: [col('id'), col('day'), col('paid')], roles: { customer: 'id', date: 'day', amount: 'paid' } });

  it("offers the orders file's columns and roles, and the date order when it was given", () => {
    expect(ordersFileInfo(tx, [], {})).toEqual({ columns: ['id', 'day', 'paid'], roles: { customer: 'id', date: 'day', amount: 'paid' }, encoding: 'utf-8', format: 'csv', formats: [{ kind: 'delimited', delimiter: 'comma', header: true }], sheets: [], dateOrder: false, tables: 1 });
    expect(ordersFileInfo(tx, ['S1', 'S2'], { dayFirst: true })).toMatchObject({ dateOrder: true, sheets: ['S1', 'S2'] });
    const asked = report({ ...tx, issues: [{ severity: 'warning', code: code('values.date_order_ambiguous'), params: {}, file: 'a.csv', message: '' }] });
    expect(ordersFileInfo(asked, [], {}).dateOrder).toBe(true);
  });

  it("offers the customers file's id column only", () => {
    const attrs = report({ columns: [col('cid'), col('city')], roles: { customer: 'cid' } });
    expect(customersFileInfo(attrs, [])).toMatchObject({ columns: ['cid', 'city'], roles: { customer: 'cid' }, dateOrder: false, tables: 1 });
  });

  it("reads the customers file with the orders file's date order", () => {
    expect(customerLoadOptions({ encoding: 'gb18030' }, { dayFirst: false })).toEqual({ encoding: 'gb18030', dayFirst: false });
    expect(customerLoadOptions({ encoding: 'gb18030' }, {})).toEqual({ encoding: 'gb18030' });
  });

  it('names the files, counts and as-of; the as-of is also the default', () => {
    const d = datasetOf({ orders: [{ name: 'o.csv' }], customers: [{ name: 'c.csv' }], example: false }, tx, null, { customers: 3, asOf: '2024-12-31', notices: [] });
    expect(d).toMatchObject({ example: false, files: ['o.csv', 'c.csv'], rows: 12, customers: 3, asOf: '2024-12-31', defaultAsOf: '2024-12-31', roles: tx.roles, notes: [], loadNotes: [] });
    expect(notesAfterBuild(d, { notices: [] })).toEqual([]);
  });
});
