// The report downloads, the pure part: what the report is made from (the rule file's and the
// playbook's names as a save would write them, the language), whether it can be made now, and
// the file a format gives. The numbers and the text are the strategy package's (reportFromRun,
// renderReport): the same functions `segmint report` calls, so the same inputs give the same bytes.
import {
  REPORT_MIME,
  parsePlaybooks,
  renderReport,
  reportFileName,
  type Lang,
  type ReportFormat,
  type ReportFromRunOptions,
  type SegmentReport
} from '@segmint/strategy';
import { saveName } from '../rules/save.js';

/** The report's language: the app's (`segmint report --lang en|zh`). */
export function reportLang(locale: 'en' | 'zh-CN'): Lang {
  return locale === 'zh-CN' ? 'zh' : 'en';
}

/** What of the rules' state the report needs. */
export interface ReportSource {
  /** the rule file's text */
  rules: string;
  /** the name it was opened or saved as (null: the example, a model, or typed) */
  fileName: string | null;
  /** the name a save suggests (a model's `tiers.seg`) */
  suggestedName: string | null;
  /** the playbook beside the rules */
  playbook: { name: string; text: string } | null;
}

/**
 * The names the report writes for the rule file and the playbook: the names a save gives them
 * (`team.seg`, a model's `rfm.seg` and `rfm.playbooks.yaml`, `rules.seg` for text with no name),
 * so `segmint report --rules NAME --playbooks NAME` run beside the saved files writes the same.
 */
export function reportFileNames(s: Pick<ReportSource, 'fileName' | 'suggestedName' | 'playbook'>): { rulesFile: string; playbooksFile: string | null } {
  return { rulesFile: saveName('rules', s.fileName ?? s.suggestedName), playbooksFile: s.playbook ? saveName('playbook', s.playbook.name) : null };
}

/** reportFromRun's options for this source, in `lang` (the default title of that language). */
export function reportOptions(s: ReportSource, lang: Lang): ReportFromRunOptions {
  return { playbooks: s.playbook?.text ?? null, lang, ...reportFileNames(s) };
}

/** Why the report cannot be made now (null: it can). */
export type ReportBlocker = 'no-data' | 'rule-errors' | 'playbook-errors';

export function reportBlocker(s: { hasData: boolean; ruleErrors: boolean; playbook: string | null }): ReportBlocker | null {
  if (!s.hasData) return 'no-data';
  if (s.ruleErrors) return 'rule-errors';
  if (s.playbook !== null && playbookHasErrors(s.playbook)) return 'playbook-errors';
  return null;
}

/** The playbook text has errors (then there is no report: `segmint report` exits with 1). */
export function playbookHasErrors(text: string): boolean {
  const p = parsePlaybooks(text);
  return !p.file || p.diagnostics.some((d) => d.severity === 'error');
}

export interface ReportFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** The report in `format` as a file: UTF-8 without a byte order mark, as the CLI writes it. */
export function reportFile(report: SegmentReport, format: ReportFormat): ReportFile {
  return { bytes: new TextEncoder().encode(renderReport(report, format)), fileName: reportFileName(format), mimeType: REPORT_MIME[format] };
}
