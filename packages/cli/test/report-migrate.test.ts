// `segmint report` and `segmint migrate` end to end on examples/retail, through the built
// command (bin/segmint.js); numbers checked against DuckDB reading the same file directly.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import type { Migration, SegmentReport } from '@segmint/strategy';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');
const orders = join(root, 'examples/retail/orders.csv');
const customersCsv = join(root, 'examples/retail/customers.csv');
const tiers = join(root, 'examples/retail/tiers.seg');
const playbooks = join(root, 'examples/retail/playbooks.yaml');
const DATA = ['--data', orders, '--customers', customersCsv];

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

describe('segmint report / migrate', { timeout: 60_000 }, () => {
  let tmp: string;
  let db: NativeBackend;
  let expected: { customers: number; M: number; customersH1: number };
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'segmint-report-test-'));
    db = await NativeBackend.create();
    const [r] = await db.query(
      `SELECT (SELECT count(*) FROM (SELECT customer_id FROM read_csv($1) UNION SELECT customer_id FROM read_csv($2))) AS n,
              (SELECT sum(amount) FROM read_csv($1)) AS m,
              (SELECT count(*) FROM (SELECT customer_id FROM read_csv($1) WHERE CAST(order_date AS DATE) <= DATE '2024-06-30' UNION SELECT customer_id FROM read_csv($2))) AS h1`,
      [orders, customersCsv]
    );
    expected = { customers: Number(r!.n), M: Number(r!.m), customersH1: Number(r!.h1) };
  });
  afterAll(async () => {
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('writes a Markdown report with every segment, its playbook and the Pareto line', async () => {
    const r = await run(['report', '--rules', tiers, '--playbooks', playbooks, ...DATA]);
    expect(r.stderr).toContain('customers: 2,000 as of 2024-12-31');
    expect(r.code).toBe(0);
    for (const label of ['Platinum 铂金客户', 'Gold 黄金客户', 'Churn risk 流失风险客户', 'Basic 基础客户']) expect(r.stdout).toContain(`| ${label} |`);
    expect(r.stdout).toMatch(/\*\*The top 20% of customers bring \d+\.\d% of M\.\*\*/);
    expect(r.stdout).toContain('Key account team (Li Na)');
  });

  it('JSON numbers match DuckDB on the raw file; HTML and CSV are written to --out', async () => {
    const json = await run(['report', '--rules', tiers, '--playbooks', playbooks, ...DATA, '--format', 'json']);
    expect(json.code).toBe(0);
    const rep = JSON.parse(json.stdout) as SegmentReport;
    expect(rep.customers).toBe(expected.customers);
    expect(rep.M).toBeCloseTo(expected.M, 4);
    expect(rep.segments.reduce((a, s) => a + s.customers, 0)).toBe(expected.customers);
    expect(rep.unassigned).toBeNull();
    expect(rep.segments.map((s) => s.playbook?.owner)).toEqual(['Key account team (Li Na)', 'Sales team 2', 'Marketing automation', 'Win-back team']);
    const html = join(tmp, 'r.html');
    const h = await run(['report', '--rules', tiers, '--playbooks', playbooks, ...DATA, '--out', html, '--lang', 'zh']);
    expect(h.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(page).toContain('客户细分报告');
    const csv = join(tmp, 'r.csv');
    expect((await run(['report', '--rules', tiers, ...DATA, '--out', csv])).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^platinum,Platinum 铂金客户,\d+,/);
  });

  it('exports a per-segment CRM list with personal columns masked or left out', async () => {
    const list = join(tmp, 'platinum.csv');
    const r = await run(['report', '--rules', tiers, ...DATA, '--out', join(tmp, 'x.md'), '--export', list, '--segment', 'platinum', '--columns', 'name,city,M']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/personal columns name: masked/);
    const rows = readFileSync(list, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('customer,name,city,M');
    expect(rows.slice(1).every((l) => /^C\d{5},[^,]\*{2,4},/.test(l))).toBe(true);
    const omit = await run(['report', '--rules', tiers, ...DATA, '--out', join(tmp, 'x.md'), '--export', list, '--columns', 'segment,name,M', '--personal', 'omit']);
    expect(omit.code).toBe(0);
    const all = readFileSync(list, 'utf8').trim().split('\n');
    expect(all[0]).toBe('customer,segment,M');
    expect(all).toHaveLength(expected.customers + 1);
    const dir = join(tmp, 'lists');
    const perSegment = await run(['report', '--rules', tiers, ...DATA, '--out', join(tmp, 'x.md'), '--export-dir', dir, '--columns', 'name,M']);
    expect(perSegment.code).toBe(0);
    const sizes = ['platinum', 'gold', 'churn_risk', 'basic'].map((id) => readFileSync(join(dir, `${id}.csv`), 'utf8').trim().split('\n').length - 1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(expected.customers);
    const bad = await run(['report', '--rules', tiers, ...DATA, '--export', list, '--segment', 'platinumm']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--segment 'platinumm' is not a segment");
  });

  it('reports playbook errors with file:line:column (exit 1) and unknown segments as warnings', async () => {
    const broken = join(tmp, 'broken.yaml');
    writeFileSync(broken, 'playbooks:\n  platinum:\n    goal: ok\n    kpis:\n      - { name: A, metric: retension }\n');
    const r = await run(['report', '--rules', tiers, '--playbooks', broken, ...DATA]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${broken}:5:28: error: unknown KPI metric 'retension' in 'platinum'`);
    expect(r.stderr).toContain("did you mean 'retention'?");
    const extra = join(tmp, 'extra.yaml');
    writeFileSync(extra, 'playbooks:\n  platinum:\n    goal: ok\n  silver:\n    goal: nobody\n');
    const w = await run(['report', '--rules', tiers, '--playbooks', extra, ...DATA]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain(`${extra}:4:3: warning: playbook for 'silver', which is not a segment of the rules`);
    expect(w.stderr).toContain("warning: segment 'gold' has no playbook");
  });

  it('uses the ready-made libraries with --library and rejects bad usage with exit 2', async () => {
    const r = await run(['report', '--library', 'rfm', '--lang', 'zh', ...DATA]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('冠军客户');
    expect((await run(['report', '--rules', tiers, ...DATA, '--format', 'pdf'])).code).toBe(2);
    expect((await run(['report', '--library', 'nope', ...DATA])).code).toBe(2);
    expect((await run(['report', '--rules', tiers])).code).toBe(2);
    const badRules = join(tmp, 'bad.seg');
    writeFileSync(badRules, 'segment a when R <<< 3\n');
    expect((await run(['report', '--rules', badRules, ...DATA])).code).toBe(1);
  });

  it('migrate: two as-of dates; matrix rows and columns sum to each run', async () => {
    const r = await run(['migrate', '--rules', tiers, ...DATA, '--from', '2024-06-30', '--to', '2024-12-31', '--format', 'json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as Migration;
    expect(m.beforeCustomers).toBe(expected.customersH1);
    expect(m.afterCustomers).toBe(expected.customers);
    const rowSum = m.cells.filter((c) => c.from !== '(new)').reduce((a, c) => a + c.customers, 0);
    const colSum = m.cells.filter((c) => c.to !== '(gone)').reduce((a, c) => a + c.customers, 0);
    expect(rowSum).toBe(m.beforeCustomers);
    expect(colSum).toBe(m.afterCustomers);
    expect(m.retention.map((x) => x.segment)).toEqual(['platinum', 'gold', 'basic', 'churn_risk']);
    const md = await run(['migrate', '--rules', tiers, '--playbooks', playbooks, ...DATA, '--from', '2024-06-30', '--to', '2024-12-31']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^\| Platinum 铂金客户 \| [\d,]+ \|.* \| Retention \(stay platinum\) &gt;= 95% [✓✗] (not )?met \|$/m);
    expect(md.stdout).toMatch(/^- \d+ .+ (became|arrived in) .+, worth .+ of (last|this) period’s M$/m);
    const csv = await run(['migrate', '--rules', tiers, ...DATA, '--from', '2024-06-30', '--to', '2024-12-31', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('from,to,customers,M_before,M_after');
    const html = join(tmp, 'm.html');
    expect((await run(['migrate', '--rules', tiers, ...DATA, '--from', '2024-06-30', '--to', '2024-12-31', '--out', html, '--lang', 'zh'])).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>\n<html lang="zh-CN">[\s\S]*客户迁移回顾/);
  });

  it('migrate: two data files; customers only in one of them are new or gone', async () => {
    const text = readFileSync(orders, 'utf8').trim().split('\n');
    const [head, ...rows] = text;
    const h1 = rows.filter((l) => l.split(',')[2]! <= '2024-06-30 99');
    const h2 = rows.filter((l) => l.split(',')[2]! > '2024-06-30 99');
    const a = join(tmp, 'h1.csv');
    const b = join(tmp, 'h2.csv');
    writeFileSync(a, [head, ...h1].join('\n') + '\n');
    writeFileSync(b, [head, ...h2].join('\n') + '\n');
    const [x] = await db.query(
      `SELECT (SELECT count(DISTINCT customer_id) FROM read_csv($1)) AS a, (SELECT count(DISTINCT customer_id) FROM read_csv($2)) AS b,
              (SELECT count(*) FROM (SELECT DISTINCT customer_id FROM read_csv($1) EXCEPT SELECT DISTINCT customer_id FROM read_csv($2))) AS gone`,
      [a, b]
    );
    const r = await run(['migrate', '--rules', tiers, '--before', a, '--after', b, '--format', 'json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout) as Migration;
    expect(m.beforeCustomers).toBe(Number(x!.a));
    expect(m.afterCustomers).toBe(Number(x!.b));
    expect(m.cells.filter((c) => c.to === '(gone)').reduce((s, c) => s + c.customers, 0)).toBe(Number(x!.gone));
  });

  it('migrate: usage errors exit 2', async () => {
    expect((await run(['migrate', '--rules', tiers, ...DATA, '--from', '2024-12-31', '--to', '2024-06-30'])).code).toBe(2);
    expect((await run(['migrate', '--rules', tiers, ...DATA, '--from', '2024-06-31', '--to', '2024-12-31'])).code).toBe(2);
    expect((await run(['migrate', '--rules', tiers, ...DATA])).code).toBe(2);
    expect((await run(['migrate', '--rules', tiers, '--before', orders])).code).toBe(2);
  });
});
