// The segment report on a hand-made customer relation (created with SQL), checked number by
// number; its renderings with hostile labels and playbook text; the CRM customer list export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';
import { segmentSummary } from '@segmint/engine';
import { computeReport, reportFromRun, type SegmentReport } from '../src/report.js';
import { reportToCsv, reportToHtml, reportToJson, reportToMarkdown } from '../src/render-report.js';
import { parsePlaybooks } from '../src/playbooks.js';
import { exportCustomers, maskValue, personalKind } from '../src/export.js';

const EVIL = `<script>alert("x")</script>'"&`;

// 10 customers: M = 100, 50, 30, 20, 0 ... ; one refund-only customer (F 0, R NULL, M -5)
const ROWS: [string, number | null, number, number, string | null, string, string][] = [
  ['C01', 2, 10, 1000, 'gold', 'Ann Lee', 'ann@example.com'],
  ['C02', 5, 8, 500, 'gold', 'Bo Chen', 'bo@example.com'],
  ['C03', 40, 3, 300, 'silver', '王小明', 'w@example.cn'],
  ['C04', 60, 1, 100, 'silver', 'Dee', 'dee@x.org'],
  ['C05', 90, 2, 50, null, 'Eve', 'eve@x.org'],
  ['C06', 120, 1, 25, null, 'Fay', 'fay@x.org'],
  ['C07', 200, 1, 15, 'lost', 'Gus', '=cmd|calc'],
  ['C08', 300, 1, 10, 'lost', 'Hal', 'hal@x.org'],
  ['C09', 365, 1, 5, 'lost', 'Ivy', 'ivy@x.org'],
  ['C10', null, 0, -5, 'lost', 'Jo', 'jo@x.org']
];

const PLAYBOOKS = `playbooks:
  gold:
    goal: "${EVIL.replace(/"/g, '\\"')}"
    owner: Key accounts
    measures: [Call monthly, "<b>bold</b> offer"]
    kpis:
      - { name: Share of M, target: ">= 80%", metric: share_of_m }
      - { name: Repurchase, target: ">= 100%", metric: repurchase_rate }
      - { name: AOV, target: "+5%", metric: aov }
      - { name: Retention, target: ">= 90%", metric: retention }
  silver:
    goal: Grow
`;

describe('segment report', () => {
  let db: NativeBackend;
  let report: SegmentReport;
  beforeAll(async () => {
    db = await NativeBackend.create({ threads: 2 });
    await db.exec('CREATE TABLE customers (customer VARCHAR, R INTEGER, F INTEGER, M DOUBLE, name VARCHAR, email VARCHAR, "手机" VARCHAR, city VARCHAR)');
    await db.exec('CREATE TABLE seg (customer VARCHAR, segment VARCHAR)');
    for (const [c, r, f, m, s, name, email] of ROWS) {
      await db.exec('INSERT INTO customers VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [c, r, f, m, name, email, `138001380${c.slice(1)}`, 'Chengdu']);
      await db.exec('INSERT INTO seg VALUES ($1, $2)', [c, s]);
    }
    const pb = parsePlaybooks(PLAYBOOKS);
    expect(pb.diagnostics).toEqual([]);
    report = await computeReport(db, {
      table: 'seg',
      segments: [
        { id: 'gold', label: `Gold ${EVIL}` },
        { id: 'silver', label: null },
        { id: 'empty', label: 'Nobody' },
        { id: 'lost', label: 'Lost' }
      ],
      playbooks: pb.file!.playbooks,
      asOf: '2024-06-30',
      title: `Report ${EVIL}`
    });
  });
  afterAll(async () => db.close());

  it('computes customers, shares, M and statistics per segment in file order, then unassigned', () => {
    expect(report.customers).toBe(10);
    expect(report.M).toBe(2000);
    expect(report.segments.map((s) => [s.segment, s.customers, s.M])).toEqual([
      ['gold', 2, 1500],
      ['silver', 2, 400],
      ['empty', 0, 0],
      ['lost', 4, 25]
    ]);
    const [gold, silver, empty, lost] = report.segments;
    expect(gold!.share).toBeCloseTo(0.2, 12);
    expect(gold!.shareM).toBeCloseTo(1500 / 2000, 12);
    expect(gold!.R).toEqual({ mean: 3.5, median: 3.5, min: 2, max: 5 });
    expect(gold!.F).toEqual({ mean: 9, median: 9, min: 8, max: 10 });
    expect(gold!.Mstat).toEqual({ mean: 750, median: 750, min: 500, max: 1000 });
    expect(gold!.aov).toBeCloseTo(1500 / 18, 12);
    expect(gold!.mPerCustomer).toBe(750);
    expect(gold!.repurchaseRate).toBe(1);
    expect(silver!.repurchaseRate).toBe(0.5);
    expect(empty).toMatchObject({ customers: 0, M: 0, share: 0, aov: null, mPerCustomer: null, repurchaseRate: null, playbook: null });
    // lost: R 200, 300, 365, NULL -> mean of the three known
    expect(lost!.R.mean).toBeCloseTo(865 / 3, 12);
    expect(lost!.R.median).toBe(300);
    expect(lost!.Mstat.min).toBe(-5);
    expect(lost!.aov).toBeCloseTo(25 / 3, 12);
    expect(report.unassigned).toMatchObject({ segment: null, customers: 2, M: 75 });
    expect(report.unassigned!.share + report.segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
  });

  it('evaluates KPIs the engine can compute and leaves the others to people', () => {
    const kpis = report.segments[0]!.kpis;
    expect(kpis.map((k) => [k.name, k.value === null ? null : Number(k.value.toFixed(6)), k.met])).toEqual([
      ['Share of M', Number((1500 / 2000).toFixed(6)), false],
      ['Repurchase', 1, true],
      ['AOV', Number((1500 / 18).toFixed(6)), null],
      ['Retention', null, null]
    ]);
  });

  it('computes the Pareto line over all customers', () => {
    // top 20% = 2 customers: 1000 + 500 of 2000
    expect(report.pareto.topShare).toBe(0.2);
    expect(report.pareto.topMShare).toBeCloseTo(1500 / 2000, 12);
    // 80% of 2000 = 1600: top 2 bring 1500, top 3 bring 1800
    expect(report.pareto.customersFor80).toBeCloseTo(0.3, 12);
    expect(report.pareto.curve[0]).toEqual({ customers: 0, m: 0 });
    expect(report.pareto.curve.at(-1)).toEqual({ customers: 1, m: 1 });
    expect(report.pareto.curve).toHaveLength(101);
    const c = report.pareto.curve;
    for (let i = 1; i < c.length; i++) expect(c[i]!.customers).toBeGreaterThan(c[i - 1]!.customers);
  });

  it('renders Markdown, HTML, CSV and JSON without letting user text through unescaped', () => {
    const html = reportToHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&amp;');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
    const md = reportToMarkdown(report);
    expect(md).not.toContain('<script>');
    expect(md).toContain('The top 20% of customers bring 75.0% of M.');
    const csv = reportToCsv(report).trim().split('\n');
    expect(csv).toHaveLength(6);
    expect(csv[0]).toMatch(/^segment,label,customers,share,M,share_M,R_mean/);
    expect(csv[1]).toMatch(/^gold,"Gold <script>alert\(""x""\)<\/script>'""&",2,0\.2,1500,0\.75,/);
    expect(csv[5]).toMatch(/^,,2,0\.2,75,/);
    const json = JSON.parse(reportToJson(report)) as SegmentReport;
    expect(json.segments[0]!.label).toBe(`Gold ${EVIL}`);
    const zh = reportToHtml({ ...report, lang: 'zh' });
    expect(zh).toMatch(/<html lang="zh-CN">/);
    expect(zh).toContain('前 20% 的客户贡献了 75.0% 的金额。');
  });

  it('exports a CRM list per segment with personal columns masked, left out or kept', async () => {
    expect(personalKind('name')).toBe('name');
    expect(personalKind('customerName')).toBe('name');
    expect(personalKind('E-Mail')).toBe('email');
    expect(personalKind('mobile_no')).toBe('phone');
    expect(personalKind('手机')).toBe('phone');
    expect(personalKind('客户姓名')).toBe('name');
    expect(personalKind('邮箱地址')).toBe('email');
    expect(personalKind('city')).toBeNull();
    expect(personalKind('industry')).toBeNull();
    expect(personalKind('M')).toBeNull();
    expect(maskValue('ann@example.com', 'email')).toBe('a***@example.com');
    expect(maskValue('13800138001', 'phone')).toBe('*******8001');
    expect(maskValue('王小明', 'name')).toBe('王**');

    const masked = await exportCustomers(db, { table: 'seg', segment: 'gold', columns: ['segment', 'M', 'name', 'email', '手机', 'city'] });
    expect(masked.personal.map((p) => p.column)).toEqual(['name', 'email', '手机']);
    expect(masked.csv).toBe(
      'customer,segment,M,name,email,手机,city\nC01,gold,1000,A****,a***@example.com,*******8001,Chengdu\nC02,gold,500,B****,b***@example.com,*******8002,Chengdu\n'
    );
    const omitted = await exportCustomers(db, { table: 'seg', segment: 'lost', columns: ['M', 'name', 'email'], personal: 'omit' });
    expect(omitted.csv).toBe('customer,M\nC07,15\nC08,10\nC09,5\nC10,-5\n');
    const kept = await exportCustomers(db, { table: 'seg', segment: 'lost', columns: ['email'], personal: 'keep' });
    expect(kept.csv.split('\n')[1]).toBe(`C07,"'=cmd|calc"`.replace(/"/g, ''));
    const unassigned = await exportCustomers(db, { table: 'seg', segment: null, columns: ['R'] });
    expect(unassigned.csv).toBe('customer,R\nC05,90\nC06,120\n');
    await expect(exportCustomers(db, { table: 'seg', columns: ['nope'] })).rejects.toThrow(/unknown column 'nope'.*available: customer, segment, R/);
    const all = await exportCustomers(db, { table: 'seg' });
    expect(all.rows).toBe(10);
    expect(all.columns).toEqual(['customer', 'segment', 'R', 'F', 'M', 'name', 'email', '手机', 'city']);
  });

  it('reportFromRun: playbook text to report in one step, errors stop it, warnings become notes', async () => {
    const run = { table: 'seg', asOf: '2024-06-30', segments: [{ id: 'gold', label: 'Gold' }, { id: 'lost', label: null }] };
    const ok = await reportFromRun(db, run, { playbooks: 'lang: zh\nplaybooks:\n  gold:\n    goal: 提升\n  silver:\n    goal: x\n' });
    expect(ok.report!.lang).toBe('zh');
    expect(ok.report!.title).toBe('客户细分报告');
    expect(ok.report!.segments[0]!.playbook!.goal).toBe('提升');
    expect(ok.diagnostics.map((d) => d.code)).toEqual(['missing-playbook', 'unknown-segment']);
    expect(ok.report!.notes).toHaveLength(2);
    const bad = await reportFromRun(db, run, { playbooks: 'playbooks:\n  gold: {}\n' });
    expect(bad.report).toBeNull();
    expect(bad.diagnostics[0]!.code).toBe('no-goal');
    const none = await reportFromRun(db, run);
    // 'silver' is in the table but not announced: still shown, never hidden
    expect(none.report!.segments.map((s) => [s.segment, s.playbook])).toEqual([['gold', null], ['lost', null], ['silver', null]]);
    // a file already parsed (the CLI reports its parse diagnostics before loading data): only
    // the cross-check notes come back, and the report is the same
    const text = 'lang: zh\nplaybooks:\n  gold:\n    goal: 提升\n  silver:\n    goal: x\n';
    const pre = await reportFromRun(db, run, { playbooks: { text, file: parsePlaybooks(text).file! } });
    expect(pre.diagnostics.map((d) => d.code)).toEqual(['missing-playbook', 'unknown-segment']);
    expect(pre.report).toEqual(ok.report);
  });

  it('builds on the engine summary: a run that carries one is not summarised again', async () => {
    const segments = [{ id: 'gold', label: 'Gold' }, { id: 'lost', label: null }];
    const { summary } = await segmentSummary(db, 'seg', segments);
    const computed = await reportFromRun(db, { table: 'seg', asOf: '2024-06-30', segments });
    const given = await reportFromRun(db, { table: 'seg', asOf: '2024-06-30', segments, summary });
    expect(given.report).toEqual(computed.report);
    // the summary's numbers are taken as they are (a doctored one shows through)
    const doctored = summary.map((s) => (s.segment === 'gold' ? { ...s, repurchaseRate: 0.25, Fsum: 3 } : s));
    const seg = (await reportFromRun(db, { table: 'seg', asOf: '2024-06-30', segments, summary: doctored })).report!.segments[0]!;
    expect(seg.repurchaseRate).toBe(0.25);
    expect(seg.aov).toBe(1500 / 3);
    // the JSON report keeps its fields (the engine's sum of F is not repeated)
    expect(Object.keys(seg)).toEqual(['segment', 'label', 'customers', 'share', 'M', 'shareM', 'R', 'F', 'Mstat', 'repurchaseRate', 'aov', 'mPerCustomer', 'playbook', 'kpis']);
  });
});
