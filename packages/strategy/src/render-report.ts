// The segment report as Markdown, a self-contained HTML page (inline CSS and SVG, no scripts,
// no external assets, a CSP that forbids loading anything), CSV and JSON.
import { csvLine, escapeHtml, mdCell, mdText } from './escape.js';
import { fmtCompact, fmtInt, fmtNum, fmtPct, type Lang } from './format.js';
import { texts } from './i18n.js';
import { renderStrategyDiagnostic, type StrategyDiagnostic } from './diagnostics.js';
import { htmlPage } from './html-page.js';
import type { KpiStatus, ReportSegment, SegmentReport } from './report.js';
import type { Stat } from '@segmint/engine';
import { NEUTRAL, categorical, legendHtml, paretoChart, sceneToSvg, segmentsChart, type ChartScene } from './charts/index.js';

/** A note (a playbook diagnostic) in the report's language, from its catalogue key. */
function noteText(n: StrategyDiagnostic, lang: Lang): { message: string; hint?: string } {
  return renderStrategyDiagnostic(n, lang === 'zh' ? 'zh-CN' : 'en');
}

function segName(s: ReportSegment, lang: Lang): string {
  if (s.segment === null) return texts(lang).unassigned;
  return s.label ?? s.segment;
}

function statText(st: Stat, lang: Lang, money = false): string {
  const f = (v: number | null) => (money ? fmtCompact(v, lang) : fmtNum(v, lang));
  if (st.mean === null) return '–';
  return `${f(st.mean)} / ${f(st.median)} (${f(st.min)}–${f(st.max)})`;
}

function kpiText(k: KpiStatus, lang: Lang): string {
  const t = texts(lang);
  const parts = [k.name];
  if (k.target) parts.push(`${t.target} ${k.target}`);
  if (k.value !== null) {
    const pctLike = k.metric === 'repurchase_rate' || k.metric === 'share_of_m' || k.metric === 'share' || k.metric === 'retention';
    parts.push(`${t.current} ${pctLike ? fmtPct(k.value, lang) : k.metric === 'customers' ? fmtInt(k.value, lang) : fmtNum(k.value, lang, 2)}`);
  } else if (k.metric === 'retention') parts.push(t.needsTwoRuns);
  if (k.met !== null) parts.push(k.met ? `✓ ${t.met}` : `✗ ${t.notMet}`);
  return parts.join(' · ');
}

function allRows(r: SegmentReport): ReportSegment[] {
  return r.unassigned ? [...r.segments, r.unassigned] : r.segments;
}

function paretoLines(r: SegmentReport): string[] {
  const t = texts(r.lang);
  if (r.pareto.topMShare === null) return [t.paretoNone];
  const out = [t.pareto(fmtPct(r.pareto.topShare, r.lang, 0), fmtPct(r.pareto.topMShare, r.lang))];
  if (r.pareto.customersFor80 !== null) out.push(t.pareto80(fmtPct(r.pareto.customersFor80, r.lang)));
  return out;
}

export function reportToMarkdown(r: SegmentReport): string {
  const t = texts(r.lang);
  const L = r.lang;
  const out: string[] = [];
  out.push(`# ${mdText(r.title)}`, '');
  out.push(`${t.asOf}: ${mdText(r.asOf)} · ${t.customers}: ${fmtInt(r.customers, L)} · ${t.totalM}: ${fmtNum(r.M, L, 2)}`);
  if (r.rulesFile) out.push(`${t.rules}: \`${r.rulesFile.replace(/`/g, "'")}\``);
  if (r.playbooksFile) out.push(`${t.playbooks}: \`${r.playbooksFile.replace(/`/g, "'")}\``);
  out.push('', ...paretoLines(r).map((l) => `**${l}**`), '');
  out.push(`## ${t.segmentsTable}`, '');
  out.push(`| ${t.segment} | id | ${t.customers} | ${t.share} | ${t.M} | ${t.shareM} | R ${t.mean} / ${t.median} (${t.range}) | F ${t.mean} / ${t.median} (${t.range}) | M ${t.mean} / ${t.median} (${t.range}) | ${t.repurchase} | ${t.aov} | ${t.goal} | ${t.owner} |`);
  out.push('| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | --- | --- |');
  for (const s of allRows(r)) {
    out.push(
      `| ${mdCell(segName(s, L))} | ${mdCell(s.segment ?? '')} | ${fmtInt(s.customers, L)} | ${fmtPct(s.share, L)} | ${fmtNum(s.M, L, 2)} | ${fmtPct(s.shareM, L)} | ${statText(s.R, L)} | ${statText(s.F, L)} | ${statText(s.Mstat, L, true)} | ${fmtPct(s.repurchaseRate, L)} | ${fmtNum(s.aov, L, 2)} | ${mdCell(s.playbook?.goal ?? (s.segment === null ? '' : t.noPlaybook))} | ${mdCell(s.playbook?.owner ?? '')} |`
    );
  }
  out.push('', `## ${t.playbooksTitle}`, '');
  for (const s of r.segments) {
    const pb = s.playbook;
    out.push(`### ${mdText(segName(s, L))} (${mdText(s.segment ?? '')})`, '');
    if (!pb) {
      out.push(`_${t.noPlaybook}_`, '');
      continue;
    }
    out.push(`- **${t.goal}:** ${mdText(pb.goal)}`);
    if (pb.measures.length) out.push(`- **${t.measures}:**`, ...pb.measures.map((m) => `  - ${mdText(m)}`));
    for (const [k, v] of [
      [t.owner, pb.owner],
      [t.timing, pb.timing],
      [t.cadence, pb.cadence],
      [t.channel, pb.channel]
    ] as const)
      if (v) out.push(`- **${k}:** ${mdText(v)}`);
    if (s.kpis.length) out.push(`- **${t.kpis}:**`, ...s.kpis.map((k) => `  - ${mdText(kpiText(k, L))}`));
    out.push('');
  }
  if (r.notes.length) {
    out.push(`## ${t.notes}`, '');
    for (const n of r.notes) {
      const m = noteText(n, L);
      out.push(`- ${n.severity}: ${mdText(m.message)}${m.hint ? ` (${mdText(m.hint)})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const REPORT_CSV_COLUMNS = [
  'segment', 'label', 'customers', 'share', 'M', 'share_M',
  'R_mean', 'R_median', 'R_min', 'R_max', 'F_mean', 'F_median', 'F_min', 'F_max', 'M_mean', 'M_median', 'M_min', 'M_max',
  'repurchase_rate', 'aov', 'M_per_customer', 'goal', 'owner', 'timing', 'channel', 'kpis'
] as const;

/** One row per segment (then the unassigned row with an empty segment), numbers in full precision. */
export function reportToCsv(r: SegmentReport): string {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const s of allRows(r)) {
    const pb = s.playbook;
    lines.push(
      csvLine([
        s.segment, s.label, s.customers, s.share, s.M, s.shareM,
        s.R.mean, s.R.median, s.R.min, s.R.max, s.F.mean, s.F.median, s.F.min, s.F.max, s.Mstat.mean, s.Mstat.median, s.Mstat.min, s.Mstat.max,
        s.repurchaseRate, s.aov, s.mPerCustomer, pb?.goal, pb?.owner, pb?.timing, pb?.channel,
        s.kpis.map((k) => `${k.name}${k.target ? ` ${k.target}` : ''}`).join('; ')
      ])
    );
  }
  return lines.join('\n') + '\n';
}

export function reportToJson(r: SegmentReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/** The segment sizes and value chart: the app's scene (charts/segments.ts), as inline SVG. */
function sharesChart(r: SegmentReport): ChartScene {
  const t = texts(r.lang);
  return segmentsChart({
    segments: allRows(r).map((s) => ({ id: s.segment, label: segName(s, r.lang), customers: s.customers, m: s.M })),
    labels: { title: t.chartShares, summary: t.chartSharesSummary, segment: t.segment, customers: t.customers, share: t.share, shareM: t.shareM, m: t.M },
    locale: locale(r.lang),
    width: 720
  });
}

/** The Pareto chart: the app's scene (charts/pareto.ts). */
function paretoScene(r: SegmentReport): ChartScene {
  const t = texts(r.lang);
  return paretoChart({
    curve: r.pareto.curve,
    topShare: r.pareto.topShare,
    topMShare: r.pareto.topMShare,
    labels: { title: t.chartPareto, summary: t.chartParetoSummary, customersAxis: t.paretoAxisCustomers, mAxis: t.paretoAxisM, point: t.paretoPoint, equality: t.paretoEquality, curve: t.paretoCurve },
    locale: locale(r.lang)
  });
}

/** A chart as a figure: the SVG, its legend and its caption (the numbers are in the tables). */
function chartFigure(scene: ChartScene): string {
  return `<figure>${sceneToSvg(scene)}${legendHtml(scene)}<figcaption>${escapeHtml(scene.title)}</figcaption></figure>`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:24px auto;max-width:1360px;padding:0 16px;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555}.pareto{font-size:1.1em;background:#f3f6fb;border-left:4px solid #2f6db5;padding:8px 12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top}
th{background:#f5f5f5;text-align:left}td.n{text-align:right;white-space:nowrap}td{overflow-wrap:break-word}td.stat{white-space:normal;min-width:7em}td.goal{min-width:12em}.scroll{overflow-x:auto}tr.unassigned td{background:#fff8e6;font-style:italic}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.charts figure{margin:0;flex:0 1 auto;max-width:100%}figcaption{font-size:12px;color:#555}
.pb{border:1px solid #e3e3e3;border-radius:6px;padding:8px 14px;margin:10px 0}.pb h3{margin:.3em 0}.swatch{display:inline-block;width:10px;height:10px;margin-right:6px}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:4px 0;font-size:12px}.legend .sw{display:inline-block;width:10px;height:10px;border-radius:2px}.legend .ln{display:inline-block;width:18px;vertical-align:middle}
.met{color:#2e7d32}.notmet{color:#c62828}.muted{color:#888}.notes li{color:#8a5a00}
`;

export function reportToHtml(r: SegmentReport): string {
  const t = texts(r.lang);
  const L = r.lang;
  const e = escapeHtml;
  const rows = allRows(r)
    .map((s, i) => {
      // the segment's colour in the charts (Okabe-Ito; the unassigned grey)
      const color = s.segment === null ? NEUTRAL : categorical(i);
      return `<tr${s.segment === null ? ' class="unassigned"' : ''}><td><span class="swatch" style="background:${color}"></span>${e(segName(s, L))}${s.segment !== null && s.label ? ` <span class="muted">${e(s.segment)}</span>` : ''}</td><td class="n">${e(fmtInt(s.customers, L))}</td><td class="n">${e(fmtPct(s.share, L))}</td><td class="n">${e(fmtNum(s.M, L, 2))}</td><td class="n">${e(fmtPct(s.shareM, L))}</td><td class="n stat">${e(statText(s.R, L))}</td><td class="n stat">${e(statText(s.F, L))}</td><td class="n stat">${e(statText(s.Mstat, L, true))}</td><td class="n">${e(fmtPct(s.repurchaseRate, L))}</td><td class="n">${e(fmtNum(s.aov, L, 2))}</td><td class="goal">${s.playbook ? e(s.playbook.goal) : s.segment === null ? '' : `<span class="muted">${e(t.noPlaybook)}</span>`}</td><td class="owner">${e(s.playbook?.owner ?? '')}</td></tr>`;
    })
    .join('\n');
  const pbs = r.segments
    .map((s) => {
      const pb = s.playbook;
      const head = `<h3>${e(segName(s, L))} <span class="muted">${e(s.segment ?? '')}</span></h3>`;
      if (!pb) return `<section class="pb">${head}<p class="muted">${e(t.noPlaybook)}</p></section>`;
      const fields = (
        [
          [t.owner, pb.owner],
          [t.timing, pb.timing],
          [t.cadence, pb.cadence],
          [t.channel, pb.channel]
        ] as const
      )
        .filter(([, v]) => v)
        .map(([k, v]) => `<li><b>${e(k)}:</b> ${e(v)}</li>`)
        .join('');
      const measures = pb.measures.length ? `<p><b>${e(t.measures)}:</b></p><ol>${pb.measures.map((m) => `<li>${e(m)}</li>`).join('')}</ol>` : '';
      const kpis = s.kpis.length
        ? `<p><b>${e(t.kpis)}:</b></p><ul>${s.kpis.map((k) => `<li${k.met === null ? '' : ` class="${k.met ? 'met' : 'notmet'}"`}>${e(kpiText(k, L))}</li>`).join('')}</ul>`
        : '';
      return `<section class="pb">${head}<p><b>${e(t.goal)}:</b> ${e(pb.goal)}</p>${measures}<ul>${fields}</ul>${kpis}</section>`;
    })
    .join('\n');
  const notes = r.notes.length ? `<h2>${e(t.notes)}</h2><ul class="notes">${r.notes.map((n) => noteText(n, L)).map((m) => `<li>${e(m.message)}${m.hint ? ` — ${e(m.hint)}` : ''}</li>`).join('')}</ul>` : '';
  const meta = [`${t.asOf}: ${r.asOf}`, `${t.customers}: ${fmtInt(r.customers, L)}`, `${t.totalM}: ${fmtNum(r.M, L, 2)}`];
  if (r.rulesFile) meta.push(`${t.rules}: ${r.rulesFile}`);
  if (r.playbooksFile) meta.push(`${t.playbooks}: ${r.playbooksFile}`);
  return htmlPage(L, r.title, CSS, `<h1>${e(r.title)}</h1>
<p class="meta">${meta.map(e).join(' · ')}</p>
<p class="pareto">${paretoLines(r).map(e).join('<br>')}</p>
<div class="charts">
${chartFigure(sharesChart(r))}
${r.pareto.curve.length ? chartFigure(paretoScene(r)) : ''}
</div>
<h2>${e(t.segmentsTable)}</h2>
<div class="scroll"><table>
<thead><tr><th>${e(t.segment)}</th><th>${e(t.customers)}</th><th>${e(t.share)}</th><th>${e(t.M)}</th><th>${e(t.shareM)}</th><th>R ${e(t.mean)} / ${e(t.median)} (${e(t.range)})</th><th>F ${e(t.mean)} / ${e(t.median)} (${e(t.range)})</th><th>M ${e(t.mean)} / ${e(t.median)} (${e(t.range)})</th><th>${e(t.repurchase)}</th><th>${e(t.aov)}</th><th>${e(t.goal)}</th><th>${e(t.owner)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<h2>${e(t.playbooksTitle)}</h2>
${pbs}
${notes}
`);
}
