// The impact of a rule change: two versions of a rule file run on the SAME customers (same data,
// same as-of), compared customer by customer with the migration review's machinery. The states
// are the union of both files' segments (the new file's order, then the segments only the old
// file has), and unassigned; nobody is new or gone. Used by `segmint diff OLD.seg NEW.seg` and
// the app's "compare with the saved version".
import type { Backend } from '@segmint/engine';
import { mdCell, mdText } from './escape.js';
import { fmtInt, fmtPct, type Lang } from './format.js';
import { computeMigration, snapshotRun, UNASSIGNED, type Migration } from './migration.js';
import { stateLabel } from './charts/sankey.js';

export interface RuleDiffSide {
  /** the segmentation table of this version (customer, segment, ...) */
  table: string;
  /** its segments in file order */
  segments: readonly { id: string; label: string | null }[];
}

export interface RuleDiffOptions {
  old: RuleDiffSide;
  new: RuleDiffSide;
  /** the customer relation both ran on (default `customers`) */
  relation?: string;
  /** names of the two versions (file names, "saved", "edited") */
  from: string;
  to: string;
  lang?: Lang;
  /** how many moves to put in words (default 5) */
  flows?: number;
  /** the snapshot tables written (default segmint_diff_old / segmint_diff_new) */
  snapshots?: { before: string; after: string };
}

/** Both files' segments: the new file's in its order, then those only the old file has (a
 * segment in both takes the new file's label). */
export function mergeSegments(
  newer: readonly { id: string; label: string | null }[],
  older: readonly { id: string; label: string | null }[]
): { id: string; label: string | null }[] {
  const ids = new Set(newer.map((s) => s.id));
  return [...newer.map((s) => ({ id: s.id, label: s.label })), ...older.filter((s) => !ids.has(s.id)).map((s) => ({ id: s.id, label: s.label }))];
}

/** Who would move where between two segmentations of the same customers. */
export async function computeRuleDiff(backend: Backend, options: RuleDiffOptions): Promise<Migration> {
  const snaps = options.snapshots ?? { before: 'segmint_diff_old', after: 'segmint_diff_new' };
  const relation = options.relation ?? 'customers';
  await snapshotRun(backend, { table: options.old.table, relation, into: snaps.before });
  await snapshotRun(backend, { table: options.new.table, relation, into: snaps.after });
  return computeMigration(backend, {
    before: snaps.before,
    after: snaps.after,
    segments: mergeSegments(options.new.segments, options.old.segments),
    from: options.from,
    to: options.to,
    kind: 'rules',
    ...(options.lang !== undefined ? { lang: options.lang } : {}),
    ...(options.flows !== undefined ? { flows: options.flows } : {})
  });
}

export interface SegmentSize {
  segment: string;
  label: string | null;
  old: number;
  new: number;
}

/** Customers per state under each version (segments, then unassigned). */
export function segmentSizes(m: Migration): SegmentSize[] {
  const states = m.rows.filter((s) => m.cols.includes(s));
  return states.map((s) => ({
    segment: s,
    label: m.segments.find((x) => x.id === s)?.label ?? null,
    old: m.cells.filter((c) => c.from === s).reduce((a, c) => a + c.customers, 0),
    new: m.cells.filter((c) => c.to === s).reduce((a, c) => a + c.customers, 0)
  }));
}

/** The rule change for a review in git: a title naming both files, the customers whose segment
 * changes, the biggest moves in words, the segment sizes and the matrix. */
export function ruleDiffToMarkdown(m: Migration, options: { asOf?: string | null } = {}): string {
  const zh = m.lang === 'zh';
  const L = m.lang;
  const name = (s: string) => mdCell(stateLabel(m, s));
  const total = m.beforeCustomers;
  const out: string[] = [];
  out.push(`# ${zh ? '规则变更的影响' : 'Rule change'}: ${mdText(m.from)} → ${mdText(m.to)}`, '');
  const asOf = options.asOf ? (zh ? `（截至 ${mdText(options.asOf)}）` : ` (as of ${mdText(options.asOf)})`) : '';
  out.push(
    zh
      ? `${fmtInt(total, L)} 位客户${asOf}中，有 ${fmtInt(m.changed, L)} 位（${fmtPct(total ? m.changed / total : null, L)}）的细分会改变。`
      : `Of ${fmtInt(total, L)} customers${asOf}, ${fmtInt(m.changed, L)} (${fmtPct(total ? m.changed / total : null, L)}) would change segment.`,
    ''
  );
  out.push(`## ${zh ? '主要变动' : 'Biggest moves'}`, '');
  if (!m.flows.length) out.push(zh ? '没有客户会改变细分。' : 'No customer would change segment.');
  for (const f of m.flows) out.push(`- ${mdText(f.text)}`);
  out.push('', `## ${zh ? '各细分人数' : 'Segment sizes'}`, '');
  out.push(zh ? '| 细分 | 原规则 | 新规则 | 变化 |' : '| segment | old | new | change |', '| --- | ---: | ---: | ---: |');
  for (const s of segmentSizes(m)) {
    if (s.segment === UNASSIGNED && s.old === 0 && s.new === 0) continue;
    const d = s.new - s.old;
    out.push(`| ${name(s.segment)} | ${fmtInt(s.old, L)} | ${fmtInt(s.new, L)} | ${d > 0 ? '+' : ''}${fmtInt(d, L)} |`);
  }
  out.push('', `## ${zh ? '迁移矩阵（客户数；行 = 原规则，列 = 新规则）' : 'Matrix (customers; rows = old rules, columns = new rules)'}`, '');
  const empty = (s: string) => m.cells.every((c) => (c.from !== s && c.to !== s) || c.customers === 0);
  const rows = m.rows.filter((r) => m.cols.includes(r) && (r !== UNASSIGNED || !empty(r)));
  const cols = rows;
  const cell = (f: string, t: string) => m.cells.find((c) => c.from === f && c.to === t)?.customers ?? 0;
  out.push(`| ${[zh ? '原 \\ 新' : 'old \\ new', ...cols.map(name), zh ? '合计' : 'total'].join(' | ')} |`, `| --- |${cols.map(() => ' ---: |').join('')} ---: |`);
  for (const f of rows) {
    const vals = cols.map((t) => cell(f, t));
    out.push(`| ${name(f)} | ${vals.map((v, i) => (cols[i] === f ? fmtInt(v, L) : v ? `**${fmtInt(v, L)}**` : fmtInt(v, L))).join(' | ')} | ${fmtInt(vals.reduce((a, b) => a + b, 0), L)} |`);
  }
  out.push('', zh ? '对角线上为保持不变的客户；加粗的数字为会改变细分的客户。' : 'The diagonal: customers who keep their segment; in bold: customers who would move.', '');
  return out.join('\n');
}

/** Machine-readable: both files, the counts, the segment sizes, every non-empty cell and the
 * biggest moves (states: segment ids, `(unassigned)`). Numbers in full precision. */
export function ruleDiffToJson(m: Migration, options: { asOf?: string | null } = {}): string {
  return (
    JSON.stringify(
      {
        old: m.from,
        new: m.to,
        asOf: options.asOf ?? null,
        customers: m.beforeCustomers,
        changed: m.changed,
        segments: segmentSizes(m),
        cells: m.cells.filter((c) => c.customers > 0).map((c) => ({ from: c.from, to: c.to, customers: c.customers, M: c.mBefore })),
        moves: m.flows.map((f) => ({ from: f.from, to: f.to, customers: f.customers, M: f.mBefore, text: f.text }))
      },
      null,
      2
    ) + '\n'
  );
}
