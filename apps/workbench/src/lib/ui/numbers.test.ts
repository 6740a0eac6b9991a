import { describe, expect, it } from 'vitest';
import { chooseFormat, compactUnits, decimalsNeeded, formatNumber, formatRange } from './numbers.js';

/** a column's values as the user reads them */
const shown = (values: number[], locale = 'en', options = {}) => {
  const f = chooseFormat(values, locale, options);
  return values.map((v) => formatNumber(f, v, locale));
};

describe('one number format per column', () => {
  it('gives every value of a money column the same decimals (no "120" next to "46.74")', () => {
    expect(shown([120, 46.74, 3.5])).toEqual(['120.00', '46.74', '3.50']);
    expect(shown([46.7, 12])).toEqual(['46.7', '12.0']);
  });
  it('keeps a column of whole numbers whole, with thousands separators', () => {
    expect(shown([0, 7, 730, 12_345])).toEqual(['0', '7', '730', '12,345']);
  });
  it('caps the decimals (1/3 shows 2 places) and can be given fewer', () => {
    expect(shown([1 / 3, 2])).toEqual(['0.33', '2.00']);
    expect(shown([1 / 3, 2], 'en', { maxDecimals: 1 })).toEqual(['0.3', '2.0']);
  });
  it('shows a column with large values in one compact unit (no "1.2K" next to "980.5")', () => {
    expect(shown([2_500_000, 980.5, 150_000])).toEqual(['2.5M', '0.0M', '0.2M']);
    expect(shown([150_000, 980.5, 1_200])).toEqual(['150K', '1K', '1K']);
  });
  it('uses the locale’s own units: 万 and 亿 in Chinese', () => {
    expect(shown([153_000, 9_800], 'zh-CN')).toEqual(['15.3万', '1.0万']);
    expect(shown([250_000_000, 1_000_000], 'zh-CN')).toEqual(['2.5亿', '0.0亿']);
  });
  it('never goes compact when asked not to (a detail table)', () => {
    expect(shown([2_500_000.25, 1], 'en', { compactFrom: Infinity })).toEqual(['2,500,000.25', '1.00']);
  });
  it('ignores missing values when choosing, and has a plain format without any', () => {
    expect(chooseFormat([null, 3, undefined, Number.NaN], 'en')).toEqual({ decimals: 0, scale: 1, suffix: '' });
    expect(chooseFormat([], 'en')).toEqual({ decimals: 0, scale: 1, suffix: '' });
  });
  it('shows no "-0" for a small negative value that rounds to zero', () => {
    expect(shown([-0.001, 5])).toEqual(['0', '5']);
    expect(shown([-20, 5])).toEqual(['-20', '5']);
  });
});

describe('ranges', () => {
  it('formats both ends of every range of a column alike', () => {
    const f = chooseFormat([12.5, 98_765.43, 3, 40], 'en');
    expect(formatRange(f, 12.5, 98_765.43, 'en')).toBe('12.50 – 98,765.43');
    expect(formatRange(f, 3, 40, 'en')).toBe('3.00 – 40.00');
  });
  it('shows one value when min = max, and a dash without data', () => {
    const f = chooseFormat([5], 'en');
    expect(formatRange(f, 5, 5, 'en')).toBe('5');
    expect(formatRange(f, null, 5, 'en')).toBe('–');
  });
});

describe('helpers', () => {
  it('reads the compact units from Intl', () => {
    expect(compactUnits('en').map((u) => [u.scale, u.suffix])).toEqual([
      [1e3, 'K'],
      [1e6, 'M'],
      [1e9, 'B'],
      [1e12, 'T']
    ]);
    expect(compactUnits('zh-CN').map((u) => [u.scale, u.suffix])).toEqual([
      [1e4, '万'],
      [1e8, '亿'],
      [1e12, '万亿']
    ]);
  });
  it('counts the decimals a value needs', () => {
    expect(decimalsNeeded(46.74, 2)).toBe(2);
    expect(decimalsNeeded(46.7, 2)).toBe(1);
    expect(decimalsNeeded(120, 2)).toBe(0);
    expect(decimalsNeeded(0.1 + 0.2, 2)).toBe(1);
    expect(decimalsNeeded(2 / 3, 2)).toBe(2);
  });
});
