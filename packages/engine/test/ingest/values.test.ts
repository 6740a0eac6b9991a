// Never a silent wrong number: dates before 1900 or after today are left out and reported (or
// kept when asked), whichever way the values are read; an as-of outside the data's dates is
// said; strict mode stops at the first value it cannot use, naming it; a load where no row can
// be used says how many rows were left out for what, and what to do.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NativeBackend } from '../../src/node/index.js';
import { ingestTransactions, profileFiles, type IngestOptions } from '../../src/ingest/index.js';
import { LoadError, type InputFile, type LoadReport, type Row } from '../../src/types.js';
import { Workspace } from '../../src/workspace.js';
import { diskFile, memFile, tempDir } from './fixtures.js';

let db: NativeBackend;
let dir: string;
beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => db.close());
afterEach(() => {
  vi.useRealTimers();
});

/** The local date of the machine, as the engine takes "today". */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const tx = async (): Promise<Row[]> => db.query('SELECT customer, CAST(ts AS VARCHAR) AS ts, amount, src_row FROM segmint_tx ORDER BY src_row');

/** Plausible rows around three placeholders: the first row, one in the middle, the last row. */
const PLACEHOLDERS = ['customer_id,order_date,amount', 'C1,9999-12-31,5', 'C1,2024-01-01,10', 'C2,0001-01-01,5', 'C2,2024-02-01,7', 'C3,2024-03-01 10:00:00,3', 'C2,31/12/9999,5', ''].join('\n');

/** Loads `file` converting while reading (the default) and reading every value as text first;
 * both must give the same report and transactions. */
async function bothWays(file: InputFile, options: IngestOptions = {}): Promise<{ report: LoadReport; rows: Row[] }> {
  const report = await ingestTransactions(db, [file], options);
  const rows = await tx();
  const slow = await ingestTransactions(db, [file], { ...options, convertWhileReading: false });
  expect(slow).toEqual(report);
  expect(await tx()).toEqual(rows);
  return { report, rows };
}

describe('dates before 1900 or after today', () => {
  it('are left out and reported at the first, a middle and the last row, and never set the default as-of', async () => {
    const { report, rows } = await bothWays(diskFile(dir, 'placeholders.csv', PLACEHOLDERS));
    expect(report.leftOut).toEqual([
      {
        reason: `date before 1900-01-01 or after ${today()}, the day of loading (column 'order_date')`,
        code: 'values.date_implausible',
        params: { column: 'order_date', first: '1900-01-01', last: today() },
        count: 3,
        examples: [
          { file: 'placeholders.csv', row: 1, value: '9999-12-31' },
          { file: 'placeholders.csv', row: 3, value: '0001-01-01' },
          { file: 'placeholders.csv', row: 6, value: '31/12/9999' }
        ]
      }
    ]);
    expect(rows.map((r) => r.src_row)).toEqual([2, 4, 5]);
    expect(report.issues.find((i) => i.code === 'values.rows_loaded')?.message).toBe('3 of 6 rows loaded as transactions');
    // the as-of is the latest plausible date: R is days, not millions of days
    const ws = new Workspace(db);
    const built = await ws.buildCustomers();
    expect(built.asOf).toBe('2024-03-01');
    expect(built.notices).toEqual([]);
    const r = await db.query('SELECT customer, R FROM customers ORDER BY customer');
    expect(r).toEqual([
      { customer: 'C1', R: 60 },
      { customer: 'C2', R: 29 },
      { customer: 'C3', R: 0 }
    ]);
  });

  it('the reproduction: one row dated 9999-12-31 among today\'s orders no longer moves the as-of', async () => {
    const t = today();
    const ws = new Workspace(db);
    const report = await ws.loadTransactions([diskFile(dir, 'repro.csv', `customer,date,amount\nC1,${t},10\nC2,9999-12-31,5\nC3,${t},7\n`)]);
    expect(report.leftOut.map((l) => [l.code, l.count, l.examples.map((e) => e.row)])).toEqual([['values.date_implausible', 1, [2]]]);
    const built = await ws.buildCustomers();
    expect(built.asOf).toBe(t);
    expect((await db.query('SELECT max(R) AS r FROM customers'))[0]!.r).toBe(0);
  });

  it('tomorrow is after today; today late in the evening is not (the local date of the machine)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2024, 5, 30, 12, 0, 0));
    const { report, rows } = await bothWays(diskFile(dir, 'tomorrow.csv', 'customer_id,order_date,amount\nA,2024-06-30 23:59:59,1\nB,2024-07-01,2\nC,1899-12-31 23:59:59,3\nD,1900-01-01,4\n'));
    expect(report.leftOut.map((l) => [l.code, l.params, l.examples.map((e) => e.value)])).toEqual([
      ['values.date_implausible', { column: 'order_date', first: '1900-01-01', last: '2024-06-30' }, ['2024-07-01', '1899-12-31 23:59:59']]
    ]);
    expect(rows.map((r) => r.customer)).toEqual(['A', 'D']);
  });

  it('read in JavaScript (NDJSON) and from Excel serial days the same way', async () => {
    const nd = memFile('orders.ndjson', ['{"customer":"A","date":"2024-01-01","amount":1}', '{"customer":"B","date":"2999-01-01","amount":2}', '{"customer":"C","date":"2024-01-02","amount":3}'].join('\n'));
    const a = await ingestTransactions(db, [nd]);
    expect(a.leftOut.map((l) => [l.code, l.count, l.examples])).toEqual([['values.date_implausible', 1, [{ file: 'orders.ndjson', row: 2, value: '2999-01-01' }]]]);
    // Excel serial days: 45292 = 2024-01-01; 99999 = 2173-10-14, after today
    const serial = diskFile(dir, 'serial.csv', 'customer,date,amount\nA,45292,1\nB,99999,2\nC,45293,3\n');
    const b = await ingestTransactions(db, [serial]);
    expect(b.leftOut.map((l) => [l.code, l.count, l.examples.map((e) => e.value)])).toEqual([['values.date_implausible', 1, ['99999']]]);
  });

  it('are kept with keepImplausibleDates: they count like any other row (the latest sets the default as-of), with a warning', async () => {
    const { report, rows } = await bothWays(diskFile(dir, 'kept.csv', PLACEHOLDERS), { keepImplausibleDates: true });
    expect(report.leftOut).toEqual([]);
    expect(rows.map((r) => r.ts)).toEqual(['9999-12-31 00:00:00', '2024-01-01 00:00:00', '0001-01-01 00:00:00', '2024-02-01 00:00:00', '2024-03-01 10:00:00', '9999-12-31 00:00:00']);
    const kept = report.issues.find((i) => i.code === 'values.date_implausible_kept');
    expect(kept).toMatchObject({ severity: 'warning', column: 'order_date', params: { count: 3, earliest: '0001-01-01', latest: '9999-12-31', first: '1900-01-01', last: today() } });
    expect(kept?.message).toMatch(/^3 rows dated before 1900-01-01 or after \d{4}-\d\d-\d\d were kept as asked \(from 0001-01-01 to 9999-12-31\)/);
    const ws = new Workspace(db);
    expect((await ws.buildCustomers()).asOf).toBe('9999-12-31');
  });

  it('profile reports them the same way without loading anything', async () => {
    const report = await profileFiles(db, [diskFile(dir, 'profiled.csv', PLACEHOLDERS)]);
    expect(report.leftOut.map((l) => [l.code, l.count])).toEqual([['values.date_implausible', 3]]);
  });
});

describe('customers whose refunds cancel their purchases', () => {
  it('are counted in a build warning (M <= 0; F = 0 among those with transactions), by code', async () => {
    const ws = new Workspace(db);
    // A: bought 10, refunded 10 (M = 0, F = 0); B: bought 5, refunded 8 in another order (M < 0,
    // F = 1); C: an ordinary buyer; D: only a refund
    const csv = 'order_id,customer_id,order_date,amount\n1,A,2024-01-01,10\n1,A,2024-01-02,-10\n2,B,2024-01-01,5\n3,B,2024-01-03,-8\n4,C,2024-01-01,7\n5,D,2024-01-05,-3\n';
    await ws.loadTransactions([diskFile(dir, 'refunds.csv', csv)]);
    const built = await ws.buildCustomers();
    expect(built.notices.map((n) => [n.code, n.severity, n.params])).toEqual([['metrics.net_not_positive', 'warning', { count: 3, noPurchase: 2 }]]);
    expect(built.notices[0]!.message).toBe('3 customers have refunds at least as large as their purchases (M <= 0); 2 of those with transactions have no purchase left at all (F = 0, no R)');
    // a customers file's people who never bought are not refunds
    await ws.loadCustomers([diskFile(dir, 'people.csv', 'customer_id,city\nA,Oslo\nC,Rome\nZ,Pisa\n')]);
    expect((await ws.buildCustomers()).notices.map((n) => n.params)).toEqual([{ count: 3, noPurchase: 2 }]);
  });
});

describe('an as-of outside the dates of the transactions', () => {
  it('is a warning in the build notes (after the last date and before the first); none inside or by default', async () => {
    const ws = new Workspace(db);
    await ws.loadTransactions([diskFile(dir, 'range.csv', 'customer_id,order_date,amount\nA,2024-01-10,1\nB,2024-03-05 18:00:00,2\n')]);
    expect((await ws.buildCustomers()).notices).toEqual([]);
    expect((await ws.buildCustomers({ asOf: '2024-03-05' })).notices).toEqual([]);
    expect((await ws.buildCustomers({ asOf: '2024-01-10' })).notices).toEqual([]);
    const late = await ws.buildCustomers({ asOf: '2030-01-01' });
    expect(late.notices).toEqual([
      {
        severity: 'warning',
        code: 'values.as_of_outside_range',
        params: { asOf: '2030-01-01', first: '2024-01-10', last: '2024-03-05' },
        message: 'the as-of date 2030-01-01 is outside the dates of the transactions (2024-01-10 to 2024-03-05)',
        hint: expect.stringMatching(/R and T count the days to the as-of date/) as unknown as string
      }
    ]);
    expect(late.notes[0]).toMatch(/^the as-of date 2030-01-01 is outside the dates of the transactions \(2024-01-10 to 2024-03-05\)\. R and T/);
    const early = await ws.buildCustomers({ asOf: '2023-12-31' });
    expect(early.notices.map((n) => [n.code, n.params])).toEqual([['values.as_of_outside_range', { asOf: '2023-12-31', first: '2024-01-10', last: '2024-03-05' }]]);
    expect(early.customers).toBe(0);
    // a rule file's `as of` rebuilds the relation the same way
    await ws.runRules('as of 2031-01-01\nsegment all "All" when F >= 0\n');
    expect(ws.customersInfo?.notices.map((n) => n.params.asOf)).toEqual(['2031-01-01']);
  });

  it('the notes of the customers file are coded too', async () => {
    const ws = new Workspace(db);
    await ws.loadTransactions([diskFile(dir, 'tx.csv', 'customer_id,order_date,amount\nA,2024-01-10,1\nB,2024-03-05,2\n')]);
    await ws.loadCustomers([diskFile(dir, 'attrs.csv', 'customer_id,M,segment\nA,1,x\nA,2,y\nB,3,z\n')]);
    const built = await ws.buildCustomers();
    expect(built.notices.map((n) => [n.code, n.params])).toEqual([
      ['values.attrs_duplicate_ids', { count: 1 }],
      ['values.attr_renamed_metric', { from: 'M', to: 'M_attr' }],
      ['values.attr_renamed_segment', { from: 'segment', to: 'segment_attr' }]
    ]);
    expect(built.notes).toEqual(built.notices.map((n) => n.message));
  });
});

describe('strict mode', () => {
  const GOOD = 'customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-01-02,20\n';

  /** A strict load that must fail; the data loaded before stays. */
  async function refused(name: string, text: string, options: IngestOptions = {}): Promise<LoadError> {
    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
    const e = await ingestTransactions(db, [diskFile(dir, name, text)], { strict: true, ...options }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoadError);
    expect((await tx()).map((r) => r.customer)).toEqual(['A', 'B']);
    return e as LoadError;
  }

  it('stops at the first date that cannot be read, naming file, data row, column and value', async () => {
    const e = await refused('strict-date.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nB,yesterday,2\nC,not a date,3\n');
    expect(e.message).toMatch(/^strict-date\.csv, data row 2, column 'order_date': the date 'yesterday' cannot be read; in strict mode this stops the load \(2 rows in all\)\. Dates are read as .*leave out --strict/);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ code: 'values.strict_date_unreadable', file: 'strict-date.csv', row: 2, column: 'order_date', params: { value: 'yesterday', count: 2 } });
    expect(e.columns).toEqual(['customer_id', 'order_date', 'amount']);
  });

  it('stops at the first of several problems by row, whatever the reason (an amount, then a date)', async () => {
    const e = await refused('strict-amount.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-01-02,12abc\nC,9999-12-31,3\nD,2024-01-03,1e15\n');
    expect(e.issues[0]).toMatchObject({ code: 'values.strict_amount_unreadable', row: 2, column: 'amount', params: { value: '12abc' } });
    expect(e.message).toMatch(/^strict-amount\.csv, data row 2, column 'amount': the amount '12abc' cannot be read as a number/);
  });

  it('stops at an implausible date (converted while read or not), and at an amount too large', async () => {
    for (const convertWhileReading of [true, false]) {
      const e = await refused('strict-9999.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-01-02,2\nC,9999-12-31,3\n', { convertWhileReading });
      expect(e.issues[0]).toMatchObject({ code: 'values.strict_date_implausible', row: 3, column: 'order_date', params: { value: '9999-12-31', first: '1900-01-01', last: today() } });
      expect(e.message).toMatch(/--keep-implausible-dates/);
    }
    const big = await refused('strict-big.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-01-02,123456789012345678\n');
    expect(big.issues[0]).toMatchObject({ code: 'values.strict_amount_too_large', row: 2, column: 'amount', params: { value: '123456789012345678' } });
  });

  it('an implausible date kept with keepImplausibleDates is no error', async () => {
    const report = await ingestTransactions(db, [diskFile(dir, 'strict-kept.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nC,9999-12-31,3\n')], { strict: true, keepImplausibleDates: true });
    expect(report.leftOut).toEqual([]);
  });

  it('rows without a customer id are no error: they are counted and reported, as the metrics spec says', async () => {
    const report = await ingestTransactions(db, [diskFile(dir, 'strict-nocust.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\n,2024-01-02,2\n')], { strict: true });
    expect(report.leftOut.map((l) => [l.code, l.count])).toEqual([['values.no_customer', 1]]);
    expect((await tx()).map((r) => r.customer)).toEqual(['A']);
  });

  it('profile in strict mode says the same', async () => {
    const e = await profileFiles(db, [diskFile(dir, 'strict-profile.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nB,,2\n')], { strict: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoadError);
    expect((e as LoadError).issues[0]).toMatchObject({ code: 'values.strict_no_date', row: 2, column: 'order_date' });
  });
});

describe('no row could be used', () => {
  it('every customer id empty: the summary per reason, the columns, and a hint to map the customer column', async () => {
    const e = await ingestTransactions(db, [diskFile(dir, 'nobody.csv', 'customer_id,client,order_date,amount\n,K1,2024-01-01,1\n,K2,2024-01-02,2\n,K3,2024-01-03,3\n')]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoadError);
    const err = e as LoadError;
    expect(err.columns).toEqual(['customer_id', 'client', 'order_date', 'amount']);
    expect(err.issues.map((i) => [i.code, i.params?.count, i.row])).toEqual([
      ['values.no_usable_rows', undefined, undefined],
      ['values.no_customer', 3, 1]
    ]);
    expect(err.issues[0]!.params).toEqual({ rows: 3, columns: "'customer_id', 'client', 'order_date', 'amount'" });
    expect(err.message).toMatch(/^nobody\.csv: no row could be used, all 3 were left out:\n3 rows left out: no customer id \(column 'customer_id' empty\); e\.g\. nobody\.csv data row 1: '\(empty\)'/);
    expect(err.message).toMatch(/the file's columns are: 'customer_id', 'client', 'order_date', 'amount'/);
    expect(err.message).toMatch(/If the customer ids are in another column, map it: --map customer=COLUMN/);
  });

  it('every date unreadable: the hint names --map date=COLUMN and --day-first/--month-first', async () => {
    const e = (await ingestTransactions(db, [diskFile(dir, 'nodates.csv', 'customer_id,order_date,amount\nA,soon,1\nB,later,2\n')]).catch((x: unknown) => x)) as LoadError;
    expect(e.issues.map((i) => [i.code, i.params?.count, i.params?.value])).toEqual([
      ['values.no_usable_rows', undefined, undefined],
      ['values.date_unreadable', 2, 'soon']
    ]);
    expect(e.issues[1]!.hint).toMatch(/--map date=COLUMN; for DD\/MM or MM\/DD: --day-first or --month-first/);
    expect(e.message).toMatch(/--map date=COLUMN/);
  });
});

describe('coded messages of roles and formats', () => {
  it('a mapped column that is not in the file, an amount expression that cannot be used: codes, params and the columns', async () => {
    const f = diskFile(dir, 'roles.csv', 'customer_id,order_date,qty,price\nA,2024-01-01,1,2\n');
    const a = (await ingestTransactions(db, [f], { roles: { customer: 'klant' } }).catch((x: unknown) => x)) as LoadError;
    expect(a.issues[0]).toMatchObject({ code: 'values.role_column_not_found', params: { role: 'customer', column: 'klant', columns: "'customer_id', 'order_date', 'qty', 'price'" } });
    expect(a.columns).toEqual(['customer_id', 'order_date', 'qty', 'price']);
    const b = (await ingestTransactions(db, [f]).catch((x: unknown) => x)) as LoadError;
    expect(b.issues[0]).toMatchObject({ code: 'values.role_missing', params: { role: 'amount', map: '"amount=qty * price"' } });
    expect(b.message).toBe(`roles.csv: no column was recognised as the amount column (columns: 'customer_id', 'order_date', 'qty', 'price'). Map one: --map "amount=qty * price"`);
    const c = (await ingestTransactions(db, [f], { roles: { amount: 'qty *' } }).catch((x: unknown) => x)) as LoadError;
    expect(c.issues[0]).toMatchObject({ code: 'values.amount_expression_invalid', params: { role: 'amount', expression: 'qty *' } });
    expect(c.columns).toEqual(['customer_id', 'order_date', 'qty', 'price']);
  });

  it('the date order asked, decided and given: codes the app decides by', async () => {
    const amb = (await ingestTransactions(db, [diskFile(dir, 'amb.csv', 'customer_id,order_date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n')]).catch((x: unknown) => x)) as LoadError;
    expect(amb.issues[0]).toMatchObject({ code: 'values.date_order_ambiguous', row: 1, column: 'order_date', params: { column: 'order_date', example: '01/02/2024', row: 1 } });
    const decided = await ingestTransactions(db, [diskFile(dir, 'dmy.csv', 'customer_id,order_date,amount\nA,01/02/2024,1\nB,13/04/2024,2\n')]);
    expect(decided.issues.find((i) => i.code === 'values.date_order_decided')?.params).toEqual({ column: 'order_date', order: 'DD/MM/YYYY', count: 1 });
    const given = await ingestTransactions(db, [diskFile(dir, 'amb.csv', 'customer_id,order_date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n')], { dayFirst: false });
    expect(given.issues.find((i) => i.code === 'values.date_order_given')?.message).toBe('dates read as MM/DD/YYYY (given)');
  });

  it('JSON, Excel and Parquet problems carry their codes', async () => {
    const cases: [InputFile, string][] = [
      [memFile('bad.json', '[{"a": 1'), 'formats.json_invalid'],
      [memFile('bad.ndjson', '{"a":1}\n{"a":\n'), 'formats.ndjson_line_invalid'],
      [memFile('scalar.json', '[1, 2]'), 'formats.json_record_not_object'],
      [memFile('bad.parquet', 'PAR1 not really'), 'formats.parquet_truncated'],
      [memFile('bad2.parquet', 'not parquet at all'), 'formats.parquet_not_parquet']
    ];
    for (const [f, code] of cases) {
      const e = (await ingestTransactions(db, [f]).catch((x: unknown) => x)) as LoadError;
      expect(e, f.name).toBeInstanceOf(LoadError);
      expect(e.issues[0]?.code, f.name).toBe(code);
    }
    const nd = (await ingestTransactions(db, [memFile('line.ndjson', '{"a":1}\n\n{"a":\n')]).catch((x: unknown) => x)) as LoadError;
    expect(nd.issues[0]).toMatchObject({ line: 3, params: { line: 3 } });
  });
});
