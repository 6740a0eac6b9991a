// The Format command's text: the dsl formatter's, or null when the text has syntax errors (the
// editor then leaves it as it is; the errors are already shown).
import { formatRules } from '@segmint/dsl';

export function formatOrNull(text: string): string | null {
  const r = formatRules(text);
  return r.diagnostics.some((d) => d.severity === 'error') ? null : r.text;
}
