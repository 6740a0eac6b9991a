// The rule editor's CodeMirror configuration: the language and its colours, completion over the
// grammar (complete.ts), the dsl's diagnostics inline with their fixes (lint.ts), hover docs
// (hover.ts), format on Shift+Alt+F, the comment toggle (Ctrl+/), bracket matching and undo
// history. The same setup serves the rule file and the one-line quick rule.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching } from '@codemirror/language';
import { forceLinting, lintGutter, lintKeymap, linter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { Annotation, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, hoverTooltip, keymap, lineNumbers, placeholder as placeholderExt, type Command } from '@codemirror/view';
import type { Diagnostic } from '@segmint/dsl';
import { completeAt, type EditorContext } from './complete.js';
import { hoverAt, type HoverWords } from './hover.js';
import { editorDiagnostics, type LintText } from './lint.js';
import { segmintHighlight, segmintLanguage } from './language.js';

export interface EditorOptions {
  mode: 'file' | 'expression';
  /** the id of the element that labels the editor, and of the help/diagnostics it refers to */
  labelledBy: string;
  describedBy: string;
  /** the id given to the editable element (tests and the page refer to it) */
  id: string;
  placeholder?: string;
  /** read at each request: the fields, their stats, the words of the UI's language */
  context: () => EditorContext;
  /** the dsl's diagnostics of a text (checked here, synchronously, at every change) */
  check: (text: string) => readonly Diagnostic[];
  lintText: () => LintText;
  hoverWords: () => HoverWords;
  /** the text changed by the user (typing, a fix, format, undo) */
  onChange: (text: string) => void;
  /** the formatted text, or null when it cannot be formatted (syntax errors) */
  format?: (text: string) => string | null;
  /** text pasted into a one-line editor that is a whole statement (`segment ...`): handled by
   * the page (offered to the rule file) instead of pasted */
  onPasteStatement?: (text: string) => boolean;
}

/** Replace the whole document (one undoable step). */
function replaceAll(view: EditorView, text: string, userEvent: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent });
}

function formatCommand(o: EditorOptions): Command {
  return (view) => {
    if (!o.format) return false;
    const text = view.state.doc.toString();
    const out = o.format(text);
    if (out !== null && out !== text) replaceAll(view, out, 'input.format');
    return true;
  };
}

function completionSource(o: EditorOptions) {
  return (cx: CompletionContext): CompletionResult | null => {
    const answer = completeAt(cx.state.doc.toString(), cx.pos, o.context(), cx.explicit);
    if (!answer) return null;
    const options: Completion[] = answer.options.map((x) => ({ ...x }));
    return { from: answer.from, options, validFor: answer.validFor };
  };
}

function lintSource(o: EditorOptions) {
  return (view: EditorView): CmDiagnostic[] => {
    const t0 = performance.now();
    const text = view.state.doc.toString();
    const mapped = editorDiagnostics(o.check(text), text.length, o.lintText());
    // the check's time, for the benchmark (test/bench/editor.mjs; observers see every entry, the
    // timeline keeps the last one only)
    performance.clearMeasures('segmint:lint');
    performance.measure('segmint:lint', { start: t0, end: performance.now() });
    return mapped.map((d) => ({
      from: d.from,
      to: d.to,
      severity: d.severity,
      message: d.message,
      source: d.code,
      markClass: `cm-segmint-${d.severity}`,
      actions: d.fixes.map((f) => ({
        name: f.name,
        apply: (v: EditorView) => v.dispatch({ changes: f.edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })), userEvent: 'input.fix' })
      }))
    }));
  };
}

function hoverSource(o: EditorOptions) {
  return hoverTooltip((view, pos) => {
    const doc = hoverAt(view.state.doc.toString(), pos, o.context(), o.hoverWords());
    if (!doc) return null;
    return {
      pos: doc.from,
      end: doc.to,
      above: true,
      create: () => {
        // text only (textContent): nothing from the data or the rules is read as HTML
        const dom = document.createElement('div');
        dom.className = 'cm-segmint-hover';
        const title = document.createElement('strong');
        title.textContent = doc.title;
        dom.append(title);
        for (const line of doc.lines) {
          const p = document.createElement('p');
          p.textContent = line;
          dom.append(p);
        }
        return { dom };
      }
    };
  });
}

/** One line only: line breaks typed or pasted become spaces; a pasted statement is offered. */
function oneLine(o: EditorOptions): Extension[] {
  return [
    EditorState.transactionFilter.of((tr) => {
      if (!tr.docChanged || tr.newDoc.lines === 1) return tr;
      const flat = tr.newDoc.toString().replace(/\r?\n/g, ' ');
      return [tr, { changes: { from: 0, to: tr.newDoc.length, insert: flat }, sequential: true }];
    }),
    EditorView.domEventHandlers({
      paste: (event) => {
        const text = event.clipboardData?.getData('text/plain') ?? '';
        // a whole statement is offered to the rule file (true: taken), else pasted as text
        if (o.onPasteStatement && /^\s*segment\b/i.test(text) && o.onPasteStatement(text)) {
          event.preventDefault();
          return true;
        }
        return false;
      }
    }),
    keymap.of([{ key: 'Enter', run: () => true }])
  ];
}

export function editorExtensions(o: EditorOptions): Extension[] {
  const format = formatCommand(o);
  return [
    o.mode === 'file' ? [lineNumbers(), lintGutter(), highlightActiveLine()] : oneLine(o),
    history(),
    drawSelection(),
    bracketMatching(),
    closeBrackets(),
    segmintLanguage,
    segmintHighlight,
    autocompletion({ override: [completionSource(o)], icons: false }),
    // delay 0: the check is synchronous and fast (a 200-line file in a few ms, see BENCHMARKS.md)
    linter(lintSource(o), { delay: 0 }),
    hoverSource(o),
    keymap.of([{ key: 'Shift-Alt-f', run: format, preventDefault: true }, ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
    o.placeholder ? placeholderExt(o.placeholder) : [],
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({
      id: o.id,
      'aria-labelledby': o.labelledBy,
      'aria-describedby': o.describedBy,
      'aria-multiline': o.mode === 'file' ? 'true' : 'false',
      spellcheck: 'false',
      autocorrect: 'off',
      autocapitalize: 'off'
    }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && u.transactions.some((t) => t.annotation(externalChange) !== true)) o.onChange(u.state.doc.toString());
    })
  ];
}

/** Marks a change that came from the page (a model, an opened file), not from the user. */
export const externalChange = Annotation.define<boolean>();

/** Put `text` in the editor as one undoable step (Ctrl+Z brings the previous text back). */
export function setText(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: externalChange.of(true), userEvent: 'input.replace' });
}

/** Check again without a change of text (the data set or the language changed). */
export function relint(view: EditorView): void {
  forceLinting(view);
}

/** Run the format command (the Format button). */
export function formatNow(view: EditorView, o: EditorOptions): void {
  formatCommand(o)(view);
}
