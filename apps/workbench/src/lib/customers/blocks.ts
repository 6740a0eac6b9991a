// The customer table's pure mechanics: a cache of row blocks keyed by block number, and the
// mapping between the scroll position and the row numbers.
//
// Scroll scaling: browsers cap an element's height (Chromium near 16.7M px; 1M rows x 28 px is
// 28M px), so the spacer under the rows is never taller than MAX_SCROLL_HEIGHT. When the rows'
// real height R is taller, the scroll range [0, H - V] of the capped height H (V: the rows'
// viewport) is stretched linearly onto the real range [0, R - V]: offset = scrollTop * scale with
// scale = (R - V) / (H - V). The top scrolls to row 0, the bottom to the last row, and each row is
// drawn at scrollTop + (its real top - offset), i.e. where it would be in the unscaled table
// relative to the viewport. One pixel of scrollbar moves `scale` pixels of rows (about 3 at 1M).
import type { Row } from '@segmint/engine';

export const ROW_HEIGHT = 28;
/** the tallest spacer we draw (under Chromium's ~16.7M px and Firefox's ~17.9M px) */
export const MAX_SCROLL_HEIGHT = 10_000_000;
/** rows fetched at once (one `rn BETWEEN` query) */
export const BLOCK_ROWS = 200;
/** blocks kept (the visible ones are never dropped) */
export const MAX_BLOCKS = 12;

export interface ScrollMap {
  /** the rows' real height */
  real: number;
  /** the spacer's height (real, capped) */
  height: number;
  /** real pixels per scrolled pixel (1 when not capped) */
  scale: number;
}

export function scrollMap(total: number, viewport: number, rowHeight = ROW_HEIGHT, cap = MAX_SCROLL_HEIGHT): ScrollMap {
  const real = Math.max(0, total) * rowHeight;
  const height = Math.min(real, cap);
  const scale = real > height && height > viewport ? (real - viewport) / (height - viewport) : 1;
  return { real, height, scale };
}

/** The real (unscaled) offset shown at a scroll position. */
export function toOffset(m: ScrollMap, scrollTop: number): number {
  return Math.max(0, scrollTop) * m.scale;
}

/** The scroll position that shows a real offset. */
export function toScrollTop(m: ScrollMap, offset: number): number {
  return Math.max(0, offset) / m.scale;
}

/** Where a row whose real top is `start` is drawn inside the spacer, at a scroll position. */
export function drawTop(m: ScrollMap, scrollTop: number, start: number): number {
  return scrollTop + start - toOffset(m, scrollTop);
}

/** The block numbers holding rows first..last (inclusive). */
export function blocksFor(first: number, last: number, blockRows = BLOCK_ROWS): number[] {
  if (last < first || last < 0) return [];
  const out: number[] = [];
  for (let b = Math.floor(Math.max(0, first) / blockRows); b <= Math.floor(last / blockRows); b++) out.push(b);
  return out;
}

/**
 * Blocks of rows by block number (block b holds rows b*size .. b*size+size-1), least recently
 * used dropped beyond `max` blocks, except the ones currently wanted. Blocks of an older table
 * version (another sort or search) are refused.
 */
export class BlockCache<T = Row> {
  private blocks = new Map<number, T[]>();
  private wanted = new Set<number>();
  version = 0;

  constructor(
    readonly size = BLOCK_ROWS,
    readonly max = MAX_BLOCKS
  ) {}

  /** Forget everything: a new table (version) is coming. */
  reset(version: number): void {
    this.version = version;
    this.blocks.clear();
    this.wanted.clear();
  }

  /** The rows first..last are on screen: their blocks are kept; returns those not yet here. */
  want(first: number, last: number): number[] {
    const bs = blocksFor(first, last, this.size);
    this.wanted = new Set(bs);
    for (const b of bs) this.touch(b);
    return bs.filter((b) => !this.blocks.has(b));
  }

  isWanted(block: number): boolean {
    return this.wanted.has(block);
  }

  has(block: number): boolean {
    return this.blocks.has(block);
  }

  /** Store a fetched block; false (ignored) when it belongs to another version. */
  put(block: number, rows: T[], version: number): boolean {
    if (version !== this.version) return false;
    this.blocks.set(block, rows);
    this.evict();
    return true;
  }

  /** Row `i`, or undefined while its block is not here. */
  row(i: number): T | undefined {
    return this.blocks.get(Math.floor(i / this.size))?.[i % this.size];
  }

  get count(): number {
    return this.blocks.size;
  }

  private touch(block: number): void {
    const rows = this.blocks.get(block);
    if (rows) {
      // a Map iterates in insertion order: re-inserting makes it the most recent
      this.blocks.delete(block);
      this.blocks.set(block, rows);
    }
  }

  private evict(): void {
    for (const b of this.blocks.keys()) {
      if (this.blocks.size <= this.max) break;
      if (!this.wanted.has(b)) this.blocks.delete(b);
    }
  }
}
