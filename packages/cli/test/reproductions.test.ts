// The seven reproductions of the issue "Ingest: never a silent wrong number", run as a user
// would: the built command on real files, reading what it prints and writes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');
const tiers = join(root, 'examples/retail/tiers.seg');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** customer -> the row of `segment`'s CSV output (a plain split: ids and numbers hold no comma) */
function byCustomer(csv: string): Map<string, Record<string, string>> {
  const [head, ...lines] = csv.split('\n').filter((l) => l !== '');
  const cols = head!.split(',');
  return new Map(lines.map((l) => {
    const cells = l.split(',');
    return [cells[0]!, Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']))];
  }));
}

describe('the reproductions, on the command line', { timeout: 60_000 }, () => {
  let tmp: string;
  const file = (name: string, text: string | Uint8Array) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'segmint-repro-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('1. a row with one field too many: 1,234.50 is one amount (never M = 1), and the repair is reported', async () => {
    const d1 = file('d1.csv', 'order_id,customer_id,order_date,amount,note\nO1,C1,2024-01-05,100.00,\nO3,C3,2024-03-01,1,234.50,\n');
    const r = await run(['segment', '--rules', tiers, '--data', d1]);
    expect(r.code).toBe(0);
    expect(byCustomer(r.stdout).get('C3')?.M).toBe('1234.5');
    expect(r.stderr).toMatch(/a number with a thousands separator was split by the separator \(1,234\.50\); it was read as one value in column 'amount'/);
    expect(r.stderr).toMatch(/d1\.csv line 3 \(data row 2\): O3,C3,2024-03-01,1,234\.50, -> O3,C3,2024-03-01,"1,234\.50",/);
    // strict: refused, naming the row
    const s = await run(['segment', '--rules', tiers, '--data', d1, '--strict']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/d1\.csv, data row 2: strict mode stops here instead of repairing: a number with a thousands separator/);
  });

  it('2. an implausible date neither sets the as-of nor counts; it is reported', async () => {
    const f = file('d2.csv', 'customer_id,order_date,amount\nC1,2024-01-05,10\nC2,9999-12-31,5\nC3,0001-01-01,7\nC2,2024-02-01,6\n');
    const r = await run(['segment', '--rules', tiers, '--data', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/customers: 2 as of 2024-02-01/);
    expect(r.stderr).toMatch(/2 rows left out: .*(before 1900|implausible)/i);
    const rows = byCustomer(r.stdout);
    expect([...rows.keys()].sort()).toEqual(['C1', 'C2']);
    expect(rows.get('C2')?.M).toBe('6.0');
  });

  it('3. mixed line endings load every row', async () => {
    const f = file('d3.csv', 'customer_id,order_date,amount\r\nC1,2024-01-05,10\nC2,2024-01-06,20\r\nC3,2024-01-07,30\n');
    const r = await run(['segment', '--rules', tiers, '--data', f]);
    expect(r.code).toBe(0);
    expect([...byCustomer(r.stdout).keys()].sort()).toEqual(['C1', 'C2', 'C3']);
    expect(r.stderr).toMatch(/3 rows/);
  });

  it('4. an unbalanced quote in the header is repaired and said so (not "no data rows")', async () => {
    const f = file('d4.csv', '"customer_id,order_date,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\n');
    const r = await run(['segment', '--rules', tiers, '--data', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/the header has a quote that is never closed; it was removed from the column names/);
    expect([...byCustomer(r.stdout).keys()].sort()).toEqual(['C1', 'C2']);
  });

  it('5. a valid line over 2,000,000 bytes is read', async () => {
    const f = file('d5.csv', `customer_id,order_date,amount,note\nC1,2024-01-05,10,${'x'.repeat(2_500_000)}\nC2,2024-01-06,20,short\n`);
    const r = await run(['segment', '--rules', tiers, '--data', f]);
    expect(r.code).toBe(0);
    expect([...byCustomer(r.stdout).keys()].sort()).toEqual(['C1', 'C2']);
  });

  it('6. every row left out: the summary, per reason, and a hint that fits', async () => {
    const f = file('d6.csv', 'id,buyer,order_date,amount\n1,,2024-01-05,10\n2,,2024-01-06,20\n');
    const r = await run(['segment', '--rules', tiers, '--data', f, '--map', 'customer=buyer']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no row could be used, all 2 were left out/);
    expect(r.stderr).toMatch(/2 rows? left out: no customer id/);
    expect(r.stderr).toMatch(/--map customer=COLUMN|--map customer=/);
  });

  it('7. a quoted empty string is an empty string, not a missing value (convert writes it back as "")', async () => {
    const f = file('d7.csv', 'customer_id,order_date,amount,note\nC1,2024-01-05,10,""\nC2,2024-01-06,20,\n');
    const out = join(tmp, 'd7.out.csv');
    const r = await run(['convert', f, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('customer_id,order_date,amount,note\nC1,2024-01-05,10,""\nC2,2024-01-06,20,\n');
  });

  it('a file with several tables: the first by default, the others named; --csv-table N reads another', async () => {
    const f = file('tables.csv', 'Orders\ncustomer_id,order_date,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\n\nReturns\ncustomer_id,order_date,amount,reason\nC1,2024-02-01,-5,broken\n');
    const out = join(tmp, 'tables.out.csv');
    const one = await run(['convert', f, '--out', out]);
    expect(one.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('customer_id,order_date,amount\nC1,2024-01-05,10\nC2,2024-01-06,20\n');
    expect(one.stderr).toMatch(/table 2 of the file \(lines 7-8, 1 rows, columns customer_id, order_date, amount, reason\) was not read/);
    const two = await run(['convert', f, '--out', out, '--csv-table', '2']);
    expect(two.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('customer_id,order_date,amount,reason\nC1,2024-02-01,-5,broken\n');
    const seg = await run(['segment', '--rules', tiers, '--data', f, '--csv-table', '2', '--map', 'amount=amount']);
    expect(seg.stderr).toMatch(/1 rows|1 row/);
    const bad = await run(['segment', '--rules', tiers, '--data', f, '--csv-table', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--csv-table takes the number of a table/);
  });

  it('a row that can be read two ways is left out, both readings shown (the file must say which)', async () => {
    const f = file('two-ways.csv', 'customer_id,name,city,order_date,amount\nC1,Ann,Oslo,2024-01-05,10\nC2,Bob,Rome,2024-01-06,20\nC3,Cy,Lima,Peru,2024-01-07,30\n');
    const r = await run(['segment', '--rules', tiers, '--data', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rows that can be read in more than one way were left out/);
    expect(r.stderr).toContain('two-ways.csv line 4 (data row 3): C3,Cy,Lima,Peru,2024-01-07,30 (left out); it can be read as "C3,Cy",Lima,Peru,2024-01-07,30 or as C3,"Cy,Lima",Peru,2024-01-07,30 or as C3,Cy,"Lima,Peru",2024-01-07,30');
  });
});
