import { describe, expect, it } from 'vitest';
import { fmtBytes } from './bytes.js';

describe('fmtBytes', () => {
  it('uses 1,024-based units with one decimal above bytes', () => {
    expect(fmtBytes(0, 'en')).toBe('0 B');
    expect(fmtBytes(1023, 'en')).toBe('1,023 B');
    expect(fmtBytes(1536, 'en')).toBe('1.5 KB');
    expect(fmtBytes(49_283_072, 'en')).toBe('47.0 MB');
    expect(fmtBytes(5 * 1024 ** 4 * 1024, 'en')).toBe('5,120.0 TB');
  });
});
