// The strategy layer's message catalogues (en, zh-CN), built like the rules language's: every
// diagnostic and error carries a stable code, a message key and params; `message` (and `hint`)
// hold the English text, `renderStrategyDiagnostic` / `renderStrategyMessage` give any locale.
import { fillTemplate, type Locale, type Params } from '@segmint/dsl';
import { en, type StrategyMessageKey } from './en.js';
import { zh } from './zh.js';

export type { StrategyMessageKey } from './en.js';

export const STRATEGY_MESSAGE_KEYS = Object.keys(en) as StrategyMessageKey[];

export function strategyCatalogue(locale: Locale): Record<StrategyMessageKey, string> {
  return locale === 'zh-CN' ? zh : en;
}

/** The text of `key` in `locale`, placeholders filled (numbers in the locale's format). */
export function renderStrategyMessage(key: StrategyMessageKey | string, params: Params = {}, locale: Locale = 'en'): string {
  const cat = strategyCatalogue(locale) as Record<string, string>;
  return fillTemplate(cat[key] ?? (en as Record<string, string>)[key] ?? key, params, locale, (k) => cat[k]);
}

export interface StrategyMsg {
  key: StrategyMessageKey;
  params: Params;
}
export function smsg(key: StrategyMessageKey, params: Params = {}): StrategyMsg {
  return { key, params };
}

/** An error of a report, export or library call: a stable code and params; `message` is English. */
export class StrategyError extends Error {
  readonly code: StrategyMessageKey;
  readonly params: Params;
  constructor(code: StrategyMessageKey, params: Params = {}) {
    super(renderStrategyMessage(code, params));
    this.name = 'StrategyError';
    this.code = code;
    this.params = params;
  }
}

/** An error's text in `locale`: a StrategyError from the catalogue, any other error as it is. */
export function renderStrategyError(err: unknown, locale: Locale = 'en'): string {
  if (err instanceof StrategyError) return renderStrategyMessage(err.code, err.params, locale);
  return err instanceof Error ? err.message : String(err);
}
