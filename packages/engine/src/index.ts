// @segmint/engine: environment-neutral core (runs in the browser and in Node).
// Backends: '@segmint/engine/node' (native DuckDB) and '@segmint/engine/browser' (duckdb-wasm).
export * from './types.js';
export { renderMessage, catalogue, MESSAGE_CODES, type MessageCode, type MessageLocale, type Params } from './messages/index.js';
export { ident, str } from './sql/quote.js';
export { objectKinds, tableColumns, tableExists, type ColumnInfo, type ObjectKind } from './sql/catalog.js';
export {
  buildCustomers,
  customersSql,
  relationSchema,
  checkDate,
  defaultAsOf,
  fieldType,
  planAttributeColumns,
  METRIC_COLUMNS,
  RESERVED_COLUMNS,
  TX_TABLE,
  ATTRS_TABLE,
  CUSTOMERS_TABLE,
  type BuildCustomersResult,
  type RenamedColumn
} from './metrics/index.js';
export {
  runSegmentation,
  segmentSummary,
  tagCounts,
  quickRuleCounts,
  segmentOutputSql,
  SEGMENTED_TABLE,
  OUTPUT_METRICS,
  type CompiledRuleSet,
  type CompiledExpression
} from './segment/index.js';
export * from './ingest/index.js';
export { Workspace, type CompiledRules, type CompiledExpressionResult } from './workspace.js';
export * from './browse/index.js';
export { fieldStats, MAX_LISTED_VALUES, type FieldStats } from './segment/field-stats.js';
