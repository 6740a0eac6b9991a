// The data-loading commands and values that cannot be trusted: implausible dates (left out, or
// kept with --keep-implausible-dates), an --as-of outside the data, --strict naming the first bad
// value, the summary and hint when no row can be used, --quiet, --help, and the progress line.
// Through the built command (bin/segmint.js), as a user runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressLine } from '../src/data.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');
const orders = join(root, 'examples/retail/orders.csv');
const tiers = join(root, 'examples/retail/tiers.seg');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

let tmp: string;
let rules: string;
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'segmint-values-'));
  rules = file('all.seg', 'segment buyers "Buyers" when F >= 1\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** customer,R of the CSV on stdout */
function rOf(stdout: string): Record<string, string> {
  const [head, ...rows] = stdout.trim().split('\n');
  const cols = head!.split(',');
  const c = cols.indexOf('customer');
  const r = cols.indexOf('R');
  return Object.fromEntries(rows.map((l) => l.split(',')).map((x) => [x[c]!, x[r]!]));
}

describe('implausible dates', { timeout: 60_000 }, () => {
  const text = 'customer_id,order_date,amount\nC1,9999-12-31,5\nC1,2024-01-01,10\nC2,0001-01-01,5\nC2,2024-02-01,7\nC3,2024-03-01,3\nC2,2999-01-01,5\n';

  it('are left out and counted (first, middle and last row); the as-of and R stay those of the real dates', async () => {
    const res = await run(['segment', '--rules', rules, '--data', file('placeholders.csv', text)]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(
      `3 rows left out: date before 1900-01-01 or after ${today()}, the day of loading (column 'order_date') (e.g. placeholders.csv data row 1 '9999-12-31'; placeholders.csv data row 3 '0001-01-01'; placeholders.csv data row 6 '2999-01-01')`
    );
    expect(res.stderr).toContain('customers: 3 as of 2024-03-01');
    expect(rOf(res.stdout)).toEqual({ C1: '60', C2: '29', C3: '0' });
  });

  it('are kept with --keep-implausible-dates, with a warning: the latest sets the as-of', async () => {
    const res = await run(['segment', '--rules', rules, '--data', file('kept.csv', text), '--keep-implausible-dates']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/left out/);
    expect(res.stderr).toMatch(/warning: kept\.csv, column 'order_date': 3 rows dated before 1900-01-01 or after \d{4}-\d\d-\d\d were kept as asked \(from 0001-01-01 to 9999-12-31\)/);
    expect(res.stderr).toContain('as of 9999-12-31');
  });

  it('--strict stops at the first, naming file, data row, column and value (exit 2)', async () => {
    const res = await run(['segment', '--rules', rules, '--data', file('strict.csv', text), '--strict']);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^cannot load the transactions:\nerror: strict\.csv, data row 1, column 'order_date': the date '9999-12-31' is before 1900-01-01 or after \d{4}-\d\d-\d\d, the day of loading; in strict mode this stops the load \(3 rows in all\)\. .*--keep-implausible-dates/);
  });
});

describe('--as-of outside the dates of the data', { timeout: 60_000 }, () => {
  it('is a warning on stderr, the segmentation runs (also from the rule file, and in check)', async () => {
    const res = await run(['segment', '--rules', tiers, '--data', orders, '--as-of', '2030-01-01']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/warning: the as-of date 2030-01-01 is outside the dates of the transactions \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)\. R and T count the days/);
    const seg = file('asof.seg', 'as of 2001-01-01\nsegment buyers "Buyers" when F >= 1\n');
    const check = await run(['check', seg, '--data', orders]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/warning: the as-of date 2001-01-01 is outside the dates of the transactions/);
    const inside = await run(['segment', '--rules', tiers, '--data', orders, '--as-of', '2024-06-30']);
    expect(inside.stderr).not.toMatch(/outside the dates/);
  });

  it('migrate warns for each date outside, once', async () => {
    const res = await run(['migrate', '--rules', tiers, '--data', orders, '--from', '2001-01-01', '--to', '2024-06-30']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr.match(/as-of date 2001-01-01 is outside/g)).toHaveLength(1);
    expect(res.stderr).not.toMatch(/2024-06-30 is outside/);
  });
});

describe('--strict', { timeout: 60_000 }, () => {
  it('an unreadable amount or date stops segment, report, migrate, check and profile, naming the row', async () => {
    const bad = file('bad.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-01-02,12abc\nC,yesterday,3\n');
    const results = await Promise.all([
      run(['segment', '--rules', rules, '--data', bad, '--strict']),
      run(['report', '--rules', rules, '--data', bad, '--strict']),
      run(['migrate', '--rules', rules, '--data', bad, '--from', '2024-01-01', '--to', '2024-01-02', '--strict']),
      run(['check', rules, '--data', bad, '--strict']),
      run(['profile', '--data', bad, '--strict'])
    ]);
    for (const r of results) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/bad\.csv, data row 2, column 'amount': the amount '12abc' cannot be read as a number; in strict mode this stops the load \(1 rows? in all\)\. Correct the value in the file/);
    }
    // without --strict the same file loads, the rows left out and counted
    const lenient = await run(['segment', '--rules', rules, '--data', bad]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/1 row left out: amount that cannot be read as a number/);
    expect(lenient.stderr).toMatch(/1 row left out: date that cannot be read/);
  });

  it('rows without a customer id are no error in strict mode: counted and reported', async () => {
    const res = await run(['segment', '--rules', rules, '--data', file('guests.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\n,2024-01-02,2\n'), '--strict']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain("1 row left out: no customer id (column 'customer_id' empty)");
  });
});

describe('no row could be used', { timeout: 60_000 }, () => {
  it('segment says how many rows were left out for what, and what to do (exit 2)', async () => {
    const res = await run(['segment', '--rules', rules, '--data', file('guests-only.csv', 'customer_id,buyer_ref,order_date,amount\n,K1,2024-01-01,1\n,K2,2024-01-02,2\n,K3,2024-01-03,3\n')]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('cannot load the transactions: guests-only.csv: no row could be used, all 3 were left out');
    expect(lines[1]).toBe("  3 rows left out: no customer id (column 'customer_id' empty); e.g. guests-only.csv data row 1 '(empty)'");
    expect(res.stderr).toMatch(/what to do: .*If the customer ids are in another column, map it: --map customer=COLUMN/);
    expect(res.stderr).toMatch(/what to do: .*the file's columns are: 'customer_id', 'buyer_ref', 'order_date', 'amount'/);
  });

  it('every date unreadable: the hint names --map date=COLUMN and --day-first/--month-first', async () => {
    const res = await run(['segment', '--rules', rules, '--data', file('nodates.csv', 'customer_id,order_date,amount\nA,soon,1\nB,,2\n')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("  1 row left out: no date (column 'order_date' empty); e.g. nodates.csv data row 2 '(empty)'");
    expect(res.stderr).toContain("  1 row left out: date that cannot be read (column 'order_date'); e.g. nodates.csv data row 1 'soon'");
    expect(res.stderr).toMatch(/what to do: .*--map date=COLUMN; for DD\/MM or MM\/DD: --day-first or --month-first/);
  });
});

describe('--quiet', { timeout: 60_000 }, () => {
  it('leaves out the informational lines, keeps the rows left out and the warnings, and the same output', async () => {
    const data = file('quiet.csv', 'customer_id,order_date,amount\nA,2024-01-01,1\n,2024-01-02,2\nB,2024-01-03,3\n');
    const [loud, quiet] = await Promise.all([run(['segment', '--rules', rules, '--data', data]), run(['segment', '--rules', rules, '--data', data, '--quiet', '--as-of', '2030-01-01'])]);
    expect(loud.code).toBe(0);
    expect(quiet.code).toBe(0);
    expect(loud.stderr).toMatch(/roles: customer = customer_id/);
    expect(loud.stderr).toMatch(/customers: 2 as of 2024-01-03/);
    expect(loud.stderr).toMatch(/^buyers/m);
    expect(quiet.stderr.trimEnd().split('\n')).toEqual([
      "  1 row left out: no customer id (column 'customer_id' empty) (e.g. quiet.csv data row 2 '(empty)')",
      expect.stringMatching(/^ {2}warning: the as-of date 2030-01-01 is outside the dates of the transactions \(2024-01-01 to 2024-01-03\)/) as unknown as string
    ]);
    expect(rOf(quiet.stdout)).toEqual({ A: '2192', B: '2190' });
    const check = await run(['check', rules, '--data', data, '--quiet']);
    expect(check.code).toBe(0);
    expect(check.stderr).toBe("  1 row left out: no customer id (column 'customer_id' empty) (e.g. quiet.csv data row 2 '(empty)')\n");
  });
});

describe('--help', () => {
  it('prints the usage with the load flags and what they mean (exit 0)', async () => {
    for (const command of ['segment', 'profile', 'report', 'migrate', 'check', 'sql', 'diff']) {
      const res = await run([command, '--help']);
      expect(res.code, command).toBe(0);
      expect(res.stdout, command).toMatch(new RegExp(`^usage: segmint ${command} .*\\[--strict\\] \\[--keep-implausible-dates\\] \\[--quiet\\]`));
      expect(res.stdout, command).toMatch(/--keep-implausible-dates {2}keep rows dated before 1900-01-01 or after today/);
    }
  });
});

describe('the progress line', () => {
  /** A fake terminal (or pipe) and clock. */
  function term(isTTY: boolean) {
    const writes: string[] = [];
    let now = 1_000_000;
    return {
      out: { isTTY, columns: 60, write: (t: string) => writes.push(t) },
      writes,
      clock: { now: () => now },
      advance: (ms: number) => {
        now += ms;
      }
    };
  }

  it('on a terminal: nothing during the first second, then files, size, rows and time on one line rewritten in place, cleared at the end', () => {
    const t = term(true);
    const p = new ProgressLine(t.out, { enabled: true, intervalMs: 1e9, now: t.clock.now });
    p.start('transactions');
    p.update({ files: 3, filesDone: 0, bytes: 3 * 1024 ** 2, bytesDone: 0 });
    t.advance(900);
    p.update({ files: 3, filesDone: 1, bytes: 3 * 1024 ** 2, bytesDone: 1024 ** 2 });
    expect(t.writes).toEqual([]);
    t.advance(400);
    p.update({ files: 3, filesDone: 2, bytes: 3 * 1024 ** 2, bytesDone: 2 * 1024 ** 2, rows: 1_234_567 });
    expect(t.writes).toEqual(['\r' + 'loading the transactions, 2/3 files, 2.0 MB/3.0 MB, 1,234,567 rows, 1.3 s'.slice(0, 59) + '\x1b[K']);
    p.stop();
    expect(t.writes[t.writes.length - 1]).toBe('\r\x1b[K');
    expect(t.writes.every((w) => !w.includes('\n'))).toBe(true);
  });

  it('writes nothing when stderr is not a terminal, when --quiet, or for a load under a second', () => {
    for (const [isTTY, enabled, ms] of [
      [false, true, 5000],
      [true, false, 5000],
      [true, true, 500]
    ] as const) {
      const t = term(isTTY);
      const p = new ProgressLine(t.out, { enabled, intervalMs: 1e9, now: t.clock.now });
      p.start('transactions');
      t.advance(ms);
      p.update({ files: 1, filesDone: 1, bytes: 10, bytesDone: 10, rows: 5 });
      p.stop();
      expect(t.writes).toEqual([]);
    }
  });
});
