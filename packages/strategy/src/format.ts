// Number formatting for reports, English and Simplified Chinese.
export type Lang = 'en' | 'zh';

export function isLang(v: string): v is Lang {
  return v === 'en' || v === 'zh';
}

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-US');

export function fmtInt(n: number | null, lang: Lang): string {
  if (n === null || !Number.isFinite(n)) return '–';
  return Math.round(n).toLocaleString(locale(lang));
}

export function fmtNum(n: number | null, lang: Lang, digits = 1): string {
  if (n === null || !Number.isFinite(n)) return '–';
  return n.toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function fmtPct(share: number | null, lang: Lang, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '–';
  return `${(share * 100).toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits })}%`;
}

/** Money-like amounts, compact: 210k / 1.2M (en), 21万 / 1.2亿 (zh). */
export function fmtCompact(n: number | null, lang: Lang): string {
  if (n === null || !Number.isFinite(n)) return '–';
  const sign = n < 0 ? '-' : '';
  const a = Math.abs(n);
  const f = (v: number) => v.toLocaleString(locale(lang), { maximumFractionDigits: v >= 100 ? 0 : 1 });
  if (lang === 'zh') {
    if (a >= 1e8) return `${sign}${f(a / 1e8)}亿`;
    if (a >= 1e4) return `${sign}${f(a / 1e4)}万`;
    return `${sign}${f(a)}`;
  }
  if (a >= 1e9) return `${sign}${f(a / 1e9)}bn`;
  if (a >= 1e6) return `${sign}${f(a / 1e6)}M`;
  if (a >= 1e3) return `${sign}${f(a / 1e3)}k`;
  return `${sign}${f(a)}`;
}
