// `segmint diff OLD.seg NEW.seg` end to end through the built command: the moves equal a join of
// the two `segmint segment` outputs on the same data; Markdown and JSON; Chinese rule files and
// output; `use` base files; exit 1 for errors in either file (named), 2 for bad usage or data.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '@segmint/engine/node';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'packages/cli/bin/segmint.js');
const orders = join(root, 'examples/retail/orders.csv');
const customersCsv = join(root, 'examples/retail/customers.csv');
const tiers = join(root, 'examples/retail/tiers.seg');
const DATA = ['--data', orders, '--customers', customersCsv];

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const NEW_TIERS = readFileSync(tiers, 'utf8').replace('when R <= 60 and F >= 8', 'when R <= 90 and F >= 6').replace('segment basic "Basic 基础客户" when R <= 90 or F < 3\n', 'segment dormant "Dormant 沉睡客户" when R > 270\nsegment basic "Basic 基础客户" when R <= 90 or F < 3\n');

interface DiffJson {
  old: string;
  new: string;
  asOf: string;
  customers: number;
  changed: number;
  segments: { segment: string; old: number; new: number }[];
  cells: { from: string; to: string; customers: number; M: number }[];
  moves: { from: string; to: string; customers: number; text: string }[];
}

describe('segmint diff', { timeout: 60_000 }, () => {
  let tmp: string;
  let newTiers: string;
  const file = (name: string, text: string) => {
    const p = join(tmp, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'segmint-diff-test-'));
    newTiers = file('tiers-new.seg', NEW_TIERS);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the moves equal a join of the two `segmint segment` outputs', async () => {
    const [a, b, d] = await Promise.all([
      run(['segment', '--rules', tiers, ...DATA, '--out', join(tmp, 'old.csv'), '--quiet']),
      run(['segment', '--rules', newTiers, ...DATA, '--out', join(tmp, 'new.csv'), '--quiet']),
      run(['diff', tiers, newTiers, ...DATA, '--format', 'json', '--flows', '20'])
    ]);
    expect([a.code, b.code, d.code]).toEqual([0, 0, 0]);
    const j = JSON.parse(d.stdout) as DiffJson;
    const db = await NativeBackend.create();
    try {
      const rows = await db.query(
        `SELECT coalesce(o.segment, '(unassigned)') AS f, coalesce(n.segment, '(unassigned)') AS t, count(*)::INTEGER AS c, sum(CAST(n.M AS DOUBLE)) AS m
         FROM read_csv($1, all_varchar = true) o JOIN read_csv($2, all_varchar = true) n USING (customer) GROUP BY ALL`,
        [join(tmp, 'old.csv'), join(tmp, 'new.csv')]
      );
      expect(j.customers).toBe(rows.reduce((s, r) => s + Number(r.c), 0));
      expect(j.cells.length).toBe(rows.length);
      for (const r of rows) {
        const cell = j.cells.find((c) => c.from === r.f && c.to === r.t)!;
        expect(cell.customers).toBe(Number(r.c));
        expect(cell.M).toBeCloseTo(Number(r.m), 4);
      }
      expect(j.changed).toBe(rows.filter((r) => r.f !== r.t).reduce((s, r) => s + Number(r.c), 0));
    } finally {
      await db.close();
    }
    expect(j.old).toBe(tiers);
    expect(j.asOf).toBe('2024-12-31');
    expect(j.moves[0]!.text).toMatch(/customers would move from .+ to .+ \(M [\d,]+\)/);
    expect(j.segments.map((s) => s.segment)).toEqual(['platinum', 'gold', 'dormant', 'basic', 'churn_risk', '(unassigned)']);
  });

  it('Markdown: both files in the title, the changed total, the moves, the matrix; --out', async () => {
    const out = join(tmp, 'diff.md');
    const r = await run(['diff', tiers, newTiers, ...DATA, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\d[\d,]* of 2,000 customers \(\d+\.\d%\) would change segment \(as of 2024-12-31\)/);
    const md = readFileSync(out, 'utf8');
    expect(md.split('\n')[0]).toBe(`# Rule change: ${tiers} → ${newTiers}`);
    expect(md).toMatch(/Of 2,000 customers \(as of 2024-12-31\), [\d,]+ \([\d.]+%\) would change segment\./);
    expect(md).toMatch(/- [\d,]+ customers would move from Basic 基础客户 to Gold 黄金客户 \(M [\d,]+\)/);
    expect(md).toContain('| old \\ new | Platinum 铂金客户 | Gold 黄金客户 | Dormant 沉睡客户 | Basic 基础客户 | Churn risk 流失风险客户 | total |');
  });

  it('the same file twice: nobody moves', async () => {
    const r = await run(['diff', tiers, tiers, ...DATA, '--quiet']);
    expect(r.code).toBe(0);
    // --quiet: warnings only (the example has customers with refunds only)
    expect(r.stderr).not.toContain('would change');
    expect(r.stdout).toContain('No customer would change segment.');
  });

  it('Chinese rule files, Chinese output, --as-of', async () => {
    const a = file('中文/旧规则.seg', 'segment 活跃 "活跃客户" when R <= 90\nsegment 其他 "其他客户" otherwise\n');
    const b = file('中文/新规则.seg', 'segment 活跃 "活跃客户" when R <= 120\nsegment 其他 "其他客户" otherwise\n');
    const r = await run(['diff', a, b, ...DATA, '--lang', 'zh', '--as-of', '2024-06-30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# 规则变更的影响');
    expect(r.stdout).toContain('旧规则.seg → ');
    expect(r.stdout).toMatch(/位客户将从「其他客户」移到「活跃客户」（金额 [\d,]+）/);
    expect(r.stdout).toContain('（截至 2024-06-30）');
    expect(r.stderr).toContain('位客户（截至 2024-06-30）中');
  });

  it('rule files with `use` base files (resolved beside each file)', async () => {
    file('team/common.seg', 'define active = R <= 90\ndefine big = M >= 2000\n');
    const a = file('team/old.seg', 'use "common.seg"\nsegment vip "VIP" when active and big\nsegment rest otherwise\n');
    const b = file('team/v2/new.seg', 'use "../common.seg"\nsegment vip "VIP" when active and big and F >= 5\nsegment rest otherwise\n');
    const r = await run(['diff', a, b, ...DATA, '--format', 'json', '--quiet']);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as DiffJson;
    expect(j.moves.map((m) => [m.from, m.to])).toEqual([['vip', 'rest']]);
  });

  it('exit 1 when either file has errors, diagnostics named by file', async () => {
    const bad = file('bad.seg', 'segment a when R <= \nsegment b otherwise\n');
    for (const args of [
      [bad, tiers],
      [tiers, bad]
    ]) {
      const r = await run(['diff', ...args, ...DATA]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: error: `));
    }
    // an unknown field shows only against the data
    const unknown = file('unknown.seg', 'segment a when nosuchfield > 1\nsegment b otherwise\n');
    const r = await run(['diff', tiers, unknown, ...DATA]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${unknown}:1:`);
    // a missing base file
    const missing = file('missing.seg', 'use "nowhere.seg"\nsegment a when R < 1\n');
    expect((await run(['diff', missing, tiers, ...DATA])).code).toBe(1);
  });

  it('exit 2 for bad usage or data', async () => {
    const cases: [string[], RegExp][] = [
      [['diff', tiers, newTiers], /--data is required/],
      [['diff', tiers, ...DATA], /missing OLD\.seg and NEW\.seg/],
      [['diff', tiers, newTiers, ...DATA, '--format', 'html'], /--format must be md or json/],
      [['diff', tiers, newTiers, ...DATA, '--flows', 'x'], /--flows takes a whole number/],
      [['diff', tiers, newTiers, ...DATA, '--as-of', '2024-02-30'], /--as-of must be a calendar date/],
      [['diff', join(tmp, 'nope.seg'), newTiers, ...DATA], /cannot read .*nope\.seg.*no such file/],
      [['diff', tiers, newTiers, '--data', join(tmp, 'nope.csv')], /nope\.csv' does not exist/],
      [['diff', tiers, newTiers, ...DATA, '--bogus'], /Unknown option '--bogus'/]
    ];
    for (const [args, re] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });

  it('--help and the command list', async () => {
    const h = await run(['diff', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('usage: segmint diff OLD.seg NEW.seg --data FILE...');
    const all = await run(['--help']);
    expect(all.stdout).toContain('segmint diff OLD.seg NEW.seg');
  });
});
