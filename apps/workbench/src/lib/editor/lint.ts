// The dsl's diagnostics as the editor shows them: the span as a range of the document (dsl
// offsets are UTF-16 code units, as CodeMirror's positions are, so wide Chinese text needs no
// conversion), the severity kept (info stays info), the message and hint in the UI's language,
// and the diagnostic's fixes as actions (did-you-mean and every other mechanical fix).
import type { Diagnostic, Fix, TextEdit } from '@segmint/dsl';

/** One text edit of a fix: offsets into the checked text. */
export type FixEdit = TextEdit;

/** A fix as the dsl describes it: a catalogue key and params for its title, and the edits. */
export type FixLike = Fix;

/** A diagnostic as the editor shows it (the shape of CodeMirror's lint Diagnostic, minus the
 * action callbacks, which setup.ts adds around `fixes`). */
export interface EditorDiagnostic {
  from: number;
  to: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** the dsl code, for tests and styling */
  code: string;
  fixes: { name: string; edits: FixEdit[] }[];
}

export interface LintText {
  /** the message and hint of `d` in the UI's language */
  render: (d: Diagnostic) => { message: string; hint?: string };
  /** the title of a fix ("Replace with `industry`") in the UI's language */
  fixTitle: (fix: FixLike) => string;
}


/** Map dsl diagnostics of a text onto a document of `length` characters. */
export function editorDiagnostics(diagnostics: readonly Diagnostic[], length: number, text: LintText): EditorDiagnostic[] {
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  return diagnostics.map((d) => {
    const from = clamp(d.span.offset);
    const to = Math.max(from, clamp(d.span.end));
    const { message, hint } = text.render(d);
    return {
      from,
      to,
      severity: d.severity,
      message: hint ? `${message}\n${hint}` : message,
      code: d.code,
      fixes: (d.fixes ?? []).map((f) => ({ name: text.fixTitle(f), edits: f.edits.map((e) => ({ from: clamp(e.from), to: clamp(e.to), insert: e.insert })) }))
    };
  });
}

/** Apply a fix's edits to a text (tests; the editor dispatches them as one change). */
export function applyEdits(text: string, edits: readonly FixEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}
