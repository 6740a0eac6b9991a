// segmint check / fmt / sql: the built command on temporary rule files (stdout, stderr, exit codes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(__dirname, '../bin/segmint.js');
const examples = resolve(__dirname, '../../../examples/retail');
const dir = mkdtempSync(join(tmpdir(), 'segmint-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('segmint check', () => {
  it('accepts a good file (exit 0) and prints warnings with their location', () => {
    const p = file('good.seg', 'segment a "A" when R < 30 and F > 5\nsegment b when R != 5\nsegment c otherwise\n');
    const r = run('check', p);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok (3 segments');
    expect(r.err).toContain(`${p}:2:16: warning: customers whose \`R\` is missing are skipped`);
  });

  it('reports every error as FILE:LINE:COL, source line, caret and suggestion (exit 1)', () => {
    const p = file('bad.seg', 'segment a when F > 5 and R_scor >= 4\nsegment b when M >\n');
    const r = run('check', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:2:19: error: expected a value or a field, but the statement ends here`);
    // without --data, unknown names are columns: no false error for R_scor, but a warning that
    // it is one letter from a built-in field
    expect(r.err).not.toContain('error: unknown field');
    expect(r.err).toContain(`${p}:1:26: warning: \`R_scor\` is not a built-in field; without the data it is taken as a column of it\nsegment a when F > 5 and R_scor >= 4\n                         ^^^^^^\ndid you mean 'R_score'?`);
  });

  it('with --data checks fields against the data, with did-you-mean', () => {
    const p = file('data.seg', 'segment a when R < 30 and satisfction <= 3\n');
    const r = run('check', p, '--data', join(examples, 'orders.csv'), '--customers', join(examples, 'customers.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:1:27: error: unknown field \`satisfction\`\nsegment a when R < 30 and satisfction <= 3\n                          ^^^^^^^^^^^\ndid you mean 'satisfaction'?`);
  });

  it('with --data, a misspelt column compared with text suggests the column, not quotes', () => {
    const p = file('typo.seg', "segment a when industy = 'IT'\n");
    const c = file('firms.csv', 'customer_id,industry\nC00001,IT\nC00002,retail\n');
    const r = run('check', p, '--data', join(examples, 'orders.csv'), '--customers', c);
    expect(r.code).toBe(1);
    expect(r.err).toContain("error: unknown field `industy`");
    expect(r.err).toContain("did you mean 'industry'?");
  });

  it('bad usage and unreadable files exit 2', () => {
    expect(run('check').code).toBe(2);
    const missing = run('check', join(dir, 'nope.seg'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    expect(run('check', dir).code).toBe(2);
    const latin1 = join(dir, 'latin1.seg');
    writeFileSync(latin1, Buffer.from([0x73, 0x65, 0x67, 0xe9, 0x0a]));
    expect(run('check', latin1).err).toContain('not UTF-8');
  });
});

describe('segmint fmt', () => {
  const messy = '# tiers\nSEGMENT gold   "Gold" WHEN R<=30 AND F>=5  # top\n\n\ntag  x when  F== 2\n';
  it('prints the canonical text', () => {
    const r = run('fmt', file('messy.seg', messy));
    expect(r.code).toBe(0);
    expect(r.out).toBe('# tiers\nsegment gold "Gold" when R <= 30 and F >= 5  # top\n\ntag x when F = 2\n');
  });

  it('--write rewrites the file in place; --check tells whether it is formatted', () => {
    const p = file('w.seg', messy);
    expect(run('fmt', p, '--check').code).toBe(1);
    expect(run('fmt', p, '--write').code).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe('# tiers\nsegment gold "Gold" when R <= 30 and F >= 5  # top\n\ntag x when F = 2\n');
    expect(run('fmt', p, '--check').code).toBe(0);
  });

  it('leaves a file with syntax errors alone (exit 1)', () => {
    const p = file('broken.seg', 'segment a when (R < 3\n');
    const r = run('fmt', p, '--write');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:1:22: error:`);
    expect(readFileSync(p, 'utf8')).toBe('segment a when (R < 3\n');
  });
});

describe('segmint sql', () => {
  it('prints one SELECT for the rule file', () => {
    const r = run('sql', join(examples, 'tiers.seg'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('SELECT\n  "customer" AS "customer",\n  CASE\n    WHEN ((("R" <= 30)');
    expect(r.out).toContain("ELSE 'churn_risk'\n  END AS \"segment\"\nFROM \"customers\";\n");
  });

  it('uses the data as-of for as_of with --data, and needs a date without it', () => {
    const p = file('asof.seg', 'segment recent when last_purchase >= as_of - 30d\n');
    const no = run('sql', p);
    expect(no.code).toBe(1);
    expect(no.err).toContain('error: `as_of` needs an analysis date');
    const yes = run('sql', p, '--data', join(examples, 'orders.csv'));
    expect(yes.code).toBe(0);
    expect(yes.out).toMatch(/DATE '\d{4}-\d{2}-\d{2}' - INTERVAL \(30\) DAY/);
  });

  it('--bind lists the parameters; an unknown dialect is bad usage', () => {
    const p = file('bind.seg', "as of 2024-12-31\nsegment a when R < 30 and RFM = '555'\n");
    const r = run('sql', p, '--bind');
    expect(r.code).toBe(0);
    expect(r.out).toContain('-- $1 = 30\n-- $2 = "555"');
    expect(run('sql', p, '--dialect', 'oracle').code).toBe(2);
  });
});
