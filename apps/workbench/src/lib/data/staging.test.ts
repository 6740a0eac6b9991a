import { describe, expect, it } from 'vitest';
import type { FileGuess, FileRole } from '@segmint/engine';
import { addFiles, applyGuesses, setRole, sourceOf, stagingProblems, suggestedAmount, summarise, type Incoming } from './staging.js';

const f = (path: string, size = 10): Incoming<File> => ({ file: new File(['x'.repeat(size)], path.split('/').pop()!, { lastModified: 1 }), path });
const g = (index: number, role: FileRole, columns: string[], extra: Partial<FileGuess> = {}): FileGuess => ({ index, name: `f${index}`, role, code: 'classify.orders', params: {}, message: '', columns, roles: {}, preview: [], ...extra });
const RETAIL = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];

describe('staging files before a load', () => {
  it('adds files in path order (daily files by date, numbers numerically), without the same file twice', () => {
    let s = addFiles([], [f('d/2011-01-10.csv'), f('d/2011-01-02.csv'), f('d/file10.csv'), f('d/file9.csv')], 1);
    expect(s.map((x) => x.path)).toEqual(['d/2011-01-02.csv', 'd/2011-01-10.csv', 'd/file9.csv', 'd/file10.csv']);
    s = addFiles(s, [f('d/2011-01-02.csv'), f('c.csv'), f('c.csv')], 5);
    expect(s.map((x) => [x.id, x.path])).toEqual([
      [1, 'd/2011-01-02.csv'],
      [2, 'd/2011-01-10.csv'],
      [3, 'd/file9.csv'],
      [4, 'd/file10.csv'],
      [5, 'c.csv']
    ]);
    expect(s.every((x) => x.role === 'ignored' && x.guess === null)).toBe(true);
  });

  it('takes the guessed roles, but keeps a role the user chose', () => {
    let s = addFiles([], [f('a.csv'), f('b.csv'), f('c.txt')], 1);
    s = applyGuesses(s, [g(0, 'orders', RETAIL), g(1, 'orders', RETAIL), g(2, 'ignored', [])]);
    expect(s.map((x) => x.role)).toEqual(['orders', 'orders', 'ignored']);
    s = setRole(s, 2, 'customers');
    s = applyGuesses(s, [g(0, 'orders', RETAIL), g(1, 'ignored', RETAIL), g(2, 'orders', RETAIL)]);
    expect(s.map((x) => x.role)).toEqual(['orders', 'customers', 'orders']);
    expect(summarise(s)).toEqual({ orders: 2, customers: 1, ignored: 0, bytes: 30 });
  });

  it('says what stops a load: no orders file; orders files with other columns than the first', () => {
    let s = applyGuesses(addFiles([], [f('a.csv'), f('b.csv')], 1), [g(0, 'customers', ['id']), g(1, 'ignored', [])]);
    expect(stagingProblems(s)).toEqual([{ code: 'staging.no_orders' }]);
    s = applyGuesses(addFiles([], [f('a.csv'), f('b.csv'), f('c.csv')], 1), [g(0, 'orders', RETAIL), g(1, 'orders', [' invoiceno ', ...RETAIL.slice(1)]), g(2, 'ignored', ['x', 'y'])]);
    expect(stagingProblems(s)).toEqual([]);
    s = setRole(s, 3, 'orders');
    expect(stagingProblems(s)).toEqual([{ code: 'staging.other_columns', file: 'c.csv', first: 'a.csv' }]);
  });

  it('pre-fills the amount as Quantity * UnitPrice when the orders have no amount column, and the load uses it', () => {
    const s = applyGuesses(addFiles([], [f('d/1.csv', 3), f('d/2.csv', 4), f('people.csv', 5), f('notes.txt', 6)], 1), [
      g(0, 'orders', RETAIL, { amountExpression: 'Quantity * UnitPrice', roles: { customer: 'CustomerID' } }),
      g(1, 'orders', RETAIL, { amountExpression: 'Quantity * UnitPrice' }),
      g(2, 'ignored', []),
      g(3, 'customers', ['CustomerID', 'city'])
    ]);
    expect(suggestedAmount(s)).toBe('Quantity * UnitPrice');
    const src = sourceOf(s, ' Quantity * UnitPrice ');
    expect(src.orders.map((x) => x.name)).toEqual(['1.csv', '2.csv']);
    expect(src.customers.map((x) => x.name)).toEqual(['people.csv']);
    expect(src.options).toEqual({ roles: { amount: 'Quantity * UnitPrice' } });
    expect(sourceOf(s, '').options).toEqual({});
    // an amount column: nothing to suggest
    expect(suggestedAmount(applyGuesses(s, [g(0, 'orders', ['id', 'amount'], { roles: { amount: 'amount' } })]))).toBe('');
  });
});
