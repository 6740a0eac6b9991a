// `segmint segment` end to end on examples/retail, through the built command (bin/segmint.js),
// checked against DuckDB reading the same files directly.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import { describeLoad, formatIssue } from '../src/data.js';
import { spreadData } from '../src/args.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');
const orders = join(root, 'examples/retail/orders.csv');
const customersCsv = join(root, 'examples/retail/customers.csv');
const tiers = join(root, 'examples/retail/tiers.seg');
const HEADER = 'customer,segment,R,F,M,T,AOV,R_score,F_score,M_score';

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function csvLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

describe('segmint segment', { timeout: 60_000 }, () => {
  let db: NativeBackend;
  let tmp: string;
  let expected: { orderCustomers: number; allCustomers: number; asOf: string };
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'segmint-cli-test-'));
    db = await NativeBackend.create();
    const [r] = await db.query(
      `SELECT (SELECT count(DISTINCT customer_id) FROM read_csv($1)) AS o,
              (SELECT count(*) FROM (SELECT customer_id FROM read_csv($1) UNION SELECT customer_id FROM read_csv($2))) AS a,
              (SELECT CAST(CAST(max(order_date) AS DATE) AS VARCHAR) FROM read_csv($1)) AS d`,
      [orders, customersCsv]
    );
    expected = { orderCustomers: Number(r!.o), allCustomers: Number(r!.a), asOf: String(r!.d) };
  });
  afterAll(async () => {
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('writes one CSV row per customer to stdout and the summary to stderr', async () => {
    const res = await run(['segment', '--rules', tiers, '--data', orders]);
    expect(res.stderr).toContain('platinum');
    expect(res.code).toBe(0);
    const lines = csvLines(res.stdout);
    expect(lines[0]!.startsWith(HEADER)).toBe(true);
    expect(lines.length - 1).toBe(expected.orderCustomers);
    // the per-segment summary: every segment of the file, with customers and shares
    for (const s of ['platinum', 'gold', 'churn_risk', 'basic']) expect(res.stderr).toMatch(new RegExp(`^${s}.*%`, 'm'));
    expect(res.stderr).toContain(`as of ${expected.asOf}`);
    // the role guesses are shown
    expect(res.stderr).toMatch(/customer = customer_id/);
    // the file has a catch-all segment: nobody is unassigned, every row has a segment
    const segCol = lines.slice(1).map((l) => l.split(',')[1]);
    expect(segCol.every((s) => ['platinum', 'gold', 'churn_risk', 'basic'].includes(s!))).toBe(true);
  });

  it('matches R, F and M computed directly from the orders for a customer, in full precision', async () => {
    const out = join(tmp, 'seg.csv');
    const res = await run(['segment', '--rules', tiers, '--data', orders, '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    // C00002: direct SQL of the spec (orders = distinct order ids, purchase = net > 0)
    const [d] = await db.query(
      `WITH o AS (SELECT order_id, sum(amount) AS net, min(CAST(order_date AS DATE)) AS day FROM read_csv($1) WHERE customer_id = 'C00002' GROUP BY order_id)
       SELECT count(*) FILTER (WHERE net > 0) AS F, sum(net) AS M, date_diff('day', max(day) FILTER (WHERE net > 0), DATE '${expected.asOf}') AS R FROM o`,
      [orders]
    );
    const [c] = await db.query("SELECT R, F, M FROM read_csv($1, all_varchar = true) WHERE customer = 'C00002'", [out]);
    expect(Number(c!.F)).toBe(d!.F);
    expect(Number(c!.R)).toBe(d!.R);
    expect(Number(c!.M)).toBeCloseTo(Number(d!.M), 9);
    // no rounding: M as written parses back to the same double DuckDB computed
    expect(String(c!.M)).toBe(String(Number(c!.M)));
  });

  it('writes Parquet and JSON with the same rows, and joins --customers attributes', async () => {
    const pq = join(tmp, 'seg.parquet');
    const js = join(tmp, 'seg.json');
    const [a, b] = await Promise.all([
      run(['segment', '--rules', tiers, '--data', orders, '--customers', customersCsv, '--out', pq]),
      run(['segment', '--rules', tiers, '--data', orders, '--customers', customersCsv, '--out', js])
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const [p] = await db.query(`SELECT count(*) AS n, count(DISTINCT customer) AS d FROM read_parquet($1)`, [pq]);
    expect(p).toEqual({ n: expected.allCustomers, d: expected.allCustomers });
    const cols = await db.query(`SELECT column_name AS c FROM (DESCRIBE SELECT * FROM read_parquet($1))`, [pq]);
    const names = cols.map((r) => r.c);
    expect(names.slice(0, 10).join(',')).toBe(HEADER);
    expect(names).toContain('industry');
    const parsed = JSON.parse(readFileSync(js, 'utf8')) as Record<string, unknown>[];
    expect(parsed.length).toBe(expected.allCustomers);
    expect(Object.keys(parsed[0]!).slice(0, 10).join(',')).toBe(HEADER);
  });

  it('an earlier --as-of ignores later orders', async () => {
    const res = await run(['segment', '--rules', tiers, '--data', orders, '--as-of', '2023-06-30']);
    expect(res.code).toBe(0);
    const [d] = await db.query(`SELECT count(DISTINCT customer_id) AS n FROM read_csv($1) WHERE CAST(order_date AS DATE) <= DATE '2023-06-30'`, [orders]);
    expect(csvLines(res.stdout).length - 1).toBe(d!.n);
    expect(res.stderr).toContain('as of 2023-06-30');
  });

  it('maps amount to an expression, normalises 17850.0 to 17850 and reports rows without a customer', async () => {
    const csv = join(tmp, 'retail.csv');
    writeFileSync(
      csv,
      [
        'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID',
        '536365,A,6,2010-12-01 08:26:00,2.55,17850.0',
        '536365,B,2,2010-12-01 08:26:00,1.00,17850.0',
        'C536366,A,-1,2010-12-02 09:00:00,2.55,17850',
        '536367,A,1,2010-12-03 10:00:00,5.00,',
        '536368,A,3,2010-12-03 11:00:00,2.00,12345.0',
        ''
      ].join('\n')
    );
    const rules = join(tmp, 'any.seg');
    writeFileSync(rules, 'segment buyers "Buyers" when F >= 1\n');
    const res = await run(['segment', '--rules', rules, '--data', csv, '--map', 'amount=Quantity * UnitPrice', '--map', 'order=InvoiceNo']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/1 rows? left out/);
    const rows = csvLines(res.stdout).slice(1).map((l) => l.split(','));
    // as of 2010-12-03. 17850: order 536365 = 6 x 2.55 + 2 x 1.00 = 17.30 on 12-01 (a purchase),
    // cancellation C536366 = -2.55 (not a purchase): F 1, M 14.75, R = T = 2.
    // 12345: 3 x 2.00 = 6 on 12-03: F 1, M 6, R 0. The row without a CustomerID is nobody's.
    expect(rows.map((r) => r[0])).toEqual(['12345', '17850']);
    const c17850 = rows[1]!;
    expect([c17850[1], c17850[2], c17850[3], c17850[5]]).toEqual(['buyers', '2', '1', '2']);
    expect(Number(c17850[4])).toBeCloseTo(14.75, 9);
    expect(rows[0]!.slice(1, 4)).toEqual(['buyers', '0', '1']);
  });

  it('exits 1 with FILE:LINE:COLUMN diagnostics when the rules have errors', async () => {
    const bad = join(tmp, 'bad.seg');
    writeFileSync(bad, 'segment a "A" when R <= 30\nsegment b "B" when Frequency >= 3\n');
    const res = await run(['segment', '--rules', bad, '--data', orders]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: error:`));
    expect(res.stdout).toBe('');
    // a syntax error is reported before any data is read (the data path does not even exist)
    writeFileSync(bad, 'segment a "A" when R <=\n');
    const early = await run(['segment', '--rules', bad, '--data', join(tmp, 'not-there.csv')]);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/bad\.seg:1:\d+: error:/);
  });

  it('exits 2 naming the problem for bad usage and bad data', async () => {
    const noCustomer = join(tmp, 'nocust.csv');
    writeFileSync(noCustomer, 'when,how_much\n2024-01-01,3\n');
    const cases = await Promise.all([
      run(['segment', '--rules', tiers]),
      run(['segment', '--rules', tiers, '--data', join(tmp, 'missing.csv')]),
      run(['segment', '--rules', tiers, '--data', orders, '--as-of', '2024-13-01']),
      run(['segment', '--rules', tiers, '--data', orders, '--map', 'price=amount']),
      run(['segment', '--rules', tiers, '--data', orders, '--out', join(tmp, 'x.xlsx')]),
      run(['segment', '--rules', tiers, '--data', orders, '--bogus']),
      run(['segment', '--rules', tiers, '--data', noCustomer])
    ]);
    for (const c of cases) expect(c.code, c.stderr).toBe(2);
    const [noData, missing, asOf, map, out, bogus, nocust] = cases.map((c) => c.stderr);
    expect(noData).toMatch(/--data is required/);
    expect(missing).toMatch(/missing\.csv/);
    expect(asOf).toMatch(/YYYY-MM-DD.*2024-13-01/);
    expect(map).toMatch(/unknown role 'price'/);
    expect(out).toMatch(/\.csv, \.parquet, \.json/);
    expect(bogus).toMatch(/bogus/);
    expect(nocust).toMatch(/nocust\.csv/);
  });
});

describe('the data options', () => {
  it('takes several files after one --data (a shell expands `--data *.csv`)', () => {
    expect(spreadData(['--rules', 'r.seg', '--data', 'a.csv', 'b.csv', 'c.csv', '--map', 'order=x'])).toEqual(['--rules', 'r.seg', '--data', 'a.csv', '--data', 'b.csv', '--data', 'c.csv', '--map', 'order=x']);
    expect(spreadData(['--data', 'a.csv', '--data', 'b.csv', 'c.csv'])).toEqual(['--data', 'a.csv', '--data', 'b.csv', '--data', 'c.csv']);
    expect(spreadData(['--data=a.csv', 'x'])).toEqual(['--data=a.csv', 'x']);
    expect(spreadData(['--data'])).toEqual(['--data']);
  });

  it('segment, check and sql take several files after one --data as one table', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'segmint-multi-'));
    try {
      const [header, ...rows] = readFileSync(orders, 'utf8').trimEnd().split('\n');
      const half = Math.floor(rows.length / 2);
      const a = join(tmp, 'a.csv');
      const b = join(tmp, 'b.csv');
      writeFileSync(a, [header, ...rows.slice(0, half)].join('\n') + '\n');
      writeFileSync(b, [header, ...rows.slice(half)].join('\n') + '\n');
      const whole = await run(['segment', '--rules', tiers, '--data', orders]);
      const split = await run(['segment', '--rules', tiers, '--data', a, b]);
      expect(split.code).toBe(0);
      expect(split.stdout).toBe(whole.stdout);
      const check = await run(['check', '--data', a, b, tiers]);
      expect(check.code).toBe(0);
      expect(check.stderr).toMatch(/2 files: 20,304 rows/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('words issues and left-out rows as the engine does (data rows, counted below the header)', () => {
    expect(formatIssue({ severity: 'warning', code: 'values.number_formats_mixed', params: {}, file: 'a.csv', row: 3, column: 'amount', message: 'mixed number formats', hint: 'Check' })).toBe("warning: a.csv, data row 3, column 'amount': mixed number formats. Check");
    const lines = describeLoad(
      {
        files: ['a.csv'],
        encoding: 'utf-8',
        format: 'delimited text',
        formats: [{ kind: 'delimited', delimiter: 'comma', header: true }],
        rows: 3,
        columns: [],
        roles: { customer: 'id' },
        roleSource: { customer: 'given' },
        leftOut: [{ reason: 'no customer id', count: 1, examples: [{ file: 'a.csv', row: 2, value: '(empty)' }] }],
        repairs: [],
        issues: []
      },
      'transactions'
    );
    expect(lines).toContain("  1 row left out: no customer id (e.g. a.csv data row 2 '(empty)')");
  });
});
