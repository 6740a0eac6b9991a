// What the builders share: number formats by locale (Intl, cached), axes as marks, short labels.
import type { LineMark, Mark, TextMark } from './scene.js';
import { GRID, INK, MUTED_INK } from './palette.js';

const formats = new Map<string, Intl.NumberFormat>();

/** A cached Intl.NumberFormat (building one per number is slow at thousands of ticks and cells). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}

/** A count: 1,234 (en), 1,234 (zh). */
export function fmtCount(n: number, locale: string): string {
  return Number.isFinite(n) ? numberFormat(locale, { maximumFractionDigits: 0 }).format(n) : '–';
}

/** A share in [0, 1] as a percentage with `digits` decimals. */
export function fmtShare(v: number, locale: string, digits = 1): string {
  return Number.isFinite(v) ? numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v) : '–';
}

/** A value of a metric: up to 2 decimals (money), integers as they are. */
export function fmtValue(v: number, locale: string, digits = 2): string {
  return Number.isFinite(v) ? numberFormat(locale, { maximumFractionDigits: digits }).format(v) : '–';
}

/** Tick labels: compact for big numbers (12K / 1.2万), so axes stay readable on a phone. */
export function fmtTick(v: number, locale: string): string {
  if (!Number.isFinite(v)) return '–';
  return Math.abs(v) >= 10_000 ? numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v) : numberFormat(locale, { maximumFractionDigits: 2 }).format(v);
}

/** Display width of a text in ems, roughly: CJK and other wide characters count as 1, others 0.55. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 1 : 0.56;
  return w * size;
}

/** `s` cut to fit `maxWidth` px at `size`, with an ellipsis (the full text stays in the tooltip
 * and the table). */
export function fitText(s: string, maxWidth: number, size: number): string {
  if (textWidth(s, size) <= maxWidth) return s;
  const chars = [...s];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('')}…`;
}

export interface AxisTick {
  /** position along the axis, px */
  at: number;
  label: string;
}

/** A horizontal axis at y (ticks below), with gridlines up to `gridTop` and a title below. */
export function bottomAxis(o: { x0: number; x1: number; y: number; ticks: AxisTick[]; title: string; gridTop?: number; size?: number }): Mark[] {
  const size = o.size ?? 11;
  const marks: Mark[] = [];
  if (o.gridTop !== undefined) for (const t of o.ticks) marks.push(line(t.at, o.gridTop, t.at, o.y, GRID));
  marks.push(line(o.x0, o.y, o.x1, o.y, MUTED_INK));
  for (const t of o.ticks) {
    marks.push(line(t.at, o.y, t.at, o.y + 4, MUTED_INK));
    marks.push(text(t.at, o.y + 6 + size * 0.8, t.label, { anchor: 'middle', size, fill: MUTED_INK }));
  }
  if (o.title) marks.push(text((o.x0 + o.x1) / 2, o.y + 10 + size * 2, o.title, { anchor: 'middle', size: size + 1, fill: INK }));
  return marks;
}

/** A vertical axis at x (ticks to the left), gridlines to `gridRight`, its title above it. */
export function leftAxis(o: { x: number; y0: number; y1: number; ticks: AxisTick[]; title: string; gridRight?: number; size?: number; titleY?: number }): Mark[] {
  const size = o.size ?? 11;
  const marks: Mark[] = [];
  if (o.gridRight !== undefined) for (const t of o.ticks) marks.push(line(o.x, t.at, o.gridRight, t.at, GRID));
  marks.push(line(o.x, o.y0, o.x, o.y1, MUTED_INK));
  for (const t of o.ticks) {
    marks.push(line(o.x - 4, t.at, o.x, t.at, MUTED_INK));
    marks.push(text(o.x - 6, t.at, t.label, { anchor: 'end', baseline: 'middle', size, fill: MUTED_INK }));
  }
  if (o.title) marks.push(text(o.x, o.titleY ?? Math.min(o.y0, o.y1) - 10, o.title, { anchor: 'start', size: size + 1, fill: INK }));
  return marks;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra: Partial<LineMark> = {}): LineMark {
  return { type: 'line', x1, y1, x2, y2, stroke, ...extra };
}

export function text(x: number, y: number, s: string, extra: Partial<Omit<TextMark, 'type' | 'x' | 'y' | 'text'>> = {}): TextMark {
  return { type: 'text', x, y, text: s, ...extra };
}

/** Round to 2 decimals: the scene's coordinates are the same bytes on every run. */
export function r2(v: number): number {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}
