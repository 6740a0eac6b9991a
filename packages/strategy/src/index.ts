// @segmint/strategy: playbooks, ready-made models, the segment report and the migration review.
// Browser-safe: pure TypeScript over the engine's Backend (no node:* imports).
export { escapeHtml, csvCell, csvLine, mdCell, mdText } from './escape.js';
export { fmtCompact, fmtInt, fmtNum, fmtPct, isLang, type Lang } from './format.js';
export { formatStrategyDiagnostic, renderStrategyDiagnostic, strategyDiagnostic, type Span, type StrategyDiagnostic } from './diagnostics.js';
export { renderStrategyError, renderStrategyMessage, smsg, StrategyError, strategyCatalogue, STRATEGY_MESSAGE_KEYS, type StrategyMessageKey, type StrategyMsg } from './messages/index.js';
export {
  KPI_METRICS,
  checkPlaybooks,
  parsePlaybooks,
  parseTarget,
  resolveMetric,
  type Kpi,
  type KpiMetric,
  type ParsedPlaybooks,
  type Playbook,
  type PlaybookFile
} from './playbooks.js';
export {
  computeReport,
  reportFromRun,
  kpiStatus,
  type KpiStatus,
  type Pareto,
  type ParsedPlaybookFile,
  type ReportFromRunOptions,
  type ReportOptions,
  type ReportSegment,
  type SegmentReport
} from './report.js';
export { REPORT_CSV_COLUMNS, reportToCsv, reportToHtml, reportToJson, reportToMarkdown } from './render-report.js';
export { REPORT_FORMATS, REPORT_MIME, isReportFormat, renderReport, reportFileName, type ReportFormat } from './report-file.js';
export { exportCustomers, maskValue, personalKind, type ExportOptions, type ExportResult, type PersonalKind, type PersonalMode } from './export.js';
export {
  GONE,
  NEW,
  UNASSIGNED,
  computeMigration,
  migrationSql,
  migrationToCsv,
  migrationToHtml,
  migrationToJson,
  migrationToMarkdown,
  snapshotRun,
  type Flow,
  type Migration,
  type MigrationCell,
  type MigrationKind,
  type MigrationOptions,
  type SegmentRetention
} from './migration.js';
export {
  PLAYBOOK_TEXT_FIELDS,
  PLAYBOOK_YAML_FORMAT,
  addPlaybook,
  newPlaybookFile,
  playbookValues,
  removePlaybook,
  setPlaybookField,
  setPlaybookKpis,
  setPlaybookMeasures,
  templateGoal,
  updatePlaybook,
  type AddOptions,
  type KpiValues,
  type PlaybookTextField,
  type PlaybookValues
} from './playbook-edit.js';
export { computeRuleDiff, mergeSegments, ruleDiffToJson, ruleDiffToMarkdown, segmentSizes, type RuleDiffOptions, type RuleDiffSide, type SegmentSize } from './rule-diff.js';
export { listLibraries, loadLibrary, type LibraryId, type LibraryInfo, type LoadedLibrary } from './libraries.js';
export {
  CSV_EOL,
  CSV_MIME,
  EXPORT_BLOCK_ROWS,
  SUMMARY_CSV_COLUMNS,
  XLSX_MAX_CELL_CHARS,
  XLSX_MAX_ROWS,
  XLSX_MIME,
  exportCustomerTable,
  exportFileName,
  exportSummaryCsv,
  formatDouble,
  guardFormula,
  sanitizeFileNamePart,
  type ExportFile,
  type ExportFormat,
  type ExportScope,
  type ExportSource,
  type TableExportOptions
} from './download.js';
export * from './charts/index.js';
export { heatmapData, heatmapSql, histogramData, paretoCurveSql, paretoData, planBins, type BinPlan, type HeatmapData, type HistogramData, type HistogramMetric, type ParetoData, type SegmentFilter } from './chart-data.js';
