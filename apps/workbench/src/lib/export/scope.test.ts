import { describe, expect, it } from 'vitest';
import { exportFileName } from '@segmint/strategy';
import { dataSetName, exportScope, percentDone } from './scope.js';

describe('exportScope', () => {
  it('exports what the table shows', () => {
    expect(exportScope({ kind: 'all' })).toEqual({ kind: 'all' });
    expect(exportScope({ kind: 'segment', segment: 'gold', label: 'Gold' })).toEqual({ kind: 'segment', segment: 'gold' });
    expect(exportScope({ kind: 'segment', segment: null, label: '' })).toEqual({ kind: 'segment', segment: null });
    expect(exportScope({ kind: 'tag', tag: 'vip', label: 'VIP' })).toEqual({ kind: 'tag', tag: 'vip' });
    expect(exportScope({ kind: 'quick', rule: 'F > 5', sql: 'F > $1', params: [5] })).toEqual({ kind: 'quick-rule', rule: { sql: 'F > $1', params: [5] }, name: 'quick-rule' });
  });
});

describe('dataSetName', () => {
  it('names the file after the orders file, or the example', () => {
    expect(dataSetName({ example: true, files: ['orders.csv', 'customers.csv'] })).toBe('example');
    expect(dataSetName({ example: false, files: ['销售 2024.xlsx'] })).toBe('销售 2024.xlsx');
    expect(exportFileName({ dataSet: dataSetName({ example: false, files: ['销售 2024.xlsx'] }), part: 'gold', asOf: '2024-12-31', ext: 'csv' })).toBe('segmint-销售_2024-gold-asof-2024-12-31.csv');
    expect(dataSetName(null)).toBeUndefined();
  });
});

describe('percentDone', () => {
  it('is whole percent, 0 while the total is unknown', () => {
    expect(percentDone(0, 0)).toBe(0);
    expect(percentDone(5000, 20000)).toBe(25);
    expect(percentDone(19999, 20000)).toBe(99);
    expect(percentDone(20000, 20000)).toBe(100);
  });
});
