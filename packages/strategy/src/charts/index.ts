// The chart module: builders (data -> scene, d3 inside) and the SVG renderer of the report.
export type { ChartScene, ChartSize, ChartTable, CircleMark, LegendItem, LineMark, Mark, MarkKey, PathMark, RectMark, TextMark } from './scene.js';
export { sceneToSvg, legendHtml, tableHtml } from './svg.js';
export { CATEGORICAL, GRID, INK, MUTED_INK, NEUTRAL, REFERENCE, categorical, inkOn, sequential } from './palette.js';
export { defaultSankeyLabels, flowKey, parseFlowKey, parseStateKey, sankeyChart, stateKey, stateColour, stateLabel, type SankeyLabels } from './sankey.js';
