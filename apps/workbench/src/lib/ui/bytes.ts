// Byte sizes for display (1,024-based, as file managers show them), in the UI's language.
import { i18n } from '../i18n/index.svelte.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 0 -> "0 B", 1536 -> "1.5 KB", 49_283_072 -> "47.0 MB"; one decimal above bytes. */
export function fmtBytes(n: number, locale: string = i18n.locale): string {
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)} ${UNITS[u]}`;
}
