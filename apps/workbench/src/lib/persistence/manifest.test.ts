import { describe, expect, it } from 'vitest';
import { ManifestError, checkFiles, manifestOf, parseManifest, parseRecord, restorePlan, serializeManifest, staleDirs, storableOptions, storedAsOf } from './manifest.js';

const orders = new File(['customer,date,amount\na,2024-01-01,5\n'], 'orders 2024.csv', { type: 'text/csv', lastModified: 1700000000000 });
const customers = new File(['id,city\na,Paris\n'], '客户.csv', { type: 'text/csv', lastModified: 1700000001000 });

describe('manifest', () => {
  const m = manifestOf('ws-1', { orders: [orders], customers: [customers] }, { roles: { amount: 'Quantity * UnitPrice' }, strict: true, onProgress: () => {}, signal: new AbortController().signal }, { encoding: 'gb18030' }, '2024-06-30', new Date('2026-01-02T03:04:05Z'));

  it('names each file by its role, with its size, and keeps only the storable options', () => {
    expect(m.files).toEqual([
      { name: 'orders 2024.csv', role: 'orders', entry: 'orders-0', size: orders.size, type: 'text/csv', lastModified: 1700000000000 },
      { name: '客户.csv', role: 'customers', entry: 'customers-0', size: customers.size, type: 'text/csv', lastModified: 1700000001000 }
    ]);
    expect(m.options).toEqual({ roles: { amount: 'Quantity * UnitPrice' }, strict: true });
    expect(m.customerOptions).toEqual({ encoding: 'gb18030' });
    expect(m.asOf).toBe('2024-06-30');
    expect(m.savedAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('reads back what it wrote', () => {
    expect(parseManifest(serializeManifest(m))).toEqual(m);
  });

  it('refuses what it cannot restore, saying what is wrong', () => {
    const bad = (patch: object) => () => parseManifest(JSON.stringify({ ...m, ...patch }));
    expect(() => parseManifest('{not json')).toThrow(ManifestError);
    expect(() => parseManifest('[]')).toThrow(ManifestError);
    expect(bad({ version: 2 })).toThrow('version 2');
    expect(bad({ id: '' })).toThrow('no id');
    expect(bad({ files: [] })).toThrow('no orders file');
    expect(bad({ files: [{ ...m.files[1] }] })).toThrow('no orders file');
    // an entry is never a path out of the workspace's directory
    expect(bad({ files: [{ ...m.files[0], entry: '../manifest.json' }] })).toThrow('entry');
    expect(bad({ files: [{ ...m.files[0], size: -1 }] })).toThrow('size');
    expect(bad({ files: [m.files[0], m.files[0]] })).toThrow('repeated entry');
  });

  it('drops stored options and dates of the wrong type', () => {
    expect(storableOptions({ roles: { customer: 'id', date: 3, bogus: 'x' }, sheet: -1, table: 0, dayFirst: 'yes', encoding: 'utf-8' })).toEqual({ roles: { customer: 'id' }, encoding: 'utf-8' });
    expect(storableOptions(null)).toEqual({});
    expect(storedAsOf('2024-02-30x')).toBeNull();
    expect(storedAsOf('2024-02-29')).toBe('2024-02-29');
  });

  it('finds a missing or cut-short file', () => {
    const sizes = new Map([
      ['orders-0', orders.size],
      ['customers-0', customers.size]
    ]);
    expect(() => checkFiles(m, sizes)).not.toThrow();
    expect(() => checkFiles(m, new Map([['orders-0', orders.size]]))).toThrow('客户.csv: missing');
    expect(() => checkFiles(m, new Map([...sizes, ['orders-0', 3]]))).toThrow(`orders 2024.csv: 3 bytes, expected ${orders.size}`);
  });
});

describe('what a start restores', () => {
  it('the example when nothing (or nothing readable) is stored', () => {
    expect(restorePlan(parseRecord(undefined))).toEqual({ kind: 'example', asOf: null });
    expect(restorePlan(parseRecord({ example: false }))).toEqual({ kind: 'example', asOf: null });
    expect(restorePlan(parseRecord('workspace'))).toEqual({ kind: 'example', asOf: null });
  });

  it('the example at the as-of chosen on it', () => {
    expect(restorePlan(parseRecord({ example: true, dir: 'ws-old', asOf: '2024-03-01' }))).toEqual({ kind: 'example', asOf: '2024-03-01' });
  });

  it('the saved files with the newest settings', () => {
    const record = parseRecord({ example: false, dir: 'ws-1', options: { dayFirst: true }, customerOptions: {}, asOf: '2024-06-30' });
    expect(restorePlan(record)).toEqual({ kind: 'files', dir: 'ws-1', options: { dayFirst: true }, customerOptions: {}, asOf: '2024-06-30' });
  });

  it('deletes every workspace directory but the current one', () => {
    expect(staleDirs(['ws-1', 'ws-2', 'ws-3'], 'ws-2')).toEqual(['ws-1', 'ws-3']);
    expect(staleDirs(['ws-1'], null)).toEqual(['ws-1']);
  });
});
