// The charts' state: the numbers computed in SQL for the data set on screen (heatmap cells,
// histogram bins, the Pareto curve), asked for through the engine queue when the charts are shown
// and again when another data set or as-of is in; an answer for an older data set is dropped.
// The segment chart needs no query: it draws the rule file's live counts.
import { heatmapData, histogramData, paretoData, type HeatColour, type HeatmapData, type HistogramData, type HistogramMetric, type ParetoData } from '@segmint/strategy';
import type { EngineHost } from '../engine/host.js';
import type { Engine } from '../engine/wasm.js';
import { SCALES } from './charts.js';

export interface ChartsData {
  heat: HeatmapData;
  hist: Record<HistogramMetric, HistogramData>;
  pareto: ParetoData;
}

/** Which relation the numbers belong to: the data set (its object) at an as-of. */
export interface RelationKey {
  dataset: object;
  asOf: string;
  customers: number;
}

export class ChartsState {
  data = $state.raw<ChartsData | null>(null);
  busy = $state(false);
  problem = $state<string | null>(null);
  /** the heatmap's colour: customers or mean M */
  colourBy = $state<HeatColour>('customers');
  /** how long the last computation took, in ms (for the benchmark: data-charts-ms) */
  queryMs = $state<number | null>(null);

  private seq = 0;
  private key: RelationKey | null = null;

  constructor(private readonly host: EngineHost<Engine>) {}

  /** The charts are on screen for this relation (null: no data set): compute their numbers
   * unless they are for it already. */
  want(key: RelationKey | null): void {
    if (!key) return;
    const k = this.key;
    if (k && k.dataset === key.dataset && k.asOf === key.asOf && k.customers === key.customers) return;
    this.key = { ...key };
    void this.refresh();
  }

  /** Another data set is in: its numbers are computed when the charts are shown next. */
  reset(): void {
    ++this.seq;
    this.key = null;
    this.data = null;
    this.problem = null;
    this.busy = false;
  }

  setColour(by: HeatColour): void {
    this.colourBy = by;
  }

  private refresh(): Promise<void> {
    const seq = ++this.seq;
    this.busy = true;
    this.problem = null;
    return this.host.serial(async () => {
      if (seq !== this.seq) return;
      const engine = this.host.current;
      if (!engine) return;
      try {
        const t0 = performance.now();
        const db = engine.backend;
        const heat = await heatmapData(db);
        const one = (m: HistogramMetric) => histogramData(db, m, { scale: SCALES[m] });
        const hist: Record<HistogramMetric, HistogramData> = { R: await one('R'), F: await one('F'), M: await one('M') };
        const pareto = await paretoData(db);
        const ms = performance.now() - t0;
        performance.measure('segmint:charts-data', { start: t0, duration: ms });
        if (seq !== this.seq) return;
        this.data = { heat, hist, pareto };
        this.queryMs = Math.round(ms * 10) / 10;
      } catch (e) {
        if (seq === this.seq) this.problem = e instanceof Error ? e.message : String(e);
      } finally {
        if (seq === this.seq) this.busy = false;
      }
    });
  }
}
