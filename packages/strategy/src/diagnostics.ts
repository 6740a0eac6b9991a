// Diagnostics of the strategy layer (playbook files, playbook/rules cross-checks). Same shape as
// @segmint/dsl's Diagnostic, so the CLI prints both the same way:
// `FILE:LINE:COLUMN: error|warning: MESSAGE`, the source line, a caret under the span, a hint.

import { formatDiagnostic, suggest as suggestNames, type Span } from '@segmint/dsl';

export type { Span };

export interface StrategyDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  span?: Span;
  hint?: string;
}

export function formatStrategyDiagnostic(d: StrategyDiagnostic, source: string, file = 'playbooks'): string {
  if (d.span) return formatDiagnostic({ ...d, span: d.span }, source, file);
  return `${file}: ${d.severity}: ${d.message}${d.hint ? `\n${d.hint}` : ''}`;
}

/** The closest candidate to `word` ("did you mean"), with the rules language's own measure. */
export function suggest(word: string, candidates: readonly string[]): string | null {
  return suggestNames(word, candidates, 1)[0] ?? null;
}
