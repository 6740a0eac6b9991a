// The chart module: builders (data -> scene, d3 inside) and the SVG renderer of the report.
export type { ChartScene, ChartSize, ChartTable, CircleMark, LegendItem, LineMark, Mark, MarkKey, PathMark, RectMark, TextMark } from './scene.js';
export { sceneToSvg, legendHtml, tableHtml } from './svg.js';
export { CATEGORICAL, GRID, INK, MUTED_INK, NEUTRAL, REFERENCE, categorical, inkOn, sequential } from './palette.js';
export { fitText, fmtCount, fmtShare, fmtTick, fmtValue, numberFormat, textWidth } from './common.js';
export { segmentsChart, segmentKey, segmentOfKey, type SegmentDatum, type SegmentsChartInput, type SegmentsLabels } from './segments.js';
export { heatmapChart, cellKey, cellOfKey, SCORES, type HeatCell, type HeatColour, type HeatmapInput, type HeatmapLabels } from './heatmap.js';
export { histogramChart, histogramScale, histogramTicks, type HistogramBin, type HistogramInput, type HistogramLabels, type HistogramLine, type HistogramScale } from './histogram.js';
export { paretoChart, type ParetoInput, type ParetoLabels, type ParetoPoint } from './pareto.js';
export { defaultSankeyLabels, flowKey, parseFlowKey, parseStateKey, sankeyChart, stateKey, stateColour, stateLabel, type SankeyLabels } from './sankey.js';
