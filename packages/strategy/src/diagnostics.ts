// Diagnostics of the strategy layer (playbook files, playbook/rules cross-checks). Same shape as
// @segmint/dsl's Diagnostic, so the CLI prints both the same way:
// `FILE:LINE:COLUMN: error|warning: MESSAGE`, the source line, a caret under the span, a hint.
// Texts come from the strategy catalogue (./messages) by key and params; `message`/`hint` hold
// the English rendering, `renderStrategyDiagnostic` any locale.

import { formatDiagnostic, suggest as suggestNames, type Locale, type Params, type Span } from '@segmint/dsl';
import { renderStrategyMessage, type StrategyMessageKey, type StrategyMsg } from './messages/index.js';

export type { Span };

export interface StrategyDiagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  span?: Span;
  hint?: string;
  /** the catalogue key of the message's shape (the code, or the code and a variant) */
  messageKey?: StrategyMessageKey;
  /** the values the message (and hint) are built from */
  params?: Params;
  /** the catalogue key of the hint, and the values only the hint uses */
  hintKey?: StrategyMessageKey;
  hintParams?: Params;
}

/** Build a diagnostic from catalogue keys (message and optional hint). */
export function strategyDiagnostic(severity: 'error' | 'warning', code: string, message: StrategyMsg, hint?: StrategyMsg): StrategyDiagnostic {
  const d: StrategyDiagnostic = { severity, code, message: renderStrategyMessage(message.key, message.params), messageKey: message.key, params: message.params };
  if (hint) {
    d.hintKey = hint.key;
    if (Object.keys(hint.params).length > 0) d.hintParams = hint.params;
    d.hint = renderStrategyMessage(hint.key, { ...message.params, ...hint.params });
  }
  return d;
}

/** A diagnostic's message and hint in `locale` (as given when it has no keys). */
export function renderStrategyDiagnostic(d: StrategyDiagnostic, locale: Locale = 'en'): { message: string; hint?: string } {
  const params = d.params ?? {};
  const message = d.messageKey !== undefined ? renderStrategyMessage(d.messageKey, params, locale) : d.message;
  const hint = d.hintKey !== undefined ? renderStrategyMessage(d.hintKey, { ...params, ...(d.hintParams ?? {}) }, locale) : d.hint;
  return hint !== undefined ? { message, hint } : { message };
}

export function formatStrategyDiagnostic(d: StrategyDiagnostic, source: string, file = 'playbooks', locale: Locale = 'en'): string {
  const t = renderStrategyDiagnostic(d, locale);
  if (d.span) return formatDiagnostic({ severity: d.severity, code: d.code, message: t.message, ...(t.hint !== undefined ? { hint: t.hint } : {}), span: d.span }, source, file);
  return `${file}: ${d.severity}: ${t.message}${t.hint ? `\n${t.hint}` : ''}`;
}

/** The closest candidate to `word` ("did you mean"), with the rules language's own measure. */
export function suggest(word: string, candidates: readonly string[]): string | null {
  return suggestNames(word, candidates, 1)[0] ?? null;
}
