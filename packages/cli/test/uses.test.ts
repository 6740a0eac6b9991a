// `use "common.seg"` from the command line: real files in a temporary folder, resolved relative
// to the rule file (not the current folder); missing, cycle and clash exit 1 with both places.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(__dirname, '../bin/segmint.js');
const examples = resolve(__dirname, '../../../examples/retail');
const dir = mkdtempSync(join(tmpdir(), 'segmint-uses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: tmpdir() });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const COMMON = `# the retail team's shared definitions
define active = R <= 90
define high_value = M >= 2000
define frequent = F >= 5
`;
file('team/common.seg', COMMON);
const champions = file('team/champions.seg', 'use "common.seg"\n\nsegment champions "Champions" when active and high_value and frequent\nsegment others otherwise\n');
const winback = file('team/campaigns/winback.seg', 'use "../common.seg"\n\nsegment winback "Win back" when not active and high_value\n');

describe('segmint and use', () => {
  it('check: two rule files using one base file (one beside it, one in a subfolder)', () => {
    for (const p of [champions, winback]) {
      const r = run('check', p);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain('ok (');
      expect(r.out).toContain('3 defines from 1 base file');
    }
  });

  it('sql: the base defines are computed under the segments', () => {
    const r = run('sql', champions);
    expect(r.code).toBe(0);
    expect(r.out).toContain('AS "high_value"');
    expect(r.out).toContain(`WHEN (("active" AND "high_value") AND "frequent") THEN 'champions'`);
  });

  it('segment and report on the example data', () => {
    const out = join(dir, 'seg.csv');
    const r = run('segment', '--rules', winback, '--data', join(examples, 'orders.csv'), '--out', out, '--quiet');
    expect(r.err).not.toContain('error');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('winback');
    const rep = run('report', '--rules', champions, '--data', join(examples, 'orders.csv'), '--format', 'json');
    expect(rep.code).toBe(0);
    expect(JSON.parse(rep.out).segments.map((s: { segment: string }) => s.segment)).toContain('champions');
  });

  it('fmt keeps the use line', () => {
    const r = run('fmt', champions);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('use "common.seg"\n\nsegment champions')).toBe(true);
  });

  it('a missing base file: exit 1 at the use line', () => {
    const p = file('missing.seg', 'use "nowhere.seg"\nsegment a when R < 30\n');
    const r = run('check', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:1:5: error: cannot find the base file \`nowhere.seg\``);
    expect(r.err).toContain('use "nowhere.seg"\n    ^^^^^^^^^^^^^');
    expect(run('sql', p).code).toBe(1);
  });

  it('a cycle: exit 1, with the place in the other file', () => {
    file('cycle/a.seg', 'use "b.seg"\ndefine x = R < 3\n');
    file('cycle/b.seg', 'use "a.seg"\ndefine y = F > 3\n');
    const p = file('cycle/rules.seg', 'use "a.seg"\nsegment s when x\n');
    const r = run('check', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain('goes round in a circle');
    expect(r.err).toContain(`${join(dir, 'cycle/b.seg')}:1:5: note:`);
  });

  it('a clash: exit 1, both defines shown', () => {
    const p = file('team/clash.seg', 'use "common.seg"\ndefine active = R <= 30\nsegment s when active\n');
    const r = run('check', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:2:8: error: \`active\` is already defined in ${join(dir, 'team/common.seg')}`);
    expect(r.err).toContain(`${join(dir, 'team/common.seg')}:2:8: note: \`active\` is defined here\ndefine active = R <= 90\n       ^^^^^^`);
  });
});
