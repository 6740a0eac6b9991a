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

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
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
