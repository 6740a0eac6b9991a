// The engine's message catalogues: every load issue, repair and left-out reason carries a stable
// code and its params; the text comes from here, in English or Simplified Chinese. Code never
// decides anything by reading message text.
import { renderDiagnostic, type Diagnostic } from '@segmint/dsl';
import { fill, type Params, type Template } from './template.js';
import * as en from './en/index.js';
import * as zh from './zh/index.js';

export type { Params, Template } from './template.js';

const EN = { ...en.file, ...en.text, ...en.encoding, ...en.formats, ...en.values, ...en.exportMessages, ...en.classify, ...en.metrics };
const ZH: Record<MessageCode, Template> = { ...zh.file, ...zh.text, ...zh.encoding, ...zh.formats, ...zh.values, ...zh.exportMessages, ...zh.classify, ...zh.metrics };

/** Every code the engine's messages use. */
export type MessageCode = keyof typeof EN;
export type MessageLocale = 'en' | 'zh-CN';

export const MESSAGE_CODES = Object.keys(EN) as MessageCode[];

/** Where a message is read: the command line (and scripts), whose hints name flags, or the app,
 * whose hints name the fields and switches of its load settings. */
export type MessageSurface = 'cli' | 'app';

/** A column's role as the Chinese messages name it (the role's id, `customer`, stays in the
 * English ones, where it is also the word of `--map customer=...`). */
const ZH_ROLES: Record<string, string> = { customer: '客户', date: '日期', amount: '金额', order: '订单' };

/** The message and hint of `code` in `locale`, placeholders filled; on the 'app' surface the
 * hint is the app's wording where the catalogue has one. */
export function renderMessage(code: MessageCode, params: Params = {}, locale: MessageLocale = 'en', surface: MessageSurface = 'cli'): { message: string; hint?: string } {
  const t: Template = (locale === 'zh-CN' ? ZH : EN)[code];
  // a message about another one (strict mode refusing a repair) names it by code in `problem`
  const inner = typeof params.problem === 'string' && params.problem in EN && params.problem !== code ? renderMessage(params.problem as MessageCode, params, locale, surface).message : null;
  const named = locale === 'zh-CN' && typeof params.role === 'string' && params.role in ZH_ROLES ? { ...params, role: ZH_ROLES[params.role]! } : params;
  let p = inner !== null ? { ...named, problem: inner } : named;
  // the rules language's diagnostics of an expression (JSON in `dsl`) give `detail` in the locale
  if (typeof params.dsl === 'string' && locale !== 'en') {
    try {
      const ds = JSON.parse(params.dsl) as Diagnostic[];
      const detail = ds.map((d) => {
        const r = renderDiagnostic(d, locale);
        return r.message + (r.hint !== undefined ? ` (${r.hint})` : '');
      });
      if (detail.length) p = { ...p, detail: detail.join('; ') };
    } catch {
      // not JSON: the English detail stays
    }
  }
  const hint = surface === 'app' ? (t.hintApp ?? t.hint) : t.hint;
  return hint !== undefined ? { message: fill(t.message, p, locale), hint: fill(hint, p, locale) } : { message: fill(t.message, p, locale) };
}

/** The raw templates (tests check both languages have every code and the same placeholders). */
export function catalogue(locale: MessageLocale): Record<MessageCode, Template> {
  return locale === 'zh-CN' ? ZH : EN;
}
