// A chart as data: what to draw (marks with coordinates already computed by d3 scales and
// layouts), what each interactive mark means (its key and tooltip), and the same numbers as a
// table. Two renderers draw a scene: the app's Chart.svelte ({#each} over the marks) and
// sceneToSvg (the HTML report's inline SVG). A chart is computed once, by a pure builder in this
// folder, so the app and the report can never disagree.

/** An interactive mark's meaning: what a click or Enter opens (the builder's caller decides). */
export interface MarkKey {
  /** stable id of the thing under the mark, e.g. `segment:loyal`, `cell:3:4`, `flow:a>b` */
  key: string;
  /** the tooltip and the accessible name of the mark, in the chart's language */
  tip: string;
}

interface MarkBase {
  /** present on marks a person can point at, focus and open */
  hit?: MarkKey;
  /** SVG class for styling hooks (never user text) */
  cls?: string;
}

export interface RectMark extends MarkBase {
  type: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  stroke?: string;
  opacity?: number;
}

export interface PathMark extends MarkBase {
  type: 'path';
  d: string;
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  opacity?: number;
  dash?: string;
}

export interface LineMark extends MarkBase {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  strokeWidth?: number;
  dash?: string;
}

export interface CircleMark extends MarkBase {
  type: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
}

export interface TextMark extends MarkBase {
  type: 'text';
  x: number;
  y: number;
  text: string;
  anchor?: 'start' | 'middle' | 'end';
  /** dominant-baseline */
  baseline?: 'auto' | 'middle' | 'hanging';
  size?: number;
  weight?: 'normal' | 'bold';
  fill?: string;
  /** degrees, around (x, y) */
  rotate?: number;
}

export type Mark = RectMark | PathMark | LineMark | CircleMark | TextMark;

export interface LegendItem {
  label: string;
  fill: string;
  /** a line legend (thresholds, reference lines) instead of a swatch */
  line?: boolean;
  dash?: string;
  /** the label is data (a segment's name): not translated (translate="no") */
  data?: boolean;
}

/** The text alternative: the chart's numbers as a table (cells already formatted). */
export interface ChartTable {
  columns: string[];
  rows: string[][];
  /** the hit key of each row (same order), so a row can drill like its mark; null = none */
  keys?: (string | null)[];
}

export interface ChartScene {
  kind: 'segments' | 'heatmap' | 'histogram' | 'pareto' | 'sankey' | 'silhouette';
  width: number;
  height: number;
  /** the chart's heading and accessible name */
  title: string;
  /** one or two sentences saying what the chart shows (aria-describedby, the report's caption) */
  summary: string;
  marks: Mark[];
  legend: LegendItem[];
  table: ChartTable;
}

/** The fixed size a builder lays out in; renderers scale the SVG with its viewBox. */
export interface ChartSize {
  width: number;
  height: number;
}
