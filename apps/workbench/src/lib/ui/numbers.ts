// One number format per table column (or range): the decimals and the compact unit are chosen
// once from all the column's values, so a column never mixes "1.2K" with "980.5", or "120" with
// "46.74". Pure functions of the values and the locale (lib/ui/format.ts passes the UI's).

export interface NumberFormat {
  /** fraction digits shown, the same for every value of the column */
  decimals: number;
  /** every value is divided by this before it is shown (1, or a compact unit: 1e3, 1e4, 1e6...) */
  scale: number;
  /** the compact unit's letters in the locale ("K", "M", "万"...), '' for plain numbers */
  suffix: string;
}

export interface ChooseOptions {
  /** the most fraction digits a plain column shows (default 2) */
  maxDecimals?: number;
  /** from this magnitude on the column is shown in a compact unit (default 100,000; Infinity: never) */
  compactFrom?: number;
}

const PLAIN: NumberFormat = { decimals: 0, scale: 1, suffix: '' };

const unitsCache = new Map<string, { scale: number; suffix: string }[]>();

/** The compact units of `locale`, smallest first: en K (1e3), M (1e6), B (1e9), T (1e12);
 * zh-CN 万 (1e4), 亿 (1e8), 万亿 (1e12). Read from Intl: a power of ten that compact notation
 * writes as "1" and a unit is a unit. */
export function compactUnits(locale: string): { scale: number; suffix: string }[] {
  let units = unitsCache.get(locale);
  if (units) return units;
  units = [];
  const f = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 0 });
  for (let e = 3; e <= 12; e++) {
    const scale = 10 ** e;
    const parts = f.formatToParts(scale);
    const integer = parts.filter((p) => p.type === 'integer').map((p) => p.value).join('');
    const unit = parts.find((p) => p.type === 'compact');
    if (integer === '1' && unit) {
      // any literal between the number and the unit (a space in some locales) stays with the unit
      const at = parts.findIndex((p) => p.type === 'integer');
      const suffix = parts.slice(at + 1).map((p) => p.value).join('');
      units.push({ scale, suffix });
    }
  }
  unitsCache.set(locale, units);
  return units;
}

/** The fraction digits `v` needs, at most `max` (46.74 -> 2, 46.7 -> 1, 120 -> 0, 1/3 -> max). */
export function decimalsNeeded(v: number, max: number): number {
  const rounded = Number(v.toFixed(max));
  for (let d = 0; d < max; d++) {
    if (Math.abs(Number(rounded.toFixed(d)) - rounded) < 10 ** -(max + 2)) return d;
  }
  return max;
}

/** The format of a column with these values (nulls and non-finite values ignored). */
export function chooseFormat(values: Iterable<number | null | undefined>, locale: string, options: ChooseOptions = {}): NumberFormat {
  const maxDecimals = options.maxDecimals ?? 2;
  const compactFrom = options.compactFrom ?? 100_000;
  const finite: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) finite.push(v);
  if (!finite.length) return PLAIN;
  const maxAbs = Math.max(...finite.map(Math.abs));
  if (maxAbs >= compactFrom) {
    const unit = compactUnits(locale).filter((u) => u.scale <= maxAbs).at(-1);
    if (unit) {
      // three significant digits for the largest value: 2.5M, 15.3万, 150K
      const scaled = maxAbs / unit.scale;
      return { decimals: scaled >= 100 ? 0 : 1, scale: unit.scale, suffix: unit.suffix };
    }
  }
  return { decimals: Math.max(...finite.map((v) => decimalsNeeded(v, maxDecimals))), scale: 1, suffix: '' };
}

const formatters = new Map<string, Intl.NumberFormat>();

/** `n` in the column's format. */
export function formatNumber(f: NumberFormat, n: number, locale: string): string {
  const key = `${locale}|${f.decimals}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { minimumFractionDigits: f.decimals, maximumFractionDigits: f.decimals });
    formatters.set(key, nf);
  }
  const text = nf.format(n / f.scale);
  // "-0" / "-0.0" when a small negative value rounds away: shown as zero
  return (/^-0([.,]0+)?$/.test(text) ? text.slice(1) : text) + f.suffix;
}

/** A range in the column's format: "12 – 340", one value when min = max, '–' without data. */
export function formatRange(f: NumberFormat, min: number | null, max: number | null, locale: string): string {
  if (min === null || max === null) return '–';
  return min === max ? formatNumber(f, min, locale) : `${formatNumber(f, min, locale)} – ${formatNumber(f, max, locale)}`;
}
