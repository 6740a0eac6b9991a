// `segmint profile` through the built command (bin/segmint.js), on real data and on files the
// test writes itself; numbers checked against DuckDB reading the same files directly.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');
const shared = process.env.SEGMINT_SHARED ?? resolve(root, '../shared');
const days = ['2010-12-01', '2010-12-02', '2010-12-03'].map((d) => join(shared, `data/online-retail/by-day/${d}.csv`));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** GB18030 bytes of a text (Node has no GB18030 encoder: ask its decoder for each code). */
function gb18030(text: string): Uint8Array {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}

let dir: string;
let ref: { rows: number; missing: number };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'segmint-profile-test-'));
  const db = await NativeBackend.create();
  const [r] = await db.query(`SELECT count(*) AS rows, count(*) FILTER (CustomerID IS NULL) AS missing FROM read_csv([${days.map((d) => `'${d}'`).join(', ')}], header = true, all_varchar = true)`);
  ref = { rows: Number(r!.rows), missing: Number(r!.missing) };
  await db.close();
});

describe('segmint profile', () => {
  it('prints columns, types, rows, guessed roles, left-out rows and how to map the amount', async () => {
    const { code, stdout, stderr } = await run(['profile', '--data', ...days]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`rows:     ${ref.rows}\n`);
    expect(stdout).toContain('encoding: utf-8\n');
    expect(stdout).toMatch(/format: +delimited text \(comma-separated, with header\)/);
    expect(stdout).toMatch(/^ {2}CustomerID +number +customer \(guessed\)$/m);
    expect(stdout).toMatch(/^ {2}InvoiceDate +timestamp +date \(guessed\)$/m);
    expect(stdout).toMatch(/^ {2}InvoiceNo +text +order \(guessed\)$/m);
    expect(stdout).toMatch(/^ {2}amount +\(not mapped\)$/m);
    expect(stdout).toContain(`  ${ref.missing} rows: no customer id (column 'CustomerID' empty)\n    2010-12-01.csv data row 623: (empty)`);
    expect(stdout).toContain('--map "amount=Quantity * UnitPrice"');
  }, 60_000);

  it('takes --map and a folder; --json gives the report as data', async () => {
    const { code, stdout } = await run(['profile', '--data', days[0]!, '--map', 'amount=Quantity * UnitPrice', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { rows: number; roles: Record<string, string>; roleSource: Record<string, string>; issues: { severity: string }[] };
    expect(report.roles).toEqual({ customer: 'CustomerID', date: 'InvoiceDate', amount: 'Quantity * UnitPrice', order: 'InvoiceNo' });
    expect(report.roleSource.amount).toBe('given');
    expect(report.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    // a folder: every supported file in it, one table
    const folder = join(dir, 'days');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), 'customer_id,order_date,amount\nA,2024-01-01,1\n');
    writeFileSync(join(folder, 'b.csv'), 'customer_id,order_date,amount\nB,2024-01-02,2\nC,2024-01-02,3\n');
    writeFileSync(join(folder, 'notes.md'), 'not data');
    const f = await run(['profile', '--data', folder]);
    expect(f.code).toBe(0);
    expect(f.stdout).toContain('files:    a.csv, b.csv\n');
    expect(f.stdout).toContain('rows:     3\n');
  }, 60_000);

  it('detects GB18030 and Chinese headers', async () => {
    const f = join(dir, '订单.csv');
    writeFileSync(f, gb18030('客户编号,下单时间,实付金额\r\nC001,2024-01-05,"1,200.00"\r\nC002,2024-01-06,35\r\n'));
    const { code, stdout } = await run(['profile', '--data', f]);
    expect(code).toBe(0);
    expect(stdout).toContain('encoding: gb18030\n');
    expect(stdout).toMatch(/^ {2}客户编号 +text +customer \(guessed\)$/m);
    expect(stdout).toMatch(/^ {2}实付金额 +number +amount \(guessed\)$/m);
    expect(stdout).toContain('left out: none');
  }, 60_000);

  it('exits 2 with a message naming the file, row and what to do on bad data', async () => {
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'customer_id,date,amount\n');
    const h = await run(['profile', '--data', header]);
    expect(h.code).toBe(2);
    expect(h.stdout).toBe('');
    expect(h.stderr).toMatch(/^segmint profile: header\.csv: has a header \(customer_id, date, amount\) but no data rows\. Export the data again/);
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-02,2,9\n');
    // the reader leaves the ragged row out and says so; --strict refuses it, naming the row
    const r = await run(['profile', '--data', ragged]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rows: {5}1$/m);
    expect(r.stdout).toMatch(/^ {2}1 row left out: .*4 fields where the header has 3/m);
    expect(r.stdout).toMatch(/^ {4}ragged\.csv line 3 \(data row 2\): B,2024-01-02,2,9 \(left out\)$/m);
    const strict = await run(['profile', '--data', ragged, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^segmint profile: ragged\.csv, data row 2: .*4 fields where the header has 3/);
    const missing = await run(['profile', '--data', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot find '.*nope\.csv'/);
    const usage = await run(['profile']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--data is required/);
    const map = await run(['profile', '--data', header, '--map', 'price=UnitPrice']);
    expect(map.code).toBe(2);
    expect(map.stderr).toMatch(/--map takes ROLE=COLUMN or ROLE=EXPRESSION/);
  }, 60_000);
});
