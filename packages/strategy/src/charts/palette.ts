// Colours safe for the common colour-vision deficiencies: the Okabe-Ito categorical palette
// (Okabe & Ito 2008, "Color Universal Design") for segments and flows, and viridis steps for
// sequential values (heatmaps). Fixed hex values so the app and the report draw the same.

/** Okabe-Ito without black (kept for text): orange, sky blue, bluish green, yellow, blue,
 * vermillion, reddish purple, then a grey for "unassigned" / "other". */
export const CATEGORICAL = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'] as const;
export const NEUTRAL = '#999999';
export const INK = '#222222';
export const MUTED_INK = '#555555';
export const GRID = '#dddddd';
/** reference lines: thresholds, the diagonal of equality */
export const REFERENCE = '#D55E00';

/** The colour of the i-th category. Past the seven hues (the RFM model has 11 segments) the
 * hues come again darker, then lighter, so no two of the first 21 categories share a colour;
 * the charts also label every bar, node and legend entry, so colour is never the only cue. */
export function categorical(i: number): string {
  const n = CATEGORICAL.length;
  const k = ((i % (3 * n)) + 3 * n) % (3 * n);
  const base = CATEGORICAL[k % n]!;
  const round = Math.floor(k / n);
  return round === 0 ? base : mix(base, round === 1 ? '#000000' : '#ffffff', round === 1 ? 0.4 : 0.45);
}

/** `a` moved towards `b` by t in [0, 1], as #rrggbb. */
function mix(a: string, b: string, t: number): string {
  const x = hex(a);
  const y = hex(b);
  return `#${x.map((v, k) => Math.round(v + (y[k]! - v) * t).toString(16).padStart(2, '0')).join('')}`;
}

// viridis at 9 stops (matplotlib's), low -> high
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

/** viridis at t in [0, 1] (linear between the stops). */
export function sequential(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = hex(VIRIDIS[i]!);
  const b = hex(VIRIDIS[i + 1]!);
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Text colour readable on `bg` (dark on light fills, white on dark). */
export function inkOn(bg: string): string {
  const [r, g, b] = hex(bg);
  const lum = (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  return lum > 0.55 ? INK : '#ffffff';
}

function hex(c: string): number[] {
  const h = c.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}
