// A whole `segment ...` statement pasted into the one-line quick rule: read it, so the page can
// offer to put it in the rule file or to keep only its condition.
import { parseRules } from '@segmint/dsl';

export interface PastedSegment {
  id: string;
  /** the statement on one line, as pasted (line breaks become spaces) */
  statement: string;
  /** the text of its `when` condition */
  condition: string;
}

/** The pasted text as one segment with a condition, or null when it is not one. */
export function readPastedSegment(text: string): PastedSegment | null {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const parsed = parseRules(line);
  const file = parsed.file;
  if (!file || parsed.diagnostics.some((d) => d.severity === 'error') || file.statements.length !== 1) return null;
  const st = file.statements[0];
  if (!st || st.kind !== 'segment' || st.when === null) return null;
  return { id: st.id, statement: line, condition: line.slice(st.when.loc.start, st.when.loc.end) };
}
