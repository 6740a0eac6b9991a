// Migration review: two runs of the same rule file (two as-of dates, or two data files) compared
// customer by customer. States: the segments in file order (earlier = better), "unassigned",
// and "new" (only in the later run) / "gone" (only in the earlier run).
import { ident, type Backend } from '@segmint/engine';
import { csvLine, escapeHtml, mdCell, mdText } from './escape.js';
import { htmlPage } from './html-page.js';
import { fmtCompact, fmtInt, fmtPct, type Lang } from './format.js';
import { columnsOf, metricExpr, num } from './sql.js';
import type { Playbook } from './playbooks.js';
import { kpiStatus, type KpiStatus } from './report.js';
import type { Params } from '@segmint/dsl';
import { renderStrategyMessage, type StrategyMessageKey } from './messages/index.js';
import { defaultSankeyLabels, sankeyChart } from './charts/sankey.js';
import { legendHtml, sceneToSvg, tableHtml } from './charts/svg.js';

/** A run's state of a customer. Segment ids are identifiers of the rules language, so these
 * keys (with parentheses) can never clash with one. */
export const UNASSIGNED = '(unassigned)';
export const NEW = '(new)';
export const GONE = '(gone)';

export interface MigrationCell {
  from: string;
  to: string;
  customers: number;
  /** M of these customers in the earlier run (0 for "new") */
  mBefore: number;
  /** M of these customers in the later run (0 for "gone") */
  mAfter: number;
}

export interface Flow extends MigrationCell {
  /** the flow in words, in the review's language (from the catalogue: `key` and `params`) */
  text: string;
  key: StrategyMessageKey;
  params: Params;
}

export interface SegmentRetention {
  segment: string;
  label: string | null;
  customers: number;
  same: number;
  better: number;
  worse: number;
  unassigned: number;
  gone: number;
  /** (same + better) / customers */
  retention: number | null;
  /** the playbook's KPIs with metric `retention`, evaluated on this review */
  kpis: KpiStatus[];
}

/** What is compared: two runs over time (two as-of dates or two data sets), or two versions of
 * a rule file on the same customers (no new or gone customers then). */
export type MigrationKind = 'dates' | 'rules';

export interface Migration {
  kind: MigrationKind;
  from: string;
  to: string;
  lang: Lang;
  segments: { id: string; label: string | null }[];
  /** row states: segments, unassigned, new */
  rows: string[];
  /** column states: segments, unassigned, gone */
  cols: string[];
  cells: MigrationCell[];
  beforeCustomers: number;
  afterCustomers: number;
  beforeM: number;
  afterM: number;
  /** customers in both runs whose state changed (new and gone customers not counted) */
  changed: number;
  flows: Flow[];
  retention: SegmentRetention[];
}

/** Keep what a run needs for the review (customer, segment, M) in its own table, so the customer
 * relation can be rebuilt for the next run. */
export async function snapshotRun(backend: Backend, options: { table: string; relation?: string; into: string }): Promise<void> {
  const relation = options.relation ?? 'customers';
  const cols = await columnsOf(backend, relation);
  await backend.exec(
    `CREATE OR REPLACE TABLE ${ident(options.into)} AS SELECT s.customer AS customer, s.segment AS segment, coalesce(${metricExpr(cols, 'M')}, 0) AS M
     FROM ${ident(options.table)} s JOIN ${ident(relation)} c ON c.customer = s.customer`
  );
}

/** The transition SQL over two snapshots (customer, segment, M). */
export function migrationSql(before: string, after: string): string {
  return `SELECT b.customer IS NOT NULL AS in_before, b.segment AS from_seg, a.customer IS NOT NULL AS in_after, a.segment AS to_seg,
      count(*) AS customers, coalesce(sum(b.M), 0) AS m_before, coalesce(sum(a.M), 0) AS m_after
    FROM ${ident(before)} b FULL OUTER JOIN ${ident(after)} a ON a.customer = b.customer
    GROUP BY ALL`;
}

export interface MigrationOptions {
  before: string;
  after: string;
  segments: readonly { id: string; label: string | null }[];
  from: string;
  to: string;
  lang?: Lang;
  /** how many flows to put in words (default 5) */
  flows?: number;
  /** playbooks: their `retention` KPIs are checked against the review */
  playbooks?: readonly Playbook[];
  /** 'dates' (default) or 'rules': a rule change's flows say "would move" */
  kind?: MigrationKind;
}

export async function computeMigration(backend: Backend, options: MigrationOptions): Promise<Migration> {
  const lang = options.lang ?? 'en';
  const kind = options.kind ?? 'dates';
  const ids = options.segments.map((s) => s.id);
  const rowsSql = await backend.query(migrationSql(options.before, options.after));
  const cells = new Map<string, MigrationCell>();
  const extra = new Set<string>();
  for (const r of rowsSql) {
    const from = r.in_before ? (r.from_seg === null ? UNASSIGNED : String(r.from_seg)) : NEW;
    const to = r.in_after ? (r.to_seg === null ? UNASSIGNED : String(r.to_seg)) : GONE;
    for (const s of [from, to]) if (s !== NEW && s !== GONE && s !== UNASSIGNED && !ids.includes(s)) extra.add(s);
    cells.set(`${from}\u0000${to}`, { from, to, customers: num(r.customers) ?? 0, mBefore: num(r.m_before) ?? 0, mAfter: num(r.m_after) ?? 0 });
  }
  const segs = [...ids, ...extra];
  const rows = [...segs, UNASSIGNED, NEW];
  const cols = [...segs, UNASSIGNED, GONE];
  const all: MigrationCell[] = [];
  for (const f of rows) for (const t of cols) all.push(cells.get(`${f}\u0000${t}`) ?? { from: f, to: t, customers: 0, mBefore: 0, mAfter: 0 });
  const sum = (pred: (c: MigrationCell) => boolean, k: 'customers' | 'mBefore' | 'mAfter') => all.filter(pred).reduce((a, c) => a + c[k], 0);
  const labels = new Map(options.segments.map((s) => [s.id, s.label]));
  const rank = (s: string) => segs.indexOf(s);
  const retention: SegmentRetention[] = segs.map((id) => {
    const row = all.filter((c) => c.from === id);
    const n = row.reduce((a, c) => a + c.customers, 0);
    const part = (p: (c: MigrationCell) => boolean) => row.filter(p).reduce((a, c) => a + c.customers, 0);
    const same = part((c) => c.to === id);
    const better = part((c) => rank(c.to) >= 0 && rank(c.to) < rank(id));
    const worse = part((c) => rank(c.to) > rank(id));
    const retention = n ? (same + better) / n : null;
    const pb = options.playbooks?.find((x) => x.segment === id);
    return {
      segment: id,
      label: labels.get(id) ?? null,
      customers: n,
      same,
      better,
      worse,
      unassigned: part((c) => c.to === UNASSIGNED),
      gone: part((c) => c.to === GONE),
      retention,
      kpis: (pb?.kpis ?? []).filter((k) => k.metric === 'retention').map((k) => kpiStatus(k, retention))
    };
  });
  const name = (s: string) => (s === UNASSIGNED ? (lang === 'zh' ? '未分配' : 'unassigned') : (labels.get(s) ?? s));
  const flows = all
    .filter((c) => c.customers > 0 && c.from !== c.to)
    .sort((a, b) => b.customers - a.customers || Math.abs(b.mBefore) + Math.abs(b.mAfter) - (Math.abs(a.mBefore) + Math.abs(a.mAfter)) || (a.from + a.to).localeCompare(b.from + b.to))
    .slice(0, options.flows ?? 5)
    .map((c) => {
      const { key, params } = flowMessage(c, name, lang, kind);
      return { ...c, key, params, text: renderStrategyMessage(key, params, lang === 'zh' ? 'zh-CN' : 'en') };
    });
  return {
    kind,
    from: options.from,
    to: options.to,
    lang,
    segments: options.segments.map((s) => ({ id: s.id, label: s.label })),
    rows,
    cols,
    cells: all,
    beforeCustomers: sum((c) => c.from !== NEW, 'customers'),
    afterCustomers: sum((c) => c.to !== GONE, 'customers'),
    beforeM: sum((c) => c.from !== NEW, 'mBefore'),
    afterM: sum((c) => c.to !== GONE, 'mAfter'),
    changed: sum((c) => c.from !== c.to && c.from !== NEW && c.to !== GONE, 'customers'),
    flows,
    retention
  };
}

/** A flow's message: key and params (the amount `m` in the review's compact form). */
function flowMessage(c: MigrationCell, name: (s: string) => string, lang: Lang, kind: MigrationKind): { key: StrategyMessageKey; params: Params } {
  const one = c.customers === 1 ? '.one' : '';
  // the same customers under two rule files: their M is the same on both sides
  if (kind === 'rules') return { key: `flow.moved${one}` as StrategyMessageKey, params: { count: c.customers, from: name(c.from), to: name(c.to), m: fmtInt(c.mBefore, lang) } };
  if (c.from === NEW) return { key: `flow.new${one}` as StrategyMessageKey, params: { count: c.customers, to: name(c.to), m: fmtCompact(c.mAfter, lang) } };
  if (c.to === GONE) return { key: `flow.gone${one}` as StrategyMessageKey, params: { count: c.customers, from: name(c.from), m: fmtCompact(c.mBefore, lang) } };
  return { key: `flow.changed${one}` as StrategyMessageKey, params: { count: c.customers, from: name(c.from), to: name(c.to), m: fmtCompact(c.mBefore, lang) } };
}

function stateName(m: Migration, s: string): string {
  if (s === NEW) return m.lang === 'zh' ? '新客户' : 'new';
  if (s === GONE) return m.lang === 'zh' ? '流失（数据中消失）' : 'gone';
  if (s === UNASSIGNED) return m.lang === 'zh' ? '未分配' : 'unassigned';
  return m.segments.find((x) => x.id === s)?.label ?? s;
}

export function migrationToMarkdown(m: Migration): string {
  const zh = m.lang === 'zh';
  const L = m.lang;
  const cell = (f: string, t: string) => m.cells.find((c) => c.from === f && c.to === t)!;
  const out: string[] = [];
  out.push(`# ${zh ? '客户迁移回顾' : 'Migration review'}: ${mdText(m.from)} → ${mdText(m.to)}`, '');
  out.push(
    zh
      ? `上期客户 ${fmtInt(m.beforeCustomers, L)}（金额 ${fmtCompact(m.beforeM, L)}），本期客户 ${fmtInt(m.afterCustomers, L)}（金额 ${fmtCompact(m.afterM, L)}）。`
      : `Before: ${fmtInt(m.beforeCustomers, L)} customers (M ${fmtCompact(m.beforeM, L)}); after: ${fmtInt(m.afterCustomers, L)} customers (M ${fmtCompact(m.afterM, L)}).`,
    ''
  );
  out.push(`## ${zh ? '主要流向' : 'Biggest flows'}`, '');
  if (!m.flows.length) out.push(zh ? '无客户变动。' : 'No customer changed state.');
  for (const f of m.flows) out.push(`- ${mdText(f.text)}`);
  out.push('', `## ${zh ? '各细分留存（同级或更好）' : 'Retention into the same or a better segment'}`, '');
  const withKpi = m.retention.some((r) => r.kpis.length > 0);
  const kpiText = (r: SegmentRetention) =>
    r.kpis.map((k) => `${k.name}${k.target ? ` ${k.target}` : ''}${k.met === null ? '' : k.met ? (zh ? ' ✓ 达成' : ' ✓ met') : zh ? ' ✗ 未达成' : ' ✗ not met'}`).join('; ');
  out.push(
    (zh ? '| 细分 | 上期客户 | 不变 | 升级 | 降级 | 未分配 | 消失 | 留存率 |' : '| segment | before | same | better | worse | unassigned | gone | retention |') +
      (withKpi ? (zh ? ' 留存 KPI |' : ' retention KPI |') : '')
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |' + (withKpi ? ' --- |' : ''));
  for (const r of m.retention)
    out.push(
      `| ${mdCell(r.label ?? r.segment)} | ${fmtInt(r.customers, L)} | ${fmtInt(r.same, L)} | ${fmtInt(r.better, L)} | ${fmtInt(r.worse, L)} | ${fmtInt(r.unassigned, L)} | ${fmtInt(r.gone, L)} | ${fmtPct(r.retention, L)} |` +
        (withKpi ? ` ${mdCell(kpiText(r))} |` : '')
    );
  out.push('', `## ${zh ? '迁移矩阵（客户数；行 = 上期，列 = 本期）' : 'Transition matrix (customers; rows = before, columns = after)'}`, '');
  // the unassigned row and column are left out of the tables when nobody is in them
  const empty = (s: string) => m.cells.every((c) => (c.from !== s && c.to !== s) || c.customers === 0);
  const rows = m.rows.filter((r) => r !== UNASSIGNED || !empty(UNASSIGNED));
  const cols = m.cols.filter((c) => c !== UNASSIGNED || !empty(UNASSIGNED));
  const head = [zh ? '上期 \\ 本期' : 'before \\ after', ...cols.map((c) => mdCell(stateName(m, c))), zh ? '合计' : 'total'];
  out.push(`| ${head.join(' | ')} |`, `| --- |${cols.map(() => ' ---: |').join('')} ---: |`);
  for (const f of rows) {
    const row = cols.map((t) => cell(f, t).customers);
    out.push(`| ${mdCell(stateName(m, f))} | ${row.map((v) => fmtInt(v, L)).join(' | ')} | ${fmtInt(row.reduce((a, b) => a + b, 0), L)} |`);
  }
  const colTotals = cols.map((t) => rows.reduce((a, f) => a + cell(f, t).customers, 0));
  out.push(`| ${zh ? '合计' : 'total'} | ${colTotals.map((v) => fmtInt(v, L)).join(' | ')} | |`);
  out.push('', `## ${zh ? '迁移矩阵（上期金额 M；新客户行为本期金额）' : "Transition matrix (M of the earlier run; the 'new' row: M of the later run)"}`, '');
  out.push(`| ${head.slice(0, -1).join(' | ')} |`, `| --- |${cols.map(() => ' ---: |').join('')}`);
  for (const f of rows) out.push(`| ${mdCell(stateName(m, f))} | ${cols.map((t) => fmtCompact(f === NEW ? cell(f, t).mAfter : cell(f, t).mBefore, L)).join(' | ')} |`);
  out.push('');
  return out.join('\n');
}

/** Long format: one row per (from, to) pair, with counts and both runs' M; full precision. */
export function migrationToCsv(m: Migration): string {
  const lines = ['from,to,customers,M_before,M_after'];
  for (const c of m.cells) lines.push(csvLine([c.from, c.to, c.customers, c.mBefore, c.mAfter]));
  return lines.join('\n') + '\n';
}

export function migrationToJson(m: Migration): string {
  return JSON.stringify(m, null, 2) + '\n';
}

/** The migration review as one self-contained HTML page (inline CSS, a heat-map matrix, no
 * scripts, no external assets, a CSP that forbids loading anything). */
const MIGRATION_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:24px auto;max-width:1360px;padding:0 16px;color:#222;line-height:1.45}
h2{margin-top:1.5em;border-bottom:1px solid #ddd;padding-bottom:.2em}table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top}
thead th{background:#f5f5f5}tbody th{text-align:left;background:#fafafa;font-weight:600}td.n{text-align:right;white-space:nowrap}small{color:#555}.muted{color:#bbb}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}.legend .sw{display:inline-block;width:12px;height:12px;border:1px solid #555;vertical-align:-1px}
figure{margin:1em 0}figcaption{color:#555;font-size:13px}details{margin:.5em 0}.chart-table caption{text-align:left;font-weight:600}
.met{color:#2e7d32}.notmet{color:#c62828}.flows li{margin:.2em 0}.scroll{overflow-x:auto}
`;

export function migrationToHtml(m: Migration, title?: string): string {
  const zh = m.lang === 'zh';
  const L = m.lang;
  const e = escapeHtml;
  const cell = (f: string, t: string) => m.cells.find((c) => c.from === f && c.to === t)!;
  const empty = (s: string) => m.cells.every((c) => (c.from !== s && c.to !== s) || c.customers === 0);
  const rows = m.rows.filter((r) => r !== UNASSIGNED || !empty(UNASSIGNED));
  const cols = m.cols.filter((c) => c !== UNASSIGNED || !empty(UNASSIGNED));
  const heading = title ?? (zh ? '客户迁移回顾' : 'Migration review');
  const rank = (s: string) => m.segments.findIndex((x) => x.id === s);
  const matrix = rows
    .map((f) => {
      const total = cols.reduce((a, t) => a + cell(f, t).customers, 0);
      const tds = cols
        .map((t) => {
          const c = cell(f, t);
          const share = total ? c.customers / total : 0;
          const moveUp = rank(f) >= 0 && rank(t) >= 0 && rank(t) < rank(f);
          const moveDown = (rank(f) >= 0 && rank(t) > rank(f)) || (f !== NEW && (t === GONE || t === UNASSIGNED));
          const hue = f === t ? '214,60%' : moveUp || f === NEW ? '140,45%' : moveDown ? '4,65%' : '0,0%';
          const bg = c.customers ? `background:hsl(${hue},${(96 - share * 45).toFixed(0)}%)` : '';
          const mShown = f === NEW ? c.mAfter : c.mBefore;
          return `<td class="n" style="${bg}">${c.customers ? `${e(fmtInt(c.customers, L))}<br><small>${e(fmtCompact(mShown, L))}</small>` : '<span class="muted">0</span>'}</td>`;
        })
        .join('');
      return `<tr><th>${e(stateName(m, f))}</th>${tds}<td class="n"><b>${e(fmtInt(total, L))}</b></td></tr>`;
    })
    .join('\n');
  const colTotals = cols.map((t) => rows.reduce((a, f) => a + cell(f, t).customers, 0));
  const retention = m.retention
    .map(
      (r) =>
        `<tr><th>${e(r.label ?? r.segment)}</th>${[r.customers, r.same, r.better, r.worse, r.unassigned, r.gone].map((v) => `<td class="n">${e(fmtInt(v, L))}</td>`).join('')}<td class="n"><b>${e(fmtPct(r.retention, L))}</b></td><td>${r.kpis
          .map((k) => `<span class="${k.met === null ? '' : k.met ? 'met' : 'notmet'}">${e(`${k.name}${k.target ? ` ${k.target}` : ''}${k.met === null ? '' : k.met ? ' ✓' : ' ✗'}`)}</span>`)
          .join('<br>')}</td></tr>`
    )
    .join('\n');
  const t = zh
    ? { flows: '主要流向', ret: '各细分留存（同级或更好）', seg: '细分', heads: ['上期客户', '不变', '升级', '降级', '未分配', '消失', '留存率', 'KPI'], matrix: '迁移矩阵（行 = 上期，列 = 本期；小字为金额：上期，新客户为本期）', total: '合计', none: '无客户变动。' }
    : { flows: 'Biggest flows', ret: 'Retention into the same or a better segment', seg: 'segment', heads: ['before', 'same', 'better', 'worse', 'unassigned', 'gone', 'retention', 'KPI'], matrix: "Transition matrix (rows = before, columns = after; small: M of the earlier run, for 'new' of the later run)", total: 'total', none: 'No customer changed state.' };
  const summary = zh
    ? `上期客户 ${fmtInt(m.beforeCustomers, L)}（金额 ${fmtCompact(m.beforeM, L)}），本期客户 ${fmtInt(m.afterCustomers, L)}（金额 ${fmtCompact(m.afterM, L)}）。`
    : `Before: ${fmtInt(m.beforeCustomers, L)} customers (M ${fmtCompact(m.beforeM, L)}); after: ${fmtInt(m.afterCustomers, L)} customers (M ${fmtCompact(m.afterM, L)}).`;
  return htmlPage(L, heading, MIGRATION_CSS, `<h1>${e(heading)}: ${e(m.from)} → ${e(m.to)}</h1>
<p>${e(summary)}</p>
<h2>${e(t.flows)}</h2>
${m.flows.length ? `<ul class="flows">${m.flows.map((f) => `<li>${e(f.text)}</li>`).join('')}</ul>` : `<p>${e(t.none)}</p>`}
${sankeyHtml(m)}
<h2>${e(t.ret)}</h2>
<div class="scroll"><table><thead><tr><th>${e(t.seg)}</th>${t.heads.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>
${retention}
</tbody></table></div>
<h2>${e(t.matrix)}</h2>
<div class="scroll"><table><thead><tr><th></th>${cols.map((c) => `<th>${e(stateName(m, c))}</th>`).join('')}<th>${e(t.total)}</th></tr></thead><tbody>
${matrix}
<tr><th>${e(t.total)}</th>${colTotals.map((v) => `<td class="n"><b>${e(fmtInt(v, L))}</b></td>`).join('')}<td></td></tr>
</tbody></table></div>
`);
}

/** The Sankey of the review (the same scene as the app's), its legend and the numbers as a table
 * (folded away), for the HTML page. Every text is escaped by the SVG and HTML renderers. */
function sankeyHtml(m: Migration): string {
  const scene = sankeyChart(m, defaultSankeyLabels(m), m.lang);
  const zh = m.lang === 'zh';
  return `<h2>${escapeHtml(scene.title)}</h2>
<figure>${sceneToSvg(scene)}<figcaption>${escapeHtml(scene.summary)}</figcaption></figure>
${legendHtml(scene)}
<details><summary>${escapeHtml(zh ? '以表格查看数字' : 'The numbers as a table')}</summary><div class="scroll">${tableHtml(scene)}</div></details>`;
}
