// The report as a file: its formats, the text of each (the renderers of render-report.ts), its
// name and media type. The CLI's `segmint report --format F` and the app's download buttons both
// write through renderReport, so the same report gives the same bytes (UTF-8, no BOM).
import type { SegmentReport } from './report.js';
import { reportToCsv, reportToHtml, reportToJson, reportToMarkdown } from './render-report.js';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** The report's text in `format`. */
export function renderReport(report: SegmentReport, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return reportToHtml(report);
    case 'json':
      return reportToJson(report);
    case 'csv':
      return reportToCsv(report);
    default:
      return reportToMarkdown(report);
  }
}

/** The media type of a report file (UTF-8 text). */
export const REPORT_MIME: Record<ReportFormat, string> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8'
};

/** The name a downloaded report gets: `report.md`, `report.html`, ... (what `segmint report
 * --out report.md` writes). */
export function reportFileName(format: ReportFormat): string {
  return `report.${format}`;
}
