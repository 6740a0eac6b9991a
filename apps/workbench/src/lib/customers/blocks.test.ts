import { describe, expect, it } from 'vitest';
import { BlockCache, MAX_SCROLL_HEIGHT, blocksFor, drawTop, scrollMap, toOffset, toScrollTop } from './blocks.js';

describe('scroll mapping', () => {
  it('is the identity while the rows fit under the cap', () => {
    const m = scrollMap(2000, 400, 28);
    expect(m).toEqual({ real: 56_000, height: 56_000, scale: 1 });
    expect(toOffset(m, 1234)).toBe(1234);
    expect(drawTop(m, 1234, 28 * 50)).toBe(28 * 50);
  });

  it('caps the spacer at 1M rows and still reaches the first and the last row', () => {
    const viewport = 400;
    const m = scrollMap(1_000_000, viewport, 28);
    expect(m.height).toBe(MAX_SCROLL_HEIGHT);
    expect(m.real).toBe(28_000_000);
    const maxScroll = m.height - viewport;
    // the bottom of the scrollbar shows the last row at the bottom of the viewport
    const offset = toOffset(m, maxScroll);
    expect(offset).toBeCloseTo(m.real - viewport, 6);
    const lastStart = 999_999 * 28;
    const top = drawTop(m, maxScroll, lastStart);
    expect(top + 28 - maxScroll).toBeCloseTo(viewport, 6);
    // the top shows row 0 at the top
    expect(drawTop(m, 0, 0)).toBe(0);
    // and back: the scroll position of an offset
    expect(toScrollTop(m, offset)).toBeCloseTo(maxScroll, 6);
    // rows next to each other stay 28 px apart on screen
    expect(drawTop(m, 5000, 28 * 9001) - drawTop(m, 5000, 28 * 9000)).toBe(28);
  });

  it('has no rows for an empty result', () => {
    expect(scrollMap(0, 400)).toEqual({ real: 0, height: 0, scale: 1 });
  });
});

describe('blocksFor', () => {
  it('lists the blocks of a row range', () => {
    expect(blocksFor(0, 0, 200)).toEqual([0]);
    expect(blocksFor(199, 200, 200)).toEqual([0, 1]);
    expect(blocksFor(999_990, 999_999, 200)).toEqual([4999]);
    expect(blocksFor(5, 4, 200)).toEqual([]);
  });
});

describe('BlockCache', () => {
  const block = (b: number, size = 10) => Array.from({ length: size }, (_, i) => b * size + i);

  it('gives rows by row number once their block is in, and says which blocks are missing', () => {
    const c = new BlockCache<number>(10, 3);
    expect(c.want(15, 34)).toEqual([1, 2, 3]);
    c.put(2, block(2), 0);
    expect(c.row(25)).toBe(25);
    expect(c.row(15)).toBeUndefined();
    expect(c.want(15, 34)).toEqual([1, 3]);
  });

  it('drops the least recently used blocks, never the wanted ones', () => {
    const c = new BlockCache<number>(10, 2);
    c.want(0, 9);
    c.put(0, block(0), 0);
    c.want(10, 19);
    c.put(1, block(1), 0);
    c.want(20, 39);
    c.put(2, block(2), 0);
    c.put(3, block(3), 0);
    // 0 and 1 went (least recent); 2 and 3 are on screen
    expect([c.has(0), c.has(1), c.has(2), c.has(3)]).toEqual([false, false, true, true]);
    expect(c.count).toBe(2);
  });

  it('refuses a block fetched for an older version (another sort or search)', () => {
    const c = new BlockCache<number>(10, 4);
    c.reset(2);
    expect(c.put(0, block(0), 1)).toBe(false);
    expect(c.row(3)).toBeUndefined();
    expect(c.put(0, block(0), 2)).toBe(true);
    expect(c.row(3)).toBe(3);
    c.reset(3);
    expect(c.row(3)).toBeUndefined();
  });
});
