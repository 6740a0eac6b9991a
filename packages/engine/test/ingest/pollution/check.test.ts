// The checks themselves: a silently shifted cell, a missing or renumbered row fails them; a
// difference the report names, honestly, does not. (Readings made up here, no engine.)
import { describe, expect, it } from 'vitest';
import type { RepairGroup } from '../../../src/types.js';
import { violations, type Reading } from './check.js';
import type { Cell } from './csv-model.js';
import type { Expected } from './corpus.js';
import { mutate, propertyViolations } from './mutations.js';

const ROWS: Cell[][] = [
  ['O1', 'C1', '2024-01-05', '10.00'],
  ['O2', 'C2', '2024-01-06', '20.00'],
  ['O3', 'C3', '2024-01-07', '30.00']
];
const COLUMNS = ['order_id', 'customer_id', 'order_date', 'amount'];

function expected(touched?: { exact: boolean }): Expected {
  return {
    file: 'f.csv',
    columns: COLUMNS,
    rows: ROWS.map((cells, i) => ({ row: i + 1, cells, line: i + 2 })),
    touches: touched
      ? [{ line: 3, row: 2, before: 'O2,,C2,2024-01-06,20.00', required: true, what: 'a stray separator', accept: [{ action: 'repaired', codes: ['text.row_merged_text'], exact: touched.exact }] }]
      : [],
    issues: [],
    separator: ','
  };
}

function reading(rows: Cell[][], repairs: RepairGroup[] = [], numbers = rows.map((_, i) => i + 1)): Reading {
  return { columns: COLUMNS, rows: rows.map((cells, i) => ({ row: numbers[i]!, cells })), repairs, issues: [], fastPath: false, format: '' };
}

function group(code: 'text.row_merged_text' | 'text.row_too_few_fields', action: RepairGroup['action'], ex: RepairGroup['examples']): RepairGroup {
  return { code, params: {}, action, count: ex.length, examples: ex, message: 'what was done' };
}

const shifted: Cell[] = ['O2', '', 'C2', '2024-01-06'];

describe('the cell-by-cell check', () => {
  it('passes the same table', () => {
    expect(violations(expected(), reading(ROWS))).toEqual([]);
  });

  it('fails a silently shifted cell, a missing row and renumbered rows', () => {
    expect(violations(expected(), reading([ROWS[0]!, shifted, ROWS[2]!])).join('\n')).toMatch(/row 2 \(line 3\) SILENTLY differs/);
    expect(violations(expected(), reading([ROWS[0]!, ROWS[2]!], [], [1, 3])).join('\n')).toMatch(/row 2 \(line 3\) MISSING without a report/);
    expect(violations(expected(), reading([ROWS[1]!, ROWS[2]!])).join('\n')).toMatch(/shifted: read row r holds the file's data row r\+1/);
  });

  it('passes a difference the report names (honestly), fails a dishonest or wrong one', () => {
    const after = (text: string) => [group('text.row_merged_text', 'repaired', [{ file: 'f.csv', line: 3, row: 2, before: 'O2,,C2,2024-01-06,20.00', after: text }])];
    expect(violations(expected({ exact: false }), reading([ROWS[0]!, shifted, ROWS[2]!], after('O2,"",C2,2024-01-06')))).toEqual([]);
    expect(violations(expected({ exact: false }), reading([ROWS[0]!, shifted, ROWS[2]!], after('O2,C2,2024-01-06,20.00'))).join('\n')).toMatch(/is not the row as read/);
    expect(violations(expected({ exact: true }), reading([ROWS[0]!, shifted, ROWS[2]!], after('O2,"",C2,2024-01-06'))).join('\n')).toMatch(/into the wrong cells/);
    // left out, at the right row and line, with the record's text
    const left = [group('text.row_too_few_fields', 'left_out', [{ file: 'f.csv', line: 3, row: 2, before: 'O2,,C2,2024-01-06,20.00' }])];
    const touch = expected();
    touch.touches = [{ line: 3, row: 2, before: 'O2,,C2,2024-01-06,20.00', required: true, what: 'x', accept: [{ action: 'left_out', codes: ['text.row_too_few_fields'] }] }];
    expect(violations(touch, reading([ROWS[0]!, ROWS[2]!], left, [1, 3]))).toEqual([]);
    // ... but a clean row left out is not allowed
    expect(violations(expected(), reading([ROWS[0]!, ROWS[2]!], left, [1, 3])).join('\n')).toMatch(/is clean but/);
  });
});

describe('the property check', () => {
  const csv = { name: 't', header: COLUMNS, rows: ROWS };

  it('passes the clean file and a reported repair; fails a silent shift', () => {
    const clean = mutate(csv, []);
    expect(propertyViolations(clean, reading(ROWS))).toEqual([]);
    const m = mutate(csv, [{ op: 'duplicate-field', row: 1, field: 0 }]);
    expect(m.text).toBe('order_id,customer_id,order_date,amount\nO1,C1,2024-01-05,10.00\nO2,O2,C2,2024-01-06,20.00\nO3,C3,2024-01-07,30.00\n');
    const silent = reading([ROWS[0]!, ['O2', 'O2', 'C2', '2024-01-06'], ROWS[2]!]);
    expect(propertyViolations(m, silent).join('\n')).toMatch(/data row 2 SILENTLY differs/);
    const left = reading([ROWS[0]!, ROWS[2]!], [group('text.row_too_few_fields', 'left_out', [{ file: 'f.csv', line: 3, row: 2, before: 'O2,O2,C2,2024-01-06,20.00' }])], [1, 3]);
    expect(propertyViolations(m, left)).toEqual([]);
    // a well-formed row lost without a word
    expect(propertyViolations(clean, reading([ROWS[0]!, ROWS[2]!], [], [1, 2])).join('\n')).toMatch(/SILENTLY differs|missing without a report/);
  });
});
