import { describe, expect, it } from 'vitest';
import { ariaSort, browseSpec, cellFormat, formatCell, needsSegmentation, nextSort } from './columns.js';

describe('cellFormat and formatCell', () => {
  it('writes every value of a column the same way, by its type', () => {
    expect(cellFormat({ type: 'BIGINT' })).toBe('int');
    expect(cellFormat({ type: 'DOUBLE' })).toBe('decimal');
    expect(cellFormat({ type: 'DECIMAL(18,2)' })).toBe('decimal');
    expect(cellFormat({ type: 'BOOLEAN' })).toBe('bool');
    expect(cellFormat({ type: 'DATE' })).toBe('date');
    expect(cellFormat({ type: 'VARCHAR' })).toBe('text');
    // a whole number in a DOUBLE column keeps the column's two decimals
    expect(formatCell(1500, 'decimal', 'en')).toBe('1,500.00');
    expect(formatCell(1234.567, 'decimal', 'en')).toBe('1,234.57');
    expect(formatCell(12, 'int', 'en')).toBe('12');
    expect(formatCell('12345678901234567890', 'int', 'en')).toBe('12345678901234567890');
    expect(formatCell(-35, 'int', 'zh-CN')).toBe('-35');
  });

  it('shows missing values, flags, dates and text', () => {
    expect(formatCell(null, 'decimal', 'en')).toBe('–');
    expect(formatCell(undefined, 'text', 'en')).toBe('–');
    expect(formatCell(true, 'bool', 'en')).toBe('✓');
    expect(formatCell(false, 'bool', 'en')).toBe('✗');
    expect(formatCell('2024-06-30 00:00:00', 'date', 'en')).toBe('2024-06-30');
    expect(formatCell('<b>成都</b>', 'text', 'en')).toBe('<b>成都</b>');
  });
});

describe('sorting by header clicks', () => {
  it('sorts a new column ascending and flips the same one', () => {
    const a = nextSort(null, 'M');
    expect(a).toEqual({ column: 'M', direction: 'asc' });
    const b = nextSort(a, 'M');
    expect(b).toEqual({ column: 'M', direction: 'desc' });
    expect(nextSort(b, 'M')).toEqual({ column: 'M', direction: 'asc' });
    expect(nextSort(b, 'R')).toEqual({ column: 'R', direction: 'asc' });
    expect(ariaSort(b, 'M')).toBe('descending');
    expect(ariaSort(a, 'M')).toBe('ascending');
    expect(ariaSort(a, 'R')).toBe('none');
  });
});

describe('browseSpec', () => {
  it('maps each drill to the engine browse source', () => {
    expect(browseSpec({ kind: 'segment', segment: null, label: 'x' })).toEqual({ from: 'segment', segment: null });
    expect(browseSpec({ kind: 'tag', tag: 'vip', label: 'VIP' })).toEqual({ from: 'tag', tag: 'vip' });
    expect(browseSpec({ kind: 'quick', rule: 'F > $1', sql: 'F > $1', params: [5] })).toEqual({ from: 'quick', quick: { sql: 'F > $1', params: [5] } });
    expect(needsSegmentation({ kind: 'all' })).toBe(false);
    expect(needsSegmentation({ kind: 'tag', tag: 'vip', label: 'VIP' })).toBe(true);
  });
});
