// The migration Sankey: where the customers of each state (segment, unassigned, new) of the
// earlier run (or the saved rule file) went in the later run (or the edited rule file). Left
// nodes are the "from" states, right nodes the "to" states, in the review's order (segments in
// file order, then unassigned, new / gone); a link's width is its customers. Staying in the same
// state is drawn lighter, so the moves stand out. d3-sankey lays it out; the scene is drawn by
// the app (Chart.svelte) and by the HTML review (sceneToSvg), so both show the same picture.
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { fmtCompact, fmtInt, type Lang } from '../format.js';
import type { Migration, MigrationCell } from '../migration.js';
import { GONE, NEW, UNASSIGNED } from '../migration.js';
import { categorical, INK, MUTED_INK, NEUTRAL } from './palette.js';
import type { ChartScene, LegendItem, Mark } from './scene.js';

/** The texts of the chart, in the caller's language (the app's i18n, or the review's). */
export interface SankeyLabels {
  title: string;
  summary: string;
  /** the left and right column headings ("2024-03-31", "saved rules") */
  before: string;
  after: string;
  /** a state's display name (a segment's label, "unassigned", "new", "gone") */
  state: (id: string) => string;
  /** the tooltip of a flow (numbers already formatted) */
  tip: (p: { from: string; to: string; customers: string; m: string }) => string;
  /** the tooltip of a node */
  nodeTip: (p: { state: string; customers: string; side: 'before' | 'after' }) => string;
  /** legend: the lighter links */
  stayed: string;
  /** the table's first header cell (rows = before, columns = after) and its total */
  corner: string;
  total: string;
}

/** The hit key of a flow: `flow:<from>><to>`, both ids URI-encoded (so `>` and `:` in an id can
 * never be taken for the separator). */
export function flowKey(from: string, to: string): string {
  return `flow:${encodeURIComponent(from)}>${encodeURIComponent(to)}`;
}

/** The flow a hit key names, or null when it is not a flow key. */
export function parseFlowKey(key: string): { from: string; to: string } | null {
  const m = /^flow:([^>]*)>([^>]*)$/.exec(key);
  if (!m) return null;
  try {
    return { from: decodeURIComponent(m[1]!), to: decodeURIComponent(m[2]!) };
  } catch {
    return null;
  }
}

/** The hit key of a state's node (and its table row): `state:before:<id>` / `state:after:<id>`. */
export function stateKey(side: 'before' | 'after', state: string): string {
  return `state:${side}:${encodeURIComponent(state)}`;
}

/** The state a node key names, or null. */
export function parseStateKey(key: string): { side: 'before' | 'after'; state: string } | null {
  const m = /^state:(before|after):(.*)$/.exec(key);
  if (!m) return null;
  try {
    return { side: m[1] as 'before' | 'after', state: decodeURIComponent(m[2]!) };
  } catch {
    return null;
  }
}

/** The labels of the HTML review and the CLI (the strategy layer's own English and Chinese). */
export function defaultSankeyLabels(m: Migration): SankeyLabels {
  const zh = m.lang === 'zh';
  const rules = m.kind === 'rules';
  const state = (s: string) => stateLabel(m, s);
  return {
    title: zh ? (rules ? '规则变更：客户去向' : '客户迁移流向') : rules ? 'Who would move where' : 'Customer flows',
    summary: zh
      ? `左：${m.from}；右：${m.to}。带宽 = 客户数；浅色 = 保持原状态。`
      : `Left: ${m.from}; right: ${m.to}. Band width = customers; lighter bands = customers who stayed.`,
    before: m.from,
    after: m.to,
    state,
    tip: (p) => (zh ? `${p.from} → ${p.to}：${p.customers} 位客户，金额 ${p.m}` : `${p.from} → ${p.to}: ${p.customers} customers, M ${p.m}`),
    nodeTip: (p) => (zh ? `${p.state}（${p.side === 'before' ? '左' : '右'}）：${p.customers} 位客户` : `${p.state} (${p.side}): ${p.customers} customers`),
    stayed: zh ? '浅色：保持原状态' : 'lighter: stayed in the same state',
    corner: zh ? (rules ? '原规则 \\ 新规则' : '上期 \\ 本期') : rules ? 'old \\ new' : 'before \\ after',
    total: zh ? '合计' : 'total'
  };
}

/** A state's name in the review's language (segment label, unassigned, new, gone). */
export function stateLabel(m: Migration, s: string): string {
  const zh = m.lang === 'zh';
  if (s === NEW) return zh ? '新客户' : 'new';
  if (s === GONE) return zh ? '流失（数据中消失）' : 'gone';
  if (s === UNASSIGNED) return zh ? '未分配' : 'unassigned';
  return m.segments.find((x) => x.id === s)?.label ?? s;
}

/** The colour of a state: segments by their place in the file (Okabe-Ito), the others grey. */
export function stateColour(m: Migration, s: string): string {
  const i = m.segments.findIndex((x) => x.id === s);
  if (i >= 0) return categorical(i);
  // a segment of the earlier run the later one does not have: after the file's segments
  const extra = m.rows.indexOf(s);
  return s === UNASSIGNED || s === NEW || s === GONE || extra < 0 ? NEUTRAL : categorical(extra);
}

const WIDTH = 760;
const MARGIN = { top: 34, right: 170, bottom: 12, left: 170 };
const NODE_WIDTH = 14;
/** label width in "narrow characters" (a CJK or fullwidth character counts two): fits the
 * margin at 12 px */
const MAX_LABEL = 24;

function wide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
}

/** Text cut to `max` narrow characters (an ellipsis when cut): the full name is in the tooltip
 * and the table. */
export function short(text: string, max = MAX_LABEL): string {
  let w = 0;
  let out = '';
  const chars = [...text];
  const total = chars.reduce((a, ch) => a + (wide(ch) ? 2 : 1), 0);
  if (total <= max) return text;
  for (const ch of chars) {
    const cw = wide(ch) ? 2 : 1;
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

interface NodeExtra {
  id: string;
  state: string;
  side: 'before' | 'after';
  order: number;
}
interface LinkExtra {
  cell: MigrationCell;
}

/** The migration's Sankey as a scene (fixed size; the renderers scale it). */
export function sankeyChart(m: Migration, labels: SankeyLabels, locale: Lang): ChartScene {
  const used = (s: string, side: 'before' | 'after') => m.cells.some((c) => (side === 'before' ? c.from : c.to) === s && c.customers > 0);
  const left = m.rows.filter((s) => used(s, 'before'));
  const right = m.cols.filter((s) => used(s, 'after'));
  const n = Math.max(left.length, right.length, 1);
  const height = Math.max(220, MARGIN.top + MARGIN.bottom + n * 44);
  const nodes: NodeExtra[] = [
    ...left.map((s, i) => ({ id: `b:${s}`, state: s, side: 'before' as const, order: i })),
    ...right.map((s, i) => ({ id: `a:${s}`, state: s, side: 'after' as const, order: i }))
  ];
  const cells = m.cells.filter((c) => c.customers > 0);
  const total = cells.reduce((a, c) => a + c.customers, 0);
  const marks: Mark[] = [];
  marks.push(
    { type: 'text', x: MARGIN.left, y: 16, text: short(labels.before, 26), anchor: 'start', baseline: 'middle', size: 12, weight: 'bold', fill: INK },
    { type: 'text', x: WIDTH - MARGIN.right, y: 16, text: short(labels.after, 26), anchor: 'end', baseline: 'middle', size: 12, weight: 'bold', fill: INK }
  );
  if (total > 0) {
    const layout = sankey<NodeExtra, LinkExtra>()
      .nodeId((d) => d.id)
      .nodeWidth(NODE_WIDTH)
      .nodePadding(Math.min(16, Math.max(6, 120 / n)))
      .nodeSort((a, b) => a.order - b.order)
      // links leave and arrive in the review's order (the matrix's rows and columns)
      .linkSort((a, b) => (a.source as NodeExtra).order - (b.source as NodeExtra).order || (a.target as NodeExtra).order - (b.target as NodeExtra).order)
      .extent([
        [MARGIN.left, MARGIN.top],
        [WIDTH - MARGIN.right, height - MARGIN.bottom]
      ]);
    const graph = layout({
      nodes: nodes.map((d) => ({ ...d })),
      links: cells.map((c) => ({ source: `b:${c.from}`, target: `a:${c.to}`, value: c.customers, cell: c }))
    });
    const path = sankeyLinkHorizontal<NodeExtra, LinkExtra>();
    // the moves above the stays: drawn last, so they are on top where bands cross
    const links = [...graph.links].sort((a, b) => Number(a.cell.from !== a.cell.to) - Number(b.cell.from !== b.cell.to));
    for (const l of links as SankeyLink<NodeExtra, LinkExtra>[]) {
      const c = l.cell;
      const stayed = c.from === c.to;
      const mShown = c.from === NEW ? c.mAfter : c.mBefore;
      marks.push({
        type: 'path',
        d: path(l) ?? '',
        stroke: stateColour(m, c.from === NEW ? c.to : c.from),
        strokeWidth: Math.max(1, l.width ?? 1),
        opacity: stayed ? 0.22 : 0.6,
        cls: stayed ? 'flow stayed' : 'flow moved',
        hit: { key: flowKey(c.from, c.to), tip: labels.tip({ from: labels.state(c.from), to: labels.state(c.to), customers: fmtInt(c.customers, locale), m: fmtCompact(mShown, locale) }) }
      });
    }
    for (const d of graph.nodes as SankeyNode<NodeExtra, LinkExtra>[]) {
      const x0 = d.x0 ?? 0;
      const x1 = d.x1 ?? 0;
      const y0 = d.y0 ?? 0;
      const y1 = d.y1 ?? 0;
      const name = labels.state(d.state);
      const count = fmtInt(d.value ?? 0, locale);
      marks.push({
        type: 'rect',
        x: x0,
        y: y0,
        width: x1 - x0,
        height: Math.max(1, y1 - y0),
        fill: stateColour(m, d.state),
        stroke: INK,
        cls: 'node',
        hit: { key: stateKey(d.side, d.state), tip: labels.nodeTip({ state: name, customers: count, side: d.side }) }
      });
      const before = d.side === 'before';
      const y = (y0 + y1) / 2;
      marks.push({ type: 'text', x: before ? x0 - 6 : x1 + 6, y: y - 6, text: short(name), anchor: before ? 'end' : 'start', baseline: 'middle', size: 12, fill: INK });
      marks.push({ type: 'text', x: before ? x0 - 6 : x1 + 6, y: y + 8, text: count, anchor: before ? 'end' : 'start', baseline: 'middle', size: 11, fill: MUTED_INK });
    }
  }
  const legend: LegendItem[] = [];
  const seen = new Set<string>();
  for (const s of [...left, ...right]) {
    const fill = stateColour(m, s);
    const label = labels.state(s);
    if (seen.has(label)) continue;
    seen.add(label);
    legend.push({ label, fill });
  }
  legend.push({ label: labels.stayed, fill: NEUTRAL });
  // the text alternative: the matrix, one row per "from" state, counts (M below in the tooltip)
  const cell = (f: string, t: string) => m.cells.find((c) => c.from === f && c.to === t);
  const rows = left.map((f) => {
    const vals = right.map((t) => cell(f, t)?.customers ?? 0);
    return [labels.state(f), ...vals.map((v) => fmtInt(v, locale)), fmtInt(vals.reduce((a, b) => a + b, 0), locale)];
  });
  return {
    kind: 'sankey',
    width: WIDTH,
    height,
    title: labels.title,
    summary: labels.summary,
    marks,
    legend,
    table: { columns: [labels.corner, ...right.map((t) => labels.state(t)), labels.total], rows, keys: left.map((f) => stateKey('before', f)) }
  };
}
