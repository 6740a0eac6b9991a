import { describe, expect, it } from 'vitest';
import { GONE, NEW, UNASSIGNED, type Migration, type MigrationCell } from '@segmint/strategy';
import { addDays, biggestFlows, cellM, chartLabels, datesProblem, defaultDates, direction, flowCondition, flowsTableSql, flowWords, isDate, matrixView, newAndGone, stateCondition, stateName } from './migration.js';

const cells: MigrationCell[] = [];
const rows = ['gold', 'basic', UNASSIGNED, NEW];
const cols = ['gold', 'basic', UNASSIGNED, GONE];
const counts: Record<string, number> = { 'gold>gold': 5, 'gold>basic': 2, 'basic>gold': 1, 'basic>basic': 7, [`${NEW}>gold`]: 3, [`basic>${GONE}`]: 1 };
for (const f of rows)
  for (const t of cols) {
    const n = counts[`${f}>${t}`] ?? 0;
    cells.push({ from: f, to: t, customers: n, mBefore: f === NEW || !n ? 0 : 10, mAfter: t === GONE || !n ? 0 : 20 });
  }
const m: Migration = {
  kind: 'dates',
  from: '2024-09-30',
  to: '2024-12-31',
  lang: 'en',
  segments: [
    { id: 'gold', label: 'Gold <b>' },
    { id: 'basic', label: null }
  ],
  rows,
  cols,
  cells,
  beforeCustomers: 16,
  afterCustomers: 18,
  beforeM: 0,
  afterM: 0,
  changed: 3,
  flows: [{ from: NEW, to: 'gold', customers: 3, mBefore: 0, mAfter: 60, text: '', key: 'flow.new', params: {} }],
  retention: []
};
const names = { unassigned: 'none', new: 'new ones', gone: 'left' };

describe('migration helpers', () => {
  it('dates: defaults a quarter back, validity and order', () => {
    expect(defaultDates('2024-12-31')).toEqual({ from: '2024-10-02', to: '2024-12-31' });
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(isDate('2024-02-30')).toBe(false);
    expect(isDate('2024-2-3')).toBe(false);
    expect(datesProblem('2024-01-01', '2024-06-30')).toBeNull();
    expect(datesProblem('2024-06-30', '2024-06-30')).toBe('order');
    expect(datesProblem('', '2024-06-30')).toBe('invalid');
  });

  it('SQL: table names quoted by ident, states and user values bound', () => {
    const f = flowsTableSql('b"x', 'a', 'flows');
    expect(f.sql).toContain('"b""x"');
    expect(f.params).toEqual([NEW, UNASSIGNED, GONE]);
    const c = flowCondition('flows', "o'hara", 'x');
    expect(c.sql).not.toContain("o'hara");
    expect(c.params).toEqual(["o'hara", 'x']);
    expect(c.sql).toContain('$1');
    const s = stateCondition('flows', 'after', 'gold');
    expect(s.sql).toContain('"to_state" = CAST($1 AS VARCHAR)');
    expect(s.params).toEqual(['gold']);
  });

  it('the matrix leaves out empty unassigned, keeps new and gone with customers', () => {
    const v = matrixView(m);
    expect(v.rows).toEqual(['gold', 'basic', NEW]);
    expect(v.cols).toEqual(['gold', 'basic', GONE]);
    expect(v.rowTotal('basic')).toBe(9);
    expect(v.colTotal('gold')).toBe(9);
    expect(v.total).toBe(19);
    expect(cellM(v.cell(NEW, 'gold'))).toBe(20);
    expect(cellM(v.cell('gold', 'basic'))).toBe(10);
  });

  it('directions, names, words', () => {
    expect(direction(m, 'gold', 'basic')).toBe('down');
    expect(direction(m, 'basic', 'gold')).toBe('up');
    expect(direction(m, 'basic', UNASSIGNED)).toBe('down');
    expect(direction(m, NEW, 'gold')).toBe('in');
    expect(direction(m, 'gold', GONE)).toBe('out');
    expect(direction(m, 'gold', 'gold')).toBe('same');
    expect(stateName(m, 'gold', names)).toBe('Gold <b>');
    expect(stateName(m, 'basic', names)).toBe('basic');
    expect(stateName(m, GONE, names)).toBe('left');
    expect(flowWords(m, m.cells.find((c) => c.from === 'gold' && c.to === 'basic')!, 'en', names)).toBe('2 Gold <b> customers became basic, worth 10 of last period’s M');
    expect(flowWords(m, m.cells.find((c) => c.from === NEW && c.to === 'gold')!, 'zh', names)).toBe('3 位新客户进入「Gold <b>」，占本期金额 20');
    const rules = { ...m, kind: 'rules' as const };
    expect(flowWords(rules, { from: 'gold', to: 'basic', customers: 1, mBefore: 12345, mAfter: 12345 }, 'en', names)).toBe('1 customer would move from Gold <b> to basic (M 12,345)');
    expect(biggestFlows(m)).toEqual([{ from: NEW, to: 'gold', customers: 3, mBefore: 0, mAfter: 60 }]);
    expect(newAndGone(m)).toEqual({ new: 3, mNew: 20, gone: 1, mGone: 10 });
  });

  it('chart labels come from the UI lookup', () => {
    const tr = (key: string, vars: Record<string, string | number> = {}) => `${key}${JSON.stringify(vars)}`;
    const l = chartLabels(m, tr, names, { from: 'A', to: 'B' });
    expect(l.title).toBe('migration.chart.title.dates{}');
    expect(l.summary).toBe('migration.chart.summary{"from":"A","to":"B"}');
    expect(l.state(UNASSIGNED)).toBe('none');
    expect(l.nodeTip({ state: 'x', customers: '3', side: 'before' })).toContain('"side":"migration.chart.left{}"');
  });
});
