// Diagnostics of the strategy layer (playbook files, playbook/rules cross-checks). Same shape as
// @segmint/dsl's Diagnostic, so the CLI prints both the same way:
// `FILE:LINE:COLUMN: error|warning: MESSAGE`, the source line, a caret under the span, a hint.

export interface Span {
  /** 0-based character offsets, end exclusive */
  offset: number;
  end: number;
  /** 1-based */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface StrategyDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  span?: Span;
  hint?: string;
}

export function formatStrategyDiagnostic(d: StrategyDiagnostic, source: string, file = 'playbooks'): string {
  if (!d.span) return `${file}: ${d.severity}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
  const { line, column } = d.span;
  const lines = source.split(/\r?\n/);
  const text = lines[line - 1] ?? '';
  const width = Math.max(1, d.span.endLine === line ? d.span.endColumn - column : text.length - column + 1);
  const caret = ' '.repeat(Math.max(0, column - 1)) + '^'.repeat(Math.min(width, Math.max(1, text.length - column + 1)));
  let out = `${file}:${line}:${column}: ${d.severity}: ${d.message}\n  ${text}\n  ${caret}`;
  if (d.hint) out += `\n  hint: ${d.hint}`;
  return out;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function suggest(word: string, candidates: readonly string[]): string | null {
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : null;
}
