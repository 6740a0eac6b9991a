import { describe, expect, it } from 'vitest';
import { LoadError, type LoadIssue, type LoadReport, type MessageCode, type RepairGroup } from '@segmint/engine';
import { asksDateOrder, tablesIn, exampleView, failedColumns, hasPlace, leftOutOf, notesOf, problemOf, repairsOf, shownExamples, whereText, type Translate } from './load-report.js';

/** A code as the engine gives it (typed as the engine's codes, whichever exist yet). */
const code = (c: string) => c as MessageCode;

/** The English UI strings for places, as the dictionary has them. */
const en: Record<Parameters<Translate>[0], string> = {
  'where.file': '{file}',
  'where.line': '{file}, line {line}',
  'where.row': '{file}, data row {row}',
  'where.lineRow': '{file}, line {line} (data row {row})',
  'where.column': '{where}, column {column}'
};
const tr: Translate = (key, vars) => en[key].replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n]));

function report(parts: Partial<LoadReport>): LoadReport {
  return { files: ['a.csv'], encoding: 'utf-8', format: 'csv', formats: [{ kind: 'delimited', delimiter: 'comma', header: true }], rows: 0, columns: [], roles: {}, roleSource: {}, leftOut: [], repairs: [], issues: [], ...parts };
}

describe('deciding by code', () => {
  it('offers the date order when the engine asked, decided or was told it', () => {
    for (const c of ['values.date_order_ambiguous', 'values.date_order_decided', 'values.date_order_given']) expect(asksDateOrder([{ code: c }]), c).toBe(true);
  });
  it('never from the English text', () => {
    expect(asksDateOrder([{ code: 'values.role_missing' }, {}])).toBe(false);
    const english: LoadIssue = { severity: 'error', code: code('values.role_missing'), params: {}, file: 'a.csv', message: "dates like '01/02/2024' can be read both as DD/MM/YYYY and as MM/DD/YYYY" };
    expect(asksDateOrder([english])).toBe(false);
  });
  it("takes a failed file's columns from the LoadError, not from its message", () => {
    const issue: LoadIssue = { severity: 'error', code: code('values.role_missing'), params: { role: 'amount' }, file: 'a.csv', message: "no amount (columns: 'x', 'y')" };
    expect(failedColumns(new LoadError('a.csv: no amount', [issue], ['order', 'kunde', '金额']))).toEqual(['order', 'kunde', '金额']);
    expect(failedColumns(new LoadError("a.csv: no amount (columns: 'x', 'y')", [issue]))).toEqual([]);
    expect(failedColumns(new Error('boom'))).toEqual([]);
  });
});

describe('a failed load', () => {
  it('is the first error, with its place, code and hint; the other issues after it', () => {
    const warning: LoadIssue = { severity: 'warning', code: code('text.mixed_line_endings'), params: {}, file: 'a.csv', message: 'a note' };
    const error: LoadIssue = { severity: 'error', code: code('text.row_too_many_fields'), params: { n: 6 }, file: 'a.csv', line: 3, row: 2, message: 'too many fields', hint: 'quote the value' };
    const p = problemOf(new LoadError('x', [warning, error]), 'b.csv');
    expect(p.file).toBe('a.csv');
    expect(p.first).toEqual({ severity: 'error', code: 'text.row_too_many_fields', params: { n: 6 }, file: 'a.csv', line: 3, row: 2, message: 'too many fields', hint: 'quote the value' });
    expect(p.others).toEqual([warning]);
  });
  it('of another error names the file being loaded and says what was thrown', () => {
    expect(problemOf(new Error('worker died'), 'b.csv')).toEqual({ file: 'b.csv', first: { severity: 'error', file: 'b.csv', message: 'worker died' }, others: [] });
    expect(problemOf(new LoadError('b.csv: empty', []), 'b.csv').first.message).toBe('b.csv: empty');
  });
});

describe('the load report for the panel', () => {
  const group: RepairGroup = {
    code: code('text.row_too_many_fields'),
    params: { n: 1 },
    action: 'repaired',
    count: 25,
    examples: [{ file: 'a.csv', line: 3, row: 2, before: 'O3,C3,2024-03-01,1,234.50,', after: 'O3,C3,2024-03-01,"1,234.50",' }],
    message: 'a thousands separator split the amount',
    hint: 'check the amount'
  };
  it('keeps every repair group of both files with its code, action and exact count', () => {
    const skipped: RepairGroup = { code: code('text.blank_line'), params: {}, action: 'skipped', count: 2, examples: [{ file: 'c.csv', line: 5, before: '' }], message: 'blank lines' };
    const r = repairsOf([report({ repairs: [group] }), null, report({ repairs: [skipped] })]);
    expect(r).toEqual([
      { code: 'text.row_too_many_fields', params: { n: 1 }, action: 'repaired', count: 25, examples: group.examples, message: group.message, hint: 'check the amount' },
      { code: 'text.blank_line', params: {}, action: 'skipped', count: 2, examples: skipped.examples, message: 'blank lines' }
    ]);
  });
  it('keeps the left-out reasons with their codes (three examples each) and the English reason as fallback', () => {
    const examples = [1, 2, 3, 4].map((row) => ({ file: 'a.csv', row, value: '9999-12-31' }));
    const l = leftOutOf([report({ leftOut: [{ reason: 'implausible date', code: code('values.date_implausible'), params: { n: 4 }, count: 4, examples }, { reason: 'no customer', count: 1, examples: [] }] })]);
    expect(l).toEqual([
      { message: 'implausible date', code: 'values.date_implausible', params: { n: 4 }, count: 4, examples: examples.slice(0, 3) },
      { message: 'no customer', count: 1, examples: [] }
    ]);
  });
  it('notes: the warnings and infos of the loads, then the notes of building the customers', () => {
    const issues: LoadIssue[] = [
      { severity: 'error', code: code('file.empty'), params: {}, file: 'a.csv', message: 'not a note' },
      { severity: 'warning', code: code('values.date_order_decided'), params: { order: 'DD/MM' }, file: 'a.csv', message: 'read as DD/MM' }
    ];
    expect(notesOf([report({ issues })], ['2 customers repeat'])).toEqual([
      { severity: 'warning', code: 'values.date_order_decided', params: { order: 'DD/MM' }, file: 'a.csv', message: 'read as DD/MM' },
      { message: '2 customers repeat' }
    ]);
  });
  it('an example row: file, line and data row, before → after; a left-out or skipped row only before', () => {
    const ex = group.examples[0]!;
    expect(exampleView(ex, 'repaired', tr)).toEqual({ where: 'a.csv, line 3 (data row 2)', before: 'O3,C3,2024-03-01,1,234.50,', after: 'O3,C3,2024-03-01,"1,234.50",', readings: [] });
    expect(exampleView({ ...ex, after: undefined }, 'left_out', tr)).toEqual({ where: 'a.csv, line 3 (data row 2)', before: ex.before, after: null, readings: [] });
    expect(exampleView({ ...ex, after: undefined, readings: ['1,"Ann,Oslo",x,10', '1,Ann,"Oslo,x",10'] }, 'left_out', tr).readings).toEqual(['1,"Ann,Oslo",x,10', '1,Ann,"Oslo,x",10']);
    expect(exampleView(ex, 'left_out', tr).after).toBeNull();
    expect(exampleView({ file: 'a.csv', line: 1, before: 'Sales report 2024' }, 'skipped', tr)).toEqual({ where: 'a.csv, line 1', before: 'Sales report 2024', after: null, readings: [] });
  });
  it('lists up to 10 rows of a group and says how many more there are', () => {
    expect(shownExamples(group)).toEqual({ shown: group.examples, more: 24 });
    const many = { count: 30, examples: Array.from({ length: 25 }, (_, i) => ({ file: 'a.csv', line: i + 2, before: String(i) })) };
    expect(shownExamples(many).shown).toEqual(many.examples.slice(0, 10));
    expect(shownExamples(many).more).toBe(20);
  });
});

describe('places in a file', () => {
  it('says line and data row, either, or neither, and the column', () => {
    expect(whereText({ file: 'a.csv', line: 3, row: 2 }, tr)).toBe('a.csv, line 3 (data row 2)');
    expect(whereText({ file: 'a.csv', line: 3 }, tr)).toBe('a.csv, line 3');
    expect(whereText({ file: 'a.xlsx', row: 7, column: 'amount' }, tr)).toBe('a.xlsx, data row 7, column amount');
    expect(whereText({ file: 'a.csv' }, tr)).toBe('a.csv');
    expect(hasPlace({ file: 'a.csv' })).toBe(false);
    expect(hasPlace({ file: 'a.csv', column: 'x' })).toBe(true);
  });
});

describe('tablesIn', () => {
  it('reads the number of tables the reader reported, else 1', () => {
    expect(tablesIn([])).toBe(1);
    expect(tablesIn([{ code: 'text.mixed_line_endings' }])).toBe(1);
    expect(tablesIn([{ code: 'text.other_table', params: { table: 2 } }, { code: 'text.tables', params: { tables: 3, table: 1 } }])).toBe(3);
  });
});
