import { describe, expect, it } from 'vitest';
import { compileRules, type Diagnostic } from '@segmint/dsl';
import { applyEdits, editorDiagnostics, type LintText } from './lint.js';

const text: LintText = { render: (d) => ({ message: d.message, ...(d.hint ? { hint: d.hint } : {}) }), fixTitle: (f) => `fix ${f.key}` };
const schema = { fields: [{ name: 'R', type: 'number' as const, builtin: true }, { name: '城市名称', type: 'text' as const }] };

describe('diagnostics in the editor', () => {
  it('puts the squiggle on the span, in UTF-16 positions, also after wide Chinese text', () => {
    const src = 'segment 北京客户 "北京的客户" when 城市名称 = "北京" and Rx < 3\n';
    const d = compileRules(src, schema, { relation: 'customers' }).diagnostics;
    const [e] = editorDiagnostics(d, src.length, text);
    expect(e).toBeDefined();
    expect(src.slice(e!.from, e!.to)).toBe('Rx');
    expect(e!.severity).toBe('error');
  });
  it('keeps info as info and clamps spans to the document', () => {
    const d: Diagnostic[] = [{ severity: 'info', code: 'x', message: 'note', span: { offset: 5, end: 99, line: 1, column: 6, endLine: 1, endColumn: 100 }, hint: 'the hint' }];
    expect(editorDiagnostics(d, 10, text)).toEqual([{ from: 5, to: 10, severity: 'info', message: 'note\nthe hint', code: 'x', fixes: [] }]);
  });
  it('turns a diagnostic\'s fixes into named actions whose edits fix the text', () => {
    const src = 'R > 1 and Rx < 2';
    const d: Diagnostic[] = [{ severity: 'error', code: 'unknown-field', message: 'unknown', span: { offset: 10, end: 12, line: 1, column: 11, endLine: 1, endColumn: 13 }, fixes: [{ key: 'fix.replace', params: { text: 'R' }, edits: [{ from: 10, to: 12, insert: 'R' }] }] }];
    const [e] = editorDiagnostics(d, src.length, text);
    expect(e!.fixes).toEqual([{ name: 'fix fix.replace', edits: [{ from: 10, to: 12, insert: 'R' }] }]);
    expect(applyEdits(src, e!.fixes[0]!.edits)).toBe('R > 1 and R < 2');
  });
});
