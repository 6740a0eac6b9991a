// The segment report as Markdown, a self-contained HTML page (inline CSS and SVG, no scripts,
// no external assets, a CSP that forbids loading anything), CSV and JSON.
import { csvLine, escapeHtml, mdCell, mdText } from './escape.js';
import { fmtCompact, fmtInt, fmtNum, fmtPct, type Lang } from './format.js';
import { texts } from './i18n.js';
import { renderStrategyDiagnostic, type StrategyDiagnostic } from './diagnostics.js';
import { htmlPage } from './html-page.js';
import type { KpiStatus, ReportSegment, SegmentReport } from './report.js';
import type { Stat } from '@segmint/engine';

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

const PALETTE = ['#2f6db5', '#e07b39', '#3a9a5b', '#c0392b', '#8e6bbf', '#8c6d31', '#d35f9c', '#6f7a86', '#b5a02f', '#2fa5b5', '#5b3a9a', '#9a3a6b'];

function sharesChart(r: SegmentReport): string {
  const t = texts(r.lang);
  const rows = allRows(r);
  const labelW = 220;
  const barW = 360;
  const rowH = 34;
  const h = rows.length * rowH + 40;
  const parts: string[] = [];
  parts.push(`<svg role="img" aria-label="${escapeHtml(t.chartShares)}" viewBox="0 0 ${labelW + barW + 90} ${h}" width="${labelW + barW + 90}" height="${h}" style="max-width:100%;height:auto">`);
  parts.push(`<g font-size="11" fill="#333"><rect x="${labelW}" y="4" width="10" height="10" fill="#2f6db5"/><text x="${labelW + 14}" y="13">${escapeHtml(t.share)}</text>`);
  parts.push(`<rect x="${labelW + 110}" y="4" width="10" height="10" fill="#e07b39"/><text x="${labelW + 124}" y="13">${escapeHtml(t.shareM)}</text></g>`);
  rows.forEach((s, i) => {
    const y = 26 + i * rowH;
    const name = segName(s, r.lang);
    const short = name.length > 30 ? `${name.slice(0, 29)}…` : name;
    const w1 = Math.max(0, Math.min(1, s.share)) * barW;
    const w2 = Math.max(0, Math.min(1, s.shareM)) * barW;
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#222">${escapeHtml(short)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 2}" width="${w1.toFixed(1)}" height="12" fill="#2f6db5"/>`);
    parts.push(`<text x="${labelW + w1 + 4}" y="${y + 12}" font-size="10" fill="#333">${escapeHtml(fmtPct(s.share, r.lang))}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 16}" width="${w2.toFixed(1)}" height="12" fill="#e07b39"/>`);
    parts.push(`<text x="${labelW + w2 + 4}" y="${y + 26}" font-size="10" fill="#333">${escapeHtml(fmtPct(s.shareM, r.lang))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function paretoChart(r: SegmentReport): string {
  const t = texts(r.lang);
  const W = 420;
  const H = 300;
  const x0 = 50;
  const y0 = 260;
  const w = 340;
  const h = 230;
  const curve = r.pareto.curve;
  const maxM = Math.max(1, ...curve.map((c) => c.m));
  const pts = curve.map((c) => `${(x0 + c.customers * w).toFixed(1)},${(y0 - (c.m / maxM) * h).toFixed(1)}`).join(' ');
  const grid: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const gy = y0 - (i / 4) * h;
    const gx = x0 + (i / 4) * w;
    grid.push(`<line x1="${x0}" y1="${gy}" x2="${x0 + w}" y2="${gy}" stroke="#ddd"/><text x="${x0 - 6}" y="${gy + 4}" text-anchor="end">${escapeHtml(fmtPct((i / 4) * maxM, r.lang, 0))}</text>`);
    grid.push(`<text x="${gx}" y="${y0 + 16}" text-anchor="middle">${escapeHtml(fmtPct(i / 4, r.lang, 0))}</text>`);
  }
  const top = r.pareto.topMShare;
  const marker =
    top !== null
      ? `<line x1="${x0 + r.pareto.topShare * w}" y1="${y0}" x2="${x0 + r.pareto.topShare * w}" y2="${y0 - (top / maxM) * h}" stroke="#c0392b" stroke-dasharray="4 3"/><circle cx="${x0 + r.pareto.topShare * w}" cy="${y0 - (top / maxM) * h}" r="4" fill="#c0392b"/>`
      : '';
  return `<svg role="img" aria-label="${escapeHtml(t.chartPareto)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" style="max-width:100%;height:auto"><g font-size="10" fill="#555">${grid.join('')}</g><line x1="${x0}" y1="${y0}" x2="${x0 + w}" y2="${y0 - h}" stroke="#bbb" stroke-dasharray="2 3"/><polyline points="${pts}" fill="none" stroke="#2f6db5" stroke-width="2"/>${marker}<text x="${x0 + w / 2}" y="${H - 4}" text-anchor="middle" font-size="11" fill="#333">${escapeHtml(t.customers)}</text></svg>`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:24px auto;max-width:1360px;padding:0 16px;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555}.pareto{font-size:1.1em;background:#f3f6fb;border-left:4px solid #2f6db5;padding:8px 12px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top}
th{background:#f5f5f5;text-align:left}td.n{text-align:right;white-space:nowrap}td{overflow-wrap:break-word}td.stat{white-space:normal;min-width:7em}td.goal{min-width:12em}.scroll{overflow-x:auto}tr.unassigned td{background:#fff8e6;font-style:italic}
.charts{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.charts figure{margin:0;flex:0 1 auto;max-width:100%}figcaption{font-size:12px;color:#555}
.pb{border:1px solid #e3e3e3;border-radius:6px;padding:8px 14px;margin:10px 0}.pb h3{margin:.3em 0}.swatch{display:inline-block;width:10px;height:10px;margin-right:6px}
.met{color:#2e7d32}.notmet{color:#c62828}.muted{color:#888}.notes li{color:#8a5a00}
`;

export function reportToHtml(r: SegmentReport): string {
  const t = texts(r.lang);
  const L = r.lang;
  const e = escapeHtml;
  const rows = allRows(r)
    .map((s, i) => {
      const color = s.segment === null ? '#bbb' : PALETTE[i % PALETTE.length];
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
<figure>${sharesChart(r)}<figcaption>${e(t.chartShares)}</figcaption></figure>
${r.pareto.curve.length ? `<figure>${paretoChart(r)}<figcaption>${e(t.chartPareto)}</figcaption></figure>` : ''}
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
