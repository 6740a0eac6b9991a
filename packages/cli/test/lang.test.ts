// The CLI follows the locale of its environment (LC_ALL, LC_MESSAGES, LANG; zh* = Simplified
// Chinese) or --lang en|zh: dsl diagnostics, engine load issues and its own lines in that
// language, with the same exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliCatalogue, localeFromEnv, takeLangOption } from '../src/locale.js';
import { placeholders } from '@segmint/dsl';

const bin = resolve(__dirname, '../bin/segmint.js');
const dir = mkdtempSync(join(tmpdir(), 'segmint-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>, ...args: string[]) {
  const base = { ...process.env };
  delete base.LC_ALL;
  delete base.LC_MESSAGES;
  delete base.LANG;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const HAN = /[\u4e00-\u9fff]/;

describe('the locale of a run', () => {
  it('comes from LC_ALL, then LC_MESSAGES, then LANG (the first set); zh* is Chinese', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'C' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
    expect(localeFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_CN', LANG: 'C' })).toBe('zh-CN');
  });

  it('--lang is taken out of the arguments, except for the commands with their own --lang', () => {
    expect(takeLangOption(['check', '--lang', 'zh', 'a.seg'], {})).toEqual(['check', 'a.seg']);
    expect(takeLangOption(['check', '--lang=en', 'a.seg'], { LANG: 'zh_CN.UTF-8' })).toEqual(['check', 'a.seg']);
    expect(takeLangOption(['report', '--lang', 'zh'], {})).toEqual(['report', '--lang', 'zh']);
    expect(() => takeLangOption(['check', '--lang', 'fr'], {})).toThrow(/--lang takes en or zh/);
    takeLangOption([], {});
  });

  it("the CLI's own texts exist in both languages with the same placeholders", () => {
    const en = cliCatalogue('en');
    const zh = cliCatalogue('zh-CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
  });
});

describe('segmint in Chinese and in English', () => {
  const typo = () => file('typo.seg', 'segment a when F > 5 and R_scor >= 4\nsegment b when M >\n');
  const badData = () => file('bad.csv', 'customer_id,order_date,amount\nA,soon,1\nB,never,2\n');

  it('a rule file with a typo: Chinese diagnostics with LANG=zh_CN.UTF-8, English with LANG=C, exit 1 both', () => {
    const p = typo();
    const zh = run({ LANG: 'zh_CN.UTF-8' }, 'check', p);
    const en = run({ LANG: 'C' }, 'check', p);
    expect(zh.code).toBe(1);
    expect(en.code).toBe(1);
    expect(zh.err).toContain(`${p}:1:26: warning: \`R_scor\` 不是内置字段；没有数据时，它被当作数据中的一列\nsegment a when F > 5 and R_scor >= 4\n                         ^^^^^^\n是不是想写 'R_score'？`);
    expect(zh.err).toContain(`${p}:2:19: error: 这里应为一个值或字段，但语句在此结束`);
    expect(zh.err).toContain(`${p}: 1 个错误，1 个警告`);
    expect(en.err).toContain(`${p}:2:19: error: expected a value or a field, but the statement ends here`);
    expect(en.err).toContain(`${p}: 1 error, 1 warning`);
    expect(HAN.test(en.err)).toBe(false);
  });

  it('a rule file with a typo checked against data: the unknown field in Chinese', () => {
    const rules = file('typo2.seg', 'segment a when Rr < 3\n');
    const data = file('ok.csv', 'customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-02-01,20\n');
    const zh = run({ LANG: 'zh_CN.UTF-8' }, 'check', rules, '--data', data);
    expect(zh.code).toBe(1);
    expect(zh.err).toContain(`${rules}:1:16: error: 未知字段 \`Rr\``);
    expect(zh.err).toContain("是不是想写 'R'？");
  });

  it('a bad data file: the load issues in Chinese, exit 2; in English with LANG=C', () => {
    const p = typo();
    const data = badData();
    const zh = run({ LANG: 'zh_CN.UTF-8' }, 'check', p, '--data', data);
    const en = run({ LANG: 'C' }, 'check', p, '--data', data);
    expect(zh.code).toBe(2);
    expect(en.code).toBe(2);
    expect(zh.err).toMatch(/^无法载入交易数据：/);
    expect(zh.err).toContain("2 行未计入：无法读取的日期（列 'order_date'）；例如");
    expect(zh.err).toContain('处理办法：');
    expect(en.err).toMatch(/^cannot load the transactions: /);
    expect(en.err).toContain("2 rows left out: date that cannot be read (column 'order_date'); e.g.");
    expect(HAN.test(en.err.replace(/2024年1月7日/g, ''))).toBe(false);
  });

  it('--lang overrides the environment; an unknown language is a usage error', () => {
    const p = typo();
    expect(run({ LANG: 'zh_CN.UTF-8' }, 'check', '--lang', 'en', p).err).toContain('expected a value or a field');
    expect(run({ LANG: 'C' }, 'check', p, '--lang=zh').err).toContain('这里应为一个值或字段');
    expect(run({ LC_ALL: 'zh_CN.UTF-8', LANG: 'C' }, 'check', p).err).toContain('这里应为一个值或字段');
    const bad = run({}, 'check', '--lang', 'fr', p);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--lang takes en or zh, got 'fr'");
  });

  it('segment: the load, the summary and what was written in the locale; English unchanged', () => {
    const rules = file('seg.seg', 'segment a when R < 30\n');
    const data = file('seg.csv', 'customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-02-01,20\nC,soon,5\n');
    const out = join(dir, 'seg-out.csv');
    const zh = run({ LANG: 'zh_CN.UTF-8' }, 'segment', '--rules', rules, '--data', data, '--out', out);
    const en = run({ LANG: 'C' }, 'segment', '--rules', rules, '--data', data, '--out', out);
    expect(zh.code).toBe(0);
    expect(en.code).toBe(0);
    expect(zh.err).toContain("1 行未计入：无法读取的日期（列 'order_date'）（例如 seg.csv 第 3 个数据行 'soon'）");
    expect(zh.err).toContain('（未分配）');
    expect(zh.err).toContain(`已将 2 位客户写入 ${out}`);
    expect(en.err).toContain("1 row left out: date that cannot be read (column 'order_date') (e.g. seg.csv data row 3 'soon')");
    expect(en.err).toContain('(unassigned)');
    expect(en.err).toContain(`wrote 2 customers to ${out}`);
  });

  it('a good file says ok in the locale', () => {
    const p = file('ok.seg', 'segment a when R < 30\n');
    expect(run({ LANG: 'zh_CN.UTF-8' }, 'check', p).out).toBe(`${p}: 通过（1 个细分，0 个标签，0 个 define）\n`);
    expect(run({ LANG: 'C' }, 'check', p).out).toBe(`${p}: ok (1 segments, 0 tags, 0 defines)\n`);
  });
});
