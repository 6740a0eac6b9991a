// The UI language: one dictionary per language, a reactive current locale, `t()` to look up.
import { en, type Dictionary, type MessageKey } from './en.js';
import { zh } from './zh.js';
import { localize, type Coded, type Text } from '../ui/engine-text.js';

export type Locale = 'en' | 'zh-CN';
export const locales: { id: Locale; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' }
];
const dictionaries: Record<Locale, Dictionary> = { en, 'zh-CN': zh };

/** The language's synchronous mirror in localStorage: read before the first paint (IndexedDB,
 * where persistence/ also keeps it, cannot be read synchronously). */
export const LOCALE_MIRROR_KEY = 'segmint.locale';
const STORAGE_KEY = LOCALE_MIRROR_KEY;

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be unavailable (private mode); fall back to the browser's language
  }
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

/** Keeps a chosen language (persistence/ sets it: the mirror and IndexedDB, or nothing in a
 * read-only tab). */
let keepLocale: (locale: Locale) => void = () => {};
export function onLocaleChosen(keep: (locale: Locale) => void): void {
  keepLocale = keep;
}

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  keepLocale(locale);
}

/** The message for `key` in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[i18n.locale][key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** `key`'s text split around its {slot} placeholder (the others filled in from `vars`): the
 * parts before and after, so that a component shows the slot's value as code or data
 * (`<code>`, translate="no") inside the translated sentence. */
export function tAround(key: MessageKey, slot: string, vars: Record<string, string | number> = {}): [string, string] {
  const marker = '\u0000';
  const [before = '', after = ''] = t(key, { ...vars, [slot]: marker }).split(marker);
  return [before, after];
}

/** An engine message (issue, repair, left-out reason) in the current language: rendered from its
 * code, or its English text when it has none. */
export function engineText(item: Coded): Text {
  return localize(item, i18n.locale);
}
