import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { zh } from '../i18n/zh.js';
import { formatText, isTextFile, type FormatTranslate } from './format-info.js';

const tr =
  (dict: Record<string, string>): FormatTranslate =>
  (key, vars = {}) =>
    dict[key]!.replace(/\{(\w+)\}/g, (m, n: string) => String(vars[n] ?? m));

describe('formatText', () => {
  it('words how a file was read in English and Chinese', () => {
    const csv = [{ kind: 'delimited' as const, delimiter: 'comma' as const, header: true }];
    expect(formatText(csv, tr(en))).toBe('comma-separated text, with a header');
    expect(formatText(csv, tr(zh))).toBe('逗号分隔的文本，有表头');
    expect(formatText([{ kind: 'delimited', delimiter: 'whitespace', header: false }], tr(zh))).toBe('空白分隔的文本，无表头');
    expect(formatText([{ kind: 'excel', sheet: '订单', sheets: 3 }], tr(en))).toBe("Excel, sheet '订单' of 3");
    expect(formatText([{ kind: 'parquet' }, { kind: 'ndjson' }], tr(zh))).toBe('Parquet; NDJSON（每行一个 JSON）');
  });
  it('tells text files apart', () => {
    expect(isTextFile([{ kind: 'delimited' }])).toBe(true);
    expect(isTextFile([{ kind: 'excel' }])).toBe(false);
    expect(isTextFile([])).toBe(true);
  });
});
