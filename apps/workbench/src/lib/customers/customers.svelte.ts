// The drilled customer table's state: which customers (a segment, a tag, the quick rule, all),
// the engine's browse handle (one materialised, ordered, numbered table), sort and search, and the
// rows on screen fetched in blocks by row number (blocks.ts). Every engine call goes through the
// engine queue; an answer for an older drill, sort or search is dropped.
import { closeBrowse, fetchBlock, updateBrowse, type BrowseColumn, type BrowseHandle, type BrowseSort, type Row } from '@segmint/engine';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import { BlockCache } from './blocks.js';
import { browseSpec, needsSegmentation, nextSort, type DrillSource } from './columns.js';
import type { Segmentation } from './segmentation.js';

export const SEARCH_DEBOUNCE_MS = 250;

/** Why the table cannot be shown: the rule file has errors (a segment or tag needs it), or the
 * engine failed (its message). */
export type CustomersProblem = { code: 'needs-rules' } | { code: 'failed'; message: string };

export class CustomersState {
  /** what is shown (null: the table is closed) */
  source = $state<DrillSource | null>(null);
  columns = $state.raw<BrowseColumn[]>([]);
  total = $state(0);
  /** the customers before the search (total is after it) */
  unsearched = $state(0);
  sort = $state<BrowseSort | null>(null);
  search = $state('');
  /** a table is being made (the drill, a new sort or search) */
  busy = $state(false);
  problem = $state<CustomersProblem | null>(null);
  /** bumped with each new table (another drill, sort or search): the view scrolls to the top */
  generation = $state(0);
  /** bumped when a block of rows arrives (the rows on screen are read again) */
  arrived = $state(0);
  /** how long the last block took to fetch, in ms (for benchmarks: data-block-ms) */
  blockMs = $state<number | null>(null);

  private handle: BrowseHandle | null = null;
  private readonly cache = new BlockCache<Row>();
  private readonly fetching = new Set<string>();
  private wanted = { first: 0, last: -1 };
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: EngineHost<Engine>,
    private readonly segmentation: Segmentation
  ) {}

  /** Open the customers of `source` (replacing the table shown). */
  open(source: DrillSource): Promise<void> {
    const seq = ++this.seq;
    clearTimeout(this.timer);
    this.source = source;
    this.sort = null;
    this.search = '';
    this.problem = null;
    this.busy = true;
    this.total = 0;
    this.unsearched = 0;
    this.columns = [];
    this.newGeneration();
    return this.host.serial(async () => {
      if (seq !== this.seq) return;
      try {
        await this.dropHandle();
        const engine = this.host.current;
        if (!engine) return;
        const seg = await this.segmentation.ensure();
        if (seq !== this.seq) return;
        if (!seg && needsSegmentation(source)) {
          this.problem = { code: 'needs-rules' };
          return;
        }
        const h = await engine.ws.browse({ ...browseSpec(source), segmentation: seg?.table ?? null });
        if (seq !== this.seq) {
          await closeBrowse(h);
          return;
        }
        this.adopt(h);
      } catch (e) {
        if (seq === this.seq) this.problem = { code: 'failed', message: e instanceof Error ? e.message : String(e) };
      } finally {
        if (seq === this.seq) this.busy = false;
      }
    });
  }

  /** A header was clicked: sort by that column (again: the other way). */
  sortBy(column: string): Promise<void> {
    this.sort = nextSort(this.sort, column);
    return this.update({ sort: [this.sort] });
  }

  /** The search text changed: search after a short pause in typing. */
  setSearch(text: string): void {
    this.search = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update({ search: text }), SEARCH_DEBOUNCE_MS);
  }

  /** Close the table (its engine table is dropped). */
  close(): Promise<void> {
    ++this.seq;
    clearTimeout(this.timer);
    this.source = null;
    this.problem = null;
    this.busy = false;
    this.newGeneration();
    return this.host.serial(() => this.dropHandle());
  }

  /** Another data set is in: the table belonged to the previous engine; just forget it. */
  reset(): void {
    ++this.seq;
    clearTimeout(this.timer);
    this.handle = null;
    this.source = null;
    this.problem = null;
    this.busy = false;
    this.newGeneration();
  }

  /** Row `i` (0-based) when its block is here; undefined while it loads. */
  row(i: number): Row | undefined {
    void this.arrived; // re-read when a block arrives
    return this.cache.row(i);
  }

  /** Rows first..last are on screen: fetch the blocks not here yet. */
  want(first: number, last: number): void {
    this.wanted = { first, last: Math.min(last, this.total - 1) };
    if (!this.handle || !this.source) return;
    for (const b of this.cache.want(this.wanted.first, this.wanted.last)) this.fetch(b);
  }

  private newGeneration(): void {
    this.generation += 1;
    this.cache.reset(this.generation);
    this.fetching.clear();
  }

  private update(change: { sort?: BrowseSort[]; search?: string }): Promise<void> {
    const seq = ++this.seq;
    this.busy = true;
    this.problem = null;
    return this.host.serial(async () => {
      const h = this.handle;
      if (seq !== this.seq || !h) {
        if (seq === this.seq) this.busy = false;
        return;
      }
      try {
        // the latest sort and search together (an earlier update may have been superseded)
        await updateBrowse(h, { ...change, sort: this.sort ? [this.sort] : undefined, search: this.search });
        if (seq === this.seq) this.adopt(h);
      } catch (e) {
        if (seq === this.seq) this.problem = { code: 'failed', message: e instanceof Error ? e.message : String(e) };
      } finally {
        if (seq === this.seq) this.busy = false;
      }
    });
  }

  private adopt(h: BrowseHandle): void {
    this.handle = h;
    this.columns = [...h.columns];
    this.total = h.total;
    if (!h.spec.search) this.unsearched = h.total;
    this.newGeneration();
    this.want(0, Math.max(this.wanted.last - this.wanted.first, 0));
  }

  private fetch(block: number): void {
    const gen = this.generation;
    const key = `${gen}:${block}`;
    const h = this.handle;
    if (!h || this.fetching.has(key)) return;
    this.fetching.add(key);
    /** skipped because it was scrolled past before its turn came */
    let passed = false;
    void this.host
      .serial(async () => {
        // another table since (drill, sort, search, close): nothing to fetch for this one
        if (gen !== this.generation || h !== this.handle || h.closed) return;
        if (!this.cache.isWanted(block)) {
          passed = true; // not worth a query now
          return;
        }
        const t0 = performance.now();
        const b = await fetchBlock(h, block * this.cache.size, this.cache.size);
        const ms = performance.now() - t0;
        performance.measure('segmint:customers-block', { start: t0, duration: ms, detail: { block, rows: b.rows.length } });
        if (gen === this.generation && this.cache.put(block, b.rows, gen)) {
          this.blockMs = Math.round(ms * 10) / 10;
          this.arrived += 1;
        }
      })
      .catch((e: unknown) => {
        if (gen === this.generation) this.problem = { code: 'failed', message: e instanceof Error ? e.message : String(e) };
      })
      .finally(() => {
        this.fetching.delete(key);
        // scrolled past, then back to it while it waited: ask once more (only a later want()
        // can make it wanted again, so this never loops by itself)
        if (passed && gen === this.generation && h === this.handle && this.cache.isWanted(block) && !this.cache.has(block)) this.fetch(block);
      });
  }

  private async dropHandle(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    if (h) await closeBrowse(h).catch(() => undefined); // its engine may be gone already
  }
}
