// The editor's words in the UI's language: field types, counts, the hover's lines, the
// diagnostics' messages and their fixes' titles (from the dsl's catalogues).
import { describeField, describeFunction, renderDiagnostic, renderFix, type Diagnostic } from '@segmint/dsl';
import { i18n, t } from '../i18n/index.svelte.js';
import { fmtInt } from '../ui/format.js';
import type { CompletionWords } from './complete.js';
import type { HoverWords } from './hover.js';
import type { FixLike, LintText } from './lint.js';

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? fmtInt(v) : new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 2 }).format(v);
}

export function completionWords(): CompletionWords {
  return {
    type: { number: t('editor.type.number'), text: t('editor.type.text'), date: t('editor.type.date'), boolean: t('editor.type.boolean') },
    customers: (n) => t('editor.customers', { n: fmtInt(n) }),
    distinct: (n) => t('editor.distinct', { n: fmtInt(n) }),
    fieldDoc: (name) => describeField(name, i18n.locale)?.doc ?? null,
    functionDoc: (name) => describeFunction(name, i18n.locale)?.doc ?? null,
    format: formatValue
  };
}

export function hoverWords(): HoverWords {
  return {
    range: (min, median, max) => t('editor.range', { min, median, max }),
    missing: (n, total) => t('editor.missing', { n: fmtInt(n), total: fmtInt(total) })
  };
}

export function lintText(): LintText {
  return {
    render: (d: Diagnostic) => renderDiagnostic(d, i18n.locale),
    fixTitle: (f: FixLike) => renderFix(f, i18n.locale)
  };
}
