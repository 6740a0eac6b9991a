import { describe, expect, it, vi } from 'vitest';

// A catalogue of one code, so these tests say what the app does whatever codes the engine has.
vi.mock('@segmint/engine', () => ({
  MESSAGE_CODES: ['values.date_implausible'],
  renderMessage: (code: string, params: Record<string, string | number>, locale: string) =>
    locale === 'zh-CN' ? { message: `${params.n} 行日期不合理`, hint: '检查日期列' } : { message: `${params.n} rows with implausible dates`, hint: 'Check the date column' }
}));

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
  it('knows the codes of the catalogue only', () => {
    expect(isMessageCode('values.date_implausible')).toBe(true);
    expect(isMessageCode('values.nope')).toBe(false);
    expect(isMessageCode(undefined)).toBe(false);
  });
});
