// The message catalogues: every English key has a Chinese text with the same placeholders; every
// diagnostic the checker and parser produce (one source per code and message shape below) has
// keys the catalogue knows, renders in Chinese with nothing left unfilled, and its English
// rendering is the `message`/`hint` it carries. Quick fixes, applied, make their diagnostic go.
import { describe, expect, it } from 'vitest';
import { compileExpression, compileRules } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { formatDiagnostic } from '../src/diagnostics.js';
import { FUNCTION_NAMES } from '../src/functions.js';
import { applyFix, catalogue, describeField, describeFunction, formatNumber, MESSAGE_KEYS, placeholders, renderDiagnostic, renderFix, renderText } from '../src/messages/index.js';
import { builtinSchema, type Schema } from '../src/schema.js';
import { resolveUses } from '../src/uses.js';

const schema: Schema = {
  fields: [
    ...builtinSchema.fields,
    { name: 'industry', type: 'text', hasNulls: true },
    { name: 'complaints', type: 'number' },
    { name: 'vip', type: 'boolean' },
    { name: 'Region', type: 'text' },
    { name: 'region', type: 'text' },
    { name: '近6个月采购额(万元)', type: 'number' }
  ]
};

/** Sources that between them produce every code and message shape of the language. */
const SOURCES: [string, Schema | null, string | undefined][] = [
  ['segment a when R <\n', schema, undefined],
  ['segmen a when R < 3\n', schema, undefined],
  ['segment a when industry = "IT\n', schema, undefined],
  ["segment a when industry = 'IT\n", schema, undefined],
  ['segment a when `abc\n', schema, undefined],
  ['segment a when R < 30days\n', schema, undefined],
  ["segment a when industry = '\\q'\n", schema, undefined],
  ["segment a when industry = '\\u{110000}'\n", schema, undefined],
  ['segment a when Rr < 3\n', schema, undefined],
  ['segment a when industry > 5\n', schema, undefined],
  ['segment a when foo(R) > 1\n', schema, undefined],
  ['segment a when abs(R, F) > 1\n', schema, undefined],
  ['segment a when round() > 1\n', schema, undefined],
  ['segment a when least() > 1\n', schema, undefined],
  ['segment a when R < 3\nsegment a when F > 3\n', schema, undefined],
  ['segment a otherwise\nsegment b when F > 3\n', schema, undefined],
  ['define x = x + 1\nsegment a when x > 1\n', schema, undefined],
  ['segment a when M\n', schema, undefined],
  ['tag t when industry\n', schema, undefined],
  ['segment a when not M\n', schema, undefined],
  ['segment a when R = null\n', schema, undefined],
  ['segment a when last_purchase > 2024-02-30\n', schema, undefined],
  ['tag segment2 when R < 1\ntag customer when R < 2\n', schema, undefined],
  ["segment a when regioN = 'x'\n", schema, '2024-12-31'],
  ['segment a when pct(pct(M)) > 5\n', schema, '2024-12-31'],
  ['segment a when R + null > 1\n', schema, '2024-12-31'],
  ["segment a when industry = '\\uD800'\n", schema, '2024-12-31'],
  ['segment a when `a\0b` > 1\n', schema, '2024-12-31'],
  ['define M = 1\nsegment a when M > 1\n', schema, '2024-12-31'],
  ['define t = 1\n', schema, '2024-12-31'],
  ['define customer = 1\n', schema, '2024-12-31'],
  ['define x = 1\ndefine X = 2\n', schema, '2024-12-31'],
  ['as of 2024-01-01\nas of 2024-02-01\nsegment a when R > 1\n', schema, '2024-12-31'],
  ['tag t when R > 1\ntag T when F > 1\n', schema, '2024-12-31'],
  ['define t2 = 1\ntag T2 when F > 1\n', schema, '2024-12-31'],
  ["segment a when industry not between 'a' and 'b'\n", schema, '2024-12-31'],
  ["segment a when round(M, '2') > 1\n", schema, '2024-12-31'],
  ["segment a when coalesce(R, 'x') > 1\n", schema, '2024-12-31'],
  ['segment a when ' + '('.repeat(3000) + 'R' + ')'.repeat(3000) + ' < 3\n', schema, undefined],
  ['segment a when ' + 'not '.repeat(1200) + 'R < 3\n', schema, undefined],
  ['as of 2024-01-01\nsegment a when R > 1\n', schema, '2024-12-31'],
  ['segment a when M_scor > 3\n', null, undefined],
  ['segment a when R < 30 && F > 5\n', schema, undefined],
  ['segment a when R < 30 || F > 5\n', schema, undefined],
  ['segment a when R =< 30\n', schema, undefined],
  ['segment a when M >= 50,000\n', schema, undefined],
  ['segment a when industry = IT\n', schema, undefined],
  ["segment a when industy = 'IT'\n", schema, undefined],
  ['segment a when R < 3 segment b when F > 1\n', schema, undefined],
  ['segment a when R < 3 F > 1\n', schema, undefined],
  ['segment a when in < 3\n', schema, undefined],
  ["segment a when last_purchase > '2024-01-01'\n", schema, undefined],
  ["segment a when M > '5000'\n", schema, undefined],
  ['segment a when last_purchase > as_of - 30\n', schema, '2024-12-31'],
  ['segment a when last_purchase > as_of + 30\n', schema, '2024-12-31'],
  ['segment a when R != 5\n', schema, undefined],
  ["segment a when industry not in ('IT')\n", schema, undefined],
  ["segment a when industry in ('IT', null)\n", schema, undefined],
  ['segment a when null is null\n', schema, undefined],
  ['segment a when F >= 5\nsegment b when F >= 10 and R < 3\nsegment c when R < 3 and R > 5\n', schema, undefined],
  ['segment a when F > 5\nsegment a2 when R < 3\nsegment b when F > 6 and R < 3 or F > 7\n', schema, undefined],
  ['segment a when F > 1\nsegment z otherwise\nsegment late when F > 1\n', schema, undefined],
  ['segment a when last_purchase > as_of - 30d\n', schema, undefined],
  ['define a = b + 1\ndefine b = 2\nsegment s when a > 1\n', schema, undefined],
  ['segment a when -industry > 1\n', schema, undefined],
  ["segment a when industry contains 5\n", schema, undefined],
  ['segment a when R > 30d\n', schema, undefined],
  ['segment a when vip < true\n', schema, undefined],
  ['segment a when industry > last_purchase\n', schema, undefined],
  ['segment a when R > industry\n', schema, undefined],
  ["segment a when R > 'x'\n", schema, undefined],
  ['segment a when industry + 1 > 1\n', schema, undefined],
  ['segment a when last_purchase + industry > 1\n', schema, undefined],
  ['segment a when 3d + 4d > 1\n', schema, undefined],
  ['segment a when industry * 2 > 1\n', schema, undefined],
  ['segment a when 2 * industry > 1\n', schema, undefined],
  ['segment a when lower(R) = 1\n', schema, undefined],
  ['segment a when R > 1e999\n', schema, undefined],
  ['define n = null\ndefine d = 3d\n', schema, undefined],
  ['segment a when last_purchase - 3 > 2024-01-01\n', null, undefined],
  ['segment a when last_purchase + 3 > 2024-01-01\n', null, undefined],
  ['segment a when R < 3 segmen\n', schema, undefined],
  ["segment a when industry = 'ab\\", schema, undefined],
  ['segment a when 近6个月采购额 > 1\n', schema, undefined],
  ['segment a when zzzzzzzz > 1\n', schema, undefined],
  ['segment a when qqqqqqq(R) > 1\n', schema, undefined],
  ["segment a when M between '1' and 5\n", schema, undefined],
  ['segment a when F >= 5\nsegment a2 when R < 3\nsegment b when R < 2 or F > 7\n', schema, undefined]
];

function all(): { src: string; d: Diagnostic }[] {
  const out: { src: string; d: Diagnostic }[] = [];
  for (const [src, s, asOf] of SOURCES) {
    const c = compileRules(src, s, { relation: 'c', ...(asOf ? { asOf } : {}) });
    for (const d of c.diagnostics) out.push({ src, d });
  }
  for (const src of ['', 'R <', 'M', 'as_of - 3d', 'null', 'R < 10 and R > 20']) {
    for (const d of compileExpression(src, schema).diagnostics) out.push({ src, d });
  }
  // shared base files (`use`): missing, cycles, clashes, a problem inside a base file
  const files: Record<string, string> = {
    'common.seg': 'define active = R <= 90\nsegment x when R < 1\n',
    'other.seg': 'define active = F > 1\n',
    'a.seg': 'use "b.seg"\n',
    'b.seg': 'use "a.seg"\n',
    'bad.seg': 'define broken = Rx > 1\n'
  };
  const loader = (path: string) => files[path] ?? null;
  for (const src of [
    'use "common.seg"\nsegment a when active\n',
    'use "missing.seg"\nsegment a when R < 1\n',
    'use "./missing.seg"\nsegment a when R < 1\n',
    'use "a.seg"\nsegment a when R < 1\n',
    'use "common.seg"\nuse "other.seg"\nsegment a when R < 1\n',
    'use "other.seg"\ndefine active = 1\nsegment a when R < 1\n',
    'segment a when R < 1\nuse "other.seg"\n',
    'use "bad.seg"\nsegment a when R < 1\n',
    'use common.seg\nsegment a when R < 1\n'
  ]) {
    const uses = resolveUses('main.seg', src, loader);
    for (const d of compileRules(src, schema, { relation: 'c', uses }).diagnostics) out.push({ src, d });
  }
  return out;
}

describe('the catalogues', () => {
  const en = catalogue('en');
  const zh = catalogue('zh-CN');
  it('every English key has a Chinese text with the same placeholders', () => {
    expect(MESSAGE_KEYS.length).toBeGreaterThan(100);
    for (const key of MESSAGE_KEYS) {
      expect(zh[key], key).toBeDefined();
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(zh).sort()).toEqual([...MESSAGE_KEYS].sort());
  });

  it('Chinese texts are Chinese (code words such as `and` aside)', () => {
    const neutral = new Set(['where.not', 'where.and', 'where.or', 'list.sep']);
    for (const key of MESSAGE_KEYS) if (!neutral.has(key)) expect(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(zh[key]), `${key}: ${zh[key]}`).toBe(true);
  });

  it('every message key and format a template names exists', () => {
    for (const locale of ['en', 'zh-CN'] as const)
      for (const key of MESSAGE_KEYS)
        for (const p of placeholders(catalogue(locale)[key])) {
          const format = p.split(':')[1];
          expect(['type', 'where', 'or', 'refs', undefined], `${key} {${p}}`).toContain(format);
        }
  });
});

describe('every diagnostic by code and key', () => {
  const seen = all();
  it('covers every code of the language, and every key of a message shape', () => {
    const codes = new Set(seen.map((s) => s.d.code));
    for (const code of ['syntax', 'unknown-field', 'near-builtin-field', 'ambiguous-field', 'type-mismatch', 'not-a-condition', 'unknown-function', 'arity', 'nested-pct', 'null-compare', 'null-literal', 'invalid-date', 'invalid-text', 'invalid-name', 'invalid-number', 'duplicate-id', 'reserved-name', 'name-taken', 'define-self', 'define-order', 'duplicate-as-of', 'no-as-of', 'otherwise-not-last', 'too-deep', 'unreachable', 'covered', 'never-matches', 'missing-skipped', 'as-of-overridden', 'empty', 'use-missing', 'use-cycle', 'use-clash', 'use-placement', 'use-ignored', 'use-error'])
      expect(codes, code).toContain(code);
    // a base file's problem is reported on the `use` line with its own diagnostic inside (`inner`)
    const keys = new Set(seen.flatMap((s) => [s.d.messageKey, s.d.hintKey, s.d.inner?.messageKey, ...(s.d.related ?? []).map((r) => r.messageKey)]));
    // (internal: a parser bug; arity.exact: no function of today takes a fixed number above 1)
    const shapes = MESSAGE_KEYS.filter((k) => !/^(type|where|list|expect|field|function|fix|covered\.by)\b/.test(k) && k !== 'internal' && k !== 'arity.exact');
    const missing = shapes.filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
  });

  it('every diagnostic has a message key; its English rendering is its message and hint; Chinese is filled', () => {
    for (const { src, d } of seen) {
      const where = `${d.code} in ${JSON.stringify(src.slice(0, 60))}`;
      expect(d.messageKey, where).toBeDefined();
      expect(renderDiagnostic(d, 'en'), where).toEqual(d.hint !== undefined ? { message: d.message, hint: d.hint } : { message: d.message });
      const z = renderDiagnostic(d, 'zh-CN');
      expect(z.message, where).not.toMatch(/\{[A-Za-z_]\w*(:\w+)?\}|[\u001e\u001f]/);
      expect(z.hint ?? '', where).not.toMatch(/\{[A-Za-z_]\w*(:\w+)?\}|[\u001e\u001f]/);
      expect(/[\u4e00-\u9fff]/.test(z.message), `${where}: ${z.message}`).toBe(true);
      expect(d.message, where).not.toMatch(/[\u001e\u001f]/);
      for (const f of d.fixes ?? []) {
        expect(renderFix(f, 'en'), where).not.toMatch(/\{\w+\}/);
        expect(renderFix(f, 'zh-CN'), where).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe('rendering in Chinese', () => {
  const diag = (src: string, s: Schema | null = schema, asOf?: string) => compileRules(src, s, { relation: 'c', ...(asOf ? { asOf } : {}) }).diagnostics;
  it('a typo, a type mismatch, a syntax error, a covered segment', () => {
    expect(renderDiagnostic(diag('segment a when Rr < 3\n')[0]!, 'zh-CN')).toEqual({ message: '未知字段 `Rr`', hint: "是不是想写 'R'？" });
    expect(renderDiagnostic(diag("segment a when M > '5000'\n")[0]!, 'zh-CN')).toEqual({ message: '`M` 是数字；数字不要加引号', hint: '是不是想写 M > 5000？' });
    expect(renderDiagnostic(diag('segment a (R < 3)\n')[0]!, 'zh-CN').message).toBe("这里应为引号中的名称、'when'或'otherwise'，但看到的是 '('");
    expect(renderDiagnostic(diag('segment a when R <\n')[0]!, 'zh-CN').message).toBe('这里应为一个值或字段，但语句在此结束');
    expect(renderDiagnostic(diag("segment a when round(M, '2') > 1\n")[0]!, 'zh-CN').message).toBe("`round` 需要数字，但 '2' 是文本");
    const covered = diag('segment a when F >= 5\nsegment a2 when R < 3\nsegment b when R < 2 or F > 7\n').find((d) => d.code === 'covered')!;
    expect(covered.message).toBe('segment `b` can never match: every customer it selects is taken first by `a2` (line 2), `a` (line 1)');
    expect(renderDiagnostic(covered, 'zh-CN').message).toBe('细分 `b` 永远不会匹配：它选中的每个客户都先被 `a2`（第 2 行）、`a`（第 1 行）选走了');
    expect(renderDiagnostic(diag('segment a when industry = "IT\n')[0]!, 'zh-CN').message).toBe('文本没有结束：请在同一行用 " 闭合（换行写作 \\n）');
  });

  it('formatDiagnostic prints the message and hint of the locale', () => {
    const src = 'segment a when Rr < 3\n';
    expect(formatDiagnostic(diag(src)[0]!, src, 'tiers.seg', 'zh-CN')).toBe("tiers.seg:1:16: error: 未知字段 `Rr`\nsegment a when Rr < 3\n               ^^\n是不是想写 'R'？");
    expect(formatDiagnostic(diag(src)[0]!, src, 'tiers.seg')).toBe("tiers.seg:1:16: error: unknown field `Rr`\nsegment a when Rr < 3\n               ^^\ndid you mean 'R'?");
  });

  it('numbers in params are formatted by the locale; params keep the raw value', () => {
    const d = diag('segment a when ' + 'not '.repeat(1200) + 'R < 3\n')[0]!;
    expect(d.params?.max).toBe(1000);
    expect(d.message).toContain('more than 1,000 levels');
    expect(renderDiagnostic(d, 'zh-CN').message).toBe('规则嵌套太深（运算符或括号超过 1,000 层）');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(0.125, 'zh-CN')).toBe('0.125');
    expect(renderText('arity.exact', { name: 'f', min: 2, count: 12345 }, 'en')).toBe('`f` takes 2 arguments, but got 12,345');
  });
});

describe('quick fixes', () => {
  /** Apply the first fix of the first diagnostic with `code`, check again: that diagnostic is gone. */
  const cases: [string, string, Schema | null, string, string][] = [
    // source, code, schema, the fixed text, the fix's English title
    ['segment a when Rr < 3\n', 'unknown-field', schema, 'segment a when R < 3\n', 'Replace with R'],
    ["segment a when industy = 'IT'\n", 'unknown-field', schema, "segment a when industry = 'IT'\n", 'Replace with industry'],
    ['segment a when industry = IT\n', 'unknown-field', schema, "segment a when industry = 'IT'\n", 'Put IT in quotes'],
    ['segment a when M_scor > 3\n', 'near-builtin-field', null, 'segment a when M_score > 3\n', 'Replace with M_score'],
    ["segment a when regioN = 'x'\n", 'ambiguous-field', schema, "segment a when Region = 'x'\n", 'Replace with Region'],
    ['segment a when foo(R) > 1\n', 'unknown-function', schema, 'segment a when floor(R) > 1\n', 'Replace with floor'],
    ['segment a when roud(M) > 1\n', 'unknown-function', schema, 'segment a when round(M) > 1\n', 'Replace with round'],
    ["segment a when M > '5000'\n", 'type-mismatch', schema, 'segment a when M > 5000\n', 'Write the number without quotes'],
    ["segment a when last_purchase > '2024-01-01'\n", 'type-mismatch', schema, 'segment a when last_purchase > 2024-01-01\n', 'Write the date without quotes'],
    ['segment a when industry > 5\n', 'type-mismatch', schema, "segment a when industry > '5'\n", 'Put 5 in quotes'],
    ['segment a when industry contains 5\n', 'type-mismatch', schema, "segment a when industry contains '5'\n", 'Put 5 in quotes'],
    ["segment a when round(M, '2') > 1\n", 'type-mismatch', schema, 'segment a when round(M, 2) > 1\n', 'Write the number without quotes'],
    ['segment a when last_purchase > as_of - 30\n', 'type-mismatch', schema, 'segment a when last_purchase > as_of - 30d\n', 'Write 30d (days)'],
    ['segment a when R = null\n', 'null-compare', schema, 'segment a when R is null\n', 'Write R is null'],
    ['segment a when R != null\n', 'null-compare', schema, 'segment a when R is not null\n', 'Write R is not null'],
    ['segment a when R < 30 && F > 5\n', 'syntax', schema, 'segment a when R < 30 and F > 5\n', 'Replace with and'],
    ['segment a when R < 30 || F > 5\n', 'syntax', schema, 'segment a when R < 30 or F > 5\n', 'Replace with or'],
    ['segment a when R =< 30\n', 'syntax', schema, 'segment a when R <= 30\n', 'Replace with <='],
    ['segment a when M >= 50,000\n', 'syntax', schema, 'segment a when M >= 50_000\n', 'Write 50_000'],
    ['segment a when M >= 1,250,000\n', 'syntax', schema, 'segment a when M >= 1_250_000\n', 'Write 1_250_000'],
    ['segment a when R < 3 segment b when F > 1\n', 'syntax', schema, 'segment a when R < 3\nsegment b when F > 1\n', 'Start the statement on a new line'],
    ['segment a when in < 3\n', 'syntax', null, 'segment a when `in` < 3\n', 'Write the name as `in`'],
    ['segment a when industry = "IT\n', 'syntax', schema, 'segment a when industry = "IT"\n', 'Close the text with "'],
    ["segment a when industry = 'IT\r\nsegment b when R < 1\n", 'syntax', schema, "segment a when industry = 'IT'\r\nsegment b when R < 1\n", "Close the text with '"],
    ['segment a when `industry = 1\n', 'syntax', schema, 'segment a when `industry = 1`\n', 'Close the field name with a backtick'],
    ["segment a when industry = 'a\\qb'\n", 'syntax', schema, "segment a when industry = 'a\\\\qb'\n", 'Write \\\\ (a backslash)'],
    ['as of 2024-01-01\nsegment a when R > 1\nas of 2024-02-01\n', 'duplicate-as-of', schema, 'as of 2024-01-01\nsegment a when R > 1\n', 'Remove this line'],
    ['segment a otherwise\nsegment b when F > 3\n', 'otherwise-not-last', schema, 'segment b when F > 3\nsegment a otherwise\n', 'Move this segment to the end of the file'],
    ['segment a otherwise\nsegment b when F > 3', 'otherwise-not-last', schema, 'segment b when F > 3\nsegment a otherwise\n', 'Move this segment to the end of the file'],
    ['segment a when F > 1\nsegment z otherwise\nsegment late when R > 1\n', 'unreachable', schema, 'segment a when F > 1\nsegment late when R > 1\nsegment z otherwise\n', 'Move this segment above `otherwise`'],
    ['segment a when R != 5 and F > 1\n', 'missing-skipped', schema, 'segment a when (R != 5 or R is null) and F > 1\n', 'Write (R != 5 or R is null)'],
    ["segment a when industry not in ('IT')\n", 'missing-skipped', schema, "segment a when (industry not in ('IT') or industry is null)\n", "Write (industry not in ('IT') or industry is null)"],
    ['define a = b + 1\ndefine b = 2\nsegment s when a > 1\n', 'define-order', schema, 'define b = 2\ndefine a = b + 1\nsegment s when a > 1\n', 'Move `define b` above this define']
  ];
  it.each(cases)('%j: %s', (src, code, s, fixed, title) => {
    const before = compileRules(src, s, { relation: 'c', asOf: '2024-12-31' }).diagnostics.filter((d) => d.code === code);
    const d = before[0];
    expect(d, 'the diagnostic is there').toBeDefined();
    const fix = d!.fixes?.[0];
    expect(fix, 'it has a fix').toBeDefined();
    expect(renderFix(fix!, 'en')).toBe(title);
    expect(renderFix(fix!, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    const after = applyFix(src, fix!);
    expect(after).toBe(fixed);
    const again = compileRules(after, s, { relation: 'c', asOf: '2024-12-31' }).diagnostics;
    expect(again.filter((x) => x.code === code && x.span.offset === d!.span.offset), JSON.stringify(again.map((x) => x.message))).toEqual([]);
    if (code !== 'type-mismatch' || !src.includes('as_of - 30')) expect(again.filter((x) => x.severity === 'error').length).toBeLessThan(before.length + 1);
  });

  it("the hint's own rewrite of a != that skips missing values gets no warning", () => {
    expect(compileRules('segment a when R != 5 or R is null\n', schema, { relation: 'c' }).diagnostics).toEqual([]);
    expect(compileRules('segment a when R is null or R != 5\n', schema, { relation: 'c' }).diagnostics).toEqual([]);
    expect(compileRules('segment a when R != 5 or F is null\n', schema, { relation: 'c' }).diagnostics.map((d) => d.code)).toEqual(['missing-skipped']);
  });

  it('an ambiguous name offers each field; did-you-mean of a column with spaces writes it in backticks', () => {
    const [d] = compileRules("segment a when regioN = 'x'\n", schema, { relation: 'c' }).diagnostics;
    expect(d!.fixes!.map((f) => f.edits[0]!.insert)).toEqual(['Region', 'region']);
    const s2: Schema = { fields: [...builtinSchema.fields, { name: 'sales 2024', type: 'number' }] };
    const [e] = compileRules('segment a when sales_2024 > 1\n', s2, { relation: 'c' }).diagnostics;
    expect(e!.fixes![0]!.edits[0]!.insert).toBe('`sales 2024`');
    expect(compileRules(applyFix('segment a when sales_2024 > 1\n', e!.fixes![0]!), s2, { relation: 'c' }).diagnostics).toEqual([]);
  });

  it('fix offsets are UTF-16 offsets of the checked text, also after wide Chinese text', () => {
    const src = "# 高价值客户\nsegment 核心 \"核心层\" when Rr < 3\n";
    const [d] = compileRules(src, schema, { relation: 'c' }).diagnostics;
    expect(applyFix(src, d!.fixes![0]!)).toBe("# 高价值客户\nsegment 核心 \"核心层\" when R < 3\n");
  });
});

describe('docs for hover', () => {
  it('every built-in field and as_of has a meaning in both languages', () => {
    for (const f of [...builtinSchema.fields.map((x) => x.name), 'as_of']) {
      const e = describeField(f, 'en');
      const z = describeField(f, 'zh-CN');
      expect(e?.doc, f).toBeTruthy();
      expect(z?.doc, f).toMatch(/[\u4e00-\u9fff]/);
      expect(z?.type).toBe(e?.type);
    }
    expect(describeField('r_score', 'zh-CN')).toMatchObject({ name: 'R_score', type: 'number', typeText: '数字' });
    expect(describeField('industry', 'en')).toBeUndefined();
    expect(describeField('R', 'en')?.doc).toContain('days from the customer');
  });

  it('every function has a signature and a doc in both languages', () => {
    for (const name of FUNCTION_NAMES) {
      const e = describeFunction(name, 'en');
      const z = describeFunction(name, 'zh-CN');
      expect(e?.signature, name).toMatch(new RegExp(`^${name}\\(`));
      expect(z?.signature).toBe(e?.signature);
      expect(z?.doc, name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(describeFunction('round', 'en')).toEqual({ name: 'round', signature: 'round(x: number, digits?: number) -> number', doc: 'round(x) to a whole number, round(x, 2) to 2 decimals (halves away from zero)' });
    expect(describeFunction('least', 'en')?.signature).toBe('least(x: T, ...) -> T  (T: number | text | date)');
    expect(describeFunction('nope', 'en')).toBeUndefined();
  });
});
