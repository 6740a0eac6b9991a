// The editor's words in the UI's language: field types, counts, the hover's lines, the
// diagnostics' messages and their fixes' titles (from the dsl's catalogues).
import { FUNCTIONS, type Diagnostic } from '@segmint/dsl';
import { t } from '../i18n/index.svelte.js';
import { fmtInt } from '../ui/format.js';
import type { CompletionWords } from './complete.js';
import type { HoverWords } from './hover.js';
import type { FixLike, LintText } from './lint.js';

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? fmtInt(v) : new Intl.NumberFormat(document.documentElement.lang || 'en', { maximumFractionDigits: 2 }).format(v);
}

export function completionWords(): CompletionWords {
  return {
    type: { number: t('editor.type.number'), text: t('editor.type.text'), date: t('editor.type.date'), boolean: t('editor.type.boolean') },
    customers: (n) => t('editor.customers', { n: fmtInt(n) }),
    distinct: (n) => t('editor.distinct', { n: fmtInt(n) }),
    fieldDoc: () => null,
    functionDoc: (name) => FUNCTIONS[name]?.doc ?? null,
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
    render: (d: Diagnostic) => (d.hint ? { message: d.message, hint: d.hint } : { message: d.message }),
    fixTitle: (f: FixLike) => f.key
  };
}
