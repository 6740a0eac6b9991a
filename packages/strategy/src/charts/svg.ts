// A scene as a standalone SVG string (the HTML report's charts). Every text and attribute value
// is escaped here; the marks' tooltips become <title> children (the report has no scripts).
import { escapeHtml } from '../escape.js';
import type { ChartScene, Mark } from './scene.js';

/** Numbers written short and stable (same bytes on every run and platform). */
export function n(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function attrs(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeHtml(v)}"`)
    .join('');
}

function markSvg(m: Mark): string {
  const title = m.hit ? `<title>${escapeHtml(m.hit.tip)}</title>` : '';
  const cls: [string, string | undefined] = ['class', m.cls];
  switch (m.type) {
    case 'rect':
      return `<rect${attrs([cls, ['x', m.x], ['y', m.y], ['width', Math.max(0, m.width)], ['height', Math.max(0, m.height)], ['fill', m.fill], ['stroke', m.stroke], ['opacity', m.opacity]])}>${title}</rect>`;
    case 'path':
      return `<path${attrs([cls, ['d', m.d], ['fill', m.fill ?? 'none'], ['stroke', m.stroke], ['stroke-width', m.strokeWidth], ['stroke-dasharray', m.dash], ['opacity', m.opacity]])}>${title}</path>`;
    case 'line':
      return `<line${attrs([cls, ['x1', m.x1], ['y1', m.y1], ['x2', m.x2], ['y2', m.y2], ['stroke', m.stroke], ['stroke-width', m.strokeWidth], ['stroke-dasharray', m.dash]])}>${title}</line>`;
    case 'circle':
      return `<circle${attrs([cls, ['cx', m.cx], ['cy', m.cy], ['r', m.r], ['fill', m.fill], ['stroke', m.stroke]])}>${title}</circle>`;
    case 'text':
      return `<text${attrs([
        cls,
        ['x', m.x],
        ['y', m.y],
        ['text-anchor', m.anchor],
        ['dominant-baseline', m.baseline],
        ['font-size', m.size],
        ['font-weight', m.weight],
        ['fill', m.fill],
        ['transform', m.rotate ? `rotate(${n(m.rotate)} ${n(m.x)} ${n(m.y)})` : undefined]
      ])}>${escapeHtml(m.text)}${title}</text>`;
  }
}

/** The scene as an <svg> element: scales with the page (viewBox), named by its title. */
export function sceneToSvg(scene: ChartScene): string {
  const body = scene.marks.map(markSvg).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(scene.title)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" width="${n(scene.width)}" height="${n(scene.height)}" style="max-width:100%;height:auto" font-family="system-ui, sans-serif"><desc>${escapeHtml(scene.summary)}</desc>${body}</svg>`;
}

/** The legend as HTML (swatches and labels), for the report. */
export function legendHtml(scene: ChartScene): string {
  if (scene.legend.length === 0) return '';
  const items = scene.legend.map((l) => {
    // a line swatch as a bordered span (not an <svg>: the report's only SVGs are its charts)
    const sw = l.line
      ? `<span class="ln" style="border-top:2px ${l.dash ? 'dashed' : 'solid'} ${escapeHtml(l.fill)}"></span>`
      : `<span class="sw" style="background:${escapeHtml(l.fill)}"></span>`;
    return `<li${l.data ? ' translate="no"' : ''}>${sw} ${escapeHtml(l.label)}</li>`;
  });
  return `<ul class="legend">${items.join('')}</ul>`;
}

/** The text alternative as an HTML table. */
export function tableHtml(scene: ChartScene): string {
  const head = scene.table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = scene.table.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`).join('\n');
  return `<table class="chart-table"><caption>${escapeHtml(scene.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}
