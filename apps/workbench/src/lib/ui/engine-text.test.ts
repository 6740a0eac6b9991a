import { describe, expect, it, vi } from 'vitest';

// The engine's catalogues, except one code whose text is made up here, so the first tests say
// what the app does whatever the engine's wording is (its hint tells the app's wording from the
// command line's); the last reads the engine's own words.
vi.mock('@segmint/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('@segmint/engine')>();
  return {
    ...real,
    renderMessage: (...[code, params = {}, locale, surface]: Parameters<typeof real.renderMessage>) => {
      if (code !== 'values.date_implausible') return real.renderMessage(code, params, locale, surface);
      const hint = surface === 'app' ? (locale === 'zh-CN' ? '检查日期列' : 'Check the date column') : '--keep-implausible-dates';
      return locale === 'zh-CN' ? { message: `${params.n} 行日期不合理`, hint } : { message: `${params.n} rows with implausible dates`, hint };
    }
  };
});

const { isMessageCode, localize } = await import('./engine-text.js');

describe('engine messages in the UI language', () => {
  it('renders a coded message from its code and params, in the language asked', () => {
    const item = { code: 'values.date_implausible', params: { n: 2 }, message: 'english text the engine rendered' };
    expect(localize(item, 'zh-CN')).toEqual({ message: '2 行日期不合理', hint: '检查日期列' });
    expect(localize(item, 'en')).toEqual({ message: '2 rows with implausible dates', hint: 'Check the date column' });
  });
  it('falls back to the English text when there is no code, or a code the catalogue does not know', () => {
    expect(localize({ message: 'cannot be read', hint: 'Check the file' }, 'zh-CN')).toEqual({ message: 'cannot be read', hint: 'Check the file' });
    expect(localize({ message: 'cannot be read' }, 'zh-CN')).toEqual({ message: 'cannot be read' });
    expect(localize({ code: 'text.from_the_future', message: 'newer engine' }, 'zh-CN')).toEqual({ message: 'newer engine' });
  });
  it("says what to do in the app's words (its load settings), not with the command line's flags, in both languages", () => {
    const item = { code: 'values.date_order_ambiguous', params: { column: 'Datum', example: '01/02/2024', row: 3 }, message: 'english text the engine rendered' };
    const en = localize(item, 'en');
    expect(en.message).toContain("the dates in column 'Datum' can be read both as DD/MM/YYYY and as MM/DD/YYYY");
    expect(en.hint).toBe('Say which in the load settings, under Date order: Day first (DD/MM/YYYY) or Month first (MM/DD/YYYY)');
    const zh = localize(item, 'zh-CN');
    expect(zh.message).toContain("列 'Datum' 中的日期");
    expect(zh.hint).toBe('请在加载设置的“日期顺序”中选择：日在前（DD/MM/YYYY）或月在前（MM/DD/YYYY）');
    for (const text of [en.hint, zh.hint]) expect(text).not.toMatch(/--[a-z]|dayFirst|command line|命令行/);
    // a strict-mode refusal: the Strict switch, not --strict
    const strict = { code: 'values.strict_amount_unreadable', params: { column: 'amount', value: '12abc', count: 1 }, message: '' };
    expect(localize(strict, 'en').hint).toContain('turn the Strict switch off in the load settings');
    expect(localize(strict, 'zh-CN').hint).toContain('在加载设置中关闭“严格模式”');
    expect(localize(strict, 'en').hint).not.toMatch(/--strict/);
  });
  it('knows the codes of the catalogue only', () => {
    expect(isMessageCode('values.date_implausible')).toBe(true);
    expect(isMessageCode('values.nope')).toBe(false);
    expect(isMessageCode(undefined)).toBe(false);
  });
});
