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

const STORAGE_KEY = 'segmint.locale';

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

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not persisted; the switch still works for this visit
  }
}

/** The message for `key` in the current language, with {name} placeholders filled in. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = dictionaries[i18n.locale][key];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** An engine message (issue, repair, left-out reason) in the current language: rendered from its
 * code, or its English text when it has none. */
export function engineText(item: Coded): Text {
  return localize(item, i18n.locale);
}
